import { $, el, clear } from './dom.js';

// The structured form beside the raw JSON of a collect config: one fieldset per entry. Both views edit the same list:
// a change in the form rewrites the JSON text, valid JSON typed in the text redraws the form. Fields the form does
// not show (module, from, multiline's limits…) are kept as they are. Validation is the server's (the agent's own
// codec and allow_paths); its problems are shown beside the field they name.

let entries = []; // the parsed list, edited in place by the form
let onEdit = () => {};

const LIST_FIELDS = [['include_lines', 'Include lines (regex per line)'], ['exclude_lines', 'Exclude lines (regex per line)'],
  ['exclude_files', 'Exclude files (glob per line)']];

const lines = (text) => text.split('\n').map((l) => l.trim()).filter(Boolean);

function setOrDelete(entry, name, value) {
  if (value === undefined || value === '' || (Array.isArray(value) && !value.length)
    || (typeof value === 'object' && value !== null && !Array.isArray(value) && !Object.keys(value).length)) delete entry[name];
  else entry[name] = value;
}

function input(entry, field, label, value, props = {}) {
  const node = el('input', { 'data-field': field, value: value ?? '', autocomplete: 'off', spellcheck: 'false', ...props });
  return el('label', { class: 'form-field' }, el('span', { text: label }), node, el('span', { class: 'problem', 'data-for': field }));
}

function area(field, label, value) {
  const node = el('textarea', { 'data-field': field, rows: 2, spellcheck: 'false' });
  node.value = value;
  return el('label', { class: 'form-field' }, el('span', { text: label }), node, el('span', { class: 'problem', 'data-for': field }));
}

function select(field, label, options, value) {
  const node = el('select', { 'data-field': field }, ...options.map(([v, t]) => el('option', { value: v, text: t })));
  node.value = value;
  return el('label', { class: 'form-field' }, el('span', { text: label }), node, el('span', { class: 'problem', 'data-for': field }));
}

function multilineMode(m) {
  if (m === undefined || m === null) return 'none';
  return m === 'java' ? 'java' : 'pattern';
}

function keyMode(k) {
  if (!k || k === 'none') return 'none';
  return k === 'path' ? 'path' : 'field';
}

/** Reads one fieldset back into its entry. */
function read(fieldset, entry) {
  const v = (f) => fieldset.querySelector(`[data-field="${f}"]`).value;
  setOrDelete(entry, 'path', v('path').trim());
  setOrDelete(entry, 'topic', v('topic').trim());
  const mode = v('multiline');
  const pattern = v('multiline-pattern');
  fieldset.querySelector('[data-field="multiline-pattern"]').closest('label').hidden = mode !== 'pattern';
  if (mode === 'none') delete entry.multiline;
  else if (mode === 'java') entry.multiline = 'java';
  else entry.multiline = { ...(typeof entry.multiline === 'object' && entry.multiline ? entry.multiline : {}), pattern };
  const fields = {};
  for (const line of lines(v('fields'))) {
    const at = line.indexOf('=');
    if (at > 0) fields[line.slice(0, at).trim()] = line.slice(at + 1).trim();
    else fields[line] = '';
  }
  setOrDelete(entry, 'fields', fields);
  for (const [name] of LIST_FIELDS) setOrDelete(entry, name, lines(v(name)));
  const rate = v('rate_limit').trim();
  setOrDelete(entry, 'rate_limit', rate === '' ? undefined : (/^-?\d+$/.test(rate) ? Number(rate) : rate));
  const key = v('key');
  const keyField = fieldset.querySelector('[data-field="key-field"]');
  keyField.closest('label').hidden = key !== 'field';
  setOrDelete(entry, 'key', key === 'none' ? undefined : key === 'path' ? 'path' : `field:${keyField.value.trim()}`);
}

