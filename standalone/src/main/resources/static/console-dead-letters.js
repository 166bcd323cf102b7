// The dead-letter view: the list (filtered by lane, error type, batch and time), a retry per letter, and "Replay
// selection": a dry run over every dead letter the filters select, then on confirm one item retry per letter to
// replay, a few at a time. Which letters to replay is decided by console-replay.js (pure, tested with node --test).
'use strict';

const R = window.ConsoleReplay;
/** Retry calls (and item reads) in flight at once during a replay: enough to be quick, gentle on the producer. */
const REPLAY_CONCURRENCY = 4;
/** The API's largest page of dead letters: a selection is read in as few calls as it allows. */
const DEAD_LETTER_PAGE = 500;

let deadLettersCursor = null;
let deadLettersLoad = 0;
/** The dry run waiting for its confirmation (null when there is none). */
let replayPlan = null;

/** The filters of the form as API query parameters (the time filter is applied here: the API has none). */
function deadLetterFilters() {
  const query = new URLSearchParams();
  for (const [name, id] of [['lane', 'dl-lane'], ['errorType', 'dl-error-type'], ['batchId', 'dl-batch']]) {
    if ($(id).value.trim()) {
      query.set(name, $(id).value.trim());
    }
  }
  return query;
}

function deadLettersSince() {
  return R.sinceOf($('dl-since').value, Date.now());
}

async function loadDeadLetters(append) {
  const query = deadLetterFilters();
  query.set('limit', '50');
  if (append && deadLettersCursor) {
    query.set('cursor', deadLettersCursor);
  }
  const since = deadLettersSince();
  say($('dead-letters-state'), 'reading the dead-letter topics…');
  const load = ++deadLettersLoad;
  let response;
  try {
    response = await api('GET', '/api/dead-letters?' + query);
  } catch (e) {
    say($('dead-letters-state'), unreachable(e), true);
    return;
  }
  if (load !== deadLettersLoad) {
    return;
  }
  if (!response.ok) {
    say($('dead-letters-state'), (await problemOf(response)).message, true);
    return;
  }
  const page = await response.json();
  if (load !== deadLettersLoad) {
    return;
  }
  const body = $('dead-letters-table').tBodies[0];
  if (!append) {
    body.replaceChildren();
  }
  const now = Date.now();
  for (const letter of page.deadLetters.filter((each) => R.inWindow(each, since))) {
    body.appendChild(deadLetterRow(letter, now));
  }
  // Newest first: a page that reached before the time window ends the list.
  deadLettersCursor = R.reachedBefore(page.deadLetters, since) ? null : page.nextCursor;
  $('dead-letters-more').hidden = !deadLettersCursor;
  say($('dead-letters-state'), body.rows.length === 0 ? 'no dead letters match' : '');
}

function deadLetterRow(letter, now) {
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
  return row;
}

// ---- replay the selection --------------------------------------------------------------------------------------

/** A failure that ends a dry run, with what to tell the user. */
class ReplayStop extends Error {
}

async function getJson(path) {
  let response;
  try {
    response = await api('GET', path);
  } catch (e) {
    throw new ReplayStop(unreachable(e));
  }
  if (!response.ok) {
    throw new ReplayStop((await problemOf(response)).message);
  }
  return response.json();
}

/** Every dead letter the filters select, newest first, over as many pages as it takes. */
async function selectedDeadLetters() {
  const since = deadLettersSince();
  const letters = [];
  let cursor = null;
  do {
    const query = deadLetterFilters();
    query.set('limit', String(DEAD_LETTER_PAGE));
    if (cursor) {
      query.set('cursor', cursor);
    }
    const page = await getJson('/api/dead-letters?' + query);
    letters.push(...page.deadLetters.filter((letter) => R.inWindow(letter, since)));
    cursor = R.reachedBefore(page.deadLetters, since) ? null : page.nextCursor;
  } while (cursor);
  return letters;
}

