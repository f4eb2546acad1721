import { api, el, content, start, guard, param, title } from './app.js';

guard(async () => {
  await start();
  const id = param('id');
  const v = await api('GET', '/api/visits/' + encodeURIComponent(id));
  const postures = Object.keys(v.files || {});
  const posture = postures.includes(param('posture')) ? param('posture') : postures[0];
  title('3D face, ' + posture + ', visit ' + v.visit_date);
  await import('/vendor/model-viewer.min.js').catch(() => { throw new Error('The 3D viewer is not installed on the server: run ./face3d setup there.'); });
  const viewer = el('model-viewer', { id: 'viewer', src: '/api/visits/' + id + '/files/' + posture + '/glb', 'camera-controls': true,
    'camera-orbit': '0deg 90deg auto', 'interaction-prompt': 'none', exposure: '1.1', alt: '3D face, ' + posture + ', coloured by asymmetry' });
  content().append(
    el('nav', { 'aria-label': 'Postures' }, el('p', {}, postures.map(p => [el('a', { href: '/viewer.html?id=' + id + '&posture=' + p, 'aria-current': p === posture ? 'page' : null }, p), ' ']))),
    viewer,
    el('p', { class: 'muted' }, 'Drag to turn, scroll to zoom. Colour: distance to the mirrored face, 0 (purple) to 5 mm or more (yellow).'),
    el('p', {}, el('a', { href: '/visit.html?id=' + id }, 'Back to the report')));
})();
