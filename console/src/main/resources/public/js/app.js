import { $, el } from './dom.js';
import { api, get, setCsrf, whenUnauthorized } from './api.js';
import { initSearch, showSearchFromUrl } from './search.js';
import { initTail, stopTail } from './tail.js';
import { initHosts, showHosts, leaveHosts } from './hosts.js';
import { loadAudit, loadPipeline } from './monitor.js';
import { initUsers, loadUsers } from './users.js';
import { loadAlerts } from './alerts.js';
import { initPatterns, showPatterns } from './patterns.js';
import { onRoute, routeNow } from './router.js';

const TABS = { search: showSearchFromUrl, patterns: showPatterns, hosts: showHosts, pipeline: loadPipeline, audit: loadAudit, alerts: loadAlerts, users: loadUsers };
let loggedInUser = null;

function showLogin() {
  loggedInUser = null;
  stopTail();
  leaveHosts();
  document.querySelectorAll('section').forEach((s) => { s.hidden = true; });
  $('#tabs').hidden = true;
  $('#logout').hidden = true;
  $('#who').textContent = '';
  delete document.body.dataset.role;
  $('#login').hidden = false;
  $('#login-form input[name=password]').focus();
}

function currentTab() {
  const name = location.hash.slice(1).split('?')[0];
  return TABS[name] ? name : 'search';
}

async function showTab() {
  if (!loggedInUser) return;
  const name = currentTab();
  if (name !== 'search') stopTail();
  if (name !== 'hosts') leaveHosts();
  document.querySelectorAll('section.tab').forEach((s) => { s.hidden = s.id !== name; });
  document.querySelectorAll('#tabs a').forEach((a) => a.classList.toggle('active', a.dataset.tab === name));
  document.querySelectorAll(`#${name} > p.tab-error`).forEach((p) => p.remove());
  try {
    await TABS[name]();
  } catch (e) {
    $(`#${name}`).prepend(el('p', { class: 'error tab-error', text: e.message }));
  }
}

function loggedIn(me) {
  loggedInUser = me.user;
  setCsrf(me.csrfToken);
  $('#who').textContent = `${me.user} · ${me.role}`;
  // Hides what this role may not use (CSS keys on it); the server checks every request regardless.
  document.body.dataset.role = me.role;
  $('#editor-text').readOnly = me.role === 'viewer';
  $('#login').hidden = true;
  $('#login-error').textContent = '';
  $('#tabs').hidden = false;
  $('#logout').hidden = false;
  routeNow();
}

async function start() {
  whenUnauthorized(showLogin);
  initSearch();
  initTail();
  initHosts();
  initUsers();
  initPatterns();
  onRoute(showTab);
  $('#login-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const form = new FormData(e.target);
    try {
      loggedIn(await api('POST', '/api/login', { username: form.get('username'), password: form.get('password') }));
      e.target.reset();
    } catch (err) {
      $('#login-error').textContent = err.message;
    }
  });
  $('#logout').addEventListener('click', async () => {
    await api('POST', '/api/logout');
    showLogin();
  });
  $('#pipeline-refresh').addEventListener('click', loadPipeline);
  try {
    loggedIn(await get('/api/me'));
  } catch {
    showLogin();
  }
}

start();
