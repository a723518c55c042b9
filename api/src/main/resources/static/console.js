// ChargeLedger console: a plain ES module, no build step. Talks to /api with the bearer token kept in
// sessionStorage and listens to /ws/updates for live changes.

const TOKEN_KEY = 'chargeledger.token';
const view = () => document.getElementById('view');
const state = { me: null, socket: null, listeners: new Set(), retry: 0 };

// ---------- helpers ----------

function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else if (key === 'text') el.textContent = value;
    else el.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

const fmtTime = (value) => value ? new Date(value).toLocaleString() : '';
const hasRole = (...roles) => !!state.me && roles.some((role) => state.me.roles.includes(role));
const token = () => sessionStorage.getItem(TOKEN_KEY);

class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

async function api(method, path, body) {
  const headers = { Accept: 'application/json, application/problem+json' };
  if (token()) headers.Authorization = `Bearer ${token()}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (e) {
    throw new ApiError(0, { title: 'Server not reachable', detail: String(e.message || e) });
  }
  const text = await response.text();
  let data = null;
  if (text) {
    try { data = JSON.parse(text); } catch { data = { detail: text }; }
  }
  if (!response.ok) {
    const problem = data && typeof data === 'object' ? data : {};
    if (!problem.title) problem.title = `${response.status} ${response.statusText}`;
    if (response.status === 401 && path !== '/api/auth/token') {
      signOut(false);
      showMessage('error', 'Your sign-in has expired or is no longer valid; please sign in again.');
    }
    throw new ApiError(response.status, problem);
  }
  return { status: response.status, data, headers: response.headers };
}

function showMessage(kind, title, detail, errors) {
  const box = document.getElementById('message');
  box.className = kind;
  box.replaceChildren(h('strong', { 'data-testid': 'message-title' }, title));
  if (detail) box.append(' ', h('span', { 'data-testid': 'message-detail' }, detail));
  if (errors && errors.length) {
    box.append(h('ul', { 'data-testid': 'message-errors' },
      errors.map((error) => h('li', {}, error.field ? `${error.field}: ${error.message}` : error.message))));
  }
  box.hidden = false;
}

function clearMessage() {
  const box = document.getElementById('message');
  box.hidden = true;
  box.replaceChildren();
}

// Shows any error the API answered (problem+json title, detail and field errors), and marks form fields.
function showError(error, form) {
  if (form) {
    form.querySelectorAll('.field-error').forEach((el) => el.remove());
    form.querySelectorAll('.invalid').forEach((el) => el.classList.remove('invalid'));
  }
  if (!(error instanceof ApiError)) {
    showMessage('error', 'Unexpected error', String(error && error.message || error));
    return;
  }
  const problem = error.problem;
  const errors = Array.isArray(problem.errors) ? problem.errors : [];
  const extra = [];
  if (problem.authorizationStatus) extra.push({ message: `authorization status: ${problem.authorizationStatus}` });
  if (problem.sessionId) extra.push({ message: `running session: ${problem.sessionId}` });
  const retry = error.status === 429 ? ` (try again in ${problem.retryAfter || 'a few'} seconds)` : '';
  showMessage('error', problem.title, (problem.detail || '') + retry, errors.concat(extra));
  if (form) {
    for (const fieldError of errors) {
      const input = form.querySelector(`[name="${CSS.escape(fieldError.field || '')}"]`);
      if (input) {
        input.classList.add('invalid');
        input.closest('label').append(h('span', { class: 'field-error', 'data-error-for': fieldError.field }, fieldError.message));
      }
    }
  }
}

async function guarded(action, form) {
  try {
    return await action();
  } catch (error) {
    showError(error, form);
    return undefined;
  }
}

// ---------- live updates ----------

function onLive(listener) {
  state.listeners.add(listener);
}

// A REST answer and a live update about the same record can arrive in either order: keep the newer one (read
// models count the events they applied in `version`), so a slow answer never hides a later change.
function newer(current, next) {
  return !current || next.version == null || current.version == null || next.version >= current.version ? next : current;
}

// Puts a connector's pushed state into the charger (replacing its previous state), ordered by connector id.
function withConnector(charger, connector) {
  const others = (charger.connectors || []).filter((c) => c.connectorId !== connector.connectorId);
  charger.connectors = others.concat([connector]).sort((a, b) => a.connectorId - b.connectorId);
}

// Listens before the page's first fetch, so that an update pushed while the fetch is under way is not lost: until
// `ready()` is called the updates are kept, then applied (newest wins) and later ones go straight to `apply`.
function liveRecord(matches, apply) {
  let pending = [];
  onLive((message) => {
    if (!matches(message)) return;
    if (pending) pending.push(message);
    else apply(message);
  });
  return {
    ready() {
      const early = pending;
      pending = null;
      early.forEach(apply);
    },
  };
}

function connectLive() {
  if (!token() || state.socket) return;
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const socket = new WebSocket(`${scheme}://${location.host}/ws/updates?access_token=${encodeURIComponent(token())}`);
  state.socket = socket;
  const status = document.getElementById('live-status');
  socket.onmessage = (event) => {
    const message = JSON.parse(event.data);
    if (message.type === 'welcome') {
      state.retry = 0;
      status.textContent = 'live';
      status.className = 'live on';
      return;
    }
    for (const listener of state.listeners) {
      try { listener(message); } catch (e) { console.error(e); }
    }
  };
  socket.onclose = () => {
    state.socket = null;
    status.textContent = 'offline';
    status.className = 'live off';
    if (token()) {
      state.retry = Math.min(state.retry + 1, 6);
      setTimeout(connectLive, 500 * 2 ** state.retry);
    }
  };
}

