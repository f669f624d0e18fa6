import { $, el, clear, formatTime, formatCount, shortPath } from './dom.js';
import { api, get } from './api.js';
import { loadSeries } from './series.js';

function bytes(n) {
  const value = Number(n);
  if (!Number.isFinite(value)) return String(n ?? '');
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let u = 0;
  let v = value;
  while (v >= 1024 && u < units.length - 1) { v /= 1024; u++; }
  return `${u ? v.toFixed(1) : v} ${units[u]}`;
}

const empty = (columns, text) => el('tr', {}, el('td', { colspan: columns, class: 'muted', text }));

const LEVEL = { OK: ['ok', 'OK'], WARN: ['warn', 'WARNING'], ERROR: ['error', 'PROBLEM'] };

/** One row per topic of the pipeline; the status says in words what its colour says (amber WARNING, red PROBLEM). */
function renderTopics(topics) {
  const list = Array.isArray(topics) ? topics : [];
  clear($('#topics tbody')).append(...list.map((t) => {
    const [cls, word] = LEVEL[t.level] || LEVEL.WARN;
    return el('tr', { 'data-topic': t.topic, 'data-level': t.level },
      el('td', { class: 'mono', text: t.topic }),
      el('td', { text: t.namedBy.length ? t.namedBy.join(', ') : 'not named in etcd' }),
      el('td', { text: t.written == null ? '–' : formatCount(t.written) }),
      el('td', { class: t.consumedBy && !t.consumedBy.length && t.written > 0 ? 'error' : '',
        text: t.consumedBy == null ? 'unknown' : (t.consumedBy.length ? t.consumedBy.join(', ') : 'nobody') }),
      el('td', { text: t.newest ? formatTime(t.newest) : '–' }),
      el('td', { class: `status ${cls}`, text: t.problems.length ? `${word}: ${t.problems.join('; ')}` : word }));
  }));
  if (!list.length) $('#topics tbody').append(empty(6, topics && topics.error ? topics.error : 'no topics named in etcd yet'));
  const bad = list.filter((t) => t.level !== 'OK').length;
  const summary = $('#topics-summary');
  summary.className = bad ? (list.some((t) => t.level === 'ERROR') ? 'error' : 'warn') : 'ok';
  summary.textContent = bad ? `${bad} of ${list.length} topics need attention` : (list.length ? `all ${list.length} topics OK` : '');
}

/** The newest dead letters; every value is log or index text and goes in as text only (el's text). */
async function loadDeadLetters() {
  let d;
  try {
    d = await get('/api/deadletters', { limit: 50 });
    $('#deadletters-error').textContent = d.disabled || '';
  } catch (e) {
    $('#deadletters-error').textContent = e.message;
    d = { letters: [] };
  }
  clear($('#deadletters tbody')).append(...d.letters.map((l) => el('tr', {},
    el('td', { class: 'mono', text: l.time ? formatTime(l.time) : '–' }), el('td', { class: 'error', text: l.reason ?? '' }),
    el('td', { class: 'mono', text: l.topic ?? '' }), el('td', { text: l.host ?? '' }),
    el('td', { class: 'mono', title: l.path ?? '', text: shortPath(l.path) }), el('td', { class: 'mono', text: l.message }))));
  if (!d.letters.length) $('#deadletters tbody').append(empty(6, 'no dead letters'));
}

export async function loadPipeline() {
  loadDeadLetters();
  loadSeries();
  const p = await get('/api/pipeline');
  // The search engine's current refusal (password, certificate, permission), in the line naming the setting to fix.
  const searchProblems = (p.search && p.search.problems) || [];
  $('#search-problem').textContent = searchProblems.length ? `Search engine: ${searchProblems.join('; ')}` : '';
  renderTopics(p.topics);
  const fresh = Array.isArray(p.freshness) ? p.freshness : [];
  clear($('#freshness tbody')).append(...fresh.map((f) => el('tr', {},
    el('td', { class: 'mono', text: f.topic }), el('td', { text: formatTime(f.newest) }),
    el('td', { class: f.stale ? 'error' : 'ok', text: f.stale ? `${f.ageSeconds} (stale)` : f.ageSeconds }))));
  if (!fresh.length) $('#freshness tbody').append(empty(3, p.freshness && p.freshness.error ? p.freshness.error : 'nothing indexed yet'));
  $('#kafka-error').textContent = Array.isArray(p.kafka) ? '' : (p.kafka.error || p.kafka.disabled || '');
  const rows = [];
  for (const topic of Array.isArray(p.kafka) ? p.kafka : []) {
    for (const part of topic.partitions) {
      rows.push(el('tr', {}, el('td', { class: 'mono', text: topic.name }), el('td', { text: part.partition }),
        el('td', { text: formatCount(part.endOffset) }), el('td', { text: part.committed ?? '–' }),
        el('td', { class: part.lag > 0 ? 'warn' : '', text: part.lag ?? '–' })));
    }
  }
  clear($('#kafka tbody')).append(...rows);
  if (!rows.length && Array.isArray(p.kafka)) $('#kafka tbody').append(empty(5, 'no topics yet'));
  const indices = Array.isArray(p.indices) ? p.indices : [];
  clear($('#indices tbody')).append(...indices.map((i) => el('tr', {},
    el('td', { class: 'mono', text: i.index }), el('td', { class: i.health === 'red' ? 'error' : i.health === 'green' ? 'ok' : 'warn', text: i.health }),
    el('td', { text: formatCount(i['docs.count']) }), el('td', { text: bytes(i['store.size']) }))));
  if (!indices.length) $('#indices tbody').append(empty(4, p.indices && p.indices.error ? p.indices.error : 'no indices'));
}

// Any recorded value of a host's or group's config can be made current again (a new change, audited like any other).
async function restore(a) {
  try {
    const saved = await api('POST', '/api/audit/restore', { key: a.key, value: a.after });
    $('#audit-message').textContent = `${a.key} restored to the value saved ${formatTime(a.time)} (now revision ${saved.revision})`;
    $('#audit-error').textContent = '';
    await loadAudit();
  } catch (e) {
    $('#audit-error').textContent = e.body && e.body.problems ? `${e.message}: ${e.body.problems.join('; ')}` : e.message;
  }
}

export async function loadAudit() {
  const entries = await get('/api/audit', { limit: 100 });
  clear($('#audit-table tbody')).append(...entries.map((a) => el('tr', { 'data-key': a.key },
    el('td', { class: 'mono', text: formatTime(a.time) }), el('td', { text: a.user }), el('td', { class: 'mono', text: a.key }),
    el('td', { text: a.revision ? a.revision : 'new key' }),
    el('td', {}, el('details', {}, el('summary', { text: 'before / after' }),
      el('pre', { text: `--- before\n${a.before ?? ''}\n+++ after\n${a.after}` }))),
    el('td', {}, a.key.includes('/canary/') || a.key.endsWith('/canary/') ? null : el('button', {
      type: 'button', class: 'editor-only restore', title: 'make this value current again', text: 'Restore this version',
      onclick: () => restore(a) })))));
  if (!entries.length) $('#audit-table tbody').append(empty(6, 'no changes yet'));
}
