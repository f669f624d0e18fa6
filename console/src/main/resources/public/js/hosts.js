import { $, el, clear, shortPath } from './dom.js';
import { api, get } from './api.js';
import { lineDiff } from './diff.js';

// Hosts with their rollout state (refreshed every 2 s while the tab is open, so a config being applied or an
// agent going away shows up by itself) and the collect-config editor: edit → review the diff → save with the
// revision that was loaded (compare-and-swap; a stale save is refused with a conflict).

const REFRESH_MS = 2000;
let editing = null; // { kind: 'hosts'|'groups', name, value, revision }
let refreshTimer = null;

function errorsCell(errors) {
  return el('td', { class: errors.length ? 'error small' : '', text: errors.join('\n') });
}

function agentCell(h) {
  return el('td', {}, el('span', { class: `pill ${h.online ? 'online' : 'offline'}`, text: h.online ? 'online' : 'offline' }),
    h.online && h.version ? el('span', { class: 'muted small', text: ` ${h.version}` }) : null);
}

// Rollout states as the server computes them from the agents' own reports; never "applied" beside a refusal.
const STATE_CLASS = { applied: 'ok', 'partly applied': 'warn', failed: 'error', pending: 'warn' };

const refusedText = (refused) => refused.map((r) => `${r.path}: ${r.reason}`).join('\n');

function rollout(h) {
  if (!h.configured) return { text: h.groups && h.groups.length ? `groups only: ${h.groups.join(', ')}` : 'no config', cls: 'muted' };
  const r = h.rollout;
  if (!h.online) return { text: 'pending (agent offline)', cls: 'muted', state: r.state };
  const detail = r.state === 'failed' ? `: ${r.reason}` : r.state === 'partly applied' ? ` (refused: ${refusedText(r.refused)})`
    : r.state === 'pending' ? ` (${r.reason})` : '';
  return { text: `${r.state}${detail}`, cls: STATE_CLASS[r.state], state: r.state };
}

function showApplied(h) {
  const target = $('#editor-applied');
  if (!h) { target.textContent = 'no agent has reported for this host'; target.className = 'muted'; return; }
  const r = rollout(h);
  target.textContent = h.online ? `agent online, applied revision ${h.appliedRevision} (${r.text})` : 'agent offline';
  target.className = r.cls;
}

function waveText(c, n) {
  const others = ['partly applied', 'failed', 'pending'].filter((s) => c[s]).map((s) => `${c[s]} ${s}`);
  return { text: [`${c.applied} of ${n} applied`, ...others].join(', '), failed: c.failed > 0, clean: !others.length };
}

// Per wave when a staged rollout is in progress: "canary: 1 of 1 applied · others: 2 of 3 applied, 1 pending".
function groupRollout(g) {
  if (!g.revision && !g.canary) return { text: 'no config', cls: 'muted' };
  if (!g.members.length) return { text: 'no member online', cls: 'muted' };
  const rest = g.members.filter((m) => m.wave !== 'canary').length;
  const all = waveText(g.counts, rest);
  if (!g.canary) return { text: all.text, cls: all.failed ? 'error' : all.clean ? 'ok' : 'warn' };
  const canary = waveText(g.canary.counts, g.members.length - rest);
  const text = `canary: ${canary.text} · others: ${rest ? all.text : 'none'}`;
  return { text, cls: canary.failed || all.failed ? 'error' : canary.clean && all.clean ? 'ok' : 'warn' };
}

function memberText(m) {
  const r = m.rollout;
  const wave = m.wave === 'canary' ? ' (canary)' : '';
  if (r.state === 'applied') return `${m.host} ✓${wave}`;
  if (r.state === 'pending') return `${m.host} pending (${m.appliedRevision})${wave}`;
  return `${m.host} ${r.state}${wave}`;
}

function memberCell(members) {
  if (!members.length) return el('td', { class: 'muted', text: '–' });
  return el('td', {}, ...members.map((m) => el('span', {
    class: `member ${STATE_CLASS[m.rollout.state]}`, 'data-member': m.host, 'data-applied': String(m.applied),
    'data-state': m.rollout.state, 'data-wave': m.wave,
    title: m.rollout.state === 'partly applied' ? `refused:\n${refusedText(m.rollout.refused)}`
      : m.rollout.reason || `applied revision ${m.appliedRevision}`,
    text: memberText(m),
  })));
}

