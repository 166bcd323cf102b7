// The standalone fleet's page: submit a storyboard, watch a batch live (Server-Sent Events), retry what failed.
// Everything from the server is shown with textContent, never as HTML: prompts and error messages are user data.
'use strict';

const KEY_STORAGE = 'genfleet.apiKey';
const SAMPLE_STORYBOARD = {
  scenes: [
    {prompt: 'a lighthouse at dawn', shots: [{prompt: 'wide shot'}, {prompt: 'close-up of the lamp'}],
      video: {prompt: 'waves rolling in'}},
    {prompt: 'a harbour at night', shots: [{prompt: 'boats under lanterns'}], video: {prompt: 'slow pan'}}
  ]
};

const $ = (id) => document.getElementById(id);
let events = null;
const rows = new Map();

function apiKey() {
  return sessionStorage.getItem(KEY_STORAGE) || '';
}

function say(element, text, isError) {
  element.textContent = text;
  element.classList.toggle('error', Boolean(isError));
}

// A problem+json answer says what was wrong; anything else is shown by its status.
async function problemOf(response) {
  try {
    const problem = await response.json();
    return problem.detail || problem.title || ('HTTP ' + response.status);
  } catch (e) {
    return 'HTTP ' + response.status;
  }
}

async function post(path, body) {
  const headers = {'Content-Type': 'application/json'};
  if (apiKey()) {
    headers['X-API-Key'] = apiKey();
  }
  return fetch(path, {method: 'POST', headers, body, credentials: 'same-origin'});
}

// EventSource cannot send the key in a header, and a key in the URL would land in access logs and the browser
// history. So each (re)connection first asks for a ticket with the key: single-use, short-lived, for this batch
// only; the URL carries that ticket, worthless once used.
async function streamUrl(batchId) {
  const response = await post('/api/batches/' + encodeURIComponent(batchId) + '/stream-tickets', null);
  if (response.status !== 201) {
    throw new Error(await problemOf(response));
  }
  return (await response.json()).stream;
}

function showSummary(summary) {
  $('summary').hidden = false;
  $('progress').value = summary.progress;
  const cells = document.querySelectorAll('[data-count]');
  for (const cell of cells) {
    const name = cell.dataset.count;
    const value = name in summary.counts ? summary.counts[name] : summary[name];
    cell.textContent = String(value);
  }
  $('retry-failed').disabled = summary.counts.failed_permanent === 0;
}

function showItem(item) {
  $('items').hidden = false;
  let row = rows.get(item.itemKey);
  if (!row) {
    row = document.createElement('tr');
    for (let i = 0; i < 8; i++) {
      row.appendChild(document.createElement('td'));
    }
    rows.set(item.itemKey, row);
    $('items').tBodies[0].appendChild(row);
  }
  const values = [item.itemKey, item.kind, item.status, item.epoch, item.attempt,
    item.lastError ? item.lastError.type + ': ' + item.lastError.message : '',
    item.resultUri || '', item.updatedAt || ''];
  values.forEach((value, i) => {
    row.cells[i].textContent = String(value);
  });
  row.className = 'status-' + item.status;
}

// A batch just accepted is not known to the aggregator until it has read the batch's first events, and the
// stream answers 404 until then; EventSource gives up on any answer but 200, so the page opens it again. Its own
// reconnection would present a used ticket, so every interruption also goes through a new ticket.
const REOPEN_DELAY_MS = 1000;
const REOPEN_ATTEMPTS = 30;
let reopenTimer = null;
let watching = 0; // which watch() the open stream belongs to: a ticket may arrive after the user moved on
let finished = false; // the batch is done: an ended stream is not reopened

function watch(batchId) {
  if (events) {
    events.close();
  }
  clearTimeout(reopenTimer);
  watching += 1;
  finished = false;
  rows.clear();
  $('items').tBodies[0].replaceChildren();
  $('summary').hidden = true;
  $('items').hidden = true;
  $('batch-id').value = batchId;
  say($('watch-state'), 'connecting…');
  openStream(batchId, REOPEN_ATTEMPTS, watching);
}

async function openStream(batchId, attemptsLeft, watch) {
  let url;
  try {
    url = await streamUrl(batchId);
  } catch (e) {
    if (watch === watching) {
      say($('watch-state'), e.message, true);
    }
    return;
  }
  if (watch !== watching) {
    return;
  }
  const source = new EventSource(url);
  events = source;
  source.addEventListener('summary', (event) => {
    const summary = JSON.parse(event.data);
    showSummary(summary);
    finished = summary.done;
    say($('watch-state'), summary.done ? 'done' : 'live');
  });
  source.addEventListener('item', (event) => showItem(JSON.parse(event.data)));
  source.onerror = () => {
    const interrupted = source.readyState !== EventSource.CLOSED;
    source.close();
    if (finished) {
      return;
    }
    if (interrupted) {
      say($('watch-state'), 'stream interrupted; reconnecting…', true);
    }
    if (attemptsLeft <= 1) {
      say($('watch-state'), 'no such batch, or the fleet is not answering', true);
      return;
    }
    if (!interrupted) {
      say($('watch-state'), 'waiting for the batch…');
    }
    reopenTimer = setTimeout(() => {
      if (events === source) {
        openStream(batchId, attemptsLeft - 1, watch);
      }
    }, REOPEN_DELAY_MS);
  };
}

async function submit(event) {
  event.preventDefault();
  let body;
  try {
    body = JSON.stringify(JSON.parse($('storyboard').value));
  } catch (e) {
    say($('submit-state'), 'not JSON: ' + e.message, true);
    return;
  }
  say($('submit-state'), 'submitting…');
  const response = await post('/api/batches', body);
  if (response.status !== 202) {
    say($('submit-state'), await problemOf(response), true);
    return;
  }
  const accepted = await response.json();
  say($('submit-state'), 'accepted ' + accepted.total + ' items as ' + accepted.batchId);
  watch(accepted.batchId);
}

async function retryFailed() {
  const batchId = $('batch-id').value.trim();
  say($('watch-state'), 'requeueing failed items…');
  const response = await post('/api/batches/' + encodeURIComponent(batchId) + '/retry-failed', '{}');
  if (response.status !== 202) {
    say($('watch-state'), await problemOf(response), true);
    return;
  }
  const result = await response.json();
  finished = false; // the batch is live again: keep following it
  say($('watch-state'), 'requeued ' + result.requeued + ' items');
}

document.addEventListener('DOMContentLoaded', () => {
  $('storyboard').value = JSON.stringify(SAMPLE_STORYBOARD, null, 2);
  say($('key-state'), apiKey() ? 'a key is set for this tab' : 'no key set');
  $('key-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const key = $('api-key').value.trim();
    if (key) {
      sessionStorage.setItem(KEY_STORAGE, key);
    } else {
      sessionStorage.removeItem(KEY_STORAGE);
    }
    $('api-key').value = '';
    say($('key-state'), key ? 'a key is set for this tab' : 'no key set');
  });
  $('submit-form').addEventListener('submit', submit);
  $('watch-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const batchId = $('batch-id').value.trim();
    if (batchId) {
      watch(batchId);
    }
  });
  $('retry-failed').addEventListener('click', retryFailed);
});
