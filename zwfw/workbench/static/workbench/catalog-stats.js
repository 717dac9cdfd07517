// Bar chart of items by type on the catalog statistics page. Progressive enhancement: the
// tables above carry the same figures; ECharts comes from /static/vendor/echarts (npm, no CDN).
(function () {
  "use strict";
  function draw() {
    var box = document.getElementById("stats-chart");
    var source = document.getElementById("stats-chart-data");
    if (!box || !source || typeof window.echarts === "undefined") { return; }
    var data = JSON.parse(source.textContent);
    var chart = window.echarts.init(box, null, { renderer: "svg" });
    chart.setOption({
      aria: { enabled: true },
      // richText: the tooltip is drawn on the canvas; HTML tooltips carry style attributes, which
      // the Content-Security-Policy forbids (zwfw/core/csp.py).
      tooltip: { trigger: "axis", renderMode: "richText" },
      grid: { left: 48, right: 16, top: 24, bottom: 72 },
      xAxis: { type: "category", data: data.labels, axisLabel: { interval: 0, rotate: 30 } },
      yAxis: { type: "value", minInterval: 1 },
      series: [{ type: "bar", name: box.dataset.seriesName || "", data: data.values, itemStyle: { color: "#1d4f91" },
                 label: { show: true, position: "top" } }]
    });
    box.dataset.ready = "true";
    window.addEventListener("resize", function () { chart.resize(); });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", draw); } else { draw(); }
}());
