// The keyword form: each message's length as it is typed, and the carriers' rules checked by the switch
// (the same checks as registration) a moment after the typing stops.
(function () {
  var form = document.getElementById('keyword-form');
  if (!form) {
    return;
  }
  var timer = null;

  function counts() {
    form.querySelectorAll('textarea.message').forEach(function (area) {
      var count = document.getElementById(area.id + '-count');
      var max = Number(count.getAttribute('data-max'));
      count.textContent = area.value.trim().length + ' / ' + max;
      count.classList.toggle('over', area.value.trim().length > max);
    });
  }

  function show(problems) {
    form.querySelectorAll('ul.problems').forEach(function (list) {
      var found = problems[list.getAttribute('data-for')] || [];
      list.replaceChildren.apply(list, found.map(function (text) {
        var item = document.createElement('li');
        item.textContent = text;
        return item;
      }));
    });
  }

  function check() {
    fetch(form.getAttribute('data-check'), {
      method: 'POST',
      body: new URLSearchParams(new FormData(form)),
      credentials: 'same-origin'
    }).then(function (response) {
      return response.ok ? response.json() : null;
    }).then(function (answer) {
      if (answer) {
        show(answer.problems);
        form.setAttribute('data-checked', String(Date.now()));
      }
    });
  }

  form.addEventListener('input', function () {
    counts();
    clearTimeout(timer);
    timer = setTimeout(check, 250);
  });
  counts();
  check();
})();
