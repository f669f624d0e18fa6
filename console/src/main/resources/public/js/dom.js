// The only way this page builds elements: text goes in through textContent, never as markup,
// so a log line like <script>…</script> is shown as characters and never parsed.
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null) continue;
    if (key === 'text') node.textContent = String(value);
    else if (key === 'class') node.className = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, String(value));
  }
  for (const child of children) {
    if (child !== null && child !== undefined) node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

export function clear(node) {
  node.replaceChildren();
  return node;
}

export const $ = (selector) => document.querySelector(selector);

// One date-time format for the whole page: the browser's locale and time zone, with the zone named, to the
// millisecond (log lines often share a second).
const TIME_FORMAT = new Intl.DateTimeFormat(undefined, {
  year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
  fractionalSecondDigits: 3, hourCycle: 'h23', timeZoneName: 'short',
});

/** A time (ISO-8601 or epoch ms) in the page's one format; the raw value when it is not a time. */
export function formatTime(value) {
  const d = new Date(typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value);
  if (value === null || value === undefined || Number.isNaN(d.getTime())) return String(value ?? '');
  return TIME_FORMAT.format(d);
}

/** A long path cut in the middle (its start and its file name stay readable); the full path goes in a title. */
export function shortPath(path, max = 48) {
  const text = String(path ?? '');
  if (text.length <= max) return text;
  const tail = Math.ceil((max - 1) * 0.6);
  return `${text.slice(0, max - 1 - tail)}…${text.slice(text.length - tail)}`;
}

export const formatCount = (n) => Number(n).toLocaleString('en-US');
