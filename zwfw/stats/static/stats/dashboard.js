// Charts of the supervision dashboard (trend by month; overdue now by unit). Progressive
// enhancement: the tables carry the same figures. Clicking a bar or a point opens the cases
// behind it (the same links as the tables). ECharts comes from /static/vendor/echarts (npm).
(function () {
  "use strict";
  function go(hrefs, index) {
    if (hrefs && hrefs[index]) { window.location.assign(hrefs[index]); }
  }
  function draw() {
    var source = document.getElementById("stats-chart-data");
    if (!source || typeof window.echarts === "undefined") { return; }
    var data = JSON.parse(source.textContent);
    var trendBox = document.getElementById("stats-trend");
    if (trendBox && data.months.length) {
      var trend = window.echarts.init(trendBox, null, { renderer: "svg" });
      trend.setOption({
        aria: { enabled: true },
        // richText tooltips: HTML tooltips carry style attributes, which the CSP forbids.
        tooltip: { trigger: "axis", renderMode: "richText" },
        legend: { top: 0 },
        grid: { left: 48, right: 48, top: 32, bottom: 32 },
        xAxis: { type: "category", data: data.months },
        yAxis: [{ type: "value", minInterval: 1 }, { type: "value", min: 0, max: 100 }],
        series: [
          { type: "bar", name: trendBox.dataset.received, data: data.received, itemStyle: { color: "#1d4f91" } },
          { type: "bar", name: trendBox.dataset.concluded, data: data.concluded, itemStyle: { color: "#3c8d5a" } },
          { type: "line", name: trendBox.dataset.onTime, yAxisIndex: 1, data: data.on_time, itemStyle: { color: "#b8441f" } }
        ]
      });
      trend.on("click", function (event) { go(data.months_href, event.dataIndex); });
      trendBox.dataset.ready = "true";
      window.addEventListener("resize", function () { trend.resize(); });
    }
    var unitBox = document.getElementById("stats-overdue");
    if (unitBox && data.units.length) {
      var units = window.echarts.init(unitBox, null, { renderer: "svg" });
      units.setOption({
        aria: { enabled: true },
        tooltip: { trigger: "axis", renderMode: "richText" },
        grid: { left: 48, right: 16, top: 24, bottom: 80 },
        xAxis: { type: "category", data: data.units, axisLabel: { interval: 0, rotate: 30 } },
        yAxis: { type: "value", minInterval: 1 },
        series: [{ type: "bar", name: unitBox.dataset.seriesName || "", data: data.overdue,
                   itemStyle: { color: "#b8441f" }, label: { show: true, position: "top" } }]
      });
      units.on("click", function (event) { go(data.units_href, event.dataIndex); });
      unitBox.dataset.ready = "true";
      window.addEventListener("resize", function () { units.resize(); });
    }
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", draw); } else { draw(); }
}());
