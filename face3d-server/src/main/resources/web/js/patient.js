import { api, el, content, start, guard, param, title } from './app.js';

guard(async () => {
  await start();
  const id = param('id');
  const p = await api('GET', '/api/patients/' + encodeURIComponent(id));
  title('Patient ' + p.code + ': ' + p.name);
  const visits = p.visits.length === 0 ? el('p', { class: 'muted' }, 'No visits yet.') :
    el('table', { id: 'visits' }, el('thead', {}, el('tr', {}, el('th', {}, 'Date'), el('th', {}, 'Status'), el('th', {}, ''))),
      el('tbody', {}, p.visits.map(v => el('tr', {}, el('td', {}, v.visit_date), el('td', {}, v.status),
        el('td', {}, v.status === 'open'
          ? el('a', { href: '/visit-new.html?id=' + v.id }, 'Take photos')
          : el('a', { href: '/visit.html?id=' + v.id }, 'Report'))))));
  const today = new Date().toISOString().slice(0, 10);
  const form = el('form', { class: 'row card', id: 'new-visit' },
    el('div', {}, el('label', { for: 'date' }, 'Visit date'), el('input', { id: 'date', name: 'date', type: 'date', value: today })),
    el('button', { type: 'submit', id: 'create-visit' }, 'New visit'));
  form.addEventListener('submit', guard(async ev => {
    ev.preventDefault();
    const r = await api('POST', '/api/patients/' + id + '/visits', { date: form.date.value });
    location.href = '/visit-new.html?id=' + r.id;
  }));
  content().append(
    p.birth_year ? el('p', {}, 'Born ' + p.birth_year) : '',
    el('h2', {}, 'Visits'), visits,
    el('p', {}, el('a', { href: '/progress.html?id=' + id, id: 'progress-link' }, 'Visits over time'), ' · ',
      el('a', { href: '/api/patients/' + id + '/scores.csv' }, 'Scores as CSV')),
    form);
})();
