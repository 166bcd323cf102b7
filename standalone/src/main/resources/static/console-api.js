// The console's shared plumbing: the API client (the key as a Bearer header, problem answers), the one function that
// knows how the event stream authenticates, small view helpers and the view table. Server text is set with
// textContent only, never as HTML: prompts and error messages are user data.
'use strict';

const M = window.ConsoleModel;
const KEY_STORAGE = 'genfleet.apiKey';
const PROMPTS_STORAGE = 'genfleet.storyboards';
const $ = (id) => document.getElementById(id);
/** Each view: enter(argument) when shown, leave() when another is (see route() in app.js). */
const views = {};

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
