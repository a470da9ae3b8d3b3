// Draws the dashboard charts from the JSON the page embeds (no inline script, CSP-friendly).
(function () {
  var data = JSON.parse(document.getElementById("chart-data").textContent);
  var palette = ["#c8161d", "#f0a020", "#2f7ed8", "#6c757d", "#8bbc21", "#910000"];
  function chart(id, option) {
    var el = document.getElementById(id);
    if (!el) { return; }
    // ECharts' own words (tooltips, "no data") in the page's language; every label is the page's.
    var c = echarts.init(el, null, { renderer: "canvas", locale: document.documentElement.lang.indexOf("zh") === 0 ? "ZH" : "EN" });
    option.color = palette;
    c.setOption(option);
    window.addEventListener("resize", function () { c.resize(); });
  }
  function pie(id, items, inside) {
    chart(id, {
      tooltip: { trigger: "item", formatter: "{b}: {c} ({d}%)" },
      legend: { bottom: 0 },
      series: [{ type: "pie", radius: ["35%", "65%"], data: items.filter(function (i) { return i.value > 0; }),
                 label: inside ? { position: "inside", formatter: "{c}", color: "#fff" } : { formatter: "{b}\n{c}" } }]
    });
  }
  pie("chart-ratings", data.ratings, false);
  pie("chart-gender", data.gender, true);
  pie("chart-age", data.age, true);
  chart("chart-months", {
    tooltip: { trigger: "axis" },
    grid: { left: 50, right: 10, bottom: 30 },
    xAxis: { type: "category", data: data.months.names },
    yAxis: { type: "value" },
    series: [{ type: "bar", data: data.months.values, label: { show: true, position: "top" } }]
  });
  chart("chart-language", {
    tooltip: { trigger: "axis" },
    xAxis: { type: "category", data: data.language.years },
    yAxis: { type: "value", min: function (v) { return Math.max(0, Math.floor(v.min - 5)); }, max: 100 },
    series: [{ type: "line", data: data.language.values, label: { show: true, formatter: "{c}%" }, connectNulls: true }]
  });
  chart("chart-comparison", {
    tooltip: { trigger: "axis" },
    grid: { left: 50, right: 10, bottom: 60 },
    xAxis: { type: "category", data: data.comparison.names, axisLabel: { rotate: 30 } },
    yAxis: { type: "value" },
    series: [{ type: "bar", data: data.comparison.values, label: { show: true, position: "top" } }]
  });
  document.querySelectorAll("select[data-autosubmit]").forEach(function (el) {
    el.addEventListener("change", function () { el.form.submit(); });
  });
  document.querySelectorAll('[data-bs-toggle="tooltip"]').forEach(function (el) { new bootstrap.Tooltip(el); });
  var status = document.getElementById("run-status");
  if (status) {
    var timer = setInterval(function () {
      fetch(status.dataset.url).then(function (r) { return r.json(); }).then(function (s) {
        status.textContent = s.total ? s.status_zh + " " + s.done + "/" + s.total : s.status_zh;
        if (s.status === "done") { clearInterval(timer); window.location.reload(); }
        if (s.status === "failed") { clearInterval(timer); }
      });
    }, 2000);
  }
})();
