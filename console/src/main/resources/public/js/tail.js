import { $ } from './dom.js';
import { get } from './api.js';
import { row } from './results.js';
import { refreshCounts } from './search.js';

// Live tail: once a second, ask for lines newer than the last one seen and put them on top of the results.
const POLL_MS = 1000;
const MAX_ROWS = 1000; // older rows fall off the bottom, so a long tail does not grow the page without bound
let timer = null;
let cursor = null;
let polling = false;
let received = 0; // lines the tail added since it was first started
const COUNT_MS = 3000; // the total and the histogram are re-read at most this often, when lines arrived
let countsDue = false;
let countedAt = 0;

async function poll() {
  if (polling) return; // a slow answer: skip this tick rather than pile up requests
  polling = true;
  try {
    const result = await get('/api/tail', { q: $('#q').value.trim(), after: cursor });
    if (!timer) return; // paused while the request was out
    cursor = result.after;
    // The tail shows live data again: an earlier failure (e.g. shards still starting) is no longer the news.
    $('#search-error').textContent = '';
    const body = $('#results tbody');
    body.querySelectorAll('td.empty').forEach((td) => td.parentElement.remove());
    for (const hit of result.hits) body.prepend(row(hit)); // oldest first in the answer: newest ends on top
    received += result.hits.length;
    if (result.hits.length) countsDue = true;
    if (countsDue && Date.now() - countedAt >= COUNT_MS) {
      countsDue = false;
      countedAt = Date.now();
      await refreshCounts();
    }
    if (result.hits.length) $('#shown').textContent = `${received} new ${received === 1 ? 'line' : 'lines'} from the live tail on top`;
    while (body.rows.length > MAX_ROWS) body.deleteRow(-1);
  } catch (e) {
    $('#search-error').textContent = e.message;
  } finally {
    polling = false;
  }
}

export function stopTail() {
  if (!timer) return;
  clearInterval(timer);
  timer = null;
  $('#tail-toggle').textContent = 'Live tail';
  $('#tail-toggle').classList.remove('active');
  $('#tail-status').hidden = true;
}

function startTail() {
  // First start: a little back, so lines written just before the click still show up. Resume: from the last
  // line seen, so what was written during the pause arrives now, once.
  if (cursor === null) received = 0;
  cursor = cursor ?? Date.now() - 10_000;
  timer = setInterval(poll, POLL_MS);
  poll();
  $('#tail-toggle').textContent = 'Pause';
  $('#tail-toggle').classList.add('active');
  $('#tail-status').hidden = false;
}

export function initTail() {
  $('#tail-toggle').addEventListener('click', () => (timer ? stopTail() : startTail()));
}
