// What a VM's buttons do, on the list and on its own page: the lifecycle calls and its consoles.
import { api } from './api.js';
import { el, say } from './dom.js';

const ACTIVE = new Set(['running', 'paused', 'shutting-down', 'suspended']);

/** Whether the VM occupies the hypervisor, as the platform says (VmState.isActive). */
export function active(state) {
  return ACTIVE.has(state);
}

async function run(vm, action, label) {
  say(label + ' ' + vm + '...');
  try {
    await api('POST', '/vms/' + encodeURIComponent(vm) + '/' + action);
    say(label + ' ' + vm + ': done.');
  } catch (e) {
    say(label + ' ' + vm + ': ' + e.message, 'error');
  }
}

/** The buttons and links for a VM in {@code state}; the state's events re-render them. */
export function actions(vm, state) {
  const on = active(state);
  const name = encodeURIComponent(vm);
  return [
    el('button', { type: 'button', class: 'start', disabled: on, onclick: () => run(vm, 'start', 'Starting') }, 'Start'),
    el('button', { type: 'button', class: 'shutdown', disabled: !on, title: 'asks the guest to power off (ACPI)',
      onclick: () => run(vm, 'shutdown', 'Shutting down') }, 'Shut down'),
    el('button', { type: 'button', class: 'stop', disabled: !on, title: 'cuts the power at once: unsaved data in the guest is lost',
      onclick: () => { if (window.confirm('Power off ' + vm + ' at once? Unsaved data in the guest is lost.')) run(vm, 'stop', 'Powering off'); } }, 'Power off'),
    on ? el('a', { class: 'open-screen', href: 'console.html?vm=' + name }, 'Screen') : null,
    el('a', { class: 'open-serial', href: 'serial.html?vm=' + name }, 'Serial'),
  ];
}
