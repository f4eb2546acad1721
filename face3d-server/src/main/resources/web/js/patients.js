import { api, el, content, start, guard } from './app.js';

const list = el('div', { id: 'patient-list', 'aria-live': 'polite' });

async function load(q) {
  const rows = await api('GET', '/api/patients?q=' + encodeURIComponent(q || ''));
  list.replaceChildren(rows.length === 0 ? el('p', { class: 'muted' }, 'No patients match.') :
    el('table', {}, el('thead', {}, el('tr', {}, el('th', {}, 'Code'), el('th', {}, 'Name'), el('th', {}, 'Born'),
      el('th', {}, 'Visits'), el('th', {}, 'Last visit'))),
    el('tbody', {}, rows.map(p => el('tr', {},
      el('td', {}, el('a', { href: '/patient.html?id=' + p.id }, p.code)), el('td', {}, p.name),
      el('td', {}, p.birth_year ?? ''), el('td', {}, p.visits), el('td', {}, p.last_visit ?? ''))))));
}

guard(async () => {
  await start();
  const search = el('form', { role: 'search', class: 'row', onsubmit: guard(ev => { ev.preventDefault(); return load(search.q.value); }) },
    el('div', {}, el('label', { for: 'q' }, 'Search by code or name'), el('input', { id: 'q', name: 'q', type: 'search' })),
    el('button', { type: 'submit' }, 'Search'));
  const add = el('form', { id: 'new-patient', class: 'card' },
    el('h2', {}, 'New patient'),
    el('label', { for: 'code' }, 'Patient code (the clinic\'s reference)'), el('input', { id: 'code', name: 'code', required: true }),
    el('label', { for: 'name' }, 'Name'), el('input', { id: 'name', name: 'name', required: true }),
    el('label', { for: 'birth_year' }, 'Birth year (optional)'), el('input', { id: 'birth_year', name: 'birth_year', inputmode: 'numeric' }),
    el('p', {}, el('button', { type: 'submit', id: 'create-patient' }, 'Add patient')));
  add.addEventListener('submit', guard(async ev => {
    ev.preventDefault();
    const r = await api('POST', '/api/patients', { code: add.code.value, name: add.name.value,
      birth_year: add.birth_year.value ? Number(add.birth_year.value) : null });
    location.href = '/patient.html?id=' + r.id;
  }));
  content().append(search, list, add);
  await load('');
})();
