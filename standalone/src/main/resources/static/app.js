// The operations console: batches, a batch as a storyboard grid (live), an item's history and retry, the fleet,
// and a submit form. Everything from the server is shown with textContent, never as HTML: prompts and error
// messages are user data. Pure logic lives in console-model.js (tested with node --test).
'use strict';

const M = window.ConsoleModel;
const KEY_STORAGE = 'genfleet.apiKey';
const PROMPTS_STORAGE = 'genfleet.storyboards';
const SUBMITTED_WAIT_ATTEMPTS = 30;
const FOLLOW_AFTER_RETRY_MS = 15000;
const $ = (id) => document.getElementById(id);

// ---- API: every request carries "Authorization: Bearer <key>" when a key is set -------------------------------

function apiKey() {
  return sessionStorage.getItem(KEY_STORAGE) || '';
}

/** fetch with the key; rejects only when the server cannot be reached (the caller says so, never hangs). */
function api(method, path, body) {
  const headers = {Accept: 'application/json'};
  if (apiKey()) {
    headers.Authorization = 'Bearer ' + apiKey();
  }
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  return fetch(path, {method, headers, body, credentials: 'same-origin', cache: 'no-store'});
}

async function problemOf(response) {
  let body = null;
  try {
    body = await response.json();
  } catch (e) {
    // not JSON: the status says it
  }
  return M.problemOf(response.status, body);
}

function batchPath(batchId) {
  return '/api/batches/' + encodeURIComponent(batchId);
}

/**
 * The one place that knows how the page's EventSource authenticates (an EventSource cannot send headers, and a
 * key must never go into a URL). With a key, it asks for a short-lived single-use stream ticket
 * (POST …/stream-tickets) and opens the URL the server hands back; a server without tickets (reads open) gets
 * the plain stream URL.
 */
async function streamUrl(batchId) {
  const plain = batchPath(batchId) + '/stream';
  if (!apiKey()) {
    return plain;
  }
  const response = await api('POST', batchPath(batchId) + '/stream-tickets');
  if (response.status === 201) {
    const ticket = await response.json();
    return ticket.stream;
  }
  if (response.status === 401 || response.status === 403) {
    throw Object.assign(new Error('refused'), {problem: await problemOf(response)});
  }
  return plain;
}

// ---- small view helpers ---------------------------------------------------------------------------------------

function say(element, text, isError) {
  element.textContent = text;
  element.classList.toggle('error', Boolean(isError));
}

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) {
    node.className = className;
  }
  if (text !== undefined && text !== null) {
    node.textContent = String(text);
  }
  return node;
}

function unreachable(error) {
  return 'the server is not answering (' + error.message + '); try again';
}

/** The storyboards this browser submitted, by batch id: the grid's prompts (the status API carries none). */
function storyboards() {
  try {
    return JSON.parse(localStorage.getItem(PROMPTS_STORAGE) || '{}');
  } catch (e) {
    return {};
  }
}

function rememberStoryboard(batchId, body) {
  const all = storyboards();
  all[batchId] = {scenes: body.scenes, at: Date.now()};
  const newest = Object.entries(all).sort((a, b) => b[1].at - a[1].at).slice(0, 50);
  localStorage.setItem(PROMPTS_STORAGE, JSON.stringify(Object.fromEntries(newest)));
}

// ---- routing: #/batches, #/batch/<id>, #/fleet, #/submit ------------------------------------------------------

const views = {};

function route() {
  const hash = location.hash || '#/batches';
  const batch = /^#\/batch\/(.+)$/.exec(hash);
  const name = batch ? 'batch' : hash.slice(2);
  const view = views[name] ? name : 'batches';
  for (const section of document.querySelectorAll('[data-view]')) {
    section.hidden = section.dataset.view !== view;
  }
  for (const link of document.querySelectorAll('[data-nav]')) {
    if (link.dataset.nav === view || (view === 'batch' && link.dataset.nav === 'batches')) {
      link.setAttribute('aria-current', 'page');
    } else {
      link.removeAttribute('aria-current');
    }
  }
  for (const [other, handlers] of Object.entries(views)) {
    if (other !== view && handlers.leave) {
      handlers.leave();
    }
  }
  views[view].enter(batch ? decodeURIComponent(batch[1]) : undefined);
}