function groupRow(g) {
  const r = groupRollout(g);
  const errors = g.members.flatMap((m) => m.errors.map((e) => `${m.host}: ${e}`));
  return el('tr', { class: `hit${editing && editing.kind === 'groups' && editing.name === g.group ? ' selected' : ''}`,
    'data-group': g.group, onclick: () => edit('groups', g.group) },
  el('td', { class: 'mono', text: g.group }),
  el('td', { text: g.revision || '–' }),
  el('td', { class: `rollout ${r.cls}`, text: r.text }),
  memberCell(g.members),
  errorsCell(errors));
}

function showGroupApplied(g) {
  const target = $('#editor-applied');
  const r = g ? groupRollout(g) : { text: 'no member online', cls: 'muted' };
  target.textContent = g && g.members.length ? `member hosts: ${r.text}` : r.text;
  target.className = r.cls;
  const c = g && g.canary;
  $('#canary-status').textContent = c ? `canary in progress on ${c.hosts.join(', ')} (revision ${c.revision})` : 'no canary in progress';
  $('#canary-promote').hidden = !c;
  $('#canary-rollback').hidden = !c;
}

async function canaryAction(action) {
  const name = encodeURIComponent(editing.name);
  try {
    if (action === 'save') {
      const hosts = $('#canary-hosts').value.split(/[\s,]+/).filter(Boolean);
      await api('PUT', `/api/groups/${name}/canary`, { value: $('#editor-text').value, hosts });
    } else if (action === 'promote') {
      const saved = await api('POST', `/api/groups/${name}/canary/promote`, { expectedRevision: editing.revision });
      editing.value = saved.value;
      editing.revision = saved.revision;
      $('#editor-revision').textContent = `${saved.revision} (promoted)`;
    } else {
      await api('POST', `/api/groups/${name}/canary/rollback`);
    }
    showProblems([]);
    await loadHosts();
  } catch (e) {
    showProblems(e.body && e.body.problems ? e.body.problems : [e.message]);
  }
}

// The hosts table is filtered, sorted and paged here, over the whole list the server sends (a thousand hosts are a few
// hundred kB): only one page of rows is ever in the DOM, so a large fleet renders and filters at once.
const HOST_PAGE = 50;
const hostView = { filter: '', sort: 'host', desc: false, page: 0 };
let allHosts = [];
let renders = 0;

/** 10.0.0.9 before 10.0.0.10: numeric parts compare as numbers. */
const naturalCompare = (a, b) => String(a).localeCompare(String(b), 'en', { numeric: true });

function sortKey(h, field) {
  if (field === 'rollout') return rollout(h).text;
  if (field === 'errors') return h.errors.length;
  if (field === 'online') return h.online ? 1 : 0;
  return h[field];
}

function matches(h, words) {
  const text = [h.host, h.online ? 'online' : 'offline', rollout(h).text, ...(h.groups || []), ...h.errors].join(' ').toLowerCase();
  return words.every((w) => text.includes(w));
}

function hostRow(h) {
  const r = rollout(h);
  return el('tr', { class: `hit${editing && editing.kind === 'hosts' && editing.name === h.host ? ' selected' : ''}`,
    'data-host': h.host, onclick: () => edit('hosts', h.host) },
  el('td', { class: 'mono', text: h.host }),
  agentCell(h),
  el('td', { text: h.configured ? h.configRevision : '–' }),
  el('td', { text: h.online ? h.appliedRevision : '–' }),
  el('td', { class: `rollout ${r.cls}`, 'data-state': r.state, text: r.text }),
  errorsCell(h.errors));
}

