// The Batches page: a batch's bar and counts refresh while it has messages queued (every second) or
// sent and awaiting their delivery receipts (every five seconds).
(function () {
  var table = document.getElementById('batches');
  if (!table) {
    return;
  }
  var stages = ['delivered', 'sent', 'failed', 'cancelled'];

  function running() {
    return Array.prototype.filter.call(table.querySelectorAll('tr.batch'), function (row) {
      return row.getAttribute('data-queued') !== '0' || row.getAttribute('data-sent') !== '0';
    });
  }

  function queuing() {
    return Array.prototype.some.call(table.querySelectorAll('tr.batch'), function (row) {
      return row.getAttribute('data-queued') !== '0';
    });
  }

  function draw(row, b) {
    var bar = row.querySelector('.bar');
    stages.forEach(function (stage) {
      var share = b.messages === 0 ? 0 : b[stage] * 100 / b.messages;
      bar.querySelector('span.' + stage).style.width = share + '%';
      row.querySelector('td.' + stage).textContent = b[stage];
    });
    row.querySelector('td.queued').textContent = b.queued;
    row.querySelector('.percent').textContent = b.percentDone + '%';
    bar.setAttribute('aria-valuenow', b.percentDone);
    row.setAttribute('data-done', String(b.percentDone));
    row.setAttribute('data-queued', String(b.queued));
    row.setAttribute('data-sent', String(b.sent));
    var cancel = row.querySelector('.cancel-form');
    if (cancel && b.queued === 0) {
      cancel.remove();
    }
  }

  function refresh() {
    var rows = running();
    if (rows.length === 0) {
      return;
    }
    var query = rows.map(function (row) { return 'id=' + row.getAttribute('data-batch'); }).join('&');
    fetch(table.getAttribute('data-progress') + '?' + query, { credentials: 'same-origin' })
      .then(function (response) { return response.ok ? response.json() : []; })
      .then(function (batches) {
        batches.forEach(function (b) {
          var row = table.querySelector('tr.batch[data-batch="' + b.id + '"]');
          if (row) {
            draw(row, b);
          }
        });
      })
      .finally(function () { setTimeout(refresh, queuing() ? 1000 : 5000); });
  }

  // The bars as the page drew them (the page's policy allows no inline styles).
  table.querySelectorAll('tr.batch').forEach(function (row) {
    var b = { percentDone: Number(row.getAttribute('data-done')) };
    ['messages', 'queued'].concat(stages).forEach(function (key) {
      b[key] = Number(row.getAttribute('data-' + key));
    });
    draw(row, b);
  });
  setTimeout(refresh, 1000);
})();
