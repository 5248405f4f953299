// The console's router: one page module per hash route (#/dashboard, #/buckets, #/objects/<bucket>?prefix=,
// #/jobs, #/cluster, #/etl). A page's render(main, params) returns a function that stops its polling.
// With authentication on, a login page comes first and whenever the node answers 401.
import { onUnauthorized } from './api.js';
import { clear, h } from './dom.js';
import * as session from './session.js';
import * as dashboard from './pages/dashboard.js';
import * as buckets from './pages/buckets.js';
import * as objects from './pages/objects.js';
import * as jobs from './pages/jobs.js';
import * as cluster from './pages/cluster.js';
import * as etl from './pages/etl.js';

const PAGES = { dashboard, buckets, objects, jobs, cluster, etl };
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

/** The header's right end: the open-cluster warning, or who is signed in and a logout button. */
function authState(state) {
  const el = document.getElementById('auth-state');
  if (state === 'open') {
    el.className = 'open';
    clear(el, 'Open cluster: no authentication');
    return;
  }
  el.className = 'signed';
  el.removeAttribute('title');
  const user = session.permissions().user;
  clear(el, state === 'ok' ? [h('span', { id: 'signed-in-as' }, `Signed in as ${user}`), ' ',
    h('button', { type: 'button', id: 'logout', class: 'link', onclick: logout }, 'Log out')] : 'Sign in required');
}

function showLogin(note) {
  stopCurrent();
  stopCurrent = () => {};
  authState('login');
  document.querySelector('header nav').hidden = true;
  const main = document.getElementById('main');
  const user = h('input', { id: 'login-user', autocomplete: 'username', required: true, spellcheck: 'false' });
  const pass = h('input', { id: 'login-pass', type: 'password', autocomplete: 'current-password', required: true });
  const error = h('p', { class: 'error', id: 'login-error', role: 'alert' }, note || '');
  const submit = h('button', { type: 'submit', class: 'primary', id: 'login-submit' }, 'Sign in');
  const form = h('form', { class: 'card login', id: 'login-form' },
    h('label', { for: 'login-user' }, 'User'), user,
    h('label', { for: 'login-pass' }, 'Password'), pass, error, h('div', {}, submit));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    submit.disabled = true;
    error.textContent = '';
    try {
      await session.login(user.value.trim(), pass.value);
      await start();
    } catch (err) {
      error.textContent = `Cannot sign in: ${err.message}`;
      submit.disabled = false;
    }
  });
  clear(main, h('h1', {}, 'Sign in'), h('p', { class: 'muted' },
    'This cluster requires authentication: sign in with your AuthN user.'), form);
  document.title = 'Sign in · AIS console';
  user.focus();
}

async function logout() {
  await session.logout();
  showLogin('Signed out.');
}

/** Reads who the caller is, then shows the login page or the requested page. */
async function start() {
  let state;
  try {
    state = await session.refresh();
  } catch (e) {
    clear(document.getElementById('main'), h('p', { class: 'error', role: 'alert' }, e.message));
    return;
  }
  if (state === 'login') {
    showLogin();
    return;
  }
  authState(state);
  document.querySelector('header nav').hidden = false;
  route();
}

function route() {
  if (document.querySelector('header nav').hidden) return;
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
onUnauthorized(() => {
  if (session.permissions().auth || session.token()) showLogin('Your session has ended: sign in again.');
});
start();
