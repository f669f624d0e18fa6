import { $, el, clear } from './dom.js';
import { get } from './api.js';

export async function loadPipeline() {
  const p = await get('/api/pipeline');
  const fresh = Array.isArray(p.freshness) ? p.freshness : [];
  clear($('#freshness tbody')).append(...fresh.map((f) => el('tr', {},
    el('td', { text: f.topic }), el('td', { text: f.newest }),
    el('td', { class: f.stale ? 'error' : 'ok', text: f.stale ? `${f.ageSeconds} (stale)` : f.ageSeconds }))));
  $('#kafka-error').textContent = Array.isArray(p.kafka) ? '' : (p.kafka.error || p.kafka.disabled || '');
  const rows = [];
  for (const topic of Array.isArray(p.kafka) ? p.kafka : []) {
    for (const part of topic.partitions) {
      rows.push(el('tr', {}, el('td', { text: topic.name }), el('td', { text: part.partition }),
        el('td', { text: part.endOffset }), el('td', { text: part.committed ?? '-' }),
        el('td', { class: part.lag > 0 ? 'error' : '', text: part.lag ?? '-' })));
    }
  }
  clear($('#kafka tbody')).append(...rows);
  const indices = Array.isArray(p.indices) ? p.indices : [];
  clear($('#indices tbody')).append(...indices.map((i) => el('tr', {},
    el('td', { text: i.index }), el('td', { class: i.health === 'red' ? 'error' : '', text: i.health }),
    el('td', { text: i['docs.count'] }), el('td', { text: i['store.size'] }))));
}

export async function loadAudit() {
  const entries = await get('/api/audit', { limit: 100 });
  clear($('#audit-table tbody')).append(...entries.map((a) => el('tr', {},
    el('td', { text: a.time }), el('td', { text: a.user }), el('td', { text: a.key }), el('td', { text: a.revision }),
    el('td', {}, el('details', {}, el('summary', { text: 'before / after' }),
      el('pre', { text: `--- before\n${a.before}\n+++ after\n${a.after}` }))))));
}
