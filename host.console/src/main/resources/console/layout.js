// The bar every page of the console shares: where you are, the other pages, who is logged in, log out.
import { api, toLogin } from './api.js';
import { el } from './dom.js';

const PAGES = [['index.html', 'VMs'], ['create.html', 'Create'], ['disks.html', 'Disks'], ['media.html', 'Media'],
  ['profiles.html', 'Profiles'], ['host.html', 'Host']];

/** Fills the page's header and checks the session (to the login page without one); resolves to the token's name. */
export async function page(title) {
  document.title = title + ' - Phyllome Host';
  const here = window.location.pathname.substring(1) || 'index.html';
  const who = el('span', { class: 'who' });
  const logout = el('button', { type: 'button', onclick: async () => {
    await api('DELETE', '/session');
    toLogin();
  } }, 'Log out');
  const nav = el('nav', { 'aria-label': 'Pages' }, el('ul', {}, PAGES.map(([href, label]) =>
    el('li', {}, el('a', { href, 'aria-current': href === here ? 'page' : undefined }, label)))));
  document.getElementById('bar').replaceChildren(el('span', { class: 'brand' }, 'Phyllome Host'), nav, who, logout);
  const session = await api('GET', '/session');
  who.textContent = 'token ' + session.token;
  return session.token;
}
