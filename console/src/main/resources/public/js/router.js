// The URL hash is the page's state (#search?q=…&from=…&to=…&order=…, #hosts, …), so links can be shared and the
// back button works. Searches push a history entry; back/forward (popstate) and tab links (hashchange) both end
// in route(), which runs once per distinct hash.
let current = null;
let handler = () => {};

export function onRoute(fn) {
  handler = fn;
  const route = () => {
    if (location.hash === current) return;
    current = location.hash;
    handler();
  };
  window.addEventListener('popstate', route);
  window.addEventListener('hashchange', route);
}

/** Records a new state as a history entry without routing to it again (the caller has already shown it). */
export function navigate(hash) {
  if (hash === location.hash) return;
  history.pushState(null, '', hash);
  current = location.hash;
}

/** Routes to whatever the URL holds now (first load, after login). */
export function routeNow() {
  current = location.hash;
  handler();
}