function fieldset(entry, index) {
  const m = entry.multiline;
  const k = typeof entry.key === 'string' ? entry.key : 'none';
  const fields = entry.fields && typeof entry.fields === 'object'
    ? Object.entries(entry.fields).map(([n, val]) => `${n}=${val}`).join('\n') : '';
  const set = el('fieldset', { class: 'entry', 'data-entry': index + 1 },
    el('legend', {}, el('span', { text: `Entry ${index + 1}` }), el('button', { type: 'button', class: 'ghost small remove-entry',
      text: 'Remove', onclick: () => { entries.splice(index, 1); render(); changed(); } })),
    el('span', { class: 'problem', 'data-for': '' }),
    input(entry, 'path', 'Path (file or glob)', entry.path, { placeholder: '/var/log/app/*.log' }),
    input(entry, 'topic', 'Topic', entry.topic, { placeholder: 'app_log' }),
    select('multiline', 'Multi-line events', [['none', 'none (one line, one event)'], ['java', 'java (stack traces)'],
      ['pattern', 'a line matching a pattern starts an event']], multilineMode(m)),
    input(entry, 'multiline-pattern', 'Start pattern (regex)', typeof m === 'object' && m ? m.pattern : ''),
    area('fields', 'Fields (name=value per line)', fields),
    ...LIST_FIELDS.map(([name, label]) => area(name, label, Array.isArray(entry[name]) ? entry[name].join('\n') : '')),
    input(entry, 'rate_limit', 'Rate limit (lines/s, empty = none)', entry.rate_limit ?? '', { inputmode: 'numeric' }),
    select('key', 'Kafka record key', [['none', 'none'], ['path', 'path'], ['field', 'a field']], keyMode(k)),
    input(entry, 'key-field', 'Key field name', k.startsWith('field:') ? k.slice(6) : ''));
  set.querySelector('[data-field="multiline-pattern"]').closest('label').hidden = multilineMode(m) !== 'pattern';
  set.querySelector('[data-field="key-field"]').closest('label').hidden = keyMode(k) !== 'field';
  set.disabled = document.body.dataset.role === 'viewer'; // the server checks every write regardless
  set.addEventListener('input', () => { read(set, entry); changed(); });
  set.addEventListener('change', () => { read(set, entry); changed(); });
  return set;
}

function render() {
  const form = clear($('#editor-form'));
  form.append(...entries.map(fieldset),
    el('button', { type: 'button', id: 'add-entry', text: 'Add entry',
      onclick: () => { entries.push({ path: '', topic: '' }); render(); changed(); } }));
}

function changed() {
  $('#editor-text').value = JSON.stringify(entries, null, 2);
  onEdit();
}

/** Redraws the form from the JSON text; a text that is not a JSON list leaves the form saying so. */
export function showEntries(text) {
  let parsed;
  try {
    parsed = text.trim() ? JSON.parse(text) : [];
  } catch {
    parsed = null;
  }
  if (!Array.isArray(parsed) || !parsed.every((e) => e && typeof e === 'object' && !Array.isArray(e))) {
    clear($('#editor-form')).append(el('p', { class: 'muted', text: 'The form shows a JSON list of entries; fix the raw JSON first.' }));
    return;
  }
  entries = parsed;
  render();
}

/** Puts each of the server's problems beside its field ({entry, field, message, warning}). */
export function showFieldProblems(problems) {
  document.querySelectorAll('#editor-form .problem').forEach((p) => { p.textContent = ''; p.className = 'problem'; });
  document.querySelectorAll('#editor-form [data-field]').forEach((f) => f.removeAttribute('aria-invalid'));
  for (const p of problems || []) {
    const set = document.querySelector(`#editor-form fieldset[data-entry="${p.entry}"]`);
    if (!set) continue;
    const slot = set.querySelector(`.problem[data-for="${p.field}"]`) || set.querySelector('.problem[data-for=""]');
    slot.textContent = slot.textContent ? `${slot.textContent}\n${p.message}` : p.message;
    slot.className = `problem ${p.warning ? 'warn' : 'error'}`;
    const field = set.querySelector(`[data-field="${p.field}"]`);
    if (field && p.field) field.setAttribute('aria-invalid', 'true');
  }
}

/** @param edited runs after every change made in the form (the JSON text is already rewritten) */
export function initEntryForm(edited) {
  onEdit = edited;
  $('#editor-text').addEventListener('input', () => showEntries($('#editor-text').value));
}
