// The disks of the platform's storage, and which VMs use each (disk:list).
import { api } from './api.js';
import { page } from './layout.js';
import { el, size, say, table } from './dom.js';

await page('Disks');
try {
  const list = await api('GET', '/disks');
  document.getElementById('content').replaceChildren(table('The disks in the platform\'s storage', ['Path', 'Capacity', 'Allocated', 'Encrypted', 'Used by'],
    list.disks.map((d) => [el('code', {}, d.path), size(d.capacityBytes), size(d.allocationBytes), d.encrypted ? 'yes' : 'no',
      d.usedBy.length ? d.usedBy.join(', ') : 'no VM'])));
} catch (e) {
  say(e.message, 'error');
}
