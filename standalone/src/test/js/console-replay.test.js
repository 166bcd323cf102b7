// Unit tests of the dead-letter replay logic (static/console-replay.js) with Node's built-in test runner.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const replay = require(path.join(__dirname, '..', '..', 'main', 'resources', 'static', 'console-replay.js'));

const NOW = Date.parse('2026-01-01T10:00:00.000Z');

function letter(batchId, itemKey, epoch, at, extra) {
  return Object.assign({batchId, itemKey, epoch, at: at || '2026-01-01T09:59:00.000Z', lane: 'image'}, extra);
}

test('sinceOf turns the time filter into a window start, and refuses unknown choices', () => {
  assert.equal(replay.sinceOf('', NOW), null);
  assert.equal(replay.sinceOf('1h', NOW), Date.parse('2026-01-01T09:00:00.000Z'));
  assert.equal(replay.sinceOf('7d', NOW), Date.parse('2025-12-25T10:00:00.000Z'));
  assert.throws(() => replay.sinceOf('1y', NOW), /unknown time filter/);
});

test('inWindow and reachedBefore follow the window start', () => {
  const since = replay.sinceOf('1h', NOW);
  const fresh = letter('b', 'scene_0', 0, '2026-01-01T09:30:00.000Z');
  const old = letter('b', 'scene_1', 0, '2026-01-01T08:30:00.000Z');
  assert.equal(replay.inWindow(fresh, since), true);
  assert.equal(replay.inWindow(old, since), false);
  assert.equal(replay.inWindow(old, null), true);
  assert.equal(replay.inWindow(letter('b', 'scene_2', 0, 'garbage'), since), false);
  assert.equal(replay.reachedBefore([fresh], since), false);
  assert.equal(replay.reachedBefore([fresh, old], since), true);
  assert.equal(replay.reachedBefore([fresh, old], null), false);
});

test('replayPlan keeps only letters whose item is failed_permanent at that letter\'s epoch', () => {
  const letters = [
    letter('b1', 'scene_0', 1),          // replayed: failed_permanent at epoch 1
    letter('b1', 'scene_1', 0),          // item completed since (replayed by someone else)
    letter('b1', 'scene_2', 0),          // item failed_permanent again, but at epoch 1: this letter is stale
    letter('b1', 'scene_0', 0),          // older letter of scene_0: its newest stands for it
    letter('b2', 'scene_0', 0),          // b2's items could not be read
    letter('b1', 'scene_9', 0),          // not an item the status API knows
    {topic: 'genfleet.image.requests-dlt', partition: 0, offset: 7, unreadable: 'bad json', at: '2026-01-01T09:00:00Z'}
  ];
  const items = {
    b1: {
      scene_0: {status: 'failed_permanent', epoch: 1},
      scene_1: {status: 'complete', epoch: 1},
      scene_2: {status: 'failed_permanent', epoch: 1}
    },
    b2: null
  };

  const plan = replay.replayPlan(letters, items);

  assert.deepEqual(plan.replay, [letters[0]]);
  assert.deepEqual(plan.skipped.map((skip) => skip.reason), [
    'the item is complete at epoch 1 now, not failed_permanent at epoch 0',
    'the item is failed_permanent at epoch 1 now, not failed_permanent at epoch 0',
    'a newer dead letter of the same item stands for it',
    'the items of batch b2 could not be read',
    'the item is not known to the status API (its batch may have expired)',
    'not replayable: bad json'
  ]);
  assert.deepEqual(plan.skipped.map((skip) => skip.letter), letters.slice(1));
});

test('two dead letters of one epoch (a redelivered failure) replay the item once', () => {
  const letters = [letter('b1', 'scene_0', 0), letter('b1', 'scene_0', 0)];
  const plan = replay.replayPlan(letters, {b1: {scene_0: {status: 'failed_permanent', epoch: 0}}});
  assert.equal(plan.replay.length, 1);
  assert.equal(plan.skipped.length, 1);
});

test('dryRunLine says how many would be replayed and that nothing was written', () => {
  const one = {replay: [letter('b', 'scene_0', 0)], skipped: []};
  assert.equal(replay.dryRunLine(one), '1 of 1 selected dead letter would be replayed (nothing written yet)');
  const some = {replay: [letter('b', 'scene_0', 0)], skipped: [{}, {}]};
  assert.equal(replay.dryRunLine(some), '1 of 3 selected dead letters would be replayed; 2 skipped (nothing written yet)');
});

test('retryOutcome reads the retry answer for its letter', () => {
  const image = letter('b1', 'scene_0', 1);
  assert.deepEqual(replay.retryOutcome(image, 202, {requeued: 2, items: ['scene_0', 'video_scene_0'], skipped: []}),
      {letter: image, outcome: 'requeued', text: 'b1/scene_0 epoch 1 → epoch 2 (with video_scene_0, which waited for it)'});
  assert.equal(replay.retryOutcome(image, 202, {requeued: 1, items: ['scene_0'], skipped: []}).text,
      'b1/scene_0 epoch 1 → epoch 2');
  const skipped = replay.retryOutcome(image, 202, {requeued: 0, items: [],
    skipped: [{itemKey: 'scene_0', reason: 'epoch 2 was already claimed'}, {itemKey: 'scene_5', reason: 'other'}]});
  assert.equal(skipped.outcome, 'skipped');
  assert.equal(skipped.text, 'b1/scene_0 epoch 1: epoch 2 was already claimed');
  const failed = replay.retryOutcome(image, 403, null, 'the API key may not do this (Forbidden)');
  assert.equal(failed.outcome, 'failed');
  assert.equal(failed.text, 'b1/scene_0 epoch 1: the API key may not do this (Forbidden)');
  assert.equal(replay.retryOutcome(image, 503, null).text, 'b1/scene_0 epoch 1: HTTP 503');
});

test('outcomeLine adds the dry run\'s skips to the calls\' skips', () => {
  const outcomes = [{outcome: 'requeued'}, {outcome: 'requeued'}, {outcome: 'skipped'}, {outcome: 'failed'}];
  assert.equal(replay.outcomeLine(outcomes, 3), 'requeued 2 · skipped 4 · failed 1');
});

test('mapLimited never runs more than the limit at once and keeps the order of results', async () => {
  let running = 0;
  let most = 0;
  const results = await replay.mapLimited([30, 5, 20, 1, 10, 2], 2, async (ms, index) => {
    running++;
    most = Math.max(most, running);
    await new Promise((resolve) => setTimeout(resolve, ms));
    running--;
    return index * 10;
  });
  assert.equal(most, 2);
  assert.deepEqual(results, [0, 10, 20, 30, 40, 50]);
  assert.deepEqual(await replay.mapLimited([], 3, async () => 1), []);
  await assert.rejects(replay.mapLimited([1], 0, async () => 1), /limit must be at least 1/);
});
