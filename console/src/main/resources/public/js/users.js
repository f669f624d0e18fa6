import { $, el, clear } from './dom.js';
import { api, get } from './api.js';

// User administration (admins only; the tab is hidden for the others and the API refuses them anyway): change a
// user's role or password in its row, delete it with a second confirming click, add a new one below.

const ROLES = ['viewer', 'editor', 'admin'];
const ADMIN = 'admin'; // the built-in user keeps its role and cannot be deleted (the server enforces it too)

function say(message, error = '') {
  $('#users-message').textContent = message;
  $('#users-error').textContent = error;
}

function roleSelect(current, disabled) {
  return el('select', { class: 'role', 'aria-label': 'role', disabled: disabled ? 'disabled' : undefined },
    ...ROLES.map((r) => el('option', { value: r, text: r, selected: r === current ? 'selected' : undefined })));
}

async function save(name, tr) {
  const role = tr.querySelector('select.role').value;
  const password = tr.querySelector('input.password').value;
  try {
    render(await api('PUT', `/api/users/${encodeURIComponent(name)}`, { role, password: password || undefined }));
    say(`saved ${name} (${role}${password ? ', new password' : ''})`);
  } catch (e) {
    say('', e.message);
  }
}

async function remove(name, button) {
  if (!button.classList.contains('danger')) { // first click only arms the button
    button.classList.add('danger');
    button.textContent = 'Click again to delete';
    return;
  }
  try {
    await api('DELETE', `/api/users/${encodeURIComponent(name)}`);
    say(`deleted ${name}`);
    await loadUsers({ keepMessage: true });
  } catch (e) {
    say('', e.message);
  }
}

function userRow(user) {
  const builtIn = user.name === ADMIN;
  const tr = el('tr', { 'data-user': user.name },
    el('td', { class: 'mono', text: user.name }),
    el('td', {}, roleSelect(user.role, builtIn)),
    el('td', {}, el('input', { class: 'password', type: 'password', autocomplete: 'new-password',
      placeholder: 'unchanged', 'aria-label': `new password for ${user.name}` })));
  const saveButton = el('button', { type: 'button', class: 'save', text: 'Save', onclick: () => save(user.name, tr) });
  const deleteButton = el('button', { type: 'button', class: 'delete', text: 'Delete',
    disabled: builtIn ? 'disabled' : undefined, title: builtIn ? 'the built-in admin cannot be deleted' : undefined });
  deleteButton.addEventListener('click', () => remove(user.name, deleteButton));
  tr.append(el('td', { class: 'buttons-cell' }, saveButton, ' ', deleteButton));
  return tr;
}

function render(users) {
  clear($('#user-table tbody')).append(...users.map(userRow));
}

export async function loadUsers({ keepMessage = false } = {}) {
  if (!keepMessage) say('');
  render(await get('/api/users'));
}

export function initUsers() {
  $('#new-user').addEventListener('submit', async (e) => {
    e.preventDefault();
    const form = new FormData(e.target);
    const name = String(form.get('name')).trim();
    if ($(`#user-table tr[data-user="${CSS.escape(name)}"]`)) {
      say('', `user ${name} exists already; change it in its row`);
      return;
    }
    try {
      render(await api('PUT', `/api/users/${encodeURIComponent(name)}`, { role: form.get('role'), password: form.get('password') }));
      say(`added ${name} (${form.get('role')})`);
      e.target.reset();
    } catch (err) {
      say('', err.message);
    }
  });
}
