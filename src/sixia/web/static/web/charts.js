// Draws every <figure class="chart" data-chart="line|bar|hbar|pie|stack|map"> from the table inside it with
// Apache ECharts (served from /static/vendor/echarts/, docs/adr/0005-charts.md). The table stays the truth:
//   first column  <th scope="row">  category labels (months, channels, units, townships)
//   header row    <th scope="col">  series names (the first header cell names the categories)
//   cells         numbers; data-value="…" on a cell overrides its text ("85.0%" → data-value="85")
// Without ECharts (or script) the table is the figure; in print the tables show and the pictures do not.
// "map" is a tile map: each row a labelled cell shaded by its first number; data-x / data-y on the row place it
// (else rows fill a near-square grid in their order). No inline script: CSP script-src 'self'.
(function () {
  "use strict";

  function num(cell) {
    var raw = cell.hasAttribute("data-value") ? cell.getAttribute("data-value") : cell.textContent;
    var n = parseFloat(String(raw).replace(/[,，%\s]/g, ""));
    return isNaN(n) ? 0 : n;
  }

  function read(table) {
    var head = table.querySelectorAll("thead th[scope=col]");
    var series = [];
    for (var i = 1; i < head.length; i++) series.push(head[i].textContent.trim());
    var categories = [], values = series.map(function () { return []; }), places = [];
    table.querySelectorAll("tbody tr").forEach(function (tr) {
      var label = tr.querySelector("th[scope=row]");
      if (!label) return;
      categories.push(label.textContent.trim());
      places.push([tr.getAttribute("data-x"), tr.getAttribute("data-y")]);
      var cells = tr.querySelectorAll("td");
      for (var j = 0; j < series.length; j++) values[j].push(cells[j] ? num(cells[j]) : 0);
    });
    return { series: series, categories: categories, values: values, places: places };
  }

  var BASE = { aria: { enabled: true }, animation: false, tooltip: {}, grid: { containLabel: true, left: 8, right: 16, top: 30, bottom: 8 } };

  function axisOption(kind, d) {
    var horizontal = kind === "hbar";
    var cat = { type: "category", data: horizontal ? d.categories.slice().reverse() : d.categories,
                axisLabel: { interval: horizontal ? 0 : "auto", hideOverlap: true } };
    var val = { type: "value", minInterval: 1 };
    var series = d.series.map(function (name, i) {
      return { name: name, type: kind === "line" ? "line" : "bar", stack: kind === "stack" ? "all" : undefined,
               data: horizontal ? d.values[i].slice().reverse() : d.values[i], smooth: false, barMaxWidth: 28,
               label: { show: horizontal, position: "right" } };
    });
    return { tooltip: { trigger: "axis" }, legend: { show: d.series.length > 1, top: 0 },
             grid: { containLabel: true, left: 8, right: horizontal ? 44 : 16, top: 30, bottom: 8 },
             xAxis: horizontal ? val : cat, yAxis: horizontal ? cat : val, series: series };
  }

  function pieOption(d) {
    return { tooltip: { trigger: "item", formatter: "{b}: {c} ({d}%)" }, legend: { type: "scroll", bottom: 0 },
             series: [{ name: d.series[0] || "", type: "pie", radius: ["35%", "65%"], top: 0, bottom: 30,
                        data: d.categories.map(function (c, i) { return { name: c, value: d.values[0][i] }; }) }] };
  }

  function mapOption(d) {
    var n = d.categories.length, cols = Math.max(1, Math.ceil(Math.sqrt(n))), rows = Math.max(1, Math.ceil(n / cols));
    var data = [], max = 0;
    d.categories.forEach(function (name, i) {
      var p = d.places[i], x = p[0] !== null ? +p[0] : i % cols, y = p[1] !== null ? +p[1] : Math.floor(i / cols);
      cols = Math.max(cols, x + 1); rows = Math.max(rows, y + 1);
      var v = d.values[0] ? d.values[0][i] : 0;
      max = Math.max(max, v);
      data.push({ name: name, value: [x, y, v] });
    });
    var xs = [], ys = [];
    for (var i = 0; i < cols; i++) xs.push(String(i));
    for (var j = 0; j < rows; j++) ys.push(String(j));
    return {
      tooltip: { formatter: function (p) { return p.name + ": " + p.value[2]; } },
      grid: { left: 4, right: 4, top: 4, bottom: 48 },
      xAxis: { type: "category", data: xs, show: false }, yAxis: { type: "category", data: ys, show: false, inverse: true },
      visualMap: { min: 0, max: max || 1, calculable: false, orient: "horizontal", left: "center", bottom: 0,
                   inRange: { color: ["#eef5ff", "#9ec5f0", "#2f6fb5", "#b4232a"] } },
      series: [{ name: d.series[0] || "", type: "heatmap", data: data, itemStyle: { borderColor: "#fff", borderWidth: 3 },
                 label: { show: true, formatter: function (p) { return p.name + "\n" + p.value[2]; }, fontSize: 11 } }]
    };
  }

  function draw(figure) {
    var table = figure.querySelector("table");
    if (!table || figure.querySelector(".chart-canvas")) return null;
    var kind = figure.getAttribute("data-chart"), d = read(table);
    if (!d.categories.length || !d.series.length) return null;
    var box = document.createElement("div");
    box.className = "chart-canvas";
    box.setAttribute("aria-hidden", "true");  // the table below carries the numbers for screen readers
    if (kind === "hbar" || kind === "map") box.style.height = Math.max(240, Math.min(640, 28 * d.categories.length + 80)) + "px";
    figure.insertBefore(box, table.closest(".chart-data") || table);
    var option = kind === "pie" ? pieOption(d) : kind === "map" ? mapOption(d) : axisOption(kind, d);
    var title = figure.getAttribute("data-title");
    var merged = Object.assign({}, BASE, option);
    if (title) merged.aria = { enabled: true, label: { description: title } };  // the visible name is the figcaption
    var chart = window.echarts.init(box, null, { renderer: "svg" });
    chart.setOption(merged);
    figure.classList.add("drawn");
    return chart;
  }

  function toggle(figure) {
    var label = figure.getAttribute("data-table-label");
    if (!label || figure.querySelector(".chart-toggle")) return;
    var button = document.createElement("button");
    button.type = "button"; button.className = "link chart-toggle"; button.textContent = label;
    button.setAttribute("aria-expanded", "false");
    button.addEventListener("click", function () {
      var open = figure.classList.toggle("show-table");
      button.setAttribute("aria-expanded", open ? "true" : "false");
    });
    figure.appendChild(button);
  }

  function start() {
    if (!window.echarts) return;  // the tables stay
    var charts = [];
    document.querySelectorAll("figure.chart[data-chart]").forEach(function (figure) {
      var chart = draw(figure);
      if (chart) { charts.push(chart); toggle(figure); }
    });
    var pending = null;
    window.addEventListener("resize", function () {
      if (pending) window.clearTimeout(pending);
      pending = window.setTimeout(function () { charts.forEach(function (c) { c.resize(); }); }, 150);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();
