// The reader's time zone, which a browser does not send: kept in a cookie so that the portal shows dates and times
// in it (until then, and without JavaScript, in UTC; the zone is always stated).
(function () {
  try {
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (zone && document.cookie.indexOf('kcdb_tz=' + zone) < 0) {
      document.cookie = 'kcdb_tz=' + zone + '; path=/; max-age=31536000; samesite=lax';
    }
  } catch (e) { /* no Intl: UTC */ }
})();
// A form is sent once: a second click while the first request is on its way is ignored (each change also redirects
// after it succeeds, so a reload never repeats it).
document.addEventListener('submit', function (event) {
  var form = event.target;
  if (form.dataset.sent === 'true') {
    event.preventDefault();
    return;
  }
  form.dataset.sent = 'true';
  form.querySelectorAll('button[type=submit]').forEach(function (button) {
    button.setAttribute('aria-disabled', 'true');
  });
});
// Back to a page from the browser's cache: its forms may be sent again.
window.addEventListener('pageshow', function () {
  document.querySelectorAll('form[data-sent]').forEach(function (form) {
    delete form.dataset.sent;
    form.querySelectorAll('button[aria-disabled]').forEach(function (b) { b.removeAttribute('aria-disabled'); });
  });
});
// The CMC form (data-check-url): leaving a field asks the API, through the portal, for that field's fault with the
// draft rules and shows it in the field's slot (an empty answer clears it); the input is marked invalid or not.
document.addEventListener('focusout', function (event) {
  var input = event.target;
  var form = input.form;
  if (!window.htmx || !form || !form.dataset.checkUrl || !input.name || input.tagName !== 'INPUT'
      || input.type === 'hidden') {
    return;
  }
  var slot = document.getElementById(input.id + '-check');
  if (!slot) {
    return;
  }
  htmx.ajax('POST', form.dataset.checkUrl + '?field=' + encodeURIComponent(input.name),
      {source: input, target: slot, swap: 'innerHTML'});
});
// After a field check, or a conversion that found the unit unreadable (swapped out of band into the unit's slot).
var markChecked = function (event) {
  var slot = event.detail.target;
  if (!slot || !slot.classList || !slot.classList.contains('check')) {
    return;
  }
  var input = document.getElementById(slot.id.replace(/-check$/, ''));
  var error = slot.querySelector('.field-error');
  if (!input) {
    return;
  }
  if (error) {
    input.setAttribute('aria-invalid', 'true');
    input.setAttribute('aria-describedby', error.id);
  } else {
    input.removeAttribute('aria-invalid');
    input.removeAttribute('aria-describedby');
  }
  slot.parentElement.classList.toggle('has-error', !!error);
};
document.addEventListener('htmx:afterSwap', markChecked);
document.addEventListener('htmx:oobAfterSwap', markChecked);
// An import's page while its job runs: the progress bar follows the job's events (relayed by the portal from the
// API); when the job ends, the page is read again and shows the counts and each fault.
document.addEventListener('DOMContentLoaded', function () {
  var bar = document.querySelector('progress[data-events]');
  if (!bar || !window.EventSource) {
    return;
  }
  var counts = document.getElementById('import-counts');
  var source = new EventSource(bar.dataset.events);
  var share = document.getElementById('import-share');
  var update = function (event) {
    var job = JSON.parse(event.data || '{}');
    // Once the job has counted its file's rows: the bar fills as a share of them, and the share is written out.
    if (job.rowsTotal > 0) {
      bar.max = job.rowsTotal;
      bar.value = Math.min(job.rowsRead || 0, job.rowsTotal);
      job.percent = Math.min(100, Math.floor(100 * (job.rowsRead || 0) / job.rowsTotal));
      if (share) {
        share.hidden = false;
      }
    }
    Object.keys(job).forEach(function (name) {
      var slot = counts && counts.querySelector('[data-count="' + name + '"]');
      if (slot) {
        slot.textContent = job[name];
      }
    });
  };
  source.addEventListener('progress', update);
  ['completed', 'failed', 'unavailable'].forEach(function (end) {
    source.addEventListener(end, function (event) {
      update(event);
      source.close();
      window.location.reload();
    });
  });
});
