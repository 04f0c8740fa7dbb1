// Profiles: those installed (faulty ones marked), those the repositories offer; install, update, uninstall.
import { api } from './api.js';
import { page } from './layout.js';
import { el, say, table } from './dom.js';

async function act(method, path, label) {
  say(label + '...');
  try {
    const done = await api(method, path);
    say(label + ': ' + done.result);
    await show();
  } catch (e) {
    say(label + ': ' + e.message, 'error');
  }
}

async function show() {
  const installed = await api('GET', '/profiles');
  const content = document.getElementById('content');
  content.replaceChildren(table('Installed profiles', ['Profile', 'Family', 'Name', 'State'], installed.profiles.map((p) =>
    [p.id, p.family || '', p.name || '', p.fault ? el('span', { class: 'error', 'data-faulty': 'true' }, 'faulty: ' + p.fault) : 'ready'])),
  el('h2', {}, 'Available from the repositories'), el('p', { id: 'available' }, 'Reading the repositories...'));
  try {
    const available = await api('GET', '/profiles/available');
    const id = (p) => encodeURIComponent(p.id);
    document.getElementById('available').replaceWith(table('Repositories: ' + (available.repositories.join(', ') || 'none configured'),
      ['Profile', 'Version', 'Installed', 'Action'], available.profiles.map((p) => [p.id, p.version, p.installed || 'no',
        p.withPlatform ? 'comes with the platform'
          : !p.installed ? el('button', { type: 'button', onclick: () => act('POST', '/profiles/' + id(p) + '/install', 'Installing ' + p.id) }, 'Install')
            : el('span', { class: 'actions' }, p.updateAvailable ? el('button', { type: 'button',
              onclick: () => act('POST', '/profiles/' + id(p) + '/update', 'Updating ' + p.id) }, 'Update') : null,
            p.cannotRunHere ? 'its update cannot run here' : null,
            el('button', { type: 'button', onclick: () => { if (window.confirm('Uninstall ' + p.id + '?')) act('DELETE', '/profiles/' + id(p), 'Uninstalling ' + p.id); } },
              'Uninstall'))])),
    ...available.problems.map((problem) => el('p', { class: 'error' }, problem)));
  } catch (e) {
    document.getElementById('available').textContent = e.message;
  }
}

await page('Profiles');
show().catch((e) => say(e.message, 'error'));
