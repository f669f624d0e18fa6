import { $, el, clear } from './dom.js';
import { get } from './api.js';
import { drawHistogram } from './histogram.js';

// Query and range live in the URL hash (#search?q=…&range=…), so a search can be shared as a link.
function readState() {
  const params = new URLSearchParams(location.hash.split('?')[1] || '');
  return { q: params.get('q') || '', range: params.get('range') || 'now-15m' };
}

function writeState(state) {
  const params = new URLSearchParams({ q: state.q, range: state.range });
  history.replaceState(null, '', `#search?${params}`);
}

function row(hit) {
  const level = String(hit.level || '');
  return el('tr', { class: 'hit', title: 'show surrounding lines', onclick: () => showContext(hit) },
    el('td', { text: hit['@timestamp'] }),
    el('td', { text: hit.host }),
    el('td', { text: hit.path }),
    el('td', { class: `level-${level.replace(/[^A-Za-z]/g, '')}`, text: level }),
    el('td', { class: 'message', text: hit.message }));
}

async function showContext(hit) {
  const pre = clear($('#context-lines'));
  $('#context-dialog').showModal();
  try {
    const result = await get('/api/context', { host: hit.host, path: hit.path, offset: hit.offset, file_id: hit.file_id, n: 20 });
    for (const line of result.lines) {
      pre.append(el('span', { class: line.offset === hit.offset ? 'anchor' : '', text: `${line.offset}  ${line.message}\n` }));
    }
  } catch (e) {
    pre.append(el('span', { class: 'error', text: e.message }));
  }
}

function facetList(facets) {
  const aside = clear($('#facets'));
  for (const [field, values] of Object.entries(facets)) {
    aside.append(el('h4', { text: field }));
    for (const { value, count } of values) {
      aside.append(el('a', { text: `${value} (${count})`, onclick: () => refine(field, value) }));
    }
  }
}

function refine(field, value) {
  const quoted = `${field}:"${String(value).replace(/(["\\])/g, '\\$1')}"`;
  $('#q').value = $('#q').value.trim() ? `${$('#q').value.trim()} AND ${quoted}` : quoted;
  run();
}

export async function run() {
  const state = { q: $('#q').value, range: $('#range').value };
  writeState(state);
  const params = { q: state.q, from: state.range, to: 'now' };
  for (const format of ['jsonl', 'text']) {
    $(`#download-${format}`).href = `/api/download?${new URLSearchParams({ ...params, format })}`;
  }
  $('#search-error').textContent = '';
  try {
    const [result, histogram, facets] = await Promise.all([
      get('/api/search', { ...params, size: 200 }), get('/api/histogram', params), get('/api/facets', params)]);
    $('#total').textContent = `${result.total} lines (showing ${result.hits.length}, newest first)`;
    clear($('#results tbody')).append(...result.hits.map(row));
    drawHistogram($('#histogram'), histogram);
    facetList(facets);
  } catch (e) {
    $('#search-error').textContent = e.message;
  }
}

// Live tail: ask for lines newer than the last one seen, once a second, until paused.
let tailTimer = null;
let tailCursor = null;

async function tailOnce() {
  try {
    const result = await get('/api/tail', { q: $('#q').value, after: tailCursor });
    tailCursor = result.after;
    const body = $('#results tbody');
    for (const hit of result.hits) body.prepend(row(hit));
    while (body.rows.length > 1000) body.deleteRow(-1); // keep the page bounded
  } catch (e) {
    $('#search-error').textContent = e.message;
  }
}

function toggleTail() {
  if (tailTimer) {
    clearInterval(tailTimer);
    tailTimer = null;
    $('#tail-toggle').textContent = 'Live tail';
    return;
  }
  tailCursor = Date.now() - 10_000;
  tailTimer = setInterval(tailOnce, 1000);
  $('#tail-toggle').textContent = 'Pause tail';
}

export function initSearch() {
  const state = readState();
  $('#q').value = state.q;
  $('#range').value = state.range;
  $('#search-form').addEventListener('submit', (e) => { e.preventDefault(); run(); });
  $('#range').addEventListener('change', run);
  $('#tail-toggle').addEventListener('click', toggleTail);
  $('#context-close').addEventListener('click', () => $('#context-dialog').close());
}
