import { $, el, clear, formatTime, shortPath } from './dom.js';
import { get } from './api.js';

// One table row per log line, a detail row with every field when clicked, and the context dialog.
// Search terms are marked by cutting the message at the server's character ranges into text nodes and <mark>
// elements built here: the message itself is never parsed as markup.

let contextHit = null; // the line the context dialog is open for; the N picker reloads around it
let onFilter = () => {}; // (field, value, negate): "filter for" / "filter out" a field's value
let extraColumns = []; // fields chosen in the column chooser, shown after the message
const FIXED = ['@timestamp', 'host', 'path', 'level', 'message', '_highlight'];
const levelClass = (level) => `level level-${String(level).replace(/[^A-Za-z]/g, '') || 'none'}`;

/** The message as text nodes, with the [start, end) ranges wrapped in <mark>. */
export function highlighted(message, ranges) {
  const text = String(message ?? '');
  const parts = [];
  let at = 0;
  const sorted = (Array.isArray(ranges) ? ranges : []).filter((r) => Array.isArray(r) && r[0] < r[1])
    .sort((a, b) => a[0] - b[0]);
  for (const [start, end] of sorted) {
    if (start < at || end > text.length) continue;
    if (start > at) parts.push(document.createTextNode(text.slice(at, start)));
    parts.push(el('mark', { text: text.slice(start, end) }));
    at = end;
  }
  if (at < text.length) parts.push(document.createTextNode(text.slice(at)));
  return parts;
}

function fieldValue(value) {
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}

/** Every leaf of the hit by dotted name (json.user.id, fields.env); arrays stay one value. */
export function flatten(hit, prefix = '', out = {}) {
  for (const [key, value] of Object.entries(hit)) {
    if (!prefix && key === '_highlight') continue;
    const name = prefix + key;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) flatten(value, `${name}.`, out);
    else out[name] = value;
  }
  return out;
}

function filterButtons(name, value) {
  const click = (negate) => (e) => { e.stopPropagation(); onFilter(name, fieldValue(value), negate); };
  return el('span', { class: 'filter-buttons' },
    el('button', { type: 'button', class: 'ghost filter-for', 'data-field': name, title: `filter for ${name}: this value`,
      text: '+', onclick: click(false) }),
    el('button', { type: 'button', class: 'ghost filter-out', 'data-field': name, title: `filter out ${name}: this value`,
      text: '−', onclick: click(true) }));
}

function details(hit) {
  const flat = flatten(hit);
  const fields = Object.keys(flat).sort();
  const table = el('table', { class: 'fields' }, ...fields.map((name) => el('tr', { 'data-field': name },
    el('th', { text: name }), el('td', { class: name === 'message' ? 'message' : '', text: fieldValue(flat[name]) }),
    el('td', { class: 'c-filter' }, flat[name] === null || flat[name] === undefined ? null : filterButtons(name, flat[name])))));
  const actions = el('div', { class: 'buttons' },
    el('button', { type: 'button', class: 'context-button', text: 'Show surrounding lines',
      onclick: (e) => { e.stopPropagation(); showContext(hit); } }));
  return el('tr', { class: 'details' }, el('td', { colspan: 5 + extraColumns.length }, table, actions));
}

function toggle(tr, hit) {
  if (window.getSelection && String(window.getSelection()).length) return; // selecting text is not a click
  const next = tr.nextElementSibling;
  if (next && next.classList.contains('details')) {
    next.remove();
    tr.classList.remove('open');
  } else {
    tr.after(details(hit));
    tr.classList.add('open');
  }
}

export function row(hit) {
  const level = hit.level ?? '';
  const tr = el('tr', { class: 'hit', title: 'click to show all fields' },
    el('td', { class: 'c-time', text: formatTime(hit['@timestamp']) }),
    el('td', { class: 'c-host', text: hit.host ?? '' }),
    el('td', { class: 'c-path', title: hit.path ?? '', text: shortPath(hit.path) }),
    el('td', { class: 'c-level' }, level === '' ? null : el('span', { class: levelClass(level), text: level })),
    el('td', { class: 'message' }, ...highlighted(hit.message, hit._highlight)));
  const flat = extraColumns.length ? flatten(hit) : {};
  tr.append(...extraColumns.map((name) => el('td', { class: 'c-extra', 'data-field': name,
    text: flat[name] === undefined ? '' : fieldValue(flat[name]) })));
  tr.addEventListener('click', () => toggle(tr, hit));
  return tr;
}

export async function showContext(hit) {
  contextHit = hit;
  const n = Number($('#context-n').value);
  const body = clear($('#context-lines tbody'));
  const dialog = $('#context-dialog');
  dialog.setAttribute('aria-busy', 'true');
  $('#context-title').textContent = `${hit.host} · ${hit.path} · ${n} lines either side of offset ${hit.offset}`;
  if (!dialog.open) dialog.showModal();
  try {
    const result = await get('/api/context', { host: hit.host, path: hit.path, offset: hit.offset, file_id: hit.file_id, n });
    if (contextHit !== hit || Number($('#context-n').value) !== n) return; // a newer request owns the dialog
    let anchor = null;
    for (const line of result.lines) {
      const isHit = line.offset === hit.offset;
      const tr = el('tr', { class: isHit ? 'anchor' : '' },
        el('td', { class: 'c-marker', text: isHit ? '▶' : '' }),
        el('td', { class: 'c-offset', text: line.offset }),
        el('td', { class: 'c-time', text: formatTime(line['@timestamp']) }),
        el('td', { class: 'c-level' }, line.level ? el('span', { class: levelClass(line.level), text: line.level }) : null),
        el('td', { class: 'message', text: line.message ?? '' }));
      if (isHit) anchor = tr;
      body.append(tr);
    }
    if (!result.lines.length) body.append(el('tr', {}, el('td', { text: 'no lines found' })));
    if (anchor) anchor.scrollIntoView({ block: 'center' });
  } catch (e) {
    body.append(el('tr', {}, el('td', { class: 'error', text: e.message })));
  } finally {
    if (contextHit === hit && Number($('#context-n').value) === n) dialog.setAttribute('aria-busy', 'false');
  }
}

/** Field names of the hits beyond the fixed columns (json.*, fields.*, topic …), for the column chooser. */
export function extraFields(hits) {
  const names = new Set();
  for (const hit of hits) Object.keys(flatten(hit)).forEach((n) => { if (!FIXED.includes(n)) names.add(n); });
  return [...names].sort();
}

export const shownColumns = () => [...extraColumns];

/** The chosen extra columns: header cells after Message; rows built afterwards get the cells. */
export function setColumns(names) {
  extraColumns = [...names];
  const head = $('#results thead tr');
  head.querySelectorAll('th.c-extra').forEach((th) => th.remove());
  head.append(...extraColumns.map((name) => el('th', { class: 'c-extra', 'data-field': name, text: name })));
}

/** @param filter (field, value, negate) from a field's "filter for" (+) / "filter out" (−) button */
export function initResults(filter = () => {}) {
  onFilter = filter;
  $('#context-close').addEventListener('click', () => $('#context-dialog').close());
  $('#context-n').addEventListener('change', () => { if (contextHit) showContext(contextHit); });
}
