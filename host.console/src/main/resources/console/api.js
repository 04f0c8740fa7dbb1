// The REST API from the console's pages: the session cookie goes along by itself; a request that
// changes something carries the console's header, which the server's guard against other sites wants.
export const CONSOLE_HEADER = 'X-Phyllome-Console';

/** A refusal of the API: its status and problem document (RFC 9457: detail, problems). */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || ('HTTP ' + status));
    this.status = status;
    this.problem = problem;
  }
}

/** Calls /api/v1 + path; resolves to the JSON answer (null for 204); a 401 leads to the login page. */
export async function api(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (method !== 'GET') {
    headers[CONSOLE_HEADER] = '1';
  }
  let payload;
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  const response = await fetch('/api/v1' + path, { method, headers, body: payload, credentials: 'same-origin' });
  if (response.status === 401 && !(method === 'POST' && path === '/session')) { // a refused login stays on its page
    toLogin();
  }
  if (!response.ok) {
    let problem;
    try {
      problem = await response.json();
    } catch (e) {
      problem = { detail: response.status + ' ' + response.statusText };
    }
    throw new ApiError(response.status, problem);
  }
  return response.status === 204 ? null : response.json();
}

/** To the login page, which comes back here once logged in. */
export function toLogin() {
  window.location.assign('login.html?next=' + encodeURIComponent(window.location.pathname + window.location.search));
}

/** Where a login may return to: a page of this console only (never another site). */
export function safeNext(next) {
  return /^\/[a-z][a-z0-9-]*\.html(\?[A-Za-z0-9._~%&=+-]*)?$/.test(next || '') ? next : '/index.html';
}
