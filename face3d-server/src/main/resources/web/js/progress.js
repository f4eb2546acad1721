import { api, el, content, start, guard, param, title, fmt } from './app.js';

const SVG = 'http://www.w3.org/2000/svg';
function s(tag, attrs, ...kids) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  kids.forEach(k => e.append(k instanceof Node ? k : document.createTextNode(String(k))));
  return e;
}

const SERIES = [['static', '#0b5cad'], ['dynamic', '#b3261e'], ['synkinesis', '#1a7f37']];

function plot(visits) {
  const W = 760, H = 320, L = 50, R = 20, T = 20, B = 50;
  const n = visits.length;
  const x = i => L + (n === 1 ? (W - L - R) / 2 : i * (W - L - R) / (n - 1));
  const y = v => T + (100 - v) * (H - T - B) / 100;
  const g = s('svg', { class: 'plot', viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': 'Scores over the visits' });
  for (const v of [0, 25, 50, 75, 100]) {
    g.append(s('line', { x1: L, x2: W - R, y1: y(v), y2: y(v), stroke: '#d0d7de' }), s('text', { x: L - 8, y: y(v) + 4, 'text-anchor': 'end', 'font-size': 12 }, v));
  }
  visits.forEach((v, i) => g.append(s('text', { x: x(i), y: H - B + 20, 'text-anchor': 'middle', 'font-size': 12 }, v.visit_date)));
  SERIES.forEach(([name, colour], k) => {
    const pts = visits.map((v, i) => [x(i), v.scores[name]]).filter(p => typeof p[1] === 'number');
    if (pts.length > 1) g.append(s('polyline', { points: pts.map(p => p[0] + ',' + y(p[1])).join(' '), fill: 'none', stroke: colour, 'stroke-width': 2 }));
    pts.forEach(p => g.append(s('circle', { cx: p[0], cy: y(p[1]), r: 4, fill: colour })));
    g.append(s('text', { x: L + 10 + k * 130, y: H - 8, fill: colour, 'font-size': 13 }, '● ' + name));
  });
  return g;
}

function compare(a, b) {
  const names = [...new Set([...Object.keys(a.scores), ...Object.keys(b.scores)])];
  return el('table', { id: 'comparison' },
    el('thead', {}, el('tr', {}, el('th', {}, 'Score'), el('th', {}, a.visit_date), el('th', {}, b.visit_date), el('th', {}, 'Change'))),
    el('tbody', {}, names.map(n => {
      const va = a.scores[n], vb = b.scores[n];
      const d = (typeof va === 'number' && typeof vb === 'number') ? vb - va : null;
      return el('tr', {}, el('th', { scope: 'row' }, n.replace('item:', '')), el('td', {}, fmt(va, 0)), el('td', {}, fmt(vb, 0)),
        el('td', {}, d === null ? '' : (d > 0 ? '+' : '') + d.toFixed(0)));
    })));
}

guard(async () => {
  await start();
  const id = param('id');
  const p = await api('GET', '/api/patients/' + encodeURIComponent(id));
  title('Visits over time: ' + p.code);
  const visits = (await api('GET', '/api/patients/' + id + '/progress')).filter(v => v.status === 'done');
  if (visits.length === 0) { content().append(el('p', {}, 'No computed visit yet.')); return; }
  const pick = (name, sel) => el('select', { id: name, name }, visits.map((v, i) => el('option', { value: i, selected: i === sel }, v.visit_date)));
  const a = pick('first', 0), b = pick('second', visits.length - 1);
  const out = el('div', { 'aria-live': 'polite' }, compare(visits[0], visits[visits.length - 1]));
  const redo = () => out.replaceChildren(compare(visits[a.value], visits[b.value]));
  a.addEventListener('change', redo); b.addEventListener('change', redo);
  content().append(plot(visits), el('h2', {}, 'Compare two visits'),
    el('div', { class: 'row' }, el('div', {}, el('label', { for: 'first' }, 'From'), a), el('div', {}, el('label', { for: 'second' }, 'To'), b)),
    out, el('p', {}, el('a', { href: '/patient.html?id=' + id }, 'Back to the patient')));
})();
