import { el, clear, formatCount } from './dom.js';
import { get } from './api.js';

// Top values of any keyword field the index maps (fields.*, json.*, …), below the fixed facets. The field chosen
// stays chosen across searches; each value filters for it (click) or out of it (−).
let chosen = '';

function rows(list, top, refine) {
  const max = Math.max(1, ...top.values.map((v) => v.count));
  clear(list);
  if (!top.values.length) list.append(el('p', { class: 'muted small', text: 'no values in these lines' }));
  for (const { value, count } of top.values) {
    const bar = el('span', { class: 'facet-bar' });
    bar.style.width = `${Math.round((count / max) * 100)}%`; // CSSOM: the CSP blocks style attributes
    list.append(el('div', { class: 'facet-row' },
      el('button', { type: 'button', class: 'facet', 'data-field': top.field, title: `filter for ${top.field}: ${value}`,
        onclick: () => refine(top.field, value) }, bar, el('span', { class: 'facet-value', text: value }),
        el('span', { class: 'facet-count', text: formatCount(count) })),
      el('button', { type: 'button', class: 'ghost facet-out', title: `filter out ${top.field}: ${value}`, text: '−',
        onclick: () => refine(top.field, value, true) })));
  }
  const notes = [];
  if (top.other) notes.push(`${formatCount(top.other)} lines in other values`);
  if (top.missing) notes.push(`${formatCount(top.missing)} without ${top.field}`);
  if (notes.length) list.append(el('p', { class: 'muted small field-notes', text: notes.join(' · ') }));
}

/** Appends the chooser to the facet column; params = the resolved {q, from, to} of the search shown. */
export async function fieldFacet(aside, params, refine) {
  const box = el('div', { id: 'field-facet' });
  aside.append(box);
  let fields;
  try {
    fields = (await get('/api/fields')).keyword;
  } catch (e) {
    box.append(el('p', { class: 'error small', text: e.message }));
    return;
  }
  const list = el('div', { id: 'field-values' });
  const select = el('select', { id: 'field-choice', 'aria-label': 'keyword field', title: 'top values of any keyword field' },
    el('option', { value: '', text: 'choose a field…' }), ...fields.map((f) => el('option', { value: f, text: f })));
  const show = async () => {
    chosen = select.value;
    clear(list);
    if (!chosen) return;
    try {
      rows(list, await get('/api/facets/field', { ...params, field: chosen, size: 10 }), refine);
    } catch (e) {
      list.append(el('p', { class: 'error small', text: e.message }));
    }
    list.dataset.field = chosen;
  };
  select.addEventListener('change', show);
  box.append(el('h4', { text: 'Any keyword field' }), select, list);
  if (fields.includes(chosen)) {
    select.value = chosen;
    await show();
  }
}