function disconnectLive() {
  if (state.socket) {
    const socket = state.socket;
    state.socket = null;
    socket.onclose = null;
    socket.close();
  }
}

// ---------- sign-in ----------

function renderLogin() {
  document.getElementById('nav').hidden = true;
  document.getElementById('logout').hidden = true;
  document.getElementById('whoami').textContent = '';
  const form = document.getElementById('login-template').content.firstElementChild.cloneNode(true);
  view().replaceChildren(form);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const username = form.username.value.trim();
    const password = form.password.value;
    await guarded(async () => {
      const answer = await api('POST', '/api/auth/token', { username, password });
      sessionStorage.setItem(TOKEN_KEY, answer.data.access_token);
      clearMessage();
      await start();
    }, form);
  });
}

function signOut(rerender = true) {
  sessionStorage.removeItem(TOKEN_KEY);
  state.me = null;
  disconnectLive();
  if (rerender) {
    clearMessage();
    location.hash = '#/chargers';
  }
  renderLogin();
}

async function start() {
  if (!token()) return renderLogin();
  const me = await guarded(() => api('GET', '/api/auth/me'));
  if (!me) return renderLogin();
  state.me = me.data;
  document.getElementById('whoami').textContent = `${state.me.username} (${state.me.roles.join(', ')})`;
  document.getElementById('nav').hidden = false;
  document.getElementById('logout').hidden = false;
  document.querySelectorAll('#nav [data-role]').forEach((link) => {
    link.hidden = !hasRole(...link.dataset.role.split(' '));
  });
  connectLive();
  route();
}

// ---------- routing ----------

