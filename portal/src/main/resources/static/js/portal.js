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
