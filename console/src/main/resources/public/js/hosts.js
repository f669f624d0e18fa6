import { $, el, clear } from './dom.js';
import { api, get } from './api.js';
import { lineDiff } from './diff.js';

let editing = null; // { kind: 'hosts'|'groups', name, value, revision }

function errorsCell(errors) {
  return el('td', { class: errors.length ? 'error' : '', text: errors.join('\n') });
}

export async function loadHosts() {
  const [hosts, groups] = await Promise.all([get('/api/hosts'), get('/api/groups')]);
  clear($('#host-table tbody')).append(...hosts.map((h) => el('tr', { class: 'hit', onclick: () => edit('hosts', h.host) },
    el('td', { text: h.host }),
    el('td', { class: h.online ? 'ok' : 'error', text: h.online ? `online ${h.version || ''}` : 'offline' }),
    el('td', { text: h.configured ? h.configRevision : '-' }),
    el('td', { text: h.online ? h.appliedRevision : '-' }),
    el('td', { class: h.applied ? 'ok' : 'error', text: !h.online ? 'unknown' : h.applied ? 'applied' : 'pending' }),
    errorsCell(h.errors))));
  clear($('#group-list')).append(...groups.map((g) => el('li', {}, el('a', { href: '#hosts', text: g, onclick: () => edit('groups', g) }))));
}

async function edit(kind, name) {
  const config = await get(`/api/${kind}/${encodeURIComponent(name)}/config`);
  editing = { kind, name, value: config.value, revision: config.revision };
  $('#editor').hidden = false;
  $('#editor-title').textContent = `${kind === 'hosts' ? 'Host' : 'Group'} ${name}`;
  $('#editor-revision').textContent = config.revision ? `${config.revision}` : 'none (new key)';
  $('#editor-text').value = config.value || '[\n  {"path": "/var/log/app.log", "topic": "app"}\n]';
  $('#editor-save').disabled = true;
  showProblems(config.problems);
  clear($('#editor-diff-view'));
  if (kind === 'hosts') showFiles(name);
}

async function showFiles(ip) {
  const agents = await get('/api/agents');
  const agent = agents.find((a) => a.host === ip);
  const rows = [];
  for (const entry of agent ? agent.entries || [] : []) {
    for (const f of entry.files || []) {
      rows.push(el('tr', {},
        el('td', { text: f.path }), el('td', { text: f.state }), el('td', { text: f.offset }),
        el('td', { text: Math.max(0, (f.size || 0) - (f.offset || 0)) }), el('td', { text: f.linesPerSec }),
        el('td', { text: f.linesSent }), el('td', { class: 'error', text: f.lastError || entry.lastError || '' })));
    }
  }
  clear($('#file-table tbody')).append(...rows);
}

function showProblems(problems) {
  clear($('#editor-problems')).append(...(problems || []).map((p) => el('li', { text: p })));
}

function review() {
  const text = $('#editor-text').value;
  try {
    JSON.parse(text);
  } catch (e) {
    showProblems([`invalid JSON: ${e.message}`]);
    $('#editor-save').disabled = true;
    return;
  }
  showProblems([]);
  const view = clear($('#editor-diff-view'));
  for (const { op, line } of lineDiff(editing.value || '', text)) {
    view.append(el('span', { class: op === '+' ? 'add' : op === '-' ? 'del' : '', text: `${op} ${line}\n` }));
  }
  $('#editor-save').disabled = false;
}

async function save() {
  try {
    const saved = await api('PUT', `/api/${editing.kind}/${encodeURIComponent(editing.name)}/config`,
      { value: $('#editor-text').value, expectedRevision: editing.revision });
    editing.value = saved.value;
    editing.revision = saved.revision;
    $('#editor-revision').textContent = `${saved.revision} (saved)`;
    clear($('#editor-diff-view'));
    $('#editor-save').disabled = true;
    loadHosts();
  } catch (e) {
    if (e.status === 409) {
      showProblems([`${e.message}. Your text is kept; review the diff against the current value and save again.`]);
      editing.value = e.body.value;
      editing.revision = e.body.revision;
      $('#editor-revision').textContent = `${e.body.revision} (changed by someone else)`;
      review();
    } else {
      showProblems(e.body.problems || [e.message]);
    }
  }
}

export function initHosts() {
  $('#editor-diff').addEventListener('click', review);
  $('#editor-save').addEventListener('click', save);
  $('#editor-text').addEventListener('input', () => { $('#editor-save').disabled = true; });
  $('#new-group').addEventListener('submit', (e) => {
    e.preventDefault();
    const name = new FormData(e.target).get('name').trim();
    if (name) edit('groups', name);
  });
}
