// Stacked bars per level, drawn by hand on a canvas: no chart library for ~60 rectangles.
const COLOURS = { ERROR: '#c62828', FATAL: '#8e0000', WARN: '#ef6c00', INFO: '#2e7d32', DEBUG: '#9e9e9e', none: '#90a4ae' };

export function drawHistogram(canvas, histogram) {
  const ctx = canvas.getContext('2d');
  const width = canvas.width = canvas.clientWidth || 1000;
  const height = canvas.height;
  ctx.clearRect(0, 0, width, height);
  const buckets = histogram.buckets || [];
  if (!buckets.length) return;
  const max = Math.max(1, ...buckets.map((b) => b.total));
  const barWidth = width / buckets.length;
  const plot = height - 14;
  buckets.forEach((bucket, i) => {
    let y = plot;
    for (const [level, count] of Object.entries(bucket.levels)) {
      const h = (count / max) * plot;
      ctx.fillStyle = COLOURS[level] || '#5c6bc0';
      ctx.fillRect(i * barWidth + 1, y - h, Math.max(1, barWidth - 2), h);
      y -= h;
    }
  });
  ctx.fillStyle = '#555';
  ctx.font = '11px sans-serif';
  ctx.fillText(new Date(buckets[0].time).toLocaleString(), 2, height - 2);
  const last = new Date(buckets[buckets.length - 1].time).toLocaleString();
  ctx.fillText(last, width - ctx.measureText(last).width - 2, height - 2);
  ctx.fillText(`max ${max}`, 2, 10);
}