// ---- batches ---------------------------------------------------------------------------------------------------

let batchesCursor = null;

async function loadBatches(append) {
  const state = $('state-filter').value;
  const query = new URLSearchParams({limit: '20'});
  if (state) {
    query.set('state', state);
  }
  if (append && batchesCursor) {
    query.set('cursor', batchesCursor);
  }
  say($('batches-state'), 'loading…');
  let response;
  try {
    response = await api('GET', '/api/batches?' + query);
  } catch (e) {
    say($('batches-state'), unreachable(e), true);
    return;
  }
  if (!response.ok) {
    say($('batches-state'), (await problemOf(response)).message, true);
    return;
  }
  const page = await response.json();
  const body = $('batches-table').tBodies[0];
  if (!append) {
    body.replaceChildren();
  }
  const now = Date.now();
  for (const batch of page.batches) {
    const row = el('tr', batch.counts.failed_permanent > 0 ? 'has-failures' : '');
    const name = el('td');
    const link = el('a', 'id', batch.batchId);
    link.href = '#/batch/' + encodeURIComponent(batch.batchId);
    name.appendChild(link);
    const progress = el('td');
    const bar = el('progress');
    bar.max = 1;
    bar.value = batch.progress;
    progress.append(bar, el('span', 'muted', batch.done ? ' done' : ' ' + Math.round(batch.progress * 100) + '%'));
    row.append(name, progress, el('td', '', M.progressLine(batch)), el('td', 'muted', M.formatAge(batch.createdAt, now)));
    body.appendChild(row);
  }
  batchesCursor = page.nextCursor;
  $('batches-more').hidden = !page.nextCursor;
  say($('batches-state'), body.rows.length === 0 ? 'no batches yet: submit one' : '');
}

views.batches = {enter: () => loadBatches(false)};

// ---- one batch: the storyboard grid, live ----------------------------------------------------------------------

let watch = null;
const justSubmitted = new Set();

function setStreamState(text, kind) {
  const pill = $('stream-state');
  pill.textContent = text;
  pill.dataset.kind = kind;
}

function stopWatching() {
  if (watch) {
    watch.stopped = true;
    clearTimeout(watch.timer);
    if (watch.source) {
      watch.source.close();
    }
  }
  watch = null;
}

function watchBatch(batchId) {
  if (watch && watch.batchId === batchId && !watch.stopped) {
    return;
  }
  stopWatching();
  watch = {batchId, source: null, attempt: 0, waited: 0, timer: null, stopped: false, done: false, followUntil: 0,
    items: new Map(), cells: new Map(), retryAt: new Map(), storyboard: storyboards()[batchId] || null};
  $('batch-name').textContent = batchId;
  $('grid').replaceChildren();
  $('item-panel').hidden = true;
  $('progress').value = 0;
  $('progress-line').textContent = '';
  $('retry-failed').disabled = true;
  say($('batch-action-state'), '');
  connect(watch);
}

function reconnectLater(w, delay) {
  w.attempt++;
  setStreamState('reconnecting…', 'warn');
  w.timer = setTimeout(() => connect(w), delay === undefined ? M.reconnectDelay(w.attempt) : delay);
}