const routes = [
  [/^#\/chargers\/new$/, () => renderChargerForm(null)],
  [/^#\/chargers\/([^/]+)\/edit$/, (id) => renderChargerForm(id)],
  [/^#\/chargers\/([^/]+)$/, (id) => renderChargerDetail(id)],
  [/^#\/sessions\/([^/]+)$/, (id) => renderSessionDetail(id)],
  [/^#\/sessions$/, () => renderSessions()],
  [/^#\/id-tags$/, () => renderIdTags()],
  [/^#\/users$/, () => renderUsers()],
  [/^#\/audit\/(chargers|sessions)\/([^/]+)$/, (kind, id) => renderTimeline(kind, id)],
  [/^#\/audit$/, () => renderAuditStart()],
  [/^.*$/, () => renderChargers()],
];

function route() {
  if (!state.me) return;
  state.listeners.clear();
  const hash = location.hash || '#/chargers';
  document.querySelectorAll('#nav a').forEach((link) => link.classList.toggle('active', hash.startsWith(link.getAttribute('href'))));
  for (const [pattern, render] of routes) {
    const match = hash.match(pattern);
    if (match) {
      render(...match.slice(1).map(decodeURIComponent));
      return;
    }
  }
}

window.addEventListener('hashchange', () => { clearMessage(); route(); });

// ---------- chargers ----------

function connectorBadges(connectors) {
  if (!connectors || !connectors.length) return h('span', { class: 'muted' }, 'no status yet');
  return h('span', {}, connectors.map((c) => h('span', {
    class: `badge ${c.status}`, 'data-testid': 'connector-status', 'data-connector-id': c.connectorId,
  }, `#${c.connectorId} ${c.status}`, ' ')));
}

function onlineBadge(charger) {
  const online = charger.connected;
  return h('span', { class: `badge ${online ? 'online' : 'offline'}`, 'data-testid': 'charger-status' }, online ? 'online' : 'offline');
}

function chargerRow(charger) {
  return h('tr', { class: 'clickable', 'data-charger-id': charger.chargePointId, 'data-testid': 'charger-row',
    onclick: () => { location.hash = `#/chargers/${encodeURIComponent(charger.chargePointId)}`; } },
  h('td', {}, h('a', { href: `#/chargers/${encodeURIComponent(charger.chargePointId)}` }, charger.chargePointId)),
  h('td', {}, `${charger.vendor || ''} ${charger.model || ''}`),
  h('td', {}, charger.location ? charger.location.name || '' : ''),
  h('td', { 'data-cell': 'status' }, onlineBadge(charger)),
  h('td', { 'data-cell': 'connectors' }, connectorBadges(charger.connectors)),
  h('td', {}, fmtTime(charger.lastSeen)));
}

async function renderChargers() {
  const table = h('table', { id: 'chargers-table' },
    h('thead', {}, h('tr', {}, ['Charge point', 'Vendor / model', 'Location', 'Connection', 'Connectors', 'Last seen'].map((t) => h('th', {}, t)))),
    h('tbody'));
  view().replaceChildren(h('section', { class: 'card' },
    h('div', { class: 'row' }, h('h1', { style: 'flex:1' }, 'Chargers'),
      hasRole('ADMIN') ? h('a', { href: '#/chargers/new' }, h('button', { id: 'register-charger', type: 'button' }, 'Register charger')) : null),
    table));
  const body = table.tBodies[0];
  const chargers = new Map();
  const page = await guarded(() => api('GET', '/api/chargers?size=500'));
  if (!page) return;
  for (const charger of page.data.content) {
    chargers.set(charger.chargePointId, charger);
    body.append(chargerRow(charger));
  }
  if (!page.data.content.length) body.append(h('tr', { id: 'no-chargers' }, h('td', { colspan: 6, class: 'muted' }, 'No chargers registered yet.')));
  onLive((message) => {
    if (message.type === 'charger') {
      const charger = message.data;
      const existing = body.querySelector(`tr[data-charger-id="${CSS.escape(charger.chargePointId)}"]`);
      chargers.set(charger.chargePointId, charger);
      if (charger.decommissioned) { if (existing) existing.remove(); return; }
      document.getElementById('no-chargers')?.remove();
      if (existing) existing.replaceWith(chargerRow(charger));
      else body.append(chargerRow(charger));
    } else if (message.type === 'connector') {
      const charger = chargers.get(message.data.chargePointId);
      if (!charger) return;
      withConnector(charger, message.data.connector);
      const cell = body.querySelector(`tr[data-charger-id="${CSS.escape(charger.chargePointId)}"] td[data-cell=connectors]`);
      if (cell) cell.replaceChildren(connectorBadges(charger.connectors));
    }
  });
}

function specs(pairs) {
  return h('dl', { class: 'specs' }, pairs.filter(([, v]) => v !== undefined && v !== null && v !== '')
    .flatMap(([k, v]) => [h('dt', {}, k), h('dd', { 'data-spec': k }, v)]));
}

async function renderChargerDetail(id) {
  let charger = null;
  let draw = () => {};
  const live = liveRecord((message) => (message.type === 'charger' || message.type === 'connector')
    && message.data.chargePointId === id, (message) => {
    if (message.type === 'charger') charger = newer(charger, message.data);
    else withConnector(charger, message.data.connector);
    draw();
  });
  const found = await guarded(() => api('GET', `/api/chargers/${encodeURIComponent(id)}`));
  if (!found) return;
  charger = found.data;
  const head = h('div');
  const connectorsBox = h('div');
  draw = () => {
    head.replaceChildren(h('div', { class: 'row' },
      h('h1', { style: 'flex:1', id: 'charger-title' }, charger.chargePointId, ' ', onlineBadge(charger)),
      hasRole('ADMIN') ? h('a', { href: `#/chargers/${encodeURIComponent(id)}/edit` }, h('button', { id: 'edit-charger', type: 'button', class: 'secondary' }, 'Edit')) : null,
      hasRole('ADMIN', 'AUDITOR') ? h('a', { href: `#/audit/chargers/${encodeURIComponent(id)}`, id: 'charger-audit' }, 'Event history') : null),
    specs([
      ['Vendor', charger.vendor], ['Model', charger.model], ['Serial number', charger.serialNumber],
      ['Catalog number', charger.catalogNumber], ['Rated', charger.ratedVolts && `${charger.ratedVolts} V / ${charger.ratedAmps} A (max ${charger.maximumAmps} A)`],
      ['Power', charger.powerKW && `${charger.powerKW} kW`], ['Connectors', charger.connectorCount],
      ['IP address', charger.ipAddress], ['Target group', charger.targetGroup],
      ['Location', charger.location && [charger.location.name, charger.location.address].filter(Boolean).join(', ')],
      ['Pricing', charger.pricing && `${charger.pricing.pricePerKwh ?? '-'} ${charger.pricing.currency || ''}/kWh + fee ${charger.pricing.sessionFee ?? 0}`],
      ['Security profile', charger.securityProfile], ['Registration', charger.registrationStatus],
      ['Firmware', charger.boot && charger.boot.firmwareVersion], ['Connected since', fmtTime(charger.connectedSince)],
      ['Last seen', fmtTime(charger.lastSeen)], ['Node', charger.nodeId], ['Remote address', charger.remoteAddress],
    ]));
    connectorsBox.replaceChildren(h('h2', {}, 'Connectors'), h('div', { id: 'charger-connectors' }, connectorBadges(charger.connectors)));
  };
  draw();
  const sections = [h('section', { class: 'card', id: 'charger-detail' }, head, connectorsBox)];
  if (hasRole('ADMIN', 'DRIVER')) sections.push(startSessionCard(charger));
  if (hasRole('ADMIN')) sections.push(operationsCard(charger));
  const events = h('section', { class: 'card', id: 'charger-events' }, h('h2', {}, 'Recent events'), h('p', { class: 'muted' }, 'Loading...'));
  if (hasRole('ADMIN', 'AUDITOR')) sections.push(events);
  view().replaceChildren(...sections);
  if (hasRole('ADMIN', 'AUDITOR')) loadRecentEvents(`/api/audit/chargers/${encodeURIComponent(id)}/events`, events);
  live.ready();
}

function startSessionCard(charger) {
  const form = h('form', { id: 'start-session-form', class: 'row' },
    h('label', {}, 'Id tag', h('input', { id: 'start-idtag', name: 'idTag', required: true })),
    h('label', {}, 'Connector (optional)', h('input', { id: 'start-connector', name: 'connectorId', type: 'number', min: 1 })),
    h('button', { id: 'start-session', type: 'submit' }, 'Start session'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    guarded(async () => {
      const body = { chargePointId: charger.chargePointId, idTag: form.idTag.value.trim() };
      if (form.connectorId.value) body.connectorId = Number(form.connectorId.value);
      const answer = await api('POST', '/api/sessions', body);
      showMessage('info', 'Remote start requested', `session ${answer.data.sessionId}`);
      location.hash = `#/sessions/${answer.data.sessionId}`;
    }, form);
  });
  return h('section', { class: 'card' }, h('h2', {}, 'Remote start'), form);
}

const OPERATIONS = {
  Reset: (f) => ({ type: f.resetType.value }),
  UnlockConnector: (f) => ({ connectorId: Number(f.connectorId.value || 1) }),
  ChangeAvailability: (f) => ({ connectorId: Number(f.connectorId.value || 0), type: f.availability.value }),
  GetConfiguration: (f) => (f.keys.value.trim() ? { key: f.keys.value.split(',').map((k) => k.trim()).filter(Boolean) } : {}),
};

function operationsCard(charger) {
  const result = h('pre', { id: 'op-result', 'data-testid': 'op-result', hidden: true });
  const form = h('form', { id: 'operation-form', class: 'row' },
    h('label', {}, 'Operation', h('select', { id: 'op-name', name: 'operation' }, Object.keys(OPERATIONS).map((o) => h('option', { value: o }, o)))),
    h('label', {}, 'Reset type', h('select', { id: 'op-reset-type', name: 'resetType' }, h('option', {}, 'Soft'), h('option', {}, 'Hard'))),
    h('label', {}, 'Connector', h('input', { id: 'op-connector', name: 'connectorId', type: 'number', min: 0, value: 1 })),
    h('label', {}, 'Availability', h('select', { id: 'op-availability', name: 'availability' }, h('option', {}, 'Operative'), h('option', {}, 'Inoperative'))),
    h('label', {}, 'Keys (comma separated)', h('input', { id: 'op-keys', name: 'keys' })),
    h('button', { id: 'op-send', type: 'submit' }, 'Send'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const operation = form.operation.value;
    result.hidden = false;
    result.textContent = `${operation}: waiting for the charger...`;
    guarded(async () => {
      try {
        const answer = await api('POST', `/api/chargers/${encodeURIComponent(charger.chargePointId)}/operations/${operation}`, OPERATIONS[operation](form));
        result.textContent = `${operation} answered:\n${JSON.stringify(answer.data, null, 2)}`;
      } catch (error) {
        result.textContent = `${operation} failed: ${error.message}`;
        throw error;
      }
    }, form);
  });
  return h('section', { class: 'card', id: 'charger-operations' }, h('h2', {}, 'Operations'), form, result);
}

async function fetchNewestPage(path, size = 50) {
  const first = await api('GET', `${path}?page=0&size=${size}`);
  if (first.data.totalPages > 1) {
    return (await api('GET', `${path}?page=${first.data.totalPages - 1}&size=${size}`)).data;
  }
  return first.data;
}

async function loadRecentEvents(path, box) {
  const page = await guarded(() => fetchNewestPage(path, 20));
  if (!page) return;
  box.replaceChildren(h('h2', {}, 'Recent events'), timeline(page.content.slice().reverse()));
}

function timeline(events) {
  if (!events.length) return h('p', { class: 'muted' }, 'No events.');
  return h('ol', { class: 'timeline', 'data-testid': 'timeline' }, events.map((event) => h('li', { 'data-event-type': event.type, 'data-testid': 'timeline-event' },
    h('div', {}, h('strong', {}, event.type), ' ', h('span', { class: 'when' }, `#${event.sequenceNumber} ${fmtTime(event.timestamp)}`)),
    event.metadata && event.metadata.actor ? h('div', { class: 'muted' }, `by ${event.metadata.actor}`) : null,
    h('details', {}, h('summary', {}, 'payload'), h('pre', {}, JSON.stringify(event.payload, null, 2))))));
}

// ---------- register / edit form ----------

const CHARGER_FIELDS = [
  ['Identity', [['chargePointId', 'Charge point id'], ['serialNumber', 'Serial number'], ['catalogNumber', 'Catalog number'], ['targetGroup', 'Target group']]],
  ['Hardware', [['vendor', 'Vendor'], ['model', 'Model'], ['connectorCount', 'Connectors', 'number']]],
  ['Electrical', [['ratedVolts', 'Rated volts', 'number'], ['ratedAmps', 'Rated amps', 'number'], ['maximumAmps', 'Maximum amps', 'number']]],
  ['Network', [['ipAddress', 'IP address']]],
  ['Location', [['location.name', 'Name'], ['location.address', 'Address'], ['location.latitude', 'Latitude', 'number'], ['location.longitude', 'Longitude', 'number']]],
  ['Pricing', [['pricing.pricePerKwh', 'Price per kWh', 'number'], ['pricing.currency', 'Currency (ISO 4217)'], ['pricing.sessionFee', 'Session fee', 'number']]],
  ['OCPP security', [['securityProfile', 'Security profile', 'select'], ['authorizationKey', 'Authorization key (16-40 characters)', 'password']]],
];

function suggestId(vendor, serial) {
  const clean = (text) => (text || '').toUpperCase().replace(/[^A-Z0-9-]/g, '');
  if (clean(serial)) return clean(serial).slice(0, 48);
  const random = Array.from(crypto.getRandomValues(new Uint8Array(4)), (b) => b.toString(16).padStart(2, '0')).join('').toUpperCase();
  return `${clean(vendor).slice(0, 6) || 'CP'}-${random}`;
}

function getPath(object, path) {
  return path.split('.').reduce((o, k) => (o == null ? undefined : o[k]), object);
}

async function renderChargerForm(id) {
  let existing = null;
  if (id) {
    const found = await guarded(() => api('GET', `/api/chargers/${encodeURIComponent(id)}`));
    if (!found) return;
    existing = found.data;
  }
  const form = h('form', { id: 'charger-form', novalidate: true });
  for (const [group, fields] of CHARGER_FIELDS) {
    const fieldset = h('fieldset', { 'data-group': group }, h('legend', {}, group));
    const grid = h('div', { class: 'grid' });
    for (const [name, label, type] of fields) {
      let input;
      if (type === 'select') {
        input = h('select', { name, id: `cf-${name.replace('.', '-')}` }, ['0', '1', '2'].map((v) => h('option', { value: v }, `Profile ${v}`)));
        input.value = existing ? String(existing.securityProfile) : '1';
      } else {
        input = h('input', { name, id: `cf-${name.replace('.', '-')}`, type: type === 'number' ? 'number' : type || 'text', step: type === 'number' ? 'any' : null });
        const value = existing ? getPath(existing, name) : undefined;
        if (value !== undefined && value !== null) input.value = value;
      }
      grid.append(h('label', {}, label, input));
    }
    fieldset.append(grid);
    form.append(fieldset);
  }
  const idInput = form.querySelector('[name=chargePointId]');
  if (existing) {
    idInput.readOnly = true;
    form.querySelector('[name=authorizationKey]').placeholder = 'leave empty to keep the current key';
  } else {
    let touched = false;
    const hint = h('span', { class: 'muted', id: 'cf-suggestion' });
    const suggest = () => {
      const suggestion = suggestId(form.vendor.value, form.serialNumber.value);
      hint.textContent = `suggested: ${suggestion}`;
      if (!touched) idInput.value = suggestion;
    };
    idInput.addEventListener('input', () => { touched = idInput.value !== ''; });
    form.vendor.addEventListener('input', suggest);
    form.serialNumber.addEventListener('input', suggest);
    idInput.closest('label').append(hint);
    suggest();
  }
  form.append(h('div', { class: 'row' },
    h('button', { id: 'charger-save', type: 'submit' }, existing ? 'Save changes' : 'Register'),
    h('a', { href: existing ? `#/chargers/${encodeURIComponent(id)}` : '#/chargers' }, 'Cancel')));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const body = {};
    for (const element of form.elements) {
      if (!element.name || element.value === '') continue;
      const value = element.type === 'number' || element.name === 'securityProfile' ? Number(element.value) : element.value;
      const parts = element.name.split('.');
      let target = body;
      for (const part of parts.slice(0, -1)) target = target[part] = target[part] || {};
      target[parts[parts.length - 1]] = value;
    }
    guarded(async () => {
      const answer = existing
        ? await api('PUT', `/api/chargers/${encodeURIComponent(id)}`, body)
        : await api('POST', '/api/chargers', body);
      showMessage('info', existing ? 'Charger saved' : 'Charger registered', answer.data.chargePointId);
      location.hash = `#/chargers/${encodeURIComponent(answer.data.chargePointId)}`;
    }, form);
  });
  view().replaceChildren(h('section', { class: 'card' }, h('h1', {}, existing ? `Edit ${id}` : 'Register a charger'), form));
}

// ---------- sessions ----------

function sessionRow(session) {
  return h('tr', { class: 'clickable', 'data-session-id': session.sessionId, 'data-testid': 'session-row',
    onclick: () => { location.hash = `#/sessions/${session.sessionId}`; } },
  h('td', {}, h('a', { href: `#/sessions/${session.sessionId}` }, session.sessionId.slice(0, 8))),
  h('td', {}, session.chargePointId), h('td', {}, session.connectorId ?? ''), h('td', {}, session.idTag),
  h('td', {}, h('span', { class: `badge ${session.status}`, 'data-testid': 'session-status' }, session.status)),
  h('td', {}, fmtTime(session.beganAt)),
  h('td', {}, session.energyWh != null ? `${(session.energyWh / 1000).toFixed(3)} kWh` : ''),
  h('td', {}, session.cost != null ? `${session.cost} ${session.currency || ''}` : ''));
}

async function renderSessions() {
  const table = h('table', { id: 'sessions-table' },
    h('thead', {}, h('tr', {}, ['Session', 'Charger', 'Conn.', 'Id tag', 'Status', 'Began', 'Energy', 'Cost'].map((t) => h('th', {}, t)))),
    h('tbody'));
  view().replaceChildren(h('section', { class: 'card' }, h('h1', {}, 'Sessions'), table));
  const page = await guarded(() => api('GET', '/api/sessions?size=100'));
  if (!page) return;
  const body = table.tBodies[0];
  page.data.content.forEach((s) => body.append(sessionRow(s)));
  onLive((message) => {
    if (message.type !== 'session') return;
    const existing = body.querySelector(`tr[data-session-id="${CSS.escape(message.data.sessionId)}"]`);
    if (existing) existing.replaceWith(sessionRow(message.data));
    else body.prepend(sessionRow(message.data));
  });
}

async function renderSessionDetail(id) {
  let session = null;
  let draw = () => {};
  let loadChart = () => {};
  const live = liveRecord((message) => message.type === 'session' && message.data.sessionId === id, (message) => {
    session = newer(session, message.data);
    draw();
    loadChart();
  });
  const found = await guarded(() => api('GET', `/api/sessions/${encodeURIComponent(id)}`));
  if (!found) return;
  session = found.data;
  const head = h('section', { class: 'card', id: 'session-detail' });
  const chartBox = h('section', { class: 'card', id: 'session-chart' }, h('h2', {}, 'Energy and power'));
  draw = () => {
    head.replaceChildren(h('div', { class: 'row' },
      h('h1', { style: 'flex:1' }, 'Session ', h('span', { id: 'session-id' }, session.sessionId), ' ',
        h('span', { class: `badge ${session.status}`, id: 'session-status', 'data-testid': 'session-status' }, session.status)),
      session.status === 'ACTIVE' && hasRole('ADMIN', 'DRIVER') ? h('button', { id: 'stop-session', type: 'button', class: 'danger', onclick: stop }, 'Stop session') : null,
      hasRole('ADMIN', 'AUDITOR') ? h('a', { href: `#/audit/sessions/${session.sessionId}`, id: 'session-audit' }, 'Event history') : null),
    specs([
      ['Charger', h('a', { href: `#/chargers/${encodeURIComponent(session.chargePointId)}` }, session.chargePointId)],
      ['Connector', session.connectorId], ['Id tag', session.idTag], ['Transaction', session.transactionId],
      ['Requested by', session.requestedBy], ['Started', fmtTime(session.startedAt)], ['Stopped', fmtTime(session.stoppedAt)],
      ['Stop reason', session.stopReason], ['Energy', session.energyWh != null ? `${(session.energyWh / 1000).toFixed(3)} kWh` : null],
      ['Cost', session.cost != null ? `${session.cost} ${session.currency}` : null],
      ['Anomalies', (session.anomalies || []).map((a) => a.code).join(', ')],
    ]));
  };
  const stop = () => guarded(async () => {
    const answer = await api('POST', `/api/sessions/${encodeURIComponent(id)}/stop`);
    session = newer(session, answer.data);
    showMessage('info', 'Remote stop requested', 'the session stops when the charger reports it');
    draw();
  });
  draw();
  view().replaceChildren(head, chartBox);
  loadChart = async () => {
    const samples = await guarded(() => api('GET', `/api/sessions/${encodeURIComponent(id)}/meter-values`));
    if (samples) chartBox.replaceChildren(h('h2', {}, 'Energy and power'), meterChart(samples.data));
  };
  loadChart();
  live.ready();
}

// Inline SVG: energy (kWh, left axis) and power (kW, right axis) over time.
function meterChart(samples) {
  const usable = samples.filter((s) => !s.afterStop && s.timestamp && Number.isFinite(Number(s.value)) && (s.phase == null));
  const energy = usable.filter((s) => (s.measurand || 'Energy.Active.Import.Register') === 'Energy.Active.Import.Register')
    .map((s) => ({ t: Date.parse(s.timestamp), v: Number(s.value) / (s.unit === 'kWh' ? 1 : 1000) }));
  const power = usable.filter((s) => s.measurand === 'Power.Active.Import')
    .map((s) => ({ t: Date.parse(s.timestamp), v: Number(s.value) / (s.unit === 'kW' ? 1 : 1000) }));
  if (!energy.length && !power.length) return h('p', { class: 'muted', id: 'chart-empty' }, 'No meter values yet.');
  const all = energy.concat(power);
  const t0 = Math.min(...all.map((p) => p.t));
  const t1 = Math.max(...all.map((p) => p.t), t0 + 1);
  const W = 800; const H = 260; const L = 50; const R = 50; const T = 15; const B = 30;
  const ns = 'http://www.w3.org/2000/svg';
  const svg = (tag, attrs, text) => {
    const el = document.createElementNS(ns, tag);
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    if (text !== undefined) el.textContent = text;
    return el;
  };
  const root = svg('svg', { class: 'chart', viewBox: `0 0 ${W} ${H}`, 'data-testid': 'meter-chart', role: 'img', 'aria-label': 'energy and power over time' });
  const x = (t) => L + ((t - t0) / (t1 - t0)) * (W - L - R);
  const series = (points, cls, side) => {
    if (!points.length) return;
    const minV = Math.min(0, ...points.map((p) => p.v));
    const maxV = Math.max(...points.map((p) => p.v), minV + 0.001);
    const y = (v) => H - B - ((v - minV) / (maxV - minV)) * (H - T - B);
    root.append(svg('polyline', { class: cls, points: points.map((p) => `${x(p.t).toFixed(1)},${y(p.v).toFixed(1)}`).join(' ') }));
    const ax = side === 'left' ? 4 : W - R + 4;
    root.append(svg('text', { x: ax, y: T + 8 }, `${maxV.toFixed(2)} ${cls === 'energy' ? 'kWh' : 'kW'}`));
    root.append(svg('text', { x: ax, y: H - B }, minV.toFixed(2)));
  };
  root.append(svg('line', { class: 'axis', x1: L, y1: H - B, x2: W - R, y2: H - B }));
  root.append(svg('line', { class: 'axis', x1: L, y1: T, x2: L, y2: H - B }));
  series(energy, 'energy', 'left');
  series(power, 'power', 'right');
  root.append(svg('text', { x: L, y: H - 8 }, new Date(t0).toLocaleTimeString()));
  root.append(svg('text', { x: W - R - 60, y: H - 8 }, new Date(t1).toLocaleTimeString()));
  return h('div', {}, root, h('p', { class: 'muted' }, h('span', { style: 'color:var(--accent)' }, '— energy (kWh)'), '  ', h('span', { style: 'color:var(--warn)' }, '— power (kW)')));
}

// ---------- id tags ----------

async function renderIdTags() {
  const table = h('table', { id: 'idtags-table' }, h('thead', {}, h('tr', {}, ['Id tag', 'Status', 'Owner', 'Expires', 'Active sessions', ''].map((t) => h('th', {}, t)))), h('tbody'));
  const sections = [h('section', { class: 'card' }, h('h1', {}, 'Id tags'), table)];
  if (hasRole('ADMIN')) {
    const form = h('form', { id: 'idtag-form', class: 'row' },
      h('label', {}, 'Id tag', h('input', { id: 'idtag-id', name: 'idTag', required: true })),
      h('label', {}, 'Owner (username)', h('input', { id: 'idtag-owner', name: 'owner' })),
      h('label', {}, 'Expires (ISO-8601)', h('input', { id: 'idtag-expiry', name: 'expiryDate', placeholder: '2030-12-31T23:59:59Z' })),
      h('label', {}, 'Max active sessions', h('input', { id: 'idtag-max', name: 'maxActiveSessions', type: 'number', min: 1 })),
      h('button', { id: 'idtag-save', type: 'submit' }, 'Register tag'));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const body = { idTag: form.idTag.value.trim() };
      if (form.owner.value) body.owner = form.owner.value.trim();
      if (form.expiryDate.value) body.expiryDate = form.expiryDate.value.trim();
      if (form.maxActiveSessions.value) body.maxActiveSessions = Number(form.maxActiveSessions.value);
      guarded(async () => {
        await api('POST', '/api/id-tags', body);
        showMessage('info', 'Id tag registered', body.idTag);
        renderIdTags();
      }, form);
    });
    sections.push(h('section', { class: 'card' }, h('h2', {}, 'Register an id tag'), form));
  }
  view().replaceChildren(...sections);
  const page = await guarded(() => api('GET', '/api/id-tags?size=500'));
  if (!page) return;
  for (const tag of page.data.content) {
    const action = (verb) => h('button', { type: 'button', class: 'secondary', 'data-action': verb,
      onclick: () => guarded(async () => { await api('POST', `/api/id-tags/${encodeURIComponent(tag.idTag)}/${verb}`); renderIdTags(); }) }, verb);
    table.tBodies[0].append(h('tr', { 'data-idtag': tag.idTag },
      h('td', {}, tag.idTag), h('td', {}, h('span', { class: 'badge' }, tag.status)), h('td', {}, tag.owner || ''),
      h('td', {}, fmtTime(tag.expiryDate)), h('td', {}, tag.activeSessions ?? ''),
      h('td', {}, hasRole('ADMIN') ? action(tag.status === 'Blocked' ? 'unblock' : 'block') : null)));
  }
}

// ---------- users ----------

async function renderUsers() {
  const table = h('table', { id: 'users-table' }, h('thead', {}, h('tr', {}, ['Username', 'Roles', 'Enabled', 'Created', ''].map((t) => h('th', {}, t)))), h('tbody'));
  const form = h('form', { id: 'user-form', class: 'row' },
    h('label', {}, 'Username', h('input', { id: 'user-name', name: 'username', required: true })),
    h('label', {}, 'Password (12+ characters)', h('input', { id: 'user-password', name: 'password', type: 'password', required: true })),
    h('label', {}, 'Role', h('select', { id: 'user-role', name: 'role' }, ['DRIVER', 'AUDITOR', 'ADMIN'].map((r) => h('option', {}, r)))),
    h('button', { id: 'user-save', type: 'submit' }, 'Create account'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    guarded(async () => {
      await api('POST', '/api/users', { username: form.username.value.trim(), password: form.password.value, roles: [form.role.value] });
      showMessage('info', 'Account created', form.username.value.trim());
      renderUsers();
    }, form);
  });
  view().replaceChildren(h('section', { class: 'card' }, h('h1', {}, 'Users'), table), h('section', { class: 'card' }, h('h2', {}, 'New account'), form));
  const page = await guarded(() => api('GET', '/api/users?size=500'));
  if (!page) return;
  for (const user of page.data.content) {
    table.tBodies[0].append(h('tr', { 'data-username': user.username },
      h('td', {}, user.username), h('td', {}, user.roles.join(', ')), h('td', {}, user.enabled ? 'yes' : 'no'), h('td', {}, fmtTime(user.createdAt)),
      h('td', {}, h('button', { type: 'button', class: 'danger', 'data-action': 'delete',
        onclick: () => confirm(`Delete ${user.username}?`) && guarded(async () => { await api('DELETE', `/api/users/${encodeURIComponent(user.username)}`); renderUsers(); }) }, 'Delete'))));
  }
}

// ---------- audit ----------

function renderAuditStart() {
  const form = h('form', { id: 'audit-form', class: 'row' },
    h('label', {}, 'Kind', h('select', { id: 'audit-kind', name: 'kind' }, h('option', { value: 'chargers' }, 'Charger'), h('option', { value: 'sessions' }, 'Session'))),
    h('label', {}, 'Charge point id or session id', h('input', { id: 'audit-id', name: 'id', required: true })),
    h('button', { id: 'audit-show', type: 'submit' }, 'Show history'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    location.hash = `#/audit/${form.kind.value}/${encodeURIComponent(form.id.value.trim())}`;
  });
  view().replaceChildren(h('section', { class: 'card' }, h('h1', {}, 'Event history'), form));
}

async function renderTimeline(kind, id) {
  const box = h('section', { class: 'card', id: 'audit-timeline' }, h('h1', {}, `Event history of ${kind === 'chargers' ? 'charger' : 'session'} ${id}`));
  view().replaceChildren(box);
  const events = [];
  for (let page = 0; ; page++) {
    const answer = await guarded(() => api('GET', `/api/audit/${kind}/${encodeURIComponent(id)}/events?page=${page}&size=1000`));
    if (!answer) return;
    events.push(...answer.data.content);
    if (page + 1 >= answer.data.totalPages || page >= 9) break;
  }
  box.append(h('p', { class: 'muted' }, `${events.length} events, oldest first`), timeline(events));
}

// ---------- start ----------

document.getElementById('logout').addEventListener('click', () => signOut(true));
start();
