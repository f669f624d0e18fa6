import { $, el } from './dom.js';
import { api, get, setCsrf, whenUnauthorized } from './api.js';
import { initSearch, run } from './search.js';
import { initHosts, loadHosts } from './hosts.js';
import { loadAudit, loadPipeline } from './monitor.js';

const TABS = { search: run, hosts: loadHosts, pipeline: loadPipeline, audit: loadAudit };

function showLogin() {
  document.querySelectorAll('section').forEach((s) => { s.hidden = true; });
  $('#tabs').hidden = true;
  $('#logout').hidden = true;
  $('#login').hidden = false;
}

function currentTab() {
  const name = location.hash.slice(1).split('?')[0];
  return TABS[name] ? name : 'search';
}

async function showTab() {
  const name = currentTab();
  document.querySelectorAll('section.tab').forEach((s) => { s.hidden = s.id !== name; });
  document.querySelectorAll('#tabs a').forEach((a) => a.classList.toggle('active', a.dataset.tab === name));
  try {
    await TABS[name]();
  } catch (e) {
    $(`#${name}`).prepend(el('p', { class: 'error', text: e.message }));
  }
}

function loggedIn(me) {
  setCsrf(me.csrfToken);
  $('#who').textContent = `${me.user} (${me.role})`;
  $('#login').hidden = true;
  $('#tabs').hidden = false;
  $('#logout').hidden = false;
  showTab();
}

async function start() {
  whenUnauthorized(showLogin);
  initSearch();
  initHosts();
  window.addEventListener('hashchange', showTab);
  $('#login-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const form = new FormData(e.target);
    try {
      loggedIn(await api('POST', '/api/login', { username: form.get('username'), password: form.get('password') }));
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