/** The items of each batch of these letters, by key; null for a batch whose items cannot be read. */
async function itemsOfBatches(letters) {
  const batches = [...new Set(letters.filter((letter) => letter.batchId).map((letter) => letter.batchId))];
  const items = {};
  await R.mapLimited(batches, REPLAY_CONCURRENCY, async (batchId) => {
    let response;
    try {
      response = await api('GET', batchPath(batchId) + '/items');
    } catch (e) {
      throw new ReplayStop(unreachable(e));
    }
    if (response.status === 401 || response.status === 403) {
      throw new ReplayStop((await problemOf(response)).message);
    }
    items[batchId] = null;
    if (response.ok) {
      items[batchId] = {};
      for (const item of await response.json()) {
        items[batchId][item.itemKey] = {status: item.status, epoch: item.epoch};
      }
    }
  });
  return items;
}

function showReplayLines(lines) {
  $('replay-details').replaceChildren(...lines.map((line) => el('li', '', line)));
}

/** The dry run: reads only, then shows how many would be replayed and why the others are skipped. */
async function dryRunReplay() {
  replayPlan = null;
  $('replay-panel').hidden = false;
  $('replay-confirm').hidden = true;
  $('replay-dry-run').disabled = true;
  showReplayLines([]);
  say($('replay-state'), 'dry run: reading the selection and its items…');
  try {
    const letters = await selectedDeadLetters();
    const plan = R.replayPlan(letters, await itemsOfBatches(letters));
    say($('replay-state'), R.dryRunLine(plan));
    showReplayLines(plan.skipped.map((skip) => 'skip ' + (skip.letter.batchId
        ? skip.letter.batchId + '/' + skip.letter.itemKey : skip.letter.topic + '/' + skip.letter.offset)
        + ': ' + skip.reason));
    if (plan.replay.length > 0) {
      replayPlan = plan;
      $('replay-confirm').textContent = 'Replay ' + plan.replay.length + ' dead letter'
          + (plan.replay.length === 1 ? '' : 's');
      $('replay-confirm').hidden = false;
      $('replay-confirm').focus();
    }
  } catch (e) {
    say($('replay-state'), e instanceof ReplayStop ? e.message : 'the dry run failed: ' + e.message, true);
  } finally {
    $('replay-dry-run').disabled = false;
  }
}

/** On confirm: one item retry per planned letter, a few at a time; then the outcome of each. */
async function confirmReplay() {
  const plan = replayPlan;
  replayPlan = null;
  $('replay-confirm').hidden = true;
  if (!plan) {
    return;
  }
  say($('replay-state'), 'replaying ' + plan.replay.length + '…');
  const outcomes = await R.mapLimited(plan.replay, REPLAY_CONCURRENCY, async (letter) => {
    const path = batchPath(letter.batchId) + '/items/' + encodeURIComponent(letter.itemKey) + '/retry';
    try {
      const response = await api('POST', path);
      if (response.status === 202) {
        return R.retryOutcome(letter, 202, await response.json());
      }
      return R.retryOutcome(letter, response.status, null, (await problemOf(response)).message);
    } catch (e) {
      return R.retryOutcome(letter, 0, null, unreachable(e));
    }
  });
  const failed = outcomes.some((outcome) => outcome.outcome === 'failed');
  say($('replay-state'), R.outcomeLine(outcomes, plan.skipped.length), failed);
  showReplayLines(outcomes.map((outcome) => outcome.outcome + ' ' + outcome.text));
}

function cancelReplay() {
  replayPlan = null;
  $('replay-panel').hidden = true;
  $('replay-dry-run').focus();
}

function wireDeadLetters() {
  $('dead-letters-form').addEventListener('submit', (event) => {
    event.preventDefault();
    loadDeadLetters(false);
  });
  $('dead-letters-more').addEventListener('click', () => loadDeadLetters(true));
  $('replay-dry-run').addEventListener('click', dryRunReplay);
  $('replay-confirm').addEventListener('click', confirmReplay);
  $('replay-cancel').addEventListener('click', cancelReplay);
  // A changed filter is a different selection: the dry run shown no longer applies.
  $('dead-letters-form').addEventListener('change', () => {
    if (replayPlan) {
      replayPlan = null;
      $('replay-confirm').hidden = true;
      say($('replay-state'), 'the filters changed: run the dry run again');
    }
  });
}

views['dead-letters'] = {enter: () => loadDeadLetters(false)};
