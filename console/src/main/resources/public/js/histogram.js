import { $, el, clear, formatCount } from './dom.js';

// Stacked bars per level, drawn by hand on a canvas: no chart library for ~60 rectangles. Dragging across the
// chart selects a time span and hands it to onZoom.
export const LEVEL_COLOURS = {
  FATAL: '#7f1d1d', ERROR: '#dc2626', WARN: '#f59e0b', INFO: '#16a34a', DEBUG: '#64748b', TRACE: '#94a3b8', none: '#a5b4fc',
};
const ORDER = ['FATAL', 'ERROR', 'WARN', 'INFO', 'DEBUG', 'TRACE'];
const OTHER = '#818cf8';
const AXIS = 18;

let shown = null; // { buckets, intervalMs } of the last drawing, for mapping x to time

const colour = (level) => LEVEL_COLOURS[level] || OTHER;
const pad = (n) => String(n).padStart(2, '0');

function tickLabel(ms, spanMs) {
  const d = new Date(ms);
  const time = spanMs <= 120_000 ? `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`
    : `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  return spanMs > 86_400_000 ? `${d.getMonth() + 1}/${d.getDate()} ${time}` : time;
}

/** Levels bottom-up: the known ones in severity order, then any other in name order. */
function levelsOf(bucket) {
  return Object.keys(bucket.levels).sort((a, b) => {
    const ia = ORDER.indexOf(a) < 0 ? 99 : ORDER.indexOf(a);
    const ib = ORDER.indexOf(b) < 0 ? 99 : ORDER.indexOf(b);
    return ia - ib || a.localeCompare(b);
  });
}

export function drawHistogram(canvas, histogram) {
  const ratio = window.devicePixelRatio || 1;
  const width = canvas.clientWidth || 1000;
  const height = canvas.clientHeight || 130;
  canvas.width = Math.round(width * ratio);
  canvas.height = Math.round(height * ratio);
  const ctx = canvas.getContext('2d');
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, width, height);
  const buckets = histogram.buckets || [];
  shown = { buckets, intervalMs: histogram.intervalMs };
  const plot = height - AXIS;
  const max = Math.max(1, ...buckets.map((b) => b.total));
  canvas.dataset.buckets = String(buckets.length);
  canvas.dataset.max = String(buckets.length ? Math.max(...buckets.map((b) => b.total)) : 0);

  ctx.strokeStyle = '#e5e7eb';
  ctx.fillStyle = '#6b7280';
  ctx.font = '11px system-ui, sans-serif';
  for (const f of max >= 2 ? [0.5, 1] : [1]) { // gridlines with their counts
    const y = Math.round(plot - f * (plot - 12)) + 0.5;
    ctx.beginPath(); ctx.moveTo(0, y); ctx.lineTo(width, y); ctx.stroke();
    ctx.fillText(formatCount(Math.round(max * f)), 2, y - 2);
  }
  if (!buckets.length) return;
  const barWidth = width / buckets.length;
  const scale = (plot - 12) / max;
  buckets.forEach((bucket, i) => {
    let y = plot;
    for (const level of levelsOf(bucket)) {
      const h = bucket.levels[level] * scale;
      ctx.fillStyle = colour(level);
      ctx.fillRect(i * barWidth + 1, y - h, Math.max(1, barWidth - 2), h);
      y -= h;
    }
  });
  ctx.strokeStyle = '#9ca3af';
  ctx.beginPath(); ctx.moveTo(0, plot + 0.5); ctx.lineTo(width, plot + 0.5); ctx.stroke();
  const start = buckets[0].time;
  const span = buckets[buckets.length - 1].time - start + histogram.intervalMs;
  const step = tickStep(span, width);
  const offset = new Date(start).getTimezoneOffset() * 60_000; // round ticks in local time
  ctx.fillStyle = '#6b7280';
  for (let t = Math.ceil((start - offset) / step) * step + offset; t < start + span; t += step) {
    const x = ((t - start) / span) * width;
    const label = tickLabel(t, span);
    ctx.fillRect(Math.round(x), plot, 1, 4);
    if (x + ctx.measureText(label).width + 4 < width) ctx.fillText(label, x + 3, height - 3);
  }
}

const STEPS = [1, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400].map((s) => s * 1000);

/** The smallest round step that leaves about 100 px between ticks. */
function tickStep(span, width) {
  const wanted = span / Math.max(1, width / 100);
  return STEPS.find((s) => s >= wanted) || Math.ceil(wanted / 86_400_000) * 86_400_000;
}

export function drawLegend(container, histogram) {
  const seen = new Set();
  (histogram.buckets || []).forEach((b) => Object.keys(b.levels).forEach((l) => seen.add(l)));
  const levels = [...seen].sort((a, b) => (ORDER.indexOf(a) + 100) % 100 - (ORDER.indexOf(b) + 100) % 100);
  clear(container).append(...levels.map((level) => {
    const swatch = el('span', { class: 'swatch' });
    swatch.style.backgroundColor = colour(level); // CSSOM, not a style attribute: the CSP forbids inline styles
    return el('span', { class: 'legend-item' }, swatch, level);
  }));
  container.append(el('span', { class: 'muted hint', text: 'drag across the chart to zoom' }));
}

/** The time at canvas x, from the bucket layout of the last drawing. */
function timeAt(canvas, x) {
  const { buckets, intervalMs } = shown;
  const start = buckets[0].time;
  const end = buckets[buckets.length - 1].time + intervalMs;
  return Math.round(start + (Math.min(Math.max(x, 0), canvas.clientWidth) / canvas.clientWidth) * (end - start));
}

/** Drag to select a span; onZoom(fromMs, toMs) when the selection is wider than a few pixels. */
export function initZoom(canvas, onZoom) {
  const box = $('#histogram-selection');
  let startX = null;
  const x = (e) => e.clientX - canvas.getBoundingClientRect().left;
  canvas.addEventListener('mousedown', (e) => {
    if (!shown || !shown.buckets.length) return;
    startX = x(e);
    e.preventDefault();
  });
  window.addEventListener('mousemove', (e) => {
    if (startX === null) return;
    const left = Math.max(0, Math.min(startX, x(e)));
    const right = Math.min(canvas.clientWidth, Math.max(startX, x(e)));
    box.style.left = `${left}px`;
    box.style.width = `${right - left}px`;
    box.hidden = false;
  });
  window.addEventListener('mouseup', (e) => {
    if (startX === null) return;
    const endX = x(e);
    const from = startX;
    startX = null;
    box.hidden = true;
    if (Math.abs(endX - from) < 4) return;
    onZoom(timeAt(canvas, Math.min(from, endX)), timeAt(canvas, Math.max(from, endX)));
  });
}
