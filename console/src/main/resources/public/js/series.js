import { $, el, clear, formatTime } from './dom.js';
import { get } from './api.js';

// The Pipeline page's last hour, one small line chart per series, drawn by hand on a canvas like the search
// histogram: a few hundred points need no chart library. A null value is a gap: the line breaks there.
const HEIGHT = 70;
let timer = null;

const number = (v) => (v >= 100 ? Math.round(v).toLocaleString('en-US') : Number(v.toFixed(v >= 10 ? 1 : 2)).toString());

function draw(canvas, points, windowMs) {
  const ratio = window.devicePixelRatio || 1;
  const width = canvas.clientWidth || 300;
  canvas.width = Math.round(width * ratio);
  canvas.height = Math.round(HEIGHT * ratio);
  const ctx = canvas.getContext('2d');
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, width, HEIGHT);
  const values = points.filter((p) => p[1] !== null).map((p) => p[1]);
  const max = Math.max(1e-9, ...values);
  canvas.dataset.points = String(values.length);
  canvas.dataset.max = String(values.length ? Math.max(...values) : 0);
  ctx.strokeStyle = '#e5e7eb';
  ctx.beginPath(); ctx.moveTo(0, 10.5); ctx.lineTo(width, 10.5); ctx.moveTo(0, HEIGHT - 0.5); ctx.lineTo(width, HEIGHT - 0.5); ctx.stroke();
  ctx.fillStyle = '#6b7280';
  ctx.font = '10px system-ui, sans-serif';
  ctx.fillText(values.length ? number(max) : 'no data yet', 2, 9);
  if (!points.length) return;
  // From the oldest point kept (the console may have started a minute ago) to the newest, at most the window.
  const end = points[points.length - 1][0];
  const span = Math.max(1000, end - Math.max(points[0][0], end - windowMs));
  const x = (t) => width - 2 - ((end - t) / span) * (width - 4);
  const minutes = Math.round(span / 60_000);
  ctx.textAlign = 'right';
  ctx.fillText(minutes >= 1 ? `last ${minutes} min` : `last ${Math.round(span / 1000)} s`, width - 2, 9);
  ctx.textAlign = 'left';
  const y = (v) => HEIGHT - 1 - (v / max) * (HEIGHT - 12);
  ctx.strokeStyle = '#2563eb';
  ctx.lineWidth = 1.5;
  ctx.beginPath();
  ctx.fillStyle = '#2563eb';
  points.forEach(([t, v], i) => {
    if (v === null) return;
    const before = i > 0 && points[i - 1][1] !== null;
    const after = i + 1 < points.length && points[i + 1][1] !== null;
    if (before) ctx.lineTo(x(t), y(v)); else ctx.moveTo(x(t), y(v));
    if (!before && !after) ctx.fillRect(x(t) - 1.5, y(v) - 1.5, 3, 3); // a point alone between gaps: a dot
  });
  ctx.stroke();
}

function card(s, windowMs) {
  const canvas = el('canvas', { class: 'series-chart', 'data-series': s.name, height: HEIGHT });
  const last = [...s.points].reverse().find((p) => p[1] !== null);
  const note = s.disabled ? `off: ${s.disabled}` : s.error || '';
  const box = el('div', { class: 'series', 'data-series': s.name },
    el('div', { class: 'series-head' }, el('b', { text: s.label }),
      el('span', { class: 'series-value', text: last ? `${number(last[1])} ${s.unit}` : '–',
        title: last ? formatTime(last[0]) : 'no value yet' })),
    canvas, el('div', { class: s.error ? 'error small' : 'muted small', text: note }));
  return [box, () => draw(canvas, s.points, windowMs)];
}

export async function loadSeries() {
  const container = $('#series');
  let body;
  try {
    body = await get('/api/pipeline/series');
  } catch (e) {
    clear(container).append(el('p', { class: 'error', text: e.message }));
    return;
  }
  const windowMs = body.window_seconds * 1000;
  const cards = body.series.map((s) => card(s, windowMs));
  clear(container).append(...cards.map(([box]) => box));
  cards.forEach(([, paint]) => paint()); // after insertion: the canvas has its laid-out width
  $('#series-note').textContent = `one point every ${body.interval_seconds} s, last ${Math.round(body.window_seconds / 60)} min`;
  clearTimeout(timer);
  timer = setTimeout(() => { if (!$('#pipeline').hidden) loadSeries(); }, body.interval_seconds * 1000);
}