async function connect(w) {
  if (w.stopped) {
    return;
  }
  if (!w.done) {
    setStreamState(w.attempt === 0 ? 'connecting…' : 'reconnecting…', w.attempt === 0 ? 'info' : 'warn');
  }
  // The summary first: it answers 404 at once for an unknown batch (an EventSource cannot see statuses).
  let response;
  try {
    response = await api('GET', batchPath(w.batchId));
  } catch (e) {
    reconnectLater(w);
    return;
  }
  if (w.stopped) {
    return;
  }
  if (response.status === 404) {
    // A batch accepted a moment ago is not known to the aggregator until it has read the batch's first events.
    if (justSubmitted.has(w.batchId) && w.waited++ < SUBMITTED_WAIT_ATTEMPTS) {
      setStreamState('waiting for the batch…', 'info');
      w.timer = setTimeout(() => connect(w), 500);
      return;
    }
    setStreamState('no such batch', 'error');
    return;
  }
  if (response.status === 401 || response.status === 403) {
    setStreamState((await problemOf(response)).message, 'error');
    return;
  }
  if (!response.ok) {
    reconnectLater(w);
    return;
  }
  showSummary(w, await response.json());
  let url;
  try {
    url = await streamUrl(w.batchId);
  } catch (e) {
    if (e.problem) {
      setStreamState(e.problem.message, 'error');
      return;
    }
    reconnectLater(w);
    return;
  }
  if (w.stopped) {
    return;
  }
  const source = new EventSource(url);
  w.source = source;
  source.onopen = () => {
    w.attempt = 0;
    setStreamState(w.done ? 'done' : 'live', w.done ? 'ok' : 'live');
  };
  source.addEventListener('summary', (event) => showSummary(w, JSON.parse(event.data)));
  source.addEventListener('item', (event) => showItem(w, JSON.parse(event.data)));
  source.addEventListener('end', () => {
    source.close();
    setStreamState('done', 'ok');
  });
  source.onerror = () => {
    // Closed by the server when the batch is done, or the connection dropped: either way this page decides.
    source.close();
    if (w.stopped || w.source !== source) {
      return;
    }
    if (w.done) {
      setStreamState('done', 'ok');
      // Right after a retry the aggregator may still call the batch done for a moment: keep following it.
      if (Date.now() < w.followUntil) {
        w.timer = setTimeout(() => connect(w), 1000);
      }
      return;
    }
    reconnectLater(w);
  };
}

function showSummary(w, summary) {
  w.done = summary.done;
  $('progress').value = summary.progress;
  $('progress-line').textContent = M.progressLine(summary) + (summary.done ? ' · batch done' : '');
  $('retry-failed').disabled = summary.counts.failed_permanent === 0;
  if (summary.done && w.source && w.source.readyState !== EventSource.CLOSED) {
    setStreamState('done', 'ok');
  } else if (!summary.done && w.source && w.source.readyState === EventSource.OPEN) {
    setStreamState('live', 'live');
  }
}

function showItem(w, item) {
  const previous = w.items.get(item.itemKey);
  w.items.set(item.itemKey, item);
  if (w.cells.has(item.itemKey)) {
    renderCell(w, item);
  } else {
    layoutGrid(w);
  }
  if (item.status === 'failed' && (!previous || previous.attempt !== item.attempt || previous.epoch !== item.epoch
      || previous.status !== 'failed')) {
    fetchRetryTime(w, item);
  }
  if (!$('item-panel').hidden && $('item-panel').dataset.itemKey === item.itemKey) {
    openItem(item.itemKey, true);
  }
}

/** The next-retry time is in the item's history (the item JSON of the contract has none). */
async function fetchRetryTime(w, item) {
  try {
    const response = await api('GET', batchPath(w.batchId) + '/items/' + encodeURIComponent(item.itemKey));
    if (response.ok) {
      w.retryAt.set(item.itemKey, M.nextRetryOf(await response.json()));
      renderCell(w, w.items.get(item.itemKey));
    }
  } catch (e) {
    // the countdown is a nicety; the stream's reconnect reports an unreachable server
  }
}

function layoutGrid(w) {
  const grid = $('grid');
  const focused = grid.contains(document.activeElement) ? document.activeElement.dataset.itemKey : null;
  grid.replaceChildren();
  w.cells.clear();
  for (const row of M.storyboardGrid([...w.items.values()])) {
    const line = el('div', 'scene-row');
    line.setAttribute('role', 'group');
    line.setAttribute('aria-label', 'Scene ' + row.scene);
    line.appendChild(el('div', 'scene-label', 'Scene ' + row.scene));
    const cells = row.video ? row.images.concat([row.video]) : row.images;
    for (const item of cells) {
      const cell = el('button', 'cell');
      cell.type = 'button';
      cell.dataset.itemKey = item.itemKey;
      cell.addEventListener('click', () => openItem(item.itemKey, false));
      line.appendChild(cell);
      w.cells.set(item.itemKey, cell);
    }
    grid.appendChild(line);
  }
  // The cells are new: every item is drawn again, not only the one whose arrival changed the layout.
  for (const item of w.items.values()) {
    renderCell(w, item);
  }
  if (focused && w.cells.has(focused)) {
    w.cells.get(focused).focus();
  }
}

