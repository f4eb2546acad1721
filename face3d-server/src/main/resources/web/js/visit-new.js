import { api, el, content, start, guard, param, title, showError } from './app.js';

const id = param('id');

function checkList(check) {
  if (!check) return el('p', { class: 'muted' }, 'Checking…');
  return el('div', {},
    el('p', { class: check.ok ? 'ok' : 'error', role: 'status' }, check.ok ? 'Photo accepted.' : 'Please retake: ' + check.retake),
    el('ul', { class: 'check' }, check.items.map(i => el('li', { class: i.ok ? 'pass' : 'fail' }, (i.ok ? '✓ ' : '✗ ') + i.detail))));
}

async function upload(posture, blob, box, img) {
  box.replaceChildren(el('p', { class: 'muted', role: 'status' }, 'Uploading and checking…'));
  for (let attempt = 0; attempt < 8; attempt++) {
    try {
      const r = await api('PUT', '/api/visits/' + id + '/photos/' + posture, blob);
      img.src = URL.createObjectURL(blob);
      img.hidden = false;
      box.replaceChildren(checkList(r.check));
      return;
    } catch (e) {
      if (e.status === 503) { await new Promise(res => setTimeout(res, 1000 * (e.retryAfter || 2))); continue; }
      box.replaceChildren(el('p', { class: 'error', role: 'alert' }, e.message));
      return;
    }
  }
  box.replaceChildren(el('p', { class: 'error', role: 'alert' }, 'The server stayed busy: try this photo again in a minute.'));
}

function postureCard(p, existing) {
  const box = el('div', { class: 'result', 'aria-live': 'polite' }, existing ? checkList(existing.check) : '');
  const taken = el('img', { class: 'taken', alt: 'Photo taken: ' + p.title, hidden: !existing,
    src: existing ? '/api/visits/' + id + '/photos/' + p.key : null });
  const file = el('input', { type: 'file', accept: 'image/png,image/jpeg', capture: 'user', id: 'file-' + p.key,
    onchange: guard(() => file.files[0] && upload(p.key, file.files[0], box, taken)) });
  const video = el('video', { autoplay: true, playsinline: true, muted: true, hidden: true, 'aria-label': 'Camera preview' });
  let stream = null;
  const snap = el('button', { type: 'button', class: 'secondary', hidden: true, onclick: guard(async () => {
    const c = document.createElement('canvas');
    c.width = video.videoWidth; c.height = video.videoHeight;
    c.getContext('2d').drawImage(video, 0, 0);
    stream.getTracks().forEach(t => t.stop());
    video.hidden = true; snap.hidden = true;
    const blob = await new Promise(res => c.toBlob(res, 'image/jpeg', 0.92));
    await upload(p.key, blob, box, taken);
  }) }, 'Take the photo');
  const cam = el('button', { type: 'button', class: 'secondary', onclick: guard(async () => {
    if (!navigator.mediaDevices) { showError(new Error('This browser gives no camera here: upload a photo instead.')); return; }
    try {
      stream = await navigator.mediaDevices.getUserMedia({ video: { width: 1280, height: 960, facingMode: 'user' } });
    } catch (e) { showError(new Error('The camera could not be opened (' + e.name + '): allow the camera or upload a photo.')); return; }
    video.srcObject = stream; video.hidden = false; snap.hidden = false;
  }) }, 'Use the camera');
  return el('section', { class: 'posture card', id: 'posture-' + p.key, 'aria-labelledby': 'h-' + p.key },
    el('h2', { id: 'h-' + p.key }, p.title),
    el('p', {}, p.instruction),
    el('div', { class: 'pair' },
      el('figure', {}, el('img', { class: 'example', src: p.example, alt: 'Example: ' + p.title }), el('figcaption', { class: 'muted' }, 'Example')),
      el('div', {}, taken, video)),
    el('label', { for: 'file-' + p.key }, 'Upload a photo'), file,
    el('p', {}, cam, ' ', snap),
    box);
}

guard(async () => {
  await start();
  const v = await api('GET', '/api/visits/' + encodeURIComponent(id));
  title('New visit ' + v.visit_date + ' for ' + v.patient_code);
  if (v.status !== 'open' && v.status !== 'failed') { location.href = '/visit.html?id=' + id; return; }
  const postures = await api('GET', '/api/postures');
  const byKey = Object.fromEntries(v.photos.map(ph => [ph.posture, ph]));
  const submit = el('button', { type: 'button', id: 'submit-visit', onclick: guard(async () => {
    await api('POST', '/api/visits/' + id + '/submit');
    location.href = '/visit.html?id=' + id;
  }) }, 'Compute the report');
  content().append(
    el('p', {}, 'Take the postures below; the photo at rest is required, the others add the movement scores. Each photo is checked when it arrives.'),
    v.error ? el('p', { class: 'error' }, 'The last computation failed: ' + v.error) : '',
    el('div', { class: 'postures' }, postures.map(p => postureCard(p, byKey[p.key]))),
    el('p', {}, submit, ' ', el('a', { href: '/patient.html?id=' + v.patient_id }, 'Back to the patient')));
})();
