// A file upload with a progress bar: the form is sent with XMLHttpRequest so that the bytes sent can be shown, then
// the browser follows the server's redirect as a plain form post would. Without JavaScript the form posts as usual.
document.querySelectorAll('form[data-upload-progress]').forEach(function (form) {
  form.addEventListener('submit', function (event) {
    if (!window.FormData || !window.XMLHttpRequest) {
      return;
    }
    event.preventDefault();
    if (form.dataset.uploading === 'true') {
      return; // a second click while the file is on its way
    }
    form.dataset.uploading = 'true';
    var box = form.querySelector('.upload-progress');
    var bar = box && box.querySelector('progress');
    var status = box && box.querySelector('.upload-status');
    if (box) {
      box.hidden = false;
    }
    var request = new XMLHttpRequest();
    request.open('POST', form.action);
    request.upload.addEventListener('progress', function (e) {
      if (e.lengthComputable && bar) {
        var percent = Math.round(100 * e.loaded / e.total);
        bar.value = percent;
        status.textContent = percent + ' %';
      }
    });
    request.upload.addEventListener('load', function () {
      if (bar) {
        bar.value = 100;
        bar.removeAttribute('value'); // the server now reads the file: an indeterminate bar
        status.textContent = form.dataset.processing || '';
      }
    });
    request.addEventListener('load', function () {
      // The portal answers a redirect to the page with the report; XMLHttpRequest followed it.
      window.location.assign(request.responseURL || form.action);
    });
    request.addEventListener('error', function () {
      form.submit(); // the browser's own post, which shows whatever went wrong
    });
    request.send(new FormData(form));
  });
});
