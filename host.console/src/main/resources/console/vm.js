// One VM: its details, findings and vm:lint's, its actions and consoles, and its deletion with a choice about its disks.
import { api } from './api.js';
import { page } from './layout.js';
import { el, size, say } from './dom.js';
import { actions, active } from './actions.js';

const name = new URLSearchParams(window.location.search).get('name') || '';
const path = '/vms/' + encodeURIComponent(name);

function field(label, value) {
  return [el('dt', {}, label), el('dd', {}, value)];
}

async function show() {
  const vm = await api('GET', path);
  document.body.dataset.state = vm.state;
  document.getElementById('actions').replaceChildren(...actions(vm.name, vm.state).filter(Boolean));
  document.getElementById('details').replaceChildren(...field('State', vm.state), ...field('Profile', vm.profile
      + (vm.profileInstalled ? '' : ' (not installed: install it under Profiles)')), ...field('Memory', size(vm.memoryBytes)),
      ...field('CPUs', vm.cpus), ...field('UUID', vm.uuid));
  document.getElementById('disks').replaceChildren(...(vm.disks.length ? vm.disks.map((d) => el('li', {}, d.target + ': ' + d.source
      + (d.encrypted ? ', encrypted' : '') + (d.readOnly ? ', read-only' : '') + (d.managed ? '' : ', not managed by the platform')))
    : [el('li', {}, 'none')]));
  document.getElementById('findings').replaceChildren(...(vm.findings.length ? vm.findings.map((f) => el('li', {}, f))
    : [el('li', {}, 'none')]));
  document.querySelector('#delete button').disabled = false;
}

async function lint() {
  const result = await api('GET', path + '/lint');
  document.getElementById('lint').replaceChildren(...(result.findings.length ? result.findings.map((f) => el('li', { 'data-severity': f.severity },
    el('strong', {}, f.severity + ': '), f.what, f.why ? ' (' + f.why + ')' : '', f.fix ? el('span', { class: 'fix' }, ' Fix: ' + f.fix) : ''))
    : [el('li', {}, 'nothing to report: it moves to another host as it is')]));
}

document.getElementById('delete').addEventListener('submit', async (event) => {
  event.preventDefault();
  const disks = new FormData(event.target).get('disks');
  if (!disks) {
    say('Choose what happens to its disks first.', 'error');
    return;
  }
  if (active(document.body.dataset.state) && !window.confirm(name + ' runs: delete powers it off first. Go on?')) {
    return;
  }
  try {
    await api('DELETE', path + '?disks=' + disks);
    window.location.assign('index.html');
  } catch (e) {
    say(e.message, 'error');
  }
});

document.getElementById('title').textContent = name;
await page(name);
try {
  await show();
  lint().catch((e) => say('vm:lint: ' + e.message, 'error'));
  const events = new EventSource('/api/v1/events');
  for (const type of ['STARTED', 'STOPPED', 'SHUTDOWN', 'CRASHED', 'SUSPENDED', 'RESUMED', 'PM_SUSPENDED', 'UNDEFINED']) {
    events.addEventListener(type, (m) => {
      if (JSON.parse(m.data).name === name) {
        show().catch((e) => say(e.message, 'error'));
      }
    });
  }
} catch (e) {
  say(e.message, 'error');
}
