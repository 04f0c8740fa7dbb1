// The create form: built from the chosen profile (its minimum, recommendation and options); the
// API's validation messages (the shell's) shown beside the field each is about (problem.invalid).
import { api } from './api.js';
import { page } from './layout.js';
import { el, size, say } from './dom.js';

const form = document.getElementById('create');
const profile = document.getElementById('profile');
const options = document.getElementById('options');

function clearErrors() {
  form.querySelectorAll('.field-error').forEach((e) => e.remove());
  form.querySelectorAll('[aria-invalid]').forEach((e) => e.removeAttribute('aria-invalid'));
  document.getElementById('form-error').textContent = '';
}

/** Shows {@code message} beside the field {@code pointer} names (/memory, /options/tpm); the form's own line otherwise. */
function showError(pointer, message) {
  const key = pointer.startsWith('/options/') ? 'option-' + pointer.substring(9) : pointer.substring(1);
  const box = form.querySelector('[data-field="' + CSS.escape(key) + '"]');
  if (!box) {
    document.getElementById('form-error').append(el('span', {}, message), ' ');
    return;
  }
  const id = 'error-' + key;
  const input = box.querySelector('input, select');
  box.append(el('p', { class: 'error field-error', id }, message));
  if (input) {
    input.setAttribute('aria-invalid', 'true');
    input.setAttribute('aria-describedby', ((input.getAttribute('aria-describedby') || '') + ' ' + id).trim());
  }
}

async function describe(id) {
  const p = await api('GET', '/profiles/' + encodeURIComponent(id));
  const hint = (what, min, rec) => 'At least ' + min + ', recommended ' + rec + '; empty: the recommendation.';
  document.getElementById('memory-help').textContent = hint('memory', size(p.minimum.memoryBytes), size(p.recommended.memoryBytes));
  document.getElementById('cpus-help').textContent = hint('cpus', p.minimum.cpus, p.recommended.cpus);
  document.getElementById('disk-help').textContent = hint('disk', size(p.minimum.diskBytes), size(p.recommended.diskBytes))
    + ' Write sizes as 512M or 20G; "none" for no disk.';
  document.getElementById('memory').placeholder = size(p.recommended.memoryBytes);
  document.getElementById('cpus').placeholder = p.recommended.cpus;
  document.getElementById('cpus').min = p.minimum.cpus;
  document.getElementById('disk').placeholder = size(p.recommended.diskBytes);
  document.getElementById('profile-help').textContent = p.name + (p.fault ? ' - faulty: ' + p.fault : '');
  const keys = Object.keys(p.options);
  options.replaceChildren(el('legend', {}, 'The profile\'s options'), ...(keys.length === 0 ? [el('p', { class: 'help' }, 'This profile has none.')]
    : keys.map((key) => el('div', { class: 'field', 'data-field': 'option-' + key },
      el('label', { for: 'option-' + key }, key),
      el('input', { id: 'option-' + key, name: 'option-' + key, 'data-option': key, 'aria-describedby': 'option-help-' + key }),
      el('p', { class: 'help', id: 'option-help-' + key }, p.options[key] + ' Empty: the profile\'s default.')))));
}

function request() {
  const value = (id) => document.getElementById(id).value.trim() || undefined;
  const body = { name: value('name'), profile: profile.value, memory: value('memory'), disk: value('disk'), iso: value('iso'),
    kernel: value('kernel'), initrd: value('initrd'), cmdline: value('cmdline'),
    encrypted: document.getElementById('encrypted').checked, start: document.getElementById('start').checked };
  const cpus = value('cpus');
  if (cpus !== undefined) {
    body.cpus = Number(cpus);
  }
  const chosen = {};
  options.querySelectorAll('input[data-option]').forEach((i) => { if (i.value.trim()) chosen[i.dataset.option] = i.value.trim(); });
  if (Object.keys(chosen).length) {
    body.options = chosen;
  }
  return body;
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  clearErrors();
  if (!document.getElementById('name').value.trim()) {
    showError('/name', 'the VM needs a name');
    document.getElementById('name').focus();
    return;
  }
  say('Creating...');
  try {
    const vm = await api('POST', '/vms', request());
    window.location.assign('vm.html?name=' + encodeURIComponent(vm.name));
  } catch (e) {
    say('Not created: ' + e.message, 'error');
    const invalid = e.problem && e.problem.invalid ? e.problem.invalid : [];
    invalid.forEach((i) => showError(i.pointer, i.detail));
    const shown = new Set(invalid.map((i) => i.detail));
    (e.problem.problems && e.problem.problems.length ? e.problem.problems : [e.message]).filter((p) => !shown.has(p))
      .forEach((p) => showError('/', p));
    const first = form.querySelector('[aria-invalid="true"]');
    if (first) {
      first.focus();
    }
  }
});

profile.addEventListener('change', () => describe(profile.value).catch((e) => say(e.message, 'error')));

await page('Create a VM');
const [profiles, media] = await Promise.all([api('GET', '/profiles'), api('GET', '/media')]);
profile.replaceChildren(...profiles.profiles.filter((p) => !p.fault).map((p) => el('option', { value: p.id }, p.name + ' (' + p.id + ')')));
document.getElementById('iso').append(...media.media.map((m) => el('option', { value: m.path }, m.name)));
if (profile.value) {
  await describe(profile.value);
}
document.body.dataset.ready = 'true';