function renderHosts() {
  const t0 = performance.now();
  const words = hostView.filter.toLowerCase().split(/\s+/).filter(Boolean);
  const shown = words.length ? allHosts.filter((h) => matches(h, words)) : allHosts.slice();
  const { sort, desc } = hostView;
  shown.sort((a, b) => {
    const x = sortKey(a, sort);
    const y = sortKey(b, sort);
    const c = typeof x === 'number' && typeof y === 'number' ? x - y : naturalCompare(x ?? '', y ?? '');
    return (desc ? -c : c) || naturalCompare(a.host, b.host);
  });
  const pages = Math.max(1, Math.ceil(shown.length / HOST_PAGE));
  hostView.page = Math.min(hostView.page, pages - 1);
  const start = hostView.page * HOST_PAGE;
  const rows = shown.slice(start, start + HOST_PAGE);
  const body = clear($('#host-table tbody'));
  body.append(...rows.map(hostRow));
  if (!rows.length) {
    body.append(el('tr', {}, el('td', { colspan: 6, class: 'muted',
      text: allHosts.length ? 'No host matches the filter.' : 'No host has a config or a running agent yet.' })));
  }
  const of = shown.length === allHosts.length ? '' : ` (filtered from ${allHosts.length.toLocaleString('en-US')})`;
  $('#host-count').textContent = shown.length
    ? `${(start + 1).toLocaleString('en-US')}–${(start + rows.length).toLocaleString('en-US')} of ${shown.length.toLocaleString('en-US')} hosts${of}`
    : `0 of ${allHosts.length.toLocaleString('en-US')} hosts`;
  $('#host-prev').disabled = hostView.page === 0;
  $('#host-next').disabled = hostView.page >= pages - 1;
  document.querySelectorAll('#host-table th[data-sort]').forEach((th) => {
    th.classList.toggle('sorted-asc', th.dataset.sort === sort && !desc);
    th.classList.toggle('sorted-desc', th.dataset.sort === sort && desc);
  });
  const table = $('#host-table');
  table.dataset.matching = String(shown.length);
  table.dataset.renderMs = String(Math.round(performance.now() - t0)); // filter + sort + one page of rows
  table.dataset.renders = String(++renders);
}

async function loadHosts() {
  const [hosts, groups] = await Promise.all([get('/api/hosts'), get('/api/groups/rollout')]);
  $('#hosts-error').textContent = '';
  allHosts = hosts;
  renderHosts();
  clear($('#group-table tbody')).append(...groups.map(groupRow));
  if (!groups.length) $('#group-table tbody').append(el('tr', {}, el('td', { colspan: 5, class: 'muted', text: 'No group yet.' })));
  if (editing && editing.kind === 'hosts') {
    showApplied(hosts.find((h) => h.host === editing.name));
    showFiles(editing.name);
  } else if (editing) {
    showGroupApplied(groups.find((g) => g.group === editing.name));
  }
}

async function edit(kind, name) {
  const config = await get(`/api/${kind}/${encodeURIComponent(name)}/config`);
  editing = { kind, name, value: config.value, revision: config.revision };
  $('#editor').hidden = false;
  $('#editor-title').textContent = `${kind === 'hosts' ? 'Host' : 'Group'} ${name}`;
  $('#editor-revision').textContent = config.revision ? `${config.revision}` : 'none (new key)';
  $('#editor-text').value = config.value || '[\n  {"path": "/var/log/app.log", "topic": "app"}\n]';
  $('#editor-save').disabled = true;
  $('#editor-applied').textContent = '';
  showProblems(config.problems);
  showWarnings([]);
  clear($('#editor-diff-view'));
  document.querySelectorAll('#host-table tr').forEach((tr) => tr.classList.toggle('selected', kind === 'hosts' && tr.dataset.host === name));
  document.querySelectorAll('#group-table tr').forEach((tr) => tr.classList.toggle('selected', kind === 'groups' && tr.dataset.group === name));
  $('#editor-files').hidden = kind !== 'hosts';
  $('#canary').hidden = kind !== 'groups';
  loadHosts();
}

async function showFiles(ip) {
  const agents = await get('/api/agents');
  const agent = agents.find((a) => a.host === ip);
  const rows = [];
  for (const entry of agent ? agent.entries || [] : []) {
    const files = entry.files || [];
    if (!files.length) {
      rows.push(el('tr', {}, el('td', { class: 'mono', title: entry.path, text: shortPath(entry.path) }), el('td', { text: entry.state }),
        el('td', { colspan: 4 }), el('td', { class: 'error', text: entry.last_error || '' })));
    }
    for (const f of files) {
      rows.push(el('tr', {},
        el('td', { class: 'mono', title: f.path, text: shortPath(f.path) }), el('td', { text: f.state }), el('td', { text: f.offset }),
        el('td', { text: Math.max(0, (f.size || 0) - (f.offset || 0)) }),
        el('td', { text: Number(f.lines_per_sec || 0).toFixed(1) }), el('td', { text: f.lines_sent ?? 0 }),
        el('td', { class: 'error', text: f.last_error || entry.last_error || '' })));
    }
  }
  if (!rows.length) rows.push(el('tr', {}, el('td', { colspan: 7, class: 'muted', text: agent ? 'no entries' : 'agent not reporting' })));
  clear($('#file-table tbody')).append(...rows);
}

