// The console's submit form: scenes, shots, video and simulated failures, with the request as JSON as the advanced
// view; the server's field errors are shown next to the control that holds the field.
'use strict';

// ---- submit ----------------------------------------------------------------------------------------------------

const SAMPLE = [
  {prompt: 'a lighthouse at dawn', shots: ['wide shot of the cliffs', 'close-up of the lamp'], video: true,
    videoPrompt: 'waves rolling in', failTimes: 0},
  {prompt: 'a harbour at night', shots: ['boats under lanterns'], video: true, videoPrompt: 'slow pan',
    failTimes: 2}
];

function addScene(scene) {
  const fieldset = $('scene-template').content.firstElementChild.cloneNode(true);
  const part = (name) => fieldset.querySelector('[data-part="' + name + '"]');
  part('prompt').value = scene.prompt || '';
  part('shots').value = (scene.shots || []).join('\n');
  part('video').checked = Boolean(scene.video);
  part('videoPrompt').value = scene.videoPrompt || '';
  part('failTimes').value = String(scene.failTimes || 0);
  part('remove').addEventListener('click', () => {
    fieldset.remove();
    numberScenes();
  });
  $('scenes').appendChild(fieldset);
  numberScenes();
}

/** Legends, label ids and the server's field names (scenes[i].…) follow the scenes' order. */
function numberScenes() {
  document.querySelectorAll('#scenes fieldset').forEach((fieldset, i) => {
    fieldset.querySelector('legend').textContent = 'Scene ' + i;
    fieldset.dataset.field = 'scenes[' + i + ']';
    for (const control of fieldset.querySelectorAll('[data-part]')) {
      const name = control.dataset.part;
      control.id = 'scene-' + i + '-' + name;
      const label = control.closest('.field') && control.closest('.field').querySelector('label');
      if (label && !label.contains(control) && (name === 'prompt' || name === 'shots')) {
        label.htmlFor = control.id;
      }
      if (name === 'prompt' || name === 'shots') {
        control.dataset.field = 'scenes[' + i + '].' + name;
      } else if (name === 'videoPrompt') {
        control.dataset.field = 'scenes[' + i + '].video';
      }
    }
  });
}

function formModel() {
  return {
    batchId: $('submit-batch-id').value,
    scenes: [...document.querySelectorAll('#scenes fieldset')].map((fieldset) => {
      const part = (name) => fieldset.querySelector('[data-part="' + name + '"]');
      return {prompt: part('prompt').value, shots: part('shots').value.split('\n'), video: part('video').checked,
        videoPrompt: part('videoPrompt').value, failTimes: part('failTimes').value, error: part('error').value};
    })
  };
}

function clearFieldErrors() {
  document.querySelectorAll('#submit-form .field-error').forEach((span) => {
    span.textContent = '';
  });
  document.querySelectorAll('#submit-form [aria-invalid]').forEach((node) => node.removeAttribute('aria-invalid'));
  $('submit-errors').replaceChildren();
}

/** Each error goes next to the form control with the longest data-field that names it or contains it. */
function showFieldErrors(fields) {
  const controls = [...document.querySelectorAll('#submit-form [data-field]')];
  let first = null;
  for (const [field, message] of Object.entries(fields)) {
    const target = $('advanced').open ? null : controls
        .filter((c) => field === c.dataset.field || field.startsWith(c.dataset.field + '.')
            || field.startsWith(c.dataset.field + '['))
        .sort((a, b) => b.dataset.field.length - a.dataset.field.length)[0];
    const holder = target && (target.closest('.field') || target);
    const span = holder && holder.querySelector('.field-error');
    if (span) {
      span.textContent += (span.textContent ? '; ' : '') + (field === target.dataset.field ? '' : field + ': ') + message;
      target.setAttribute('aria-invalid', 'true');
      first = first || target;
    } else {
      $('submit-errors').appendChild(el('li', 'error', field + ': ' + message));
    }
  }
  if (first) {
    first.focus();
  }
}

async function submit(event) {
  event.preventDefault();
  clearFieldErrors();
  let body;
  if ($('advanced').open) {
    try {
      body = JSON.parse($('storyboard-json').value);
    } catch (e) {
      say($('submit-state'), 'not JSON: ' + e.message, true);
      return;
    }
  } else {
    body = M.storyboardOf(formModel());
  }
  $('submit-button').disabled = true;
  say($('submit-state'), 'submitting…');
  let response;
  try {
    response = await api('POST', '/api/batches', JSON.stringify(body));
  } catch (e) {
    say($('submit-state'), unreachable(e), true);
    return;
  } finally {
    $('submit-button').disabled = false;
  }
  if (response.status !== 202) {
    const problem = await problemOf(response);
    say($('submit-state'), problem.message, true);
    showFieldErrors(problem.fields);
    return;
  }
  const accepted = await response.json();
  say($('submit-state'), 'accepted ' + accepted.total + ' items as ' + accepted.batchId);
  rememberStoryboard(accepted.batchId, body);
  justSubmitted.add(accepted.batchId);
  location.hash = '#/batch/' + encodeURIComponent(accepted.batchId);
}

views.submit = {
  enter: () => {
    if (!$('storyboard-json').value) {
      $('storyboard-json').value = JSON.stringify(M.storyboardOf(formModel()), null, 2);
    }
  }
};
