import { api, el, content, start, guard, param, title, fmt } from './app.js';

const id = param('id');

function scoreCard(name, value, note) {
  return el('div', { class: 'score' }, el('div', { class: 'muted' }, name), el('div', { class: 'value' }, fmt(value, 0)), el('div', { class: 'muted' }, note));
}

function report(v) {
  const r = v.report;
  const s = r.scores;
  const items = Object.entries(s.items || {});
  const movements = Object.entries(r.movements || {});
  const measureRows = [];
  for (const [side, m] of [['right', r.rest.right], ['left', r.rest.left]]) {
    for (const [k, val] of Object.entries(m)) if (typeof val === 'number') measureRows.push([ 'rest', side, k, val ]);
  }
  for (const [mv, m] of movements) {
    for (const side of ['right', 'left']) {
      for (const [k, val] of Object.entries(m[side] || {})) if (k.endsWith('change_mm') || k.endsWith('_change')) measureRows.push([mv, side, k, val]);
    }
  }
  return el('div', { id: 'report' },
    el('h2', {}, 'Scores'),
    el('div', { class: 'scores', id: 'scores' },
      scoreCard('Static', s.static, '100 = symmetric at rest'),
      scoreCard('Dynamic', s.dynamic, '100 = movements symmetric'),
      scoreCard('Synkinesis', s.synkinesis, '100 = none')),
    el('p', {}, 'Healthy side: ' + r.healthy_side + ' (' + (r.healthy_side_chosen === 'auto' ? 'chosen from the movements' : 'given') + ').'),
    el('ul', {}, Object.entries(r.summary || {}).map(([k, t]) => el('li', {}, k + ': ' + t))),
    items.length ? el('table', {}, el('caption', { class: 'muted' }, 'Scored items (0-100)'),
      el('tbody', {}, items.map(([k, val]) => el('tr', {}, el('th', { scope: 'row' }, k), el('td', {}, fmt(val, 0)))))) : '',
    el('h2', {}, 'Movements'),
    el('table', {}, el('thead', {}, el('tr', {}, el('th', {}, 'Movement'), el('th', {}, 'Weaker side'), el('th', {}, 'Ratio'), el('th', {}, 'Measured by'))),
      el('tbody', {}, movements.map(([k, m]) => el('tr', {}, el('td', {}, k), el('td', {}, m.weaker_side), el('td', {}, fmt(m.ratio, 2)), el('td', {}, m.primary_measure))))),
    el('h2', {}, 'Measures (mm, degrees)'),
    el('table', { id: 'measures' }, el('thead', {}, el('tr', {}, el('th', {}, 'Posture'), el('th', {}, 'Side'), el('th', {}, 'Measure'), el('th', {}, 'Value'))),
      el('tbody', {}, measureRows.map(([a, b, c, d]) => el('tr', {}, el('td', {}, a), el('td', {}, b), el('td', {}, c), el('td', {}, fmt(d, 2)))))),
    el('h2', {}, 'Images'),
    el('div', { class: 'figures' }, Object.entries(v.files || {}).map(([posture, kinds]) => el('figure', {},
      el('div', { class: 'pair row' },
        el('img', { src: '/api/visits/' + id + '/photos/' + posture, alt: 'Photo, ' + posture, width: 240 }),
        kinds.includes('heatmap') ? el('img', { src: '/api/visits/' + id + '/files/' + posture + '/heatmap', alt: 'Asymmetry map, ' + posture, width: 360 }) : ''),
      el('figcaption', {}, posture + ': ', el('a', { href: '/viewer.html?id=' + id + '&posture=' + posture, class: 'viewer-link' }, 'open the 3D face'))))),
    el('h2', {}, 'Export'),
    el('p', {}, el('a', { class: 'button secondary', href: '/api/visits/' + id + '/report.pdf' }, 'Report (PDF)'), ' ',
      el('a', { class: 'button secondary', href: '/api/visits/' + id + '/meshes.zip' }, 'Meshes (GLB, OBJ)'), ' ',
      el('a', { class: 'button secondary', href: '/api/patients/' + v.patient_id + '/scores.csv' }, 'Scores (CSV)')),
    el('p', { class: 'muted' }, r.disclaimer + ' Computed in ' + (v.timing_ms / 1000).toFixed(1) + ' s.'));
}

async function poll() {
  const v = await api('GET', '/api/visits/' + encodeURIComponent(id));
  title('Visit ' + v.visit_date + ' of ' + v.patient_code);
  const back = el('p', {}, el('a', { href: '/patient.html?id=' + v.patient_id }, 'Back to ' + v.patient_name), ' · ',
    el('a', { href: '/progress.html?id=' + v.patient_id }, 'Visits over time'));
  if (v.status === 'queued' || v.status === 'running') {
    content().replaceChildren(el('div', { role: 'status', 'aria-live': 'polite', id: 'progress' },
      el('p', {}, v.status === 'queued' ? 'Waiting for a free worker' + (v.queued_jobs ? ' (' + v.queued_jobs + ' visits queued)' : '') + '…' : 'Computing the 3D faces and the measures…'),
      el('progress', { 'aria-label': 'Computing' })), back);
    setTimeout(guard(poll), 1000);
  } else if (v.status === 'failed') {
    content().replaceChildren(el('p', { class: 'error', role: 'alert' }, 'The report could not be computed: ' + v.error),
      el('p', {}, el('a', { href: '/visit-new.html?id=' + id }, 'Retake photos')), back);
  } else if (v.status === 'open') {
    location.href = '/visit-new.html?id=' + id;
  } else {
    content().replaceChildren(report(v), back);
  }
}

guard(async () => { await start(); await poll(); })();
