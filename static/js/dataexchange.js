// Import job page: sizes the progress bar and, while the job runs, polls its JSON status URL;
// reloads the page when the job has finished. No inline script (CSP).
(function () {
  var box = document.getElementById("job-progress");
  if (!box) { return; }
  var bar = document.getElementById("job-bar");
  function show(percent) { bar.style.width = percent + "%"; bar.textContent = percent + "%"; }
  show(parseInt(bar.getAttribute("data-percent") || "0", 10));
  if (box.getAttribute("data-running") !== "1") { return; }
  var url = box.getAttribute("data-status-url");
  function poll() {
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (r) { return r.json(); })
      .then(function (s) {
        document.getElementById("job-status").textContent = s.status_display;
        document.getElementById("job-rows-done").textContent = s.rows_done;
        document.getElementById("job-rows-total").textContent = s.rows_total;
        show(s.percent);
        if (s.running) { window.setTimeout(poll, 1500); } else { window.location.reload(); }
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 1000);
})();
