// The media library: what it holds, and an upload with its progress and the SHA-256 its publisher states (checked by the host).
import { api, CONSOLE_HEADER, toLogin } from './api.js';
import { page } from './layout.js';
import { el, size, say, table } from './dom.js';

const file = el('input', { id: 'file', type: 'file', required: true, accept: '.iso,.img,.raw,.qcow2' });
const sha = el('input', { id: 'sha256', required: true, pattern: '[0-9a-fA-F]{64}', autocomplete: 'off', 'aria-describedby': 'sha-help' });
const progress = el('progress', { id: 'progress', max: 100, value: 0, hidden: true, 'aria-label': 'Upload progress' });
const form = el('form', { class: 'form', id: 'upload' },
  el('div', { class: 'field' }, el('label', { for: 'file' }, 'File'), file),
  el('div', { class: 'field' }, el('label', { for: 'sha256' }, 'SHA-256'), sha,
    el('p', { class: 'help', id: 'sha-help' }, 'As the publisher states it (64 hex digits): the host checks the upload against it.')),
  progress, el('button', { type: 'submit' }, 'Upload'));

async function list() {
  const media = await api('GET', '/media');
  document.getElementById('list').replaceChildren(table('The media library', ['Name', 'Size', 'SHA-256'],
    media.media.map((m) => [m.name, size(m.sizeBytes), el('code', {}, m.sha256)])));
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  if (!file.files.length || !/^[0-9a-fA-F]{64}$/.test(sha.value.trim())) {
    say('Choose a file and give its SHA-256 (64 hex digits).', 'error');
    return;
  }
  const chosen = file.files[0];
  // XHR rather than fetch: only XHR reports an upload's progress
  const xhr = new XMLHttpRequest();
  xhr.open('PUT', '/api/v1/media/' + encodeURIComponent(chosen.name) + '?sha256=' + sha.value.trim().toLowerCase());
  xhr.setRequestHeader(CONSOLE_HEADER, '1');
  xhr.setRequestHeader('Content-Type', 'application/octet-stream');
  progress.hidden = false;
  xhr.upload.addEventListener('progress', (e) => {
    if (e.lengthComputable) {
      progress.value = Math.round(100 * e.loaded / e.total);
      say('Uploading ' + chosen.name + ': ' + size(e.loaded) + ' of ' + size(e.total));
    }
  });
  xhr.upload.addEventListener('load', () => say('Uploaded ' + chosen.name + ': the host checks its SHA-256...'));
  xhr.addEventListener('load', () => {
    if (xhr.status === 401) {
      toLogin();
    } else if (xhr.status >= 200 && xhr.status < 300) {
      say(chosen.name + ' is in the library (SHA-256 checked).');
      list();
    } else {
      let detail = xhr.statusText;
      try { detail = JSON.parse(xhr.responseText).detail; } catch (e) { /* not a problem document */ }
      say('Not uploaded: ' + detail, 'error');
    }
  });
  xhr.addEventListener('error', () => say('The upload failed: the connection was lost.', 'error'));
  xhr.send(chosen);
});

await page('Media');
document.getElementById('content').replaceChildren(el('div', { id: 'list' }), el('h2', {}, 'Upload a medium'), form);
list().catch((e) => say(e.message, 'error'));
