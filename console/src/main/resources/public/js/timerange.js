import { $, formatTime } from './dom.js';

// The time range picker: relative presets (resolved by the server, so "last hour" stays the last hour) or an
// absolute span entered in local time and sent as ISO-8601 UTC.
const PRESETS = ['now-15m', 'now-1h', 'now-24h', 'now-7d'];
const pad = (n) => String(n).padStart(2, '0');

/** ISO-8601 or epoch ms → the value a datetime-local input takes (local time, seconds). */
function toLocalInput(value) {
  const d = new Date(/^\d+$/.test(value) ? Number(value) : value);
  if (Number.isNaN(d.getTime())) return '';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

function fromLocalInput(value) {
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? '' : d.toISOString();
}

// The inputs show seconds; a value set from the URL or a zoom keeps its milliseconds until the user edits it.
function setInput(input, value) {
  input.value = toLocalInput(value);
  input.dataset.exact = /^\d+$/.test(value) ? new Date(Number(value)).toISOString() : value;
  input.dataset.shown = input.value;
}

function readInput(input) {
  return input.value === input.dataset.shown ? input.dataset.exact : fromLocalInput(input.value);
}

function showAbsolute(show) {
  $('#absolute-range').hidden = !show;
}

// A span typed by hand (now-3h, last 2 days, 2h …) up to now; the server parses it and names the accepted forms
// when it cannot, so the page does not keep a second copy of the grammar.
function showTyped(show) {
  $('#range-typed').hidden = !show;
}

const isAbsolute = (value) => /^\d+$/.test(value) || /^\d{4}-\d{2}-\d{2}T/.test(value);

/** { from, to } as the API takes them. */
export function readRange() {
  const preset = $('#range').value;
  if (preset === 'typed') {
    const typed = $('#range-typed').value.trim();
    if (!typed) throw new Error('type a time range, e.g. now-3h, last 2 days or 2h');
    return { from: typed, to: 'now' };
  }
  if (preset !== 'absolute') return { from: preset, to: 'now' };
  const from = readInput($('#range-from'));
  const to = readInput($('#range-to'));
  if (!from || !to) throw new Error('enter both ends of the absolute time range');
  return { from, to };
}

export function writeRange({ from, to }) {
  if (to === 'now' && PRESETS.includes(from)) {
    $('#range').value = from;
    showAbsolute(false);
    showTyped(false);
    return;
  }
  if (to === 'now' && !isAbsolute(from)) {
    $('#range').value = 'typed';
    $('#range-typed').value = from;
    showAbsolute(false);
    showTyped(true);
    return;
  }
  showTyped(false);
  $('#range').value = 'absolute';
  setInput($('#range-from'), from);
  setInput($('#range-to'), to === 'now' ? String(Date.now()) : to);
  showAbsolute(true);
}

/** A human summary of a resolved range in epoch ms. */
export function describeRange(fromMs, toMs) {
  return `${formatTime(fromMs)} → ${formatTime(toMs)}`;
}

/** @param onChange runs the search when a preset is picked (an absolute range waits for the Search button) */
export function initRange(onChange) {
  $('#range').addEventListener('change', () => {
    showTyped($('#range').value === 'typed');
    if ($('#range').value === 'typed') {
      showAbsolute(false);
      $('#range-typed').focus();
      return;
    }
    if ($('#range').value === 'absolute') {
      const now = Date.now();
      if (!$('#range-from').value) $('#range-from').value = toLocalInput(now - 3_600_000);
      if (!$('#range-to').value) $('#range-to').value = toLocalInput(now);
      showAbsolute(true);
      return;
    }
    showAbsolute(false);
    onChange();
  });
}
