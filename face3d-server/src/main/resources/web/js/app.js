// Shared helpers of the pages: the JSON API with the CSRF token, DOM building without innerHTML (every text
// goes in as text, so nothing a user typed can become markup), the page header, errors.
let me = null;

export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (k === 'text') e.textContent = v;
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

export class ApiError extends Error {
  constructor(status, message, retryAfter) { super(message); this.status = status; this.retryAfter = retryAfter; }
}

export async function api(method, path, body, contentType) {
  const headers = {};
  if (me && me.csrf) headers['X-CSRF-Token'] = me.csrf;
  let payload;
  if (body instanceof Blob) { payload = body; headers['Content-Type'] = contentType || body.type || 'application/octet-stream'; }
  else if (body !== undefined) { payload = JSON.stringify(body); headers['Content-Type'] = 'application/json'; }
  const r = await fetch(path, { method, headers, body: payload, credentials: 'same-origin' });
  if (r.status === 401 && !location.pathname.endsWith('/login.html')) {
    location.href = '/login.html?next=' + encodeURIComponent(location.pathname + location.search);
    throw new ApiError(401, 'not signed in');
  }
  const type = r.headers.get('Content-Type') || '';
  const data = type.includes('json') ? await r.json() : await r.text();
  if (!r.ok) throw new ApiError(r.status, (data && data.error) || ('request failed (' + r.status + ')'), Number(r.headers.get('Retry-After') || 0));
  return data;
}

export function setCsrf(m) { me = m; }

export function param(name) { return new URLSearchParams(location.search).get(name); }

export function showError(e) {
  const s = document.getElementById('status');
  s.textContent = e ? (e.message || String(e)) : '';
}

export function content() { return document.getElementById('content'); }

export function title(text) { document.getElementById('title').textContent = text; document.title = text + ' - face3d'; }

/** Signs in check and page header; resolves to the account. */
export async function start() {
  me = await api('GET', '/api/me');
  const top = document.getElementById('top');
  top.replaceChildren(
    el('a', { class: 'brand', href: '/patients.html' }, 'face3d'),
    el('nav', { 'aria-label': 'Main' }, el('a', { href: '/patients.html' }, 'Patients')),
    el('span', { class: 'who' }, me.username + ' (' + me.role + ', ' + me.clinic + ')'),
    el('button', { class: 'secondary', id: 'logout', type: 'button', onclick: async () => {
      await api('POST', '/api/logout'); location.href = '/login.html';
    } }, 'Sign out'));
  return me;
}

export function fmt(v, digits = 1) {
  return (v === null || v === undefined || Number.isNaN(v)) ? 'not measured' : Number(v).toFixed(digits);
}

export function guard(fn) {
  return (...args) => Promise.resolve().then(() => fn(...args)).catch(e => { if (e.status !== 401) showError(e); });
}
