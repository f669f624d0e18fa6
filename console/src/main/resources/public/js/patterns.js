import { $, el, clear, formatCount, formatTime } from './dom.js';
import { get } from './api.js';
import { readRange } from './timerange.js';

// The Patterns tab: the templates the transfer gave the lines of a query and range (#patterns?q=…&from=…&to=…),
// by count, with a sparkline and a "new" mark for a template whose first line ever is inside the range. Without
// a query in the URL it takes the search screen's current query and range. A pattern opens the search for its id.

let shown = 0; // answers drawn, as data-loaded on the table (lets tests wait for one)

function stateFromUrl() {
  const p = new URLSearchParams(location.hash.split('?')[1] || '');
  if (p.has('q') || p.has('from')) return { q: p.get('q') ?? '', from: p.get('from') || 'now-15m', to: p.get('to') || 'now' };
  let range = { from: 'now-15m', to: 'now' };
  try { range = readRange(); } catch { /* the search screen's range is incomplete: the default */ }
  return { q: $('#q').value.trim(), ...range };
}

const SVG = 'http://www.w3.org/2000/svg';

function sparkline(points) {
  const w = 120; const h = 24;
  const max = Math.max(1, ...points);
  const step = points.length > 1 ? w / (points.length - 1) : w;
  const coords = points.map((v, i) => `${(i * step).toFixed(1)},${(h - 1 - (v / max) * (h - 2)).toFixed(1)}`);
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('class', 'sparkline');
  svg.setAttribute('viewBox', `0 0 ${w} ${h}`);
  svg.setAttribute('width', w);
  svg.setAttribute('height', h);
  const line = document.createElementNS(SVG, 'polyline');
  line.setAttribute('points', coords.join(' '));
  svg.append(line);
  return svg;
}

// Every id the template had: lines indexed before it generalised carry the earlier ones.
function searchFor(ids, state) {
  const q = ids.length === 1 ? `pattern_id:"${ids[0]}"` : `pattern_id:(${ids.map((id) => `"${id}"`).join(' OR ')})`;
  location.hash = `#search?${new URLSearchParams({ q, from: state.from, to: state.to })}`;
}

export async function showPatterns() {
  const state = stateFromUrl();
  $('#patterns-q').value = state.q;
  $('#patterns-from').value = state.from;
  $('#patterns-to').value = state.to;
  const answer = await get('/api/patterns', state);
  const body = clear($('#pattern-table tbody'));
  for (const p of answer.patterns) {
    body.append(el('tr', { 'data-id': p.id },
      el('td', { class: 'num', text: formatCount(p.count) }),
      el('td', {}, sparkline(p.spark)),
      el('td', {}, el('button', { type: 'button', class: 'link pattern', title: `search pattern_id:${p.id}`,
        onclick: () => searchFor(p.ids, state) }, p.pattern || '(empty line)'),
        el('span', { class: 'muted small', text: ` ${p.topic}` })),
      el('td', {}, p.isNew ? el('span', { class: 'pill new', text: 'new' }) : null,
        el('span', { class: 'muted small', text: ` ${formatTime(p.firstSeen)}` }))));
  }
  const notes = [`${formatCount(answer.lines)} lines, ${formatCount(answer.patterns.length)} patterns`];
  if (answer.others) notes.push(`${formatCount(answer.others)} lines in further patterns`);
  if (answer.withoutPattern) notes.push(`${formatCount(answer.withoutPattern)} lines without a pattern`);
  $('#patterns-summary').textContent = notes.join(' · ');
  $('#pattern-table').dataset.loaded = String(++shown);
}

export function initPatterns() {
  $('#patterns-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const state = { q: $('#patterns-q').value.trim(), from: $('#patterns-from').value.trim() || 'now-15m',
      to: $('#patterns-to').value.trim() || 'now' };
    location.hash = `#patterns?${new URLSearchParams(state)}`;
  });
}
