// The sms-switch sign-up widget: shows the program's disclosure, then posts the sign-up.
(function () {
  'use strict';
  var params = new URLSearchParams(window.location.search);
  var form = document.getElementById('signup');
  var result = document.getElementById('result');
  var submit = document.getElementById('submit');
  var shortCode = params.get('shortCode') || '';
  var keyword = params.get('keyword') || '';
  document.getElementById('shortCode').value = shortCode;
  document.getElementById('keyword').value = keyword;

  function show(message, ok) {
    result.textContent = message;
    result.className = 'result ' + (ok ? 'ok' : 'error');
  }

  fetch('api/keyword?' + new URLSearchParams({ shortCode: shortCode, keyword: keyword }))
    .then(function (response) { return response.json(); })
    .then(function (program) {
      if (program.ok === false) {
        document.getElementById('disclosure').textContent = '';
        show(program.error, false);
        return;
      }
      document.getElementById('service').textContent = program.serviceName;
      document.getElementById('disclosure').textContent = program.disclosure;
      submit.disabled = false;
    })
    .catch(function () { show('The sign-up service cannot be reached now.', false); });

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    submit.disabled = true;
    fetch('api', { method: 'POST', body: new URLSearchParams(new FormData(form)) })
      .then(function (response) { return response.json(); })
      .then(function (answer) {
        show(answer.ok ? answer.message : answer.error, answer.ok);
        submit.disabled = answer.ok;
      })
      .catch(function () {
        show('The sign-up could not be sent; please try again.', false);
        submit.disabled = false;
      });
  });
}());
