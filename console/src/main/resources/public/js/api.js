// fetch wrapper: JSON in and out, the session's CSRF token on every write, 401 sends the user to the login form.
let csrfToken = null;
let onUnauthorized = () => {};

export function setCsrf(token) { csrfToken = token; }
export function whenUnauthorized(handler) { onUnauthorized = handler; }

export class ApiError extends Error {
  constructor(status, body) {
    super(body && body.error ? body.error : `HTTP ${status}`);
    this.status = status;
    this.body = body || {};
  }
}

export async function api(method, path, body) {
  // Marks the page's own requests: a 401 then challenges with a scheme the browser does not prompt for.
  const headers = { 'Accept': 'application/json', 'X-Requested-With': 'logagent-console' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  const response = await fetch(path, {
    method, headers, credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { json = { error: text }; }
  if (response.status === 401 && path !== '/api/login') onUnauthorized();
  if (!response.ok) throw new ApiError(response.status, json);
  return json;
}

export const get = (path, params = {}) => {
  const query = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== undefined && v !== ''));
  return api('GET', query.size ? `${path}?${query}` : path);
};
