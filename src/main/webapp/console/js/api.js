// Herald's REST API as the console calls it: JSON in and out, the session's CSRF token on every change, the API's
// error JSON turned into an ApiError whose message is the API's own sentence.
const BASE = '/herald/api/';
let sessionPromise = null;

export class ApiError extends Error {
  constructor(status, message, field) {
    super(message);
    this.status = status;
    this.field = field;
  }
}

/** GET /session once per page: {user, roles, admin, csrfToken}. */
export function session() {
  if (!sessionPromise) {
    sessionPromise = call('GET', 'session');
  }
  return sessionPromise;
}

/** "?a=1&b=x" of the params that have a value. */
export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') {
      q.set(k, v);
    }
  }
  const s = q.toString();
  return s ? '?' + s : '';
}

async function call(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (method !== 'GET') {
    headers['X-CSRF-Token'] = (await session()).csrfToken;
  }
  let payload = body;
  if (body !== undefined && !(body instanceof FormData)) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  const r = await fetch(BASE + path, { method, headers, body: payload, credentials: 'same-origin' });
  const type = r.headers.get('Content-Type') || '';
  if (r.status === 401 || type.startsWith('text/html')) {
    location.reload();  // the session ended: the page reloads into the login form
    throw new ApiError(401, 'Your session ended; log in again.');
  }
  const data = type.includes('json') ? await r.json() : null;
  if (!r.ok) {
    const problem = data && data.error ? data.error : 'HTTP ' + r.status;
    throw new ApiError(r.status, r.status === 403 && !(data && data.field) ? 'Refused: your role may not do this (HTTP 403)' : problem,
      data && data.field);
  }
  return data;
}

export const api = {
  get: (path) => call('GET', path),
  post: (path, body) => call('POST', path, body),
  put: (path, body) => call('PUT', path, body),
  del: (path) => call('DELETE', path),
};

/** Listens to a server-sent event stream's "progress" events; returns the EventSource (close() to stop). */
export function progressEvents(path, onProgress) {
  const source = new EventSource(BASE + path);
  source.addEventListener('progress', (e) => onProgress(JSON.parse(e.data)));
  return source;
}