function renderCell(w, item) {
  const cell = w.cells.get(item.itemKey);
  if (!cell) {
    return;
  }
  const look = M.statusLook(item.status);
  const prompt = M.promptOf(w.storyboard, item.itemKey);
  cell.className = 'cell status-' + item.status + (item.kind === 'video' ? ' video' : '');
  cell.dataset.status = item.status;
  const countdown = M.retryCountdown(item, w.retryAt.get(item.itemKey), Date.now());
  cell.replaceChildren(
      el('span', 'cell-key', (item.kind === 'video' ? '▶ ' : '') + item.itemKey),
      el('span', 'cell-prompt', prompt ? M.shorten(prompt, 60) : ''),
      el('span', 'cell-status', look.icon + ' ' + look.label),
      el('span', 'cell-meta', M.epochAttempt(item)),
      el('span', 'cell-countdown', countdown || ''));
  cell.setAttribute('aria-label', item.itemKey + ': ' + look.label + ', ' + M.epochAttempt(item)
      + (countdown ? ', ' + countdown : '') + (prompt ? '. ' + prompt : ''));
}

function tickCountdowns() {
  if (!watch) {
    return;
  }
  for (const item of watch.items.values()) {
    if (item.status === 'failed') {
      renderCell(watch, item);
    }
  }
}

async function openItem(itemKey, refresh) {
  const w = watch;
  const panel = $('item-panel');
  panel.dataset.itemKey = itemKey;
  panel.hidden = false;
  if (!refresh) {
    $('item-title').textContent = itemKey;
    say($('item-state'), '');
  }
  let detail;
  try {
    const response = await api('GET', batchPath(w.batchId) + '/items/' + encodeURIComponent(itemKey));
    if (!response.ok) {
      say($('item-state'), (await problemOf(response)).message, true);
      return;
    }
    detail = await response.json();
  } catch (e) {
    say($('item-state'), unreachable(e), true);
    return;
  }
  if (w !== watch || panel.dataset.itemKey !== itemKey) {
    return;
  }
  const look = M.statusLook(detail.status);
  $('item-prompt').textContent = M.promptOf(w.storyboard, itemKey) || '(prompt not known to this browser)';
  $('item-status').textContent = look.icon + ' ' + look.label + ' · ' + M.epochAttempt(detail);
  $('item-status').className = 'status-' + detail.status;
  $('item-error').textContent = M.currentError(detail) || '';
  $('item-result').textContent = detail.resultUri ? 'result: ' + detail.resultUri : '';
  $('item-retry').disabled = detail.status !== 'failed_permanent';
  const body = $('item-history').tBodies[0];
  body.replaceChildren();
  for (const entry of detail.history || []) {
    const row = el('tr', 'status-' + entry.status);
    row.append(el('td', '', entry.at), el('td', '', M.statusLook(entry.status).icon + ' ' + entry.status),
        el('td', '', entry.epoch), el('td', '', entry.attempt),
        el('td', '', entry.error ? entry.error.type + ': ' + entry.error.message : ''),
        el('td', '', entry.nextRetryAt || ''));
    body.appendChild(row);
  }
  if (!refresh) {
    $('item-close').focus();
  }
}

function closeItem() {
  const panel = $('item-panel');
  const key = panel.dataset.itemKey;
  panel.hidden = true;
  const cell = watch && watch.cells.get(key);
  if (cell) {
    cell.focus();
  }
}

/** Both retries answer {requeued, items, skipped}; a requeue makes the batch live again, so the stream reopens. */
async function retry(path, stateElement) {
  const w = watch;
  say(stateElement, 'requeueing…');
  let response;
  try {
    response = await api('POST', path);
  } catch (e) {
    say(stateElement, unreachable(e), true);
    return;
  }
  if (response.status !== 202) {
    say(stateElement, (await problemOf(response)).message, true);
    return;
  }
  const result = await response.json();
  const skipped = (result.skipped || []).map((s) => s.itemKey + ': ' + s.reason).join('; ');
  say(stateElement, 'requeued ' + result.requeued + (result.requeued === 1 ? ' item' : ' items')
      + (skipped ? ' (skipped ' + skipped + ')' : ''));
  if (result.requeued > 0 && w && w === watch) {
    w.followUntil = Date.now() + FOLLOW_AFTER_RETRY_MS;
    if (!w.source || w.source.readyState === EventSource.CLOSED) {
      clearTimeout(w.timer);
      w.done = false;
      w.attempt = 0;
      connect(w);
    }
  }
}

