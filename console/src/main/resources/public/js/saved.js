import { $, el, clear } from './dom.js';
import { api, get } from './api.js';

// Saved searches (the user's own, kept in etcd by the console): each opens its query and range, and has a short
// link /s/<id> any signed-in user can open. Names and queries are user text: built with el's text only.

const hashOf = (s) => `#search?${new URLSearchParams({ q: s.q, from: s.from, to: s.to })}`;

export async function loadSaved() {
  const list = clear($('#saved-list'));
  let saved;
  try {
    saved = await get('/api/saved-searches');
  } catch (e) {
    $('#saved-error').textContent = e.message;
    return;
  }
  if (!saved.length) list.append(el('li', { class: 'muted small', text: 'none saved yet' }));
  for (const s of saved) {
    list.append(el('li', { 'data-id': s.id },
      el('a', { href: hashOf(s), class: 'saved-open', title: `${s.q || '(all lines)'} · ${s.from} → ${s.to}`, text: s.name }),
      el('span', { class: 'muted mono small', text: ` ${s.q || '(all lines)'} · ${s.from} → ${s.to} ` }),
      el('a', { href: `/s/${encodeURIComponent(s.id)}`, class: 'saved-link', title: 'link to share', text: `${location.origin}/s/${s.id}` }),
      el('button', { type: 'button', class: 'ghost saved-delete', title: 'delete this saved search', text: 'Delete',
        onclick: async () => {
          try {
            await api('DELETE', `/api/saved-searches/${encodeURIComponent(s.id)}`);
            await loadSaved();
          } catch (e) {
            $('#saved-error').textContent = e.message;
          }
        } })));
  }
}

/** The saved search of a short link (#search?saved=<id>): its q, from and to. */
export const openSaved = (id) => get(`/api/saved-searches/${encodeURIComponent(id)}`);

/** @param current () => { q, from, to } of the search on screen */
export function initSaved(current) {
  $('#save-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    $('#saved-message').textContent = '';
    $('#saved-error').textContent = '';
    try {
      const s = await api('POST', '/api/saved-searches', { name: $('#save-name').value, ...current() });
      $('#saved-message').textContent = `saved "${s.name}": ${location.origin}/s/${s.id}`;
      $('#save-name').value = '';
      await loadSaved();
    } catch (err) {
      $('#saved-error').textContent = err.message;
    }
  });
  $('#saved-searches').addEventListener('toggle', () => { if ($('#saved-searches').open) loadSaved(); });
}
