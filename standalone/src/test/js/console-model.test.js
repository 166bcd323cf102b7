// Unit tests of the console's pure functions, with Node's built-in test runner (node --test), run by Maven in
// standalone's test phase (exec-maven-plugin).
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const model = require(path.join(__dirname, '..', '..', 'main', 'resources', 'static', 'console-model.js'));

const NOW = Date.parse('2026-01-01T10:00:00.000Z');

test('shorten keeps short prompts, cuts long ones on a word with an ellipsis', () => {
  assert.equal(model.shorten('a lighthouse at dawn', 40), 'a lighthouse at dawn');
  assert.equal(model.shorten('a lighthouse at dawn over a stormy sea', 20), 'a lighthouse at…');
  assert.equal(model.shorten('supercalifragilisticexpialidocious', 10), 'supercali…');
  assert.equal(model.shorten('  spaced\n\nout  ', 20), 'spaced out');
  assert.equal(model.shorten(null, 5), '');
});

test('formatDuration reads as seconds, minutes, hours, days', () => {
  assert.equal(model.formatDuration(950), '1s');
  assert.equal(model.formatDuration(-5000), '0s');
  assert.equal(model.formatDuration(60_000), '1m');
  assert.equal(model.formatDuration(75_000), '1m 15s');
  assert.equal(model.formatDuration((2 * 60 + 5) * 60_000), '2h 5m');
  assert.equal(model.formatDuration(3 * 24 * 3_600_000), '3d');
});

test('formatAge says how long ago, and nothing for an unknown time', () => {
  assert.equal(model.formatAge('2026-01-01T09:57:58.000Z', NOW), '2m 2s ago');
  assert.equal(model.formatAge('2026-01-01T09:59:59.500Z', NOW), 'just now');
  assert.equal(model.formatAge(null, NOW), '');
});

test('the retry countdown runs only while an item is failed with a due time', () => {
  const failed = {status: 'failed'};
  assert.equal(model.retryCountdown(failed, '2026-01-01T10:00:03.200Z', NOW), 'retry in 3s');
  assert.equal(model.retryCountdown(failed, '2026-01-01T10:00:00.200Z', NOW), 'retry in 1s');
  assert.equal(model.retryCountdown(failed, '2026-01-01T09:59:59.000Z', NOW), 'retrying…');
  assert.equal(model.retryCountdown({status: 'generating'}, '2026-01-01T10:00:03.000Z', NOW), null);
  assert.equal(model.retryCountdown(failed, null, NOW), null);
});

test('the next retry time comes from the newest history entry of a failed item only', () => {
  const history = [{status: 'failed', nextRetryAt: '2026-01-01T10:00:02.000Z'},
    {status: 'failed', nextRetryAt: '2026-01-01T10:00:06.000Z'}];
  assert.equal(model.nextRetryOf({status: 'failed', history}), '2026-01-01T10:00:06.000Z');
  assert.equal(model.nextRetryOf({status: 'complete', history}), null);
  assert.equal(model.nextRetryOf({status: 'failed', history: []}), null);
});

test('the last error shows only while it explains the current status', () => {
  const lastError = {type: 'timeout', message: 'provider took too long'};
  assert.equal(model.currentError({status: 'failed', lastError}), 'timeout: provider took too long');
  assert.equal(model.currentError({status: 'failed_permanent', lastError}), 'timeout: provider took too long');
  assert.equal(model.currentError({status: 'complete', lastError}), null);
  assert.equal(model.currentError({status: 'generating', lastError}), null);
});

test('item keys parse as the contract spells them and nothing else', () => {
  assert.deepEqual(model.parseItemKey('scene_0'), {scene: 0, shot: null, video: false});
  assert.deepEqual(model.parseItemKey('scene_12_shot_3'), {scene: 12, shot: 3, video: false});
  assert.deepEqual(model.parseItemKey('video_scene_2'), {scene: 2, shot: null, video: true});
  for (const bad of ['scene_01', 'video_scene_1_shot_0', 'scene_-1', 'shot_0', '']) {
    assert.equal(model.parseItemKey(bad), null, bad);
  }
});

test('the grid has a row per scene in order, shots in order, then the video', () => {
  const items = ['video_scene_1', 'scene_1_shot_1', 'scene_0', 'scene_1_shot_0', 'video_scene_0', 'nonsense',
    'scene_10_shot_0', 'scene_2'].map((itemKey) => ({itemKey}));
  const grid = model.storyboardGrid(items);
  assert.deepEqual(grid.map((row) => row.scene), [0, 1, 2, 10]);
  assert.deepEqual(grid[1].images.map((item) => item.itemKey), ['scene_1_shot_0', 'scene_1_shot_1']);
  assert.equal(grid[1].video.itemKey, 'video_scene_1');
  assert.deepEqual(grid[0].images.map((item) => item.itemKey), ['scene_0']);
  assert.equal(grid[2].video, null);
});

test('prompts come from the submitted storyboard; a video without its own prompt shows the scene', () => {
  const storyboard = {scenes: [{prompt: 'harbour', shots: [{prompt: 'boats'}], video: {}},
    {prompt: 'lighthouse', video: {prompt: 'waves'}}]};
  assert.equal(model.promptOf(storyboard, 'scene_0_shot_0'), 'boats');
  assert.equal(model.promptOf(storyboard, 'video_scene_0'), 'harbour');
  assert.equal(model.promptOf(storyboard, 'video_scene_1'), 'waves');
  assert.equal(model.promptOf(storyboard, 'scene_1'), 'lighthouse');
  assert.equal(model.promptOf(storyboard, 'scene_5'), null);
  assert.equal(model.promptOf(null, 'scene_0'), null);
});