views.batch = {
  enter: (batchId) => watchBatch(batchId),
  leave: () => stopWatching()
};

// ---- dead letters ----------------------------------------------------------------------------------------------

let deadLettersCursor = null;

async function loadDeadLetters(append) {
  const query = new URLSearchParams({limit: '50'});
  for (const [name, id] of [['lane', 'dl-lane'], ['errorType', 'dl-error-type'], ['batchId', 'dl-batch']]) {
    if ($(id).value.trim()) {
      query.set(name, $(id).value.trim());
    }
  }
  if (append && deadLettersCursor) {
    query.set('cursor', deadLettersCursor);
  }
  say($('dead-letters-state'), 'reading the dead-letter topics…');
  let response;
  try {
    response = await api('GET', '/api/dead-letters?' + query);
  } catch (e) {
    say($('dead-letters-state'), unreachable(e), true);
    return;
  }
  if (!response.ok) {
    say($('dead-letters-state'), (await problemOf(response)).message, true);
    return;
  }
  const page = await response.json();
  const body = $('dead-letters-table').tBodies[0];
  if (!append) {
    body.replaceChildren();
  }
  const now = Date.now();
  for (const letter of page.deadLetters) {
    const row = el('tr');
    const where = el('td', 'id');
    if (letter.batchId) {
      const link = el('a', '', letter.batchId);
      link.href = '#/batch/' + encodeURIComponent(letter.batchId);
      where.append(link, el('span', '', ' / ' + (letter.itemKey || '?') + ' (' + letter.lane + ')'));
    } else {
      where.textContent = letter.topic + '/' + letter.partition + '/' + letter.offset;
    }
    const reason = el('td', '', (letter.errorType || 'unknown') + ': ' + (letter.unreadable || letter.message));
    const action = el('td');
    if (letter.batchId && letter.itemKey) {
      const button = el('button', '', 'Retry');
      button.type = 'button';
      button.setAttribute('aria-label', 'Retry ' + letter.itemKey + ' of ' + letter.batchId);
      const state = el('span', 'state');
      state.setAttribute('role', 'status');
      button.addEventListener('click', () => retry(batchPath(letter.batchId) + '/items/'
          + encodeURIComponent(letter.itemKey) + '/retry', state));
      action.append(button, state);
    }
    row.append(el('td', 'muted', M.formatAge(letter.at, now)), where, reason,
        el('td', 'num', letter.attempts === null ? '' : letter.attempts), action);
    body.appendChild(row);
  }
  deadLettersCursor = page.nextCursor;
  $('dead-letters-more').hidden = !page.nextCursor;
  say($('dead-letters-state'), body.rows.length === 0 ? 'no dead letters match' : '');
}

views['dead-letters'] = {enter: () => loadDeadLetters(false)};

// ---- fleet -----------------------------------------------------------------------------------------------------

let fleetTimer = null;

async function loadFleet() {
  let response;
  try {
    response = await api('GET', '/api/fleet');
  } catch (e) {
    say($('fleet-state'), unreachable(e), true);
    return;
  }
  if (!response.ok) {
    say($('fleet-state'), (await problemOf(response)).message, true);
    return;
  }
  const fleet = await response.json();
  const lanes = $('fleet-lanes');
  lanes.replaceChildren();
  for (const lane of fleet.lanes) {
    const card = el('article', 'lane');
    card.dataset.lane = lane.lane;
    card.appendChild(el('h3', '', lane.lane + ' lane'));
    const facts = el('dl', 'facts');
    for (const [name, value] of [['workers', lane.members], ['in flight', lane.inFlight], ['lag', lane.lag]]) {
      const fact = el('div', 'fact');
      fact.dataset.fact = name.replace(' ', '-');
      fact.append(el('dt', '', name), el('dd', '', value));
      facts.appendChild(fact);
    }
    card.appendChild(facts);
    const table = el('table', 'topics');
    const head = el('tr');
    for (const title of ['topic', 'lag', 'consumers']) {
      const th = el('th', '', title);
      th.scope = 'col';
      head.appendChild(th);
    }
    table.createTHead().appendChild(head);
    const body = table.createTBody();
    for (const topic of lane.topics) {
      const row = el('tr', topic.lag > 0 ? 'busy' : '');
      row.append(el('td', '', topic.tier), el('td', 'num', topic.lag), el('td', 'num', topic.members));
      row.title = topic.topic + ' (group ' + topic.group + ')';
      body.appendChild(row);
    }
    card.appendChild(table);
    lanes.appendChild(card);
  }
  say($('fleet-state'), 'as of ' + new Date(fleet.at).toLocaleTimeString());
}

