// The console's batch view: the storyboard grid, live over the event stream (with its own reconnects), the item
// panel with history and "retry this item", and "retry all failed".
'use strict';

const SUBMITTED_WAIT_ATTEMPTS = 30;
const FOLLOW_AFTER_RETRY_MS = 15000;

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
  } else if (!w.layoutPending) {
    // A stream starts with every item at once: lay the grid out once per frame, not once per new item.
    w.layoutPending = true;
    requestAnimationFrame(() => {
      w.layoutPending = false;
      if (!w.stopped) {
        layoutGrid(w);
      }
    });
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
  $('item-result').textContent = M.resultLine(detail);
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