test('a problem answer gives its message and its field errors by field', () => {
  const problem = model.problemOf(400, {detail: 'scenes[0].prompt: must not be blank', errors: [
    {field: 'scenes[0].prompt', message: 'must not be blank'},
    {field: 'scenes[0].prompt', message: 'must be at most 4000 characters'},
    {field: 'batchId', message: 'must match [A-Za-z0-9._-]{1,64}'}]});
  assert.equal(problem.message, 'scenes[0].prompt: must not be blank');
  assert.equal(problem.fields['scenes[0].prompt'], 'must not be blank; must be at most 4000 characters');
  assert.equal(problem.fields.batchId, 'must match [A-Za-z0-9._-]{1,64}');
  assert.deepEqual(model.problemOf(400, {detail: 'limit must be…', parameter: 'limit'}).fields, {limit: 'limit must be…'});
  assert.match(model.problemOf(401, {title: 'Unauthorized'}).message, /API key was refused/);
  assert.equal(model.problemOf(502, null).message, 'HTTP 502');
});

test('the form model becomes the storyboard JSON of the contract', () => {
  const body = model.storyboardOf({batchId: ' my-batch ', scenes: [
    {prompt: 'harbour', shots: ['boats', '  ', 'lanterns'], video: true, videoPrompt: 'slow pan', failTimes: 2},
    {prompt: 'lighthouse', shots: [], video: false, failTimes: 0},
    {prompt: 'storm', shots: [], video: true, videoPrompt: '', failTimes: 4, error: 'rate_limited'}]});
  assert.deepEqual(body, {batchId: 'my-batch', scenes: [
    {prompt: 'harbour', shots: [{prompt: 'boats', simulate: {failTimes: 2, error: 'transient'}},
      {prompt: 'lanterns', simulate: {failTimes: 2, error: 'transient'}}], video: {prompt: 'slow pan'}},
    {prompt: 'lighthouse'},
    {prompt: 'storm', simulate: {failTimes: 4, error: 'rate_limited'}, video: {}}]});
  assert.equal(model.storyboardOf({batchId: '', scenes: []}).batchId, undefined);
});

test('the progress line counts terminal items, permanent failures and retries', () => {
  const summary = {total: 10, retries: 3, counts: {pending: 1, generating: 1, complete: 6, failed: 0, failed_permanent: 2}};
  assert.equal(model.progressLine(summary), '8/10 done · 2 failed permanently · 3 retries');
  assert.equal(model.progressLine({total: 1, retries: 1, counts: {complete: 1, failed_permanent: 0}}), '1/1 done · 1 retry');
});

test('reconnect delays grow and cap at 4 s', () => {
  assert.deepEqual([1, 2, 3, 4, 5, 9].map(model.reconnectDelay), [500, 1000, 2000, 4000, 4000, 4000]);
});

test('every status has an icon and words, so colour is never the only signal', () => {
  for (const status of model.STATUSES) {
    const look = model.statusLook(status);
    assert.ok(look.icon.length > 0 && look.label.startsWith(status.split('_')[0]), status);
  }
});

test('resultLine names the result and, when recorded, its type and size', () => {
  assert.equal(model.resultLine({resultUri: null}), '');
  assert.equal(model.resultLine({resultUri: 'sim://b/scene_0/0-1.png'}), 'result: sim://b/scene_0/0-1.png');
  assert.equal(model.resultLine({resultUri: 's3://a/b/scene_0/0-1.png', contentType: 'image/png', sizeBytes: 48213}),
      'result: s3://a/b/scene_0/0-1.png (image/png, 47.1 KiB)');
  assert.equal(model.resultLine({resultUri: 'file:///r/0-1.mp4', contentType: 'video/mp4', sizeBytes: 3 * 1048576}),
      'result: file:///r/0-1.mp4 (video/mp4, 3.0 MiB)');
  assert.equal(model.resultLine({resultUri: 'file:///r/0-1.bin', sizeBytes: 0}), 'result: file:///r/0-1.bin (0 bytes)');
});

test('formatRate reads as per minute with one decimal, and unknown as ?', () => {
  assert.equal(model.formatRate(12.44), '12.4/min');
  assert.equal(model.formatRate(0), '0/min');
  assert.equal(model.formatRate(0.25), '0.3/min');
  assert.equal(model.formatRate(undefined), '?');
  assert.equal(model.formatRate(NaN), '?');
});

test('httpLink passes absolute http(s) URLs only', () => {
  assert.equal(model.httpLink('https://grafana.example/d/genfleet?orgId=1'), 'https://grafana.example/d/genfleet?orgId=1');
  assert.equal(model.httpLink(' http://grafana:3000 '), 'http://grafana:3000/');
  assert.equal(model.httpLink('javascript:alert(1)'), null);
  assert.equal(model.httpLink('data:text/html,<b>x</b>'), null);
  assert.equal(model.httpLink('/relative/path'), null);
  assert.equal(model.httpLink(''), null);
  assert.equal(model.httpLink(null), null);
});
