import { $, el, clear, formatCount } from './dom.js';
import { get } from './api.js';
import { drawHistogram, drawLegend, initZoom } from './histogram.js';
import { initRange, readRange, writeRange, describeRange } from './timerange.js';
import { initResults, row, extraFields, setColumns, shownColumns } from './results.js';
import { navigate } from './router.js';
import { initSaved, openSaved } from './saved.js';
import { fieldFacet } from './fieldfacet.js';

// The search screen: query, time range and order live in the URL (#search?q=…&from=…&to=…&order=…); every
// search pushes a history entry, so the back button returns to the previous one.

const PAGE = 100;
let page = null; // { q, next (the server's cursor: range and order fixed at the first page), loaded, total }
let finished = 0; // searches done, shown as data-searches on the table (lets scripts and tests wait for one)

export function stateFromUrl() {
  const p = new URLSearchParams(location.hash.split('?')[1] || '');
  return { q: p.get('q') ?? '', from: p.get('from') || 'now-15m', to: p.get('to') || 'now', order: p.get('order') === 'asc' ? 'asc' : 'desc' };
}

const urlOf = (state) => `#search?${new URLSearchParams(state)}`;

function readControls() {
  return { q: $('#q').value.trim(), ...readRange(), order: $('#order').dataset.order || 'desc' };
}

function writeControls(state) {
  $('#q').value = state.q;
  writeRange(state);
  setOrder(state.order);
}

function setOrder(order) {
  $('#order').dataset.order = order;
  $('#order').textContent = order === 'asc' ? 'Oldest first ↑' : 'Newest first ↓';
}

function facetList(facets) {
  const aside = clear($('#facets'));
  aside.append(el('h3', { text: 'Fields' }));
  for (const [field, values] of Object.entries(facets)) {
    const max = Math.max(1, ...values.map((v) => v.count));
    aside.append(el('h4', { text: field }));
    if (!values.length) aside.append(el('p', { class: 'muted small', text: 'no values' }));
    for (const { value, count } of values) {
      const bar = el('span', { class: 'facet-bar' });
      bar.style.width = `${Math.round((count / max) * 100)}%`; // CSSOM: inline style attributes are blocked by the CSP
      aside.append(el('button', { type: 'button', class: 'facet', 'data-field': field, title: `filter on ${field}: ${value}`,
        onclick: () => refine(field, value) }, bar, el('span', { class: 'facet-value', text: value }),
        el('span', { class: 'facet-count', text: formatCount(count) })));
    }
  }
}

/** Adds field:"value" (negate: NOT field:"value") to the query and searches. */
function refine(field, value, negate = false) {
  const quoted = `${negate ? 'NOT ' : ''}${field}:"${String(value).replace(/(["\\])/g, '\\$1')}"`;
  const q = $('#q').value.trim();
  $('#q').value = q ? `${q} AND ${quoted}` : quoted;
  search();
}

/** One checkbox per field of the current hits (json.*, fields.* …) plus the ones shown now; ticking redraws. */
function columnChooser(hits) {
  const shown = shownColumns();
  const names = [...new Set([...shown, ...extraFields(hits)])].sort();
  const list = clear($('#column-list'));
  if (!names.length) list.append(el('p', { class: 'muted small', text: 'no other fields in these hits' }));
  for (const name of names) {
    const box = el('input', { type: 'checkbox', 'data-field': name, onchange: () => {
      const chosen = [...list.querySelectorAll('input:checked')].map((b) => b.dataset.field);
      setColumns(chosen);
      clear($('#results tbody')).append(...(page ? page.hits : []).map(row));
    } });
    box.checked = shown.includes(name);
    list.append(el('label', { class: 'column' }, box, el('span', { class: 'mono', text: name })));
  }
}

function updateDownloads(state) {
  for (const format of ['jsonl', 'text']) {
    $(`#download-${format}`).href = `/api/download?${new URLSearchParams({ q: state.q, from: state.from, to: state.to, format })}`;
  }
}

function showMore() {
  const { loaded, total } = page;
  $('#shown').textContent = total ? `showing ${formatCount(loaded)} of ${formatCount(total)}` : '';
  $('#load-more').hidden = !page.next;
}

/** A failed search leaves nothing of the previous one on screen: only its one-line message. */
function showFailure(message) {
  page = null;
  clear($('#results tbody'));
  clear($('#facets'));
  clear($('#legend'));
  $('#total').textContent = '';
  $('#shown-range').textContent = '';
  $('#shown').textContent = '';
  $('#load-more').hidden = true;
  const canvas = $('#histogram');
  canvas.getContext('2d').clearRect(0, 0, canvas.width, canvas.height);
  canvas.dataset.buckets = '0';
  $('#search-error').textContent = message;
}

