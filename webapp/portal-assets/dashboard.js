// The Dashboard's charts, drawn by Chart.js from the numbers the page carries.
(function () {
  var source = document.getElementById('dashboard-data');
  if (!source || typeof Chart === 'undefined') {
    return;
  }
  var data = JSON.parse(source.textContent);
  var colours = {
    'Delivered': '#2a9d8f', 'HP Delivered': '#57cc99', 'Sent': '#8ab17d', 'Failed': '#e76f51',
    'Not sent': '#f4a261', 'Queued': '#bbbbbb', 'Cancelled': '#777777'
  };
  new Chart(document.getElementById('sends-chart'), {
    type: 'bar',
    data: {
      labels: data.days,
      datasets: Object.keys(data.sends).map(function (outcome) {
        return { label: outcome, data: data.sends[outcome], backgroundColor: colours[outcome] };
      })
    },
    options: {
      animation: false, maintainAspectRatio: false,
      scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } }
    }
  });
  new Chart(document.getElementById('optins-chart'), {
    type: 'line',
    data: {
      labels: data.days,
      datasets: [
        { label: 'Opt-ins', data: data.optIns, borderColor: '#2a9d8f', backgroundColor: '#2a9d8f' },
        { label: 'Opt-outs', data: data.optOuts, borderColor: '#e76f51', backgroundColor: '#e76f51' }
      ]
    },
    options: { animation: false, maintainAspectRatio: false, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } }
  });
  document.body.setAttribute('data-charts', 'drawn');
})();
