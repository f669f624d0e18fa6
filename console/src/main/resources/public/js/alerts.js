import { $, el, clear, formatTime } from './dom.js';
import { api, get } from './api.js';

// The Alerts tab: every rule with its state, last evaluation and value, its history, mute, and the editor.
// Refreshes every 5 s while the tab is shown; the timer ends itself when the tab is hidden.
const REFRESH_MS = 5000;
let timer = null;
let initialised = false;

const STATE_CLASS = { OK: 'online', PENDING: 'pending', FIRING: 'offline' };
const STATE_WORD = { OK: 'ok', PENDING: 'pending', FIRING: 'firing' };

function showError(e) {
  $('#alerts-error').textContent = e.body && e.body.problems ? `${e.message}: ${e.body.problems.join('; ')}` : e.message;
}

function message(text) {
  $('#alerts-message').textContent = text;
  $('#alerts-error').textContent = '';
}

/** Writes the rule's JSON with mute_until set (or removed when until is null), compare-and-swap on its revision. */
async function mute(rule, until) {
  const value = JSON.parse(rule.value);
  if (until) value.mute_until = until.toISOString().replace(/\.\d{3}Z$/, 'Z');
  else delete value.mute_until;
  try {
    await api('PUT', `/api/alerts/${encodeURIComponent(rule.name)}`,
      { value: JSON.stringify(value), expectedRevision: rule.revision });
    message(until ? `${rule.name} muted until ${formatTime(until.toISOString())}` : `${rule.name} unmuted`);
    await loadAlerts();
  } catch (e) { showError(e); }
}

async function remove(rule) {
  try {
    await api('DELETE', `/api/alerts/${encodeURIComponent(rule.name)}?revision=${rule.revision}`);
    message(`${rule.name} deleted`);
    await loadAlerts();
  } catch (e) { showError(e); }
}

function edit(rule) {
  $('#alert-name').value = rule.name;
  $('#alert-name').readOnly = true;
  $('#alert-value').value = rule.value;
  $('#alert-revision').value = rule.revision;
  $('#alert-name').scrollIntoView();
}

async function showHistory(rule) {
  const entries = await get(`/api/alerts/${encodeURIComponent(rule.name)}/history`, { limit: 100 });
  $('#alert-history').hidden = false;
  $('#alert-history-title').textContent = `History of ${rule.name}`;
  clear($('#alert-history tbody')).append(...entries.map((h) => el('tr', { 'data-event': h.event },
    el('td', { class: 'mono', text: formatTime(h.time) }),
    el('td', { class: h.event === 'firing' || h.event === 'delivery_failed' ? 'error' : 'ok',
      text: h.event + (h.muted ? ' (muted)' : '') }),
    el('td', { text: h.value }), el('td', { text: h.detail ?? '' }))));
  if (!entries.length) $('#alert-history tbody').append(el('tr', {}, el('td', { colspan: 4, class: 'muted', text: 'no transitions yet' })));
}

function row(rule) {
  const s = rule.state || {};
  const muted = rule.muteUntil && new Date(rule.muteUntil) > new Date();
  const problems = [...rule.problems, s.error, s.deliveryError && `notification: ${s.deliveryError}`].filter(Boolean);
  return el('tr', { 'data-rule': rule.name, 'data-state': s.state },
    el('td', { class: 'mono', text: rule.name }),
    el('td', { text: rule.summary ?? 'invalid rule' }),
    el('td', {}, el('span', { class: `pill ${STATE_CLASS[s.state] || ''}`, text: STATE_WORD[s.state] || s.state })),
    el('td', { class: 'mono', text: s.lastEvaluation ? formatTime(s.lastEvaluation) : 'not yet' }),
    el('td', { class: 'last-value', text: s.lastValue ?? '–' }),
    el('td', { text: rule.targets.join(', ') || 'console only' }),
    el('td', { class: 'muted-until', text: muted ? formatTime(rule.muteUntil) : '' }),
    el('td', { class: 'error rule-problems', text: problems.join('; ') }),
    el('td', {},
      el('button', { type: 'button', class: 'history', text: 'History', onclick: () => showHistory(rule).catch(showError) }),
      el('button', { type: 'button', class: 'editor-only mute', text: muted ? 'Unmute' : 'Mute 1 h',
        onclick: () => mute(rule, muted ? null : new Date(Date.now() + 3600_000)) }),
      el('button', { type: 'button', class: 'editor-only edit', text: 'Edit', onclick: () => edit(rule) }),
      el('button', { type: 'button', class: 'editor-only delete', text: 'Delete', onclick: () => remove(rule) })));
}

async function save(e) {
  e.preventDefault();
  const name = $('#alert-name').value.trim();
  clear($('#alert-problems'));
  try {
    await api('PUT', `/api/alerts/${encodeURIComponent(name)}`,
      { value: $('#alert-value').value, expectedRevision: Number($('#alert-revision').value) });
    message(`${name} saved`);
    e.target.reset();
    $('#alert-name').readOnly = false;
    $('#alert-revision').value = '0';
    await loadAlerts();
  } catch (err) {
    $('#alert-problems').append(...(err.body.problems || [err.message]).map((p) => el('li', { text: p })));
  }
}

function init() {
  if (initialised) return;
  initialised = true;
  $('#alert-form').addEventListener('submit', save);
  $('#alert-form').addEventListener('reset', () => {
    $('#alert-name').readOnly = false;
    $('#alert-revision').value = '0';
  });
}

export async function loadAlerts() {
  init();
  const list = await get('/api/alerts');
  $('#alerts-evaluator').textContent = list.evaluator ? `evaluated by ${list.evaluator}` : 'no console evaluates the rules now';
  clear($('#alerts-table tbody')).append(...list.rules.map(row));
  if (!list.rules.length) $('#alerts-table tbody').append(el('tr', {}, el('td', { colspan: 9, class: 'muted', text: 'no alert rules yet' })));
  clearTimeout(timer);
  timer = setTimeout(() => { if (!$('#alerts').hidden) loadAlerts().catch(showError); }, REFRESH_MS);
}
