// The console's router: one page module per hash route (#/dashboard, #/buckets, #/objects/<bucket>?prefix=,
// #/jobs, #/cluster). A page's render(main, params) returns a function that stops its polling.
import { clear, h } from './dom.js';
import * as dashboard from './pages/dashboard.js';
import * as buckets from './pages/buckets.js';
import * as objects from './pages/objects.js';
import * as jobs from './pages/jobs.js';
import * as cluster from './pages/cluster.js';

const PAGES = { dashboard, buckets, objects, jobs, cluster };
let stopCurrent = () => {};

function parse() {
  const raw = location.hash.replace(/^#\/?/, '');
  const [path, query] = raw.split('?');
  const [page, ...rest] = path.split('/');
  return {
    page: PAGES[page] ? page : 'dashboard',
    arg: rest.map(decodeURIComponent).join('/'),
    query: new URLSearchParams(query || ''),
  };
}

function route() {
  stopCurrent();
  const r = parse();
  const main = document.getElementById('main');
  for (const a of document.querySelectorAll('nav a')) {
    const on = a.id === `nav-${r.page === 'objects' ? 'buckets' : r.page}`;
    if (on) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  clear(main, h('p', { class: 'muted' }, 'Loading…'));
  const stop = PAGES[r.page].render(main, r);
  stopCurrent = typeof stop === 'function' ? stop : () => {};
  document.title = `${main.querySelector('h1')?.textContent || r.page} · AIS console`;
}

window.addEventListener('hashchange', () => {
  route();
  document.getElementById('main').focus({ preventScroll: true });
});
window.addEventListener('unhandledrejection', (e) => {
  console.warn('unhandled:', e.reason);
  e.preventDefault();
});
route();
