// The VMs page: the list once, then kept current by the server's events (EventSource), never polled.
import { api } from './api.js';
import { page } from './layout.js';
import { el, size, say } from './dom.js';
import { actions } from './actions.js';

const EVENTS = ['DEFINED', 'UNDEFINED', 'STARTED', 'SUSPENDED', 'RESUMED', 'STOPPED', 'SHUTDOWN', 'CRASHED', 'PM_SUSPENDED'];
const body = document.querySelector('#vms tbody');
const rows = new Map();

function row(vm) {
  const tr = el('tr', { 'data-vm': vm.name },
    el('th', { scope: 'row' }, el('a', { href: 'vm.html?name=' + encodeURIComponent(vm.name) }, vm.name)),
    el('td', { class: 'state' }), el('td', {}, vm.profile + (vm.profileInstalled ? '' : ' (not installed)')),
    el('td', {}, size(vm.memoryBytes)), el('td', {}, vm.cpus), el('td', { class: 'actions' }));
  rows.set(vm.name, tr);
  setState(vm.name, vm.state);
  return tr;
}

function setState(name, state) {
  const tr = rows.get(name);
  if (!tr) {
    return;
  }
  tr.dataset.state = state;
  tr.querySelector('.state').replaceChildren(el('span', { class: 'badge', 'data-state': state }, state));
  tr.querySelector('.actions').replaceChildren(...actions(name, state).filter(Boolean));
}

async function load() {
  const list = await api('GET', '/vms');
  rows.clear();
  body.replaceChildren(...list.vms.map(row));
  if (list.vms.length === 0) {
    body.append(el('tr', {}, el('td', { colspan: 6 }, 'No VMs yet: ', el('a', { href: 'create.html' }, 'create one'), '.')));
  }
}

function listen() {
  const events = new EventSource('/api/v1/events');
  for (const type of EVENTS) {
    events.addEventListener(type, (message) => {
      const event = JSON.parse(message.data);
      if (type === 'DEFINED' || type === 'UNDEFINED' || !rows.has(event.name)) {
        load().catch((e) => say(e.message, 'error'));
      } else {
        setState(event.name, event.state);
      }
      document.body.dataset.lastEvent = type + ' ' + event.name;
    });
  }
  // once the stream is open, and again after the browser reconnected it: the list, for what happened before
  events.addEventListener('open', () => {
    load().then(() => { document.body.dataset.live = 'true'; }).catch((e) => say(e.message, 'error'));
  });
  events.addEventListener('error', () => { document.body.dataset.live = 'false'; });
}

await page('VMs');
listen();