views.fleet = {
  enter: () => {
    clearInterval(fleetTimer);
    loadFleet();
    fleetTimer = setInterval(loadFleet, 2000);
  },
  leave: () => clearInterval(fleetTimer)
};

// ---- submit ----------------------------------------------------------------------------------------------------

const SAMPLE = [
  {prompt: 'a lighthouse at dawn', shots: ['wide shot of the cliffs', 'close-up of the lamp'], video: true,
    videoPrompt: 'waves rolling in', failTimes: 0},
  {prompt: 'a harbour at night', shots: ['boats under lanterns'], video: true, videoPrompt: 'slow pan',
    failTimes: 2}
];

function addScene(scene) {
  const fieldset = $('scene-template').content.firstElementChild.cloneNode(true);
  const part = (name) => fieldset.querySelector('[data-part="' + name + '"]');
  part('prompt').value = scene.prompt || '';
  part('shots').value = (scene.shots || []).join('\n');
  part('video').checked = Boolean(scene.video);
  part('videoPrompt').value = scene.videoPrompt || '';
  part('failTimes').value = String(scene.failTimes || 0);
  part('remove').addEventListener('click', () => {
    fieldset.remove();
    numberScenes();
  });
  $('scenes').appendChild(fieldset);
  numberScenes();
}

/** Legends, label ids and the server's field names (scenes[i].…) follow the scenes' order. */
function numberScenes() {
  document.querySelectorAll('#scenes fieldset').forEach((fieldset, i) => {
    fieldset.querySelector('legend').textContent = 'Scene ' + i;
    fieldset.dataset.field = 'scenes[' + i + ']';
    for (const control of fieldset.querySelectorAll('[data-part]')) {
      const name = control.dataset.part;
      control.id = 'scene-' + i + '-' + name;
      const label = control.closest('.field') && control.closest('.field').querySelector('label');
      if (label && !label.contains(control) && (name === 'prompt' || name === 'shots')) {
        label.htmlFor = control.id;
      }
      if (name === 'prompt' || name === 'shots') {
        control.dataset.field = 'scenes[' + i + '].' + name;
      } else if (name === 'videoPrompt') {
        control.dataset.field = 'scenes[' + i + '].video';
      }
    }
  });
}

function formModel() {
  return {
    batchId: $('submit-batch-id').value,
    scenes: [...document.querySelectorAll('#scenes fieldset')].map((fieldset) => {
      const part = (name) => fieldset.querySelector('[data-part="' + name + '"]');
      return {prompt: part('prompt').value, shots: part('shots').value.split('\n'), video: part('video').checked,
        videoPrompt: part('videoPrompt').value, failTimes: part('failTimes').value, error: part('error').value};
    })
  };
}

function clearFieldErrors() {
  document.querySelectorAll('#submit-form .field-error').forEach((span) => {
    span.textContent = '';
  });
  document.querySelectorAll('#submit-form [aria-invalid]').forEach((node) => node.removeAttribute('aria-invalid'));
  $('submit-errors').replaceChildren();
}

