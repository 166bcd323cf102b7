// The dead-letter view's pure logic: the time filter, which dead letters of a selection a replay would requeue (the
// rules of `dlt replay --url`, see ApiReplay.java), a concurrency bound for the retry calls, and how each call's
// answer reads. No DOM, no clock of its own (time is a parameter), so Node's test runner checks it.
'use strict';

(function (root, factory) {
  const replay = factory();
  if (typeof module === 'object' && module.exports) {
    module.exports = replay;
  } else {
    root.ConsoleReplay = replay;
  }
})(typeof self !== 'undefined' ? self : this, function () {

  /** The time filter's choices: how far back a dead letter may be, in milliseconds (null: any time). */
  const SINCE = {'': null, '1h': 3_600_000, '24h': 86_400_000, '7d': 7 * 86_400_000};

  /** The start of the time filter's window, in epoch milliseconds, or null for any time; unknown choices refused. */
  function sinceOf(choice, nowMs) {
    if (!Object.prototype.hasOwnProperty.call(SINCE, choice)) {
      throw new Error('unknown time filter: ' + choice);
    }
    return SINCE[choice] === null ? null : nowMs - SINCE[choice];
  }

  /** Whether a dead letter is inside the time window (a letter without a readable time is outside any window). */
  function inWindow(letter, sinceMs) {
    if (sinceMs === null) {
      return true;
    }
    const at = Date.parse(letter.at);
    return !Number.isNaN(at) && at >= sinceMs;
  }

  /** Whether a page (newest first) reached before the window: the older pages then hold nothing that matches. */
  function reachedBefore(page, sinceMs) {
    return sinceMs !== null && page.some((letter) => !inWindow(letter, sinceMs));
  }

  function describe(letter) {
    return letter.batchId + '/' + letter.itemKey + ' epoch ' + letter.epoch;
  }

  /**
   * The dry run: which of the selected dead letters (newest first, as the API lists them) a replay would requeue,
   * and why each other one is skipped. `items` maps a batch id to its items by key ({status, epoch}); a batch whose
   * items could not be read maps to null. A letter is replayed only when its item is failed_permanent now at the
   * letter's own epoch (the producer would refuse anything else), and only the newest letter of an item (one
   * retry requeues the item, not a record).
   */
  function replayPlan(letters, items) {
    const replay = [];
    const skipped = [];
    const taken = new Set();
    for (const letter of letters) {
      let reason = null;
      const byKey = letter.batchId ? items[letter.batchId] : undefined;
      const item = byKey ? byKey[letter.itemKey] : undefined;
      if (!letter.batchId || !letter.itemKey || typeof letter.epoch !== 'number') {
        reason = 'not replayable: ' + (letter.unreadable || letter.message || 'no batch, item or epoch');
      } else if (!byKey) {
        reason = 'the items of batch ' + letter.batchId + ' could not be read';
      } else if (!item) {
        reason = 'the item is not known to the status API (its batch may have expired)';
      } else if (taken.has(letter.batchId + '/' + letter.itemKey)) {
        reason = 'a newer dead letter of the same item stands for it';
      } else if (item.status !== 'failed_permanent' || item.epoch !== letter.epoch) {
        reason = 'the item is ' + item.status + ' at epoch ' + item.epoch + ' now, not failed_permanent at epoch '
            + letter.epoch;
      }
      if (letter.batchId && letter.itemKey) {
        taken.add(letter.batchId + '/' + letter.itemKey);
      }
      if (reason === null) {
        replay.push(letter);
      } else {
        skipped.push({letter, reason});
      }
    }
    return {replay, skipped};
  }

  /** "3 of 5 selected dead letters would be replayed; 2 skipped" — the dry run's headline. */
  function dryRunLine(plan) {
    const selected = plan.replay.length + plan.skipped.length;
    return plan.replay.length + ' of ' + selected + ' selected dead letter' + (selected === 1 ? '' : 's')
        + ' would be replayed' + (plan.skipped.length ? '; ' + plan.skipped.length + ' skipped' : '')
        + ' (nothing written yet)';
  }

  /**
   * What one retry call did for its letter: {outcome: 'requeued' | 'skipped' | 'failed', text}. `status` and `body`
   * are the HTTP answer (202 with {items, skipped: [{itemKey, reason}]}); `error` the problem message otherwise.
   */
  function retryOutcome(letter, status, body, error) {
    if (status !== 202 || !body) {
      return {letter, outcome: 'failed', text: describe(letter) + ': ' + (error || 'HTTP ' + status)};
    }
    const requeued = Array.isArray(body.items) ? body.items : [];
    if (requeued.includes(letter.itemKey)) {
      const also = requeued.filter((key) => key !== letter.itemKey);
      return {letter, outcome: 'requeued', text: describe(letter) + ' → epoch ' + (letter.epoch + 1)
          + (also.length ? ' (with ' + also.join(', ') + ', which waited for it)' : '')};
    }
    const reasons = (Array.isArray(body.skipped) ? body.skipped : [])
        .filter((skip) => skip && (!skip.itemKey || skip.itemKey === letter.itemKey))
        .map((skip) => skip.reason);
    return {letter, outcome: 'skipped', text: describe(letter) + ': ' + (reasons.join('; ') || 'not requeued')};
  }

  /** "requeued 2 · skipped 1 · failed 0" over the calls' outcomes plus the dry run's skips. */
  function outcomeLine(outcomes, plannedSkips) {
    const count = (name) => outcomes.filter((o) => o.outcome === name).length;
    return 'requeued ' + count('requeued') + ' · skipped ' + (count('skipped') + plannedSkips)
        + ' · failed ' + count('failed');
  }

  /**
   * fn(item) for every item with at most `limit` calls at once; the results in the items' order. A rejection of
   * fn ends the whole run with it (callers turn expected failures into results instead).
   */
  async function mapLimited(items, limit, fn) {
    if (!(limit >= 1)) {
      throw new Error('limit must be at least 1, not ' + limit);
    }
    const results = new Array(items.length);
    let next = 0;
    async function worker() {
      while (next < items.length) {
        const index = next++;
        results[index] = await fn(items[index], index);
      }
    }
    await Promise.all(Array.from({length: Math.min(limit, items.length)}, worker));
    return results;
  }

  return {SINCE, sinceOf, inWindow, reachedBefore, replayPlan, dryRunLine, retryOutcome, outcomeLine, mapLimited};
});