/** Runs the search in the controls; records it in the history unless it came from the URL. */
export async function search({ fromUrl = false } = {}) {
  $('#search-error').textContent = '';
  let state;
  try {
    state = readControls();
  } catch (e) {
    $('#search-error').textContent = e.message;
    return;
  }
  if (!fromUrl) navigate(urlOf(state));
  $('#tabs a[data-tab=search]').href = urlOf(state); // coming back to the tab keeps the search
  updateDownloads(state);
  const params = { q: state.q, from: state.from, to: state.to };
  const table = $('#results');
  table.setAttribute('aria-busy', 'true');
  try {
    const result = await get('/api/search', { ...params, order: state.order, size: PAGE });
    const resolved = { q: state.q, from: result.from, to: result.to };
    const [histogram, facets] = await Promise.all([get('/api/histogram', resolved), get('/api/facets', resolved)]);
    page = { q: state.q, next: result.next, loaded: result.hits.length, total: result.total, hits: [...result.hits] };
    $('#total').textContent = `${formatCount(result.total)} ${result.total === 1 ? 'hit' : 'hits'}`;
    $('#shown-range').textContent = describeRange(result.from, result.to);
    clear($('#results tbody')).append(...result.hits.map(row));
    if (!result.hits.length) $('#results tbody').append(el('tr', {}, el('td', { colspan: 5, class: 'empty', text: 'No lines match this query in this time range.' })));
    showMore();
    drawHistogram($('#histogram'), histogram);
    drawLegend($('#legend'), histogram);
    facetList(facets);
    fieldFacet($('#facets'), resolved, refine);
    columnChooser(result.hits);
  } catch (e) {
    showFailure(e.message);
  } finally {
    table.setAttribute('aria-busy', 'false');
    table.dataset.searches = String(++finished);
  }
}

/**
 * For the live tail: the total, the resolved range and the histogram follow the lines arriving. Only for ranges
 * that end now: a range that ended earlier does not hold the new lines.
 */
export async function refreshCounts() {
  let state;
  try {
    state = readControls();
  } catch {
    return;
  }
  if (state.to !== 'now' || !page) return;
  const result = await get('/api/search', { q: state.q, from: state.from, to: state.to, size: 1 });
  const histogram = await get('/api/histogram', { q: state.q, from: result.from, to: result.to });
  $('#total').textContent = `${formatCount(result.total)} ${result.total === 1 ? 'hit' : 'hits'}`;
  $('#shown-range').textContent = describeRange(result.from, result.to);
  drawHistogram($('#histogram'), histogram);
  drawLegend($('#legend'), histogram);
}

async function loadMore() {
  if (!page || !page.next) return;
  $('#load-more').disabled = true;
  try {
    const result = await get('/api/search', { q: page.q, after: page.next, size: PAGE });
    $('#results tbody').append(...result.hits.map(row));
    page.hits.push(...result.hits);
    page.loaded += result.hits.length;
    page.total = result.total;
    page.next = result.next;
    showMore();
  } catch (e) {
    $('#search-error').textContent = e.message;
  } finally {
    $('#load-more').disabled = false;
  }
}

/** The search tab was routed to: show what the URL says. */
export async function showSearchFromUrl() {
  const saved = new URLSearchParams(location.hash.split('?')[1] || '').get('saved');
  if (saved) {
    try {
      const s = await openSaved(saved);
      const state = { q: s.q, from: s.from, to: s.to, order: 'desc' };
      history.replaceState(null, '', urlOf(state)); // the link's search becomes the page's state
      writeControls(state);
    } catch (e) {
      showFailure(`saved search ${saved}: ${e.message}`);
      return undefined;
    }
    return search({ fromUrl: true });
  }
  writeControls(stateFromUrl());
  return search({ fromUrl: true });
}

export function initSearch() {
  writeControls(stateFromUrl());
  initResults(refine);
  initRange(() => search());
  initSaved(() => { const { q, from, to } = readControls(); return { q, from, to }; });
  initZoom($('#histogram'), (from, to) => {
    writeRange({ from: new Date(from).toISOString(), to: new Date(to).toISOString() });
    search();
  });
  $('#search-form').addEventListener('submit', (e) => { e.preventDefault(); search(); });
  $('#order').addEventListener('click', () => { setOrder($('#order').dataset.order === 'asc' ? 'desc' : 'asc'); search(); });
  $('#load-more').addEventListener('click', loadMore);
  $('#syntax-toggle').addEventListener('click', () => {
    const help = $('#syntax-help');
    help.hidden = !help.hidden;
    $('#syntax-toggle').setAttribute('aria-expanded', String(!help.hidden));
  });
}