function showProblems(problems) {
  clear($('#editor-problems')).append(...(problems || []).map((p) => el('li', { text: p })));
}

function showWarnings(warnings) {
  clear($('#editor-warnings')).append(...(warnings || []).map((w) => el('li', { text: w })));
}

// The agents' own codec and allow_paths (as each receiving agent reports them) judge the text before it is saved:
// problems mean every agent would refuse the whole value; warnings mean some agent would apply it in part.
async function review() {
  const text = $('#editor-text').value;
  showWarnings([]);
  try {
    JSON.parse(text);
  } catch (e) {
    showProblems([`invalid JSON: ${e.message}`]);
    $('#editor-save').disabled = true;
    return;
  }
  let check;
  try {
    check = await api('POST', `/api/${editing.kind}/${encodeURIComponent(editing.name)}/config/check`, { value: text });
  } catch (e) {
    showProblems([e.message]);
    return;
  }
  showProblems(check.problems);
  showWarnings(check.warnings.map((w) => `will be refused: ${w}`));
  showDiff(editing.value || '', text);
  $('#editor-save').disabled = check.problems.length > 0;
}

function showDiff(before, after) {
  const view = clear($('#editor-diff-view'));
  const diff = lineDiff(before, after);
  for (const { op, line } of diff) {
    view.append(el('span', { class: op === '+' ? 'add' : op === '-' ? 'del' : '', text: `${op} ${line}\n` }));
  }
  if (!diff.some((d) => d.op !== ' ')) view.append(el('span', { class: 'muted', text: 'no changes' }));
}

async function save() {
  try {
    const saved = await api('PUT', `/api/${editing.kind}/${encodeURIComponent(editing.name)}/config`,
      { value: $('#editor-text').value, expectedRevision: editing.revision });
    editing.value = saved.value;
    editing.revision = saved.revision;
    $('#editor-revision').textContent = `${saved.revision} (saved)`;
    clear($('#editor-diff-view'));
    showProblems([]);
    showWarnings([]);
    $('#editor-save').disabled = true;
    loadHosts();
  } catch (e) {
    if (e.status === 409) {
      showProblems([`${e.message}. Your text is kept; review the diff against the current value and save again.`]);
      editing.value = e.body.value;
      editing.revision = e.body.revision;
      $('#editor-revision').textContent = `${e.body.revision} (changed by someone else)`;
      showDiff(editing.value || '', $('#editor-text').value);
    } else {
      showProblems(e.body.problems || [e.message]);
    }
  }
}

export async function showHosts() {
  await loadHosts();
  if (!refreshTimer) {
    refreshTimer = setInterval(() => loadHosts().catch((e) => { $('#hosts-error').textContent = e.message; }), REFRESH_MS);
  }
}

export function leaveHosts() {
  clearInterval(refreshTimer);
  refreshTimer = null;
}

function initHostTable() {
  $('#host-filter').addEventListener('input', (e) => { hostView.filter = e.target.value; hostView.page = 0; renderHosts(); });
  $('#host-prev').addEventListener('click', () => { hostView.page = Math.max(0, hostView.page - 1); renderHosts(); });
  $('#host-next').addEventListener('click', () => { hostView.page += 1; renderHosts(); });
  document.querySelectorAll('#host-table th[data-sort]').forEach((th) => th.addEventListener('click', () => {
    hostView.desc = hostView.sort === th.dataset.sort ? !hostView.desc : false;
    hostView.sort = th.dataset.sort;
    hostView.page = 0;
    renderHosts();
  }));
}

export function initHosts() {
  initHostTable();
  $('#canary-save').addEventListener('click', () => canaryAction('save'));
  $('#canary-promote').addEventListener('click', () => canaryAction('promote'));
  $('#canary-rollback').addEventListener('click', () => canaryAction('rollback'));
  $('#editor-diff').addEventListener('click', review);
  $('#editor-save').addEventListener('click', save);
  $('#editor-text').addEventListener('input', () => { $('#editor-save').disabled = true; });
  $('#new-group').addEventListener('submit', (e) => {
    e.preventDefault();
    const name = new FormData(e.target).get('name').trim();
    if (name) edit('groups', name);
  });
}
