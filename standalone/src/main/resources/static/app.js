// The operations console: routing between the views, the batches list, the fleet, and start-up. The batch view is
// console-batch.js, the dead letters console-dead-letters.js, the submit form console-submit.js, the plumbing
// console-api.js, and the pure logic console-model.js and console-replay.js (tested with node --test).
'use strict';

// ---- routing: #/batches, #/batch/<id>, #/fleet, #/submit ------------------------------------------------------

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
let batchesLoad = 0;

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
  // Only the newest request draws: a slow answer to an older filter must not overwrite a newer one.
  const load = ++batchesLoad;
  let response;
  try {
    response = await api('GET', '/api/batches?' + query);
  } catch (e) {
    say($('batches-state'), unreachable(e), true);
    return;
  }
  if (load !== batchesLoad) {
    return;
  }
  if (!response.ok) {
    say($('batches-state'), (await problemOf(response)).message, true);
    return;
  }
  const page = await response.json();
  if (load !== batchesLoad) {
    return;
  }
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
    for (const [name, value] of [['workers', lane.members], ['in flight', lane.inFlight], ['lag', lane.lag],
      ['completed', M.formatRate(lane.completedPerMinute)],
      ['failed permanently', M.formatRate(lane.failedPermanentPerMinute)]]) {
      const fact = el('div', 'fact');
      fact.dataset.fact = name.replace(/ /g, '-');
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

/** The Grafana link of GET /api/console, shown only when configured (and an http(s) URL). */
async function loadGrafanaLink() {
  let response;
  try {
    response = await api('GET', '/api/console');
  } catch (e) {
    return;
  }
  const link = $('grafana-link');
  const url = response.ok ? M.httpLink((await response.json()).grafanaUrl) : null;
  link.hidden = !url;
  if (url) {
    link.href = url;
  } else {
    link.removeAttribute('href');
  }
}

views.fleet = {
  enter: () => {
    clearInterval(fleetTimer);
    loadGrafanaLink();
    loadFleet();
    fleetTimer = setInterval(loadFleet, 2000);
  },
  leave: () => clearInterval(fleetTimer)
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
  wireDeadLetters();
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
