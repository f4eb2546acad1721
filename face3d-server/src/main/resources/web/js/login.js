import { api, el, content, showError, setCsrf, param } from './app.js';

const form = el('form', { id: 'login-form', novalidate: true },
  el('label', { for: 'username' }, 'User name'),
  el('input', { id: 'username', name: 'username', autocomplete: 'username', required: true, autofocus: true }),
  el('label', { for: 'password' }, 'Password'),
  el('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true }),
  el('p', {}, el('button', { type: 'submit', id: 'sign-in' }, 'Sign in')));
form.addEventListener('submit', async ev => {
  ev.preventDefault();
  showError(null);
  try {
    const m = await api('POST', '/api/login', { username: form.username.value, password: form.password.value });
    setCsrf(m);
    const next = param('next');
    location.href = next && next.startsWith('/') && !next.startsWith('//') ? next : '/patients.html';
  } catch (e) { showError(e); }
});
content().append(form, el('p', { class: 'muted' }, 'face3d is a research tool, not a medical device.'));
