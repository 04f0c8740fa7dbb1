// The login: the token goes to /api/v1/session once; the session lives in an HttpOnly cookie the page never sees.
import { api, safeNext } from './api.js';

const form = document.getElementById('login');
const token = document.getElementById('token');
const error = document.getElementById('token-error');
token.focus();

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  error.textContent = '';
  if (!token.value.trim()) {
    error.textContent = 'Enter a token.';
    return;
  }
  try {
    await api('POST', '/session', { token: token.value.trim() });
    token.value = '';
    window.location.assign(safeNext(new URLSearchParams(window.location.search).get('next')));
  } catch (e) {
    token.setAttribute('aria-invalid', 'true');
    error.textContent = e.message;
    document.body.dataset.refused = 'true';
  }
});
