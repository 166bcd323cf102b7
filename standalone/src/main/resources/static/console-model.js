// The console's pure functions: no DOM, no network, no clock of their own (time is always a parameter), so that
// Node's test runner checks them (standalone/src/test/js). Loaded as a classic script in the page, required by Node.
'use strict';

(function (root, factory) {
  const model = factory();
  if (typeof module === 'object' && module.exports) {
    module.exports = model;
  } else {
    root.ConsoleModel = model;
  }
})(typeof self !== 'undefined' ? self : this, function () {

  const STATUSES = ['pending', 'generating', 'complete', 'failed', 'failed_permanent'];
  // Colour comes from the stylesheet (status-*); the icon and the word make the status readable without colour.
  const STATUS_LOOK = {
    pending: {icon: '◌', label: 'pending'},
    generating: {icon: '◐', label: 'generating'},
    complete: {icon: '✓', label: 'complete'},
    failed: {icon: '↻', label: 'failed, retrying'},
    failed_permanent: {icon: '✕', label: 'failed permanently'}
  };

  function statusLook(status) {
    return STATUS_LOOK[status] || {icon: '?', label: String(status)};
  }

  /** A prompt cut to at most max characters, on a word boundary when one is near, with an ellipsis. */
  function shorten(text, max) {
    const value = String(text == null ? '' : text).replace(/\s+/g, ' ').trim();
    if (value.length <= max) {
      return value;
    }
    const cut = value.slice(0, max - 1);
    const space = cut.lastIndexOf(' ');
    return (space >= max * 0.6 ? cut.slice(0, space) : cut) + '…';
  }

  /** 950 ms → "1s", 75 s → "1m 15s", 2 h 5 m → "2h 5m"; negative counts as zero. */
  function formatDuration(ms) {
    const seconds = Math.max(0, Math.round(ms / 1000));
    if (seconds < 60) {
      return seconds + 's';
    }
    const minutes = Math.floor(seconds / 60);
    if (minutes < 60) {
      return minutes + 'm' + (seconds % 60 ? ' ' + (seconds % 60) + 's' : '');
    }
    const hours = Math.floor(minutes / 60);
    if (hours < 48) {
      return hours + 'h' + (minutes % 60 ? ' ' + (minutes % 60) + 'm' : '');
    }
    return Math.floor(hours / 24) + 'd';
  }

  /** How long ago an ISO time was, e.g. "3m 2s ago"; "just now" under a second; "" when unknown. */
  function formatAge(iso, nowMs) {
    const at = Date.parse(iso);
    if (Number.isNaN(at)) {
      return '';
    }
    const ago = nowMs - at;
    return ago < 1000 ? 'just now' : formatDuration(ago) + ' ago';
  }

  /**
   * The countdown to an item's next retry: "retry in 3s", "retrying…" once due; null when the item is not
   * waiting for a retry (only a `failed` item with a known next-retry time is).
   */
  function retryCountdown(item, nextRetryAt, nowMs) {
    if (!item || item.status !== 'failed' || !nextRetryAt) {
      return null;
    }
    const due = Date.parse(nextRetryAt);
    if (Number.isNaN(due)) {
      return null;
    }
    const left = due - nowMs;
    return left <= 0 ? 'retrying…' : 'retry in ' + formatDuration(Math.max(left, 1000));
  }

  /** The next-retry time of an item's detail: that of its newest history entry, while the item is `failed`. */
  function nextRetryOf(detail) {
    if (!detail || detail.status !== 'failed' || !Array.isArray(detail.history) || detail.history.length === 0) {
      return null;
    }
    return detail.history[detail.history.length - 1].nextRetryAt || null;
  }

  /** The last error is shown only while it explains the current status (not on an item that later completed). */
  function currentError(item) {
    if (!item || !item.lastError || (item.status !== 'failed' && item.status !== 'failed_permanent')) {
      return null;
    }
    return item.lastError.type + ': ' + item.lastError.message;
  }

  /** "scene_2_shot_1" → {scene: 2, shot: 1, video: false}; null for anything else. */
  function parseItemKey(key) {
    const match = /^(video_)?scene_(0|[1-9]\d*)(?:_shot_(0|[1-9]\d*))?$/.exec(String(key));
    if (!match || (match[1] && match[3] !== undefined)) {
      return null;
    }
    return {scene: Number(match[2]), shot: match[3] === undefined ? null : Number(match[3]), video: Boolean(match[1])};
  }

  /** The prompt of an item in a storyboard the page submitted (or null when the page does not know it). */
  function promptOf(storyboard, key) {
    const parsed = parseItemKey(key);
    const scene = parsed && storyboard && Array.isArray(storyboard.scenes) ? storyboard.scenes[parsed.scene] : null;
    if (!scene) {
      return null;
    }
    if (parsed.video) {
      return (scene.video && scene.video.prompt) || scene.prompt || null;
    }
    if (parsed.shot !== null) {
      const shot = Array.isArray(scene.shots) ? scene.shots[parsed.shot] : null;
      return shot ? shot.prompt : null;
    }
    return scene.prompt || null;
  }

  /**
   * The storyboard grid: one row per scene (in scene order), its image cells (the scene image, or one per shot in
   * shot order), then its video cell. Items whose key is not a storyboard key are left out.
   */
  function storyboardGrid(items) {
    const scenes = new Map();
    for (const item of items) {
      const parsed = parseItemKey(item.itemKey);
      if (!parsed) {
        continue;
      }
      if (!scenes.has(parsed.scene)) {
        scenes.set(parsed.scene, {scene: parsed.scene, images: [], video: null});
      }
      const row = scenes.get(parsed.scene);
      if (parsed.video) {
        row.video = item;
      } else {
        row.images.push({order: parsed.shot === null ? -1 : parsed.shot, item});
      }
    }
    return [...scenes.values()].sort((a, b) => a.scene - b.scene).map((row) => ({
      scene: row.scene,
      images: row.images.sort((a, b) => a.order - b.order).map((cell) => cell.item),
      video: row.video
    }));
  }

  /** "epoch 1 · attempt 2" (epochs count manual retries, attempts count tries within one). */
  function epochAttempt(item) {
    return 'epoch ' + item.epoch + ' · attempt ' + item.attempt;
  }

  /**
   * "result: s3://b/k.png (image/png, 47.1 KiB)": where an item's result is and, when the store recorded them, its
   * type and size; empty without a result.
   */
  function resultLine(item) {
    if (!item.resultUri) {
      return '';
    }
    const facts = [];
    if (item.contentType) {
      facts.push(item.contentType);
    }
    if (typeof item.sizeBytes === 'number') {
      facts.push(formatBytes(item.sizeBytes));
    }
    return 'result: ' + item.resultUri + (facts.length ? ' (' + facts.join(', ') + ')' : '');
  }

  function formatBytes(bytes) {
    const units = ['bytes', 'KiB', 'MiB', 'GiB'];
    let value = bytes;
    let unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return unit === 0 ? value + ' bytes' : value.toFixed(1) + ' ' + units[unit];
  }

  /**
   * What a problem+json answer says: a message, and the field errors by field name (the producer's
   * `errors: [{field, message}]`, the aggregator's `parameter`).
   */
  function problemOf(status, body) {
    const fields = {};
    let message = 'HTTP ' + status;
    if (body && typeof body === 'object') {
      message = body.detail || body.title || message;
      if (Array.isArray(body.errors)) {
        for (const error of body.errors) {
          if (error && error.field) {
            fields[error.field] = fields[error.field] ? fields[error.field] + '; ' + error.message : error.message;
          }
        }
      }
      if (body.parameter) {
        fields[body.parameter] = message;
      }
    }
    if (status === 401) {
      message = 'the API key was refused (' + message + ')';
    } else if (status === 403) {
      message = 'the API key may not do this (' + message + ')';
    }
    return {status, message, fields};
  }

  /**
   * The storyboard JSON of the form's model: scenes of {prompt, shots: [prompt], video: bool, videoPrompt,
   * failTimes}. Empty shot lines are dropped; failTimes > 0 adds a simulate object to every image of the scene.
   */
  function storyboardOf(form) {
    const body = {};
    if (form.batchId && form.batchId.trim()) {
      body.batchId = form.batchId.trim();
    }
    body.scenes = form.scenes.map((scene) => {
      const out = {prompt: scene.prompt};
      const failTimes = Number(scene.failTimes) || 0;
      const simulate = failTimes > 0 ? {failTimes, error: scene.error || 'transient'} : null;
      const shots = (scene.shots || []).map((shot) => shot.trim()).filter((shot) => shot.length > 0);
      if (shots.length > 0) {
        out.shots = shots.map((prompt) => (simulate ? {prompt, simulate} : {prompt}));
      } else if (simulate) {
        out.simulate = simulate;
      }
      if (scene.video) {
        out.video = scene.videoPrompt && scene.videoPrompt.trim() ? {prompt: scene.videoPrompt.trim()} : {};
      }
      return out;
    });
    return body;
  }

  /** A batch's progress line: "7/10 terminal · 2 failed permanently · 3 retries". */
  function progressLine(summary) {
    const terminal = summary.counts.complete + summary.counts.failed_permanent;
    let line = terminal + '/' + summary.total + ' done';
    if (summary.counts.failed_permanent > 0) {
      line += ' · ' + summary.counts.failed_permanent + ' failed permanently';
    }
    if (summary.retries > 0) {
      line += ' · ' + summary.retries + (summary.retries === 1 ? ' retry' : ' retries');
    }
    return line;
  }

  /** Delay before the n-th reconnect (1-based): 0.5 s, 1 s, 2 s, then 4 s — quick to recover, gentle when down. */
  function reconnectDelay(attempt) {
    return Math.min(4000, 500 * Math.pow(2, Math.max(0, attempt - 1)));
  }

  /** A rate of the fleet view: 12.4 → "12.4/min", 0 → "0/min"; anything not a number reads as unknown. */
  function formatRate(perMinute) {
    if (typeof perMinute !== 'number' || !Number.isFinite(perMinute)) {
      return '?';
    }
    return (Math.round(perMinute * 10) / 10) + '/min';
  }

  /**
   * The URL when it is an absolute http(s) URL, else null: a link the page draws from server data must never be
   * javascript: or data: (the server checks this at start-up; the page does not rely on it).
   */
  function httpLink(url) {
    if (typeof url !== 'string' || url.trim() === '') {
      return null;
    }
    let parsed;
    try {
      parsed = new URL(url.trim());
    } catch (e) {
      return null;
    }
    return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.hostname ? parsed.href : null;
  }

  return {
    formatRate, httpLink,
    STATUSES, statusLook, shorten, formatDuration, formatAge, retryCountdown, nextRetryOf, currentError,
    parseItemKey, promptOf, storyboardGrid, epochAttempt, resultLine, problemOf, storyboardOf, progressLine,
    reconnectDelay
  };
});
