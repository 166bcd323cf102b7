// A check of serve's web page in headless Chromium over the DevTools protocol; run by hand, not by the build
// (CI has no browser). Usage, with `serve` running on port 18080 and GENFLEET_API_KEYS=<key>:
//   node --experimental-websocket standalone/browser-check/page-check.mjs http://127.0.0.1:18080 <key>
// It sets the key, submits a storyboard with one always-failing shot, waits for done, presses "Retry all failed",
// waits for every item complete, then submits with a wrong key, printing what the page shows at each step.
import { spawn } from 'node:child_process';
const [,, baseUrl, apiKey] = process.argv;
const chrome = spawn('chromium', ['--headless=new', '--no-sandbox', '--disable-gpu', '--remote-debugging-port=9223',
  '--remote-debugging-address=127.0.0.1', '--user-data-dir=/tmp/chr-profile', 'about:blank'], {stdio: 'ignore'});
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
let targets;
for (let i = 0; i < 50; i++) {
  try { targets = await (await fetch('http://127.0.0.1:9223/json/list')).json(); break; } catch (e) { await sleep(200); }
}
const page = targets.find((t) => t.type === 'page');
const ws = new WebSocket(page.webSocketDebuggerUrl);
await new Promise((r) => ws.addEventListener('open', r));
let id = 0; const pending = new Map(); const consoleErrors = [];
ws.addEventListener('message', (m) => {
  const msg = JSON.parse(m.data);
  if (msg.id && pending.has(msg.id)) { pending.get(msg.id)(msg); pending.delete(msg.id); }
  if (msg.method === 'Runtime.exceptionThrown') consoleErrors.push(JSON.stringify(msg.params.exceptionDetails));
  if (msg.method === 'Log.entryAdded' && msg.params.entry.level === 'error') consoleErrors.push(msg.params.entry.text);
});
const send = (method, params = {}) => new Promise((r) => { const n = ++id; pending.set(n, r); ws.send(JSON.stringify({id: n, method, params})); });
const evaluate = async (expression) => (await send('Runtime.evaluate', {expression, returnByValue: true, awaitPromise: true})).result.result.value;
await send('Runtime.enable'); await send('Log.enable'); await send('Page.enable');
await send('Page.navigate', {url: baseUrl + '/'});
await sleep(1500);
console.log('title:', await evaluate('document.title'));
console.log('key state before:', await evaluate("document.getElementById('key-state').textContent"));
await evaluate(`document.getElementById('api-key').value = ${JSON.stringify(apiKey)}; document.getElementById('key-form').requestSubmit(); true`);
console.log('key state after:', await evaluate("document.getElementById('key-state').textContent"));
const storyboard = {scenes: [{prompt: 'a fox', shots: [{prompt: 'left'}, {prompt: 'right', simulate: {failTimes: 4}}], video: {prompt: 'run'}}]};
await evaluate(`document.getElementById('storyboard').value = ${JSON.stringify(JSON.stringify(storyboard))}; document.getElementById('submit-form').requestSubmit(); true`);
const cell = (name) => `document.querySelector('[data-count=${name}]').textContent`;
for (let i = 0; i < 120; i++) {
  await sleep(500);
  if (await evaluate(`${cell('done')} === 'true'`)) break;
}
console.log('submit state:', await evaluate("document.getElementById('submit-state').textContent"));
console.log('after first run: done', await evaluate(cell('done')), 'complete', await evaluate(cell('complete')),
  'failed_permanent', await evaluate(cell('failed_permanent')), 'retries', await evaluate(cell('retries')),
  'item rows', await evaluate("document.querySelectorAll('#items tbody tr').length"),
  'retry button disabled', await evaluate("document.getElementById('retry-failed').disabled"));
await evaluate("document.getElementById('retry-failed').click(); true");
await sleep(1000);
console.log('watch state after retry:', await evaluate("document.getElementById('watch-state').textContent"));
for (let i = 0; i < 120; i++) {
  await sleep(500);
  if (await evaluate(`${cell('done')} === 'true' && ${cell('failed_permanent')} === '0'`)) break;
}
console.log('after retry-failed: done', await evaluate(cell('done')), 'complete', await evaluate(cell('complete')),
  'failed_permanent', await evaluate(cell('failed_permanent')),
  'rows', await evaluate("[...document.querySelectorAll('#items tbody tr')].map(r => [...r.cells].slice(0,5).map(c => c.textContent).join(' ')).join(' | ')"));
// A wrong key must be refused and said so on the page.
await evaluate(`document.getElementById('api-key').value = 'wrong-key-0123456789'; document.getElementById('key-form').requestSubmit(); document.getElementById('submit-form').requestSubmit(); true`);
await sleep(1500);
console.log('with a wrong key:', await evaluate("document.getElementById('submit-state').textContent"));
// The key never travels in a URL (the stream is opened with single-use tickets).
console.log('URLs with the key:', await evaluate(`performance.getEntriesByType('resource').filter(e => e.name.includes(${JSON.stringify(apiKey)})).length`),
  'stream URLs with a ticket:', await evaluate("performance.getEntriesByType('resource').filter(e => e.name.includes('/stream?ticket=')).length"));
console.log('console errors:', consoleErrors.length ? consoleErrors : 'none');
ws.close(); chrome.kill();
process.exit(0);