/** Each error goes next to the form control with the longest data-field that names it or contains it. */
function showFieldErrors(fields) {
  const controls = [...document.querySelectorAll('#submit-form [data-field]')];
  let first = null;
  for (const [field, message] of Object.entries(fields)) {
    const target = $('advanced').open ? null : controls
        .filter((c) => field === c.dataset.field || field.startsWith(c.dataset.field + '.')
            || field.startsWith(c.dataset.field + '['))
        .sort((a, b) => b.dataset.field.length - a.dataset.field.length)[0];
    const holder = target && (target.closest('.field') || target);
    const span = holder && holder.querySelector('.field-error');
    if (span) {
      span.textContent += (span.textContent ? '; ' : '') + (field === target.dataset.field ? '' : field + ': ') + message;
      target.setAttribute('aria-invalid', 'true');
      first = first || target;
    } else {
      $('submit-errors').appendChild(el('li', 'error', field + ': ' + message));
    }
  }
  if (first) {
    first.focus();
  }
}

async function submit(event) {
  event.preventDefault();
  clearFieldErrors();
  let body;
  if ($('advanced').open) {
    try {
      body = JSON.parse($('storyboard-json').value);
    } catch (e) {
      say($('submit-state'), 'not JSON: ' + e.message, true);
      return;
    }
  } else {
    body = M.storyboardOf(formModel());
  }
  $('submit-button').disabled = true;
  say($('submit-state'), 'submitting…');
  let response;
  try {
    response = await api('POST', '/api/batches', JSON.stringify(body));
  } catch (e) {
    say($('submit-state'), unreachable(e), true);
    return;
  } finally {
    $('submit-button').disabled = false;
  }
  if (response.status !== 202) {
    const problem = await problemOf(response);
    say($('submit-state'), problem.message, true);
    showFieldErrors(problem.fields);
    return;
  }
  const accepted = await response.json();
  say($('submit-state'), 'accepted ' + accepted.total + ' items as ' + accepted.batchId);
  rememberStoryboard(accepted.batchId, body);
  justSubmitted.add(accepted.batchId);
  location.hash = '#/batch/' + encodeURIComponent(accepted.batchId);
}

views.submit = {
  enter: () => {
    if (!$('storyboard-json').value) {
      $('storyboard-json').value = JSON.stringify(M.storyboardOf(formModel()), null, 2);
    }
  }
};

// ---- start -----------------------------------------------------------------------------------------------------

function showKeyState() {
  say($('key-state'), apiKey() ? 'key set for this tab' : 'no key set');
}

document.addEventListener('DOMContentLoaded', () => {
  showKeyState();
  $('key-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const key = $('api-key').value.trim();
    if (key) {
      sessionStorage.setItem(KEY_STORAGE, key);
    } else {
      sessionStorage.removeItem(KEY_STORAGE);
    }
    $('api-key').value = '';
    showKeyState();
  });
  $('state-filter').addEventListener('change', () => loadBatches(false));
  $('dead-letters-form').addEventListener('submit', (event) => {
    event.preventDefault();
    loadDeadLetters(false);
  });
  $('dead-letters-more').addEventListener('click', () => loadDeadLetters(true));
  $('batches-refresh').addEventListener('click', () => loadBatches(false));
  $('batches-more').addEventListener('click', () => loadBatches(true));
  $('open-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const batchId = $('batch-id').value.trim();
    if (batchId) {
      location.hash = '#/batch/' + encodeURIComponent(batchId);
    }
  });
  $('retry-failed').addEventListener('click',
      () => retry(batchPath(watch.batchId) + '/retry-failed', $('batch-action-state')));
  $('item-retry').addEventListener('click', () => retry(batchPath(watch.batchId) + '/items/'
      + encodeURIComponent($('item-panel').dataset.itemKey) + '/retry', $('item-state')));
  $('item-close').addEventListener('click', closeItem);
  $('item-panel').addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      closeItem();
    }
  });
  SAMPLE.forEach(addScene);
  $('add-scene').addEventListener('click', () => {
    addScene({prompt: '', shots: [], video: false, failTimes: 0});
    const prompts = document.querySelectorAll('#scenes [data-part="prompt"]');
    prompts[prompts.length - 1].focus();
  });
  $('advanced').addEventListener('toggle', () => {
    if ($('advanced').open) {
      $('storyboard-json').value = JSON.stringify(M.storyboardOf(formModel()), null, 2);
    }
  });
  $('submit-form').addEventListener('submit', submit);
  setInterval(tickCountdowns, 1000);
  window.addEventListener('hashchange', route);
  route();
});
