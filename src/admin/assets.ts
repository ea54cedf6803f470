/**
 * The admin page's stylesheet and script, served from the admin listener itself (its
 * CSP allows nothing else). The script refreshes the counters and the decisions every
 * few seconds from the JSON endpoints, building rows with textContent only.
 */

export const ADMIN_CSS = `body { font: 14px/1.4 system-ui, sans-serif; margin: 0; color: #1d2433; background: #f6f7f9; }
header { background: #1d2433; color: #fff; padding: 12px 24px; }
header h1 { margin: 0; font-size: 20px; } header p { margin: 4px 0 0; opacity: .8; }
main { padding: 12px 24px; }
section { background: #fff; border: 1px solid #d9dde5; border-radius: 6px; padding: 8px 16px 16px; margin: 12px 0; overflow-x: auto; }
h2 { font-size: 16px; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid #e6e8ee; vertical-align: top; }
th { background: #eef1f6; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
code { font-family: ui-monospace, monospace; font-size: 13px; }
form { display: flex; gap: 8px; flex-wrap: wrap; align-items: end; }
label { display: flex; flex-direction: column; font-size: 12px; }
input[name=url] { width: 32em; }
.ok { color: #19692c; } .bad { color: #a4161a; font-weight: 600; }
`;

export const ADMIN_JS = `"use strict";
(function () {
  function cell(row, text, className) {
    var td = document.createElement("td");
    td.textContent = text;
    if (className) td.className = className;
    row.appendChild(td);
  }
  function fill(id, rows) {
    var body = document.querySelector("#" + id + " tbody");
    if (!body) return;
    while (body.firstChild) body.removeChild(body.firstChild);
    rows.forEach(function (values) {
      var row = document.createElement("tr");
      values.forEach(function (value, index) { cell(row, String(value), index === values.length - 1 && typeof value === "number" ? "num" : ""); });
      body.appendChild(row);
    });
  }
  function refresh() {
    fetch("api/summary", { credentials: "same-origin" }).then(function (res) { return res.json(); }).then(function (summary) {
      fill("counters", summary.counters.map(function (c) { return [c.metric, c.label, c.value]; }));
      var stamp = document.getElementById("refreshed");
      if (stamp) stamp.textContent = "counters refreshed " + new Date().toLocaleTimeString();
    }).catch(function () {});
    fetch("api/decisions", { credentials: "same-origin" }).then(function (res) { return res.json(); }).then(function (list) {
      fill("decisions", list.map(function (d) { return [d.time, d.method, d.path, d.outcome, d.rule || "", d.service || "", d.reason || ""]; }));
    }).catch(function () {});
  }
  document.addEventListener("DOMContentLoaded", function () {
    refresh();
    setInterval(refresh, Number(document.body.getAttribute("data-refresh-ms")) || 5000);
  });
})();
`;
