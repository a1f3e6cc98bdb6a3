// The dashboard's only script: draws the reports' charts from the figures the page carries.
// Everything else works without it (forms post, links link); htmx refreshes the queue.
(function () {
  "use strict";
  function draw() {
    var holder = document.getElementById("report-data");
    if (!holder || typeof Chart === "undefined") {
      return;
    }
    var d = JSON.parse(holder.dataset.report);
    Chart.defaults.animation = false;
    Chart.defaults.maintainAspectRatio = false;
    function line(id, datasets, yTitle, max) {
      new Chart(document.getElementById(id), {
        type: "line",
        data: { labels: d.weeks, datasets: datasets },
        options: {
          spanGaps: true,
          scales: { y: { beginAtZero: true, max: max, title: { display: true, text: yTitle } } }
        }
      });
    }
    line("chart-times", [
      { label: "to claim", data: d.claim, borderColor: "#1f6feb", backgroundColor: "#1f6feb" },
      { label: "to first response", data: d.firstResponse, borderColor: "#b35900", backgroundColor: "#b35900" },
      { label: "to resolution", data: d.resolution, borderColor: "#2e7d32", backgroundColor: "#2e7d32" }
    ], "hours (business)");
    line("chart-sla", [
      { label: "SLA met %", data: d.slaMet, borderColor: "#2e7d32", backgroundColor: "#2e7d32" }
    ], "%", 100);
    new Chart(document.getElementById("chart-csat"), {
      data: {
        labels: d.weeks,
        datasets: [
          { type: "line", label: "CSAT average", data: d.csat, yAxisID: "y", borderColor: "#6a1b9a", backgroundColor: "#6a1b9a", spanGaps: true },
          { type: "bar", label: "scores", data: d.csatCount, yAxisID: "count", backgroundColor: "#c5b3d9" }
        ]
      },
      options: {
        scales: {
          y: { min: 0, max: 5, title: { display: true, text: "average (1-5)" } },
          count: { position: "right", beginAtZero: true, grid: { drawOnChartArea: false }, ticks: { precision: 0 } }
        }
      }
    });
    new Chart(document.getElementById("chart-owners"), {
      type: "bar",
      data: {
        labels: Object.keys(d.openByOwner),
        datasets: [{ label: "open cases", data: Object.values(d.openByOwner), backgroundColor: "#1f6feb" }]
      },
      options: { indexAxis: "y", scales: { x: { beginAtZero: true, ticks: { precision: 0 } } } }
    });
  }
  document.addEventListener("DOMContentLoaded", draw);
})();
