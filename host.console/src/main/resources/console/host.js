// The host: what host:info, host:check (PASS/WARN/FAIL with the fix for each) and host:fingerprint show.
import { api } from './api.js';
import { page } from './layout.js';
import { el, size, say, table } from './dom.js';

await page('Host');
try {
  const [info, check, fingerprint] = await Promise.all([api('GET', '/host'), api('GET', '/host/check'), api('GET', '/host/fingerprint')]);
  const h = info.hypervisor;
  const fields = [['Platform', info.platformVersion], ['Hypervisor', h.connection + ' ' + h.version + ' (' + h.arch + ')'],
    ['CPUs, memory', h.cpus + ', ' + size(h.memoryBytes)], ['KVM', h.kvmUsable ? 'usable' : 'not usable: ' + h.kvmProblem],
    ['State directory', info.stateDirectory], ['Configuration', info.configDirectory], ['Profiles installed', info.profilesInstalled],
    ['Fingerprint', fingerprint.digest]];
  document.getElementById('content').replaceChildren(
    el('h2', {}, 'Information'), el('dl', { class: 'fields' }, fields.flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)])),
    el('h2', {}, 'Check'), table(check.failed ? check.failed + ' failed: each says how to fix it' : 'Every check passes or only warns',
      ['Result', 'Subject', 'Detail (and the fix)'], check.checks.map((c) => [el('span', { class: 'badge', 'data-state': c.status }, c.status),
        c.subject, c.detail || ''])),
    el('h2', {}, 'Fingerprint components'), table('What the fingerprint is made of', ['Component', 'Value'],
      Object.entries(fingerprint.components).map(([k, v]) => [k, v])));
} catch (e) {
  say(e.message, 'error');
}
