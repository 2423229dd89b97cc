/* kg topic pages: SVG charts drawn from the embedded JSON, with hover tooltips.
 * Strings from documents only ever reach the page through textContent. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-topic").textContent);
  var NS = "http://www.w3.org/2000/svg";
  var tip = document.getElementById("tip");
  var timeline = data.timeline;

  function svg(tag, attrs, parent) {
    var e = document.createElementNS(NS, tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (parent) parent.appendChild(e);
    return e;
  }
  function text(parent, x, y, value, attrs) {
    var t = svg("text", Object.assign({ x: x, y: y }, attrs || {}), parent);
    t.textContent = value;
    return t;
  }
  function hover(node, lines) {
    node.addEventListener("mousemove", function (ev) {
      tip.textContent = lines.filter(function (l) { return l !== null && l !== undefined && l !== ""; }).join("\n");
      tip.style.display = "block";
      var x = ev.clientX + 14, y = ev.clientY + 14;
      if (x + tip.offsetWidth > window.innerWidth - 8) x = ev.clientX - tip.offsetWidth - 14;
      if (y + tip.offsetHeight > window.innerHeight - 8) y = ev.clientY - tip.offsetHeight - 14;
      tip.style.left = x + "px"; tip.style.top = y + "px";
    });
    node.addEventListener("mouseleave", function () { tip.style.display = "none"; });
  }
  function plural(n, w) { return n + " " + w + (n === 1 ? "" : "s"); }
  function shorten(s, n) { return s.length > n ? s.slice(0, n - 1) + "…" : s; }
  function jump(i) {
    var d = document.getElementById("m-" + i);
    if (d) { d.open = true; d.scrollIntoView({ behavior: "smooth", block: "start" }); }
  }
  function dayNumber(iso) { return Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / 864e5; }

  // ---------------------------------------------------------------- timeline (time axis)
  (function drawTimeline() {
    var box = document.getElementById("chart-timeline");
    var dated = timeline.filter(function (m) { return m.date; });
    if (!dated.length) { box.textContent = "No dated meeting."; return; }
    var W = Math.max(box.clientWidth || 900, 480), H = 240, L = 44, R = 16, T = 14, B = 42;
    var s = svg("svg", { width: W, height: H, viewBox: "0 0 " + W + " " + H }, box);
    var d0 = dayNumber(dated[0].date), d1 = dayNumber(dated[dated.length - 1].date);
    if (d1 - d0 < 60) { d0 -= 30; d1 += 30; }
    var pad = (d1 - d0) * 0.03; d0 -= pad; d1 += pad;
    var top = Math.max(1, Math.max.apply(null, dated.map(function (m) { return Math.max(m.interventions, m.speakers); })));
    var step = Math.max(1, Math.ceil(top / 5)), maxY = step * Math.ceil(top / step);
    var x = function (d) { return L + (dayNumber(d) - d0) / (d1 - d0) * (W - L - R); };
    var y = function (v) { return T + (1 - v / maxY) * (H - T - B); };
    var axis = svg("g", { "class": "axis" }, s);
    svg("line", { x1: L, x2: W - R, y1: y(0), y2: y(0) }, axis);
    for (var v = 0; v <= maxY; v += step) {
      svg("line", { x1: L, x2: W - R, y1: y(v), y2: y(v), stroke: "#eef1f4" }, axis);
      text(axis, L - 6, y(v) + 4, String(v), { "text-anchor": "end" });
    }
    // Ticks: years, or months when the span is under two years.
    var y0 = new Date((d0) * 864e5), y1 = new Date((d1) * 864e5);
    var monthly = (d1 - d0) < 730;
    var t = new Date(Date.UTC(y0.getUTCFullYear(), monthly ? y0.getUTCMonth() : 0, 1));
    while (t <= y1) {
      var iso = t.toISOString().slice(0, 10), px = x(iso);
      if (px >= L && px <= W - R) {
        svg("line", { x1: px, x2: px, y1: y(0), y2: y(0) + 5 }, axis);
        text(axis, px, y(0) + 18, monthly ? iso.slice(0, 7) : iso.slice(0, 4), { "text-anchor": "middle" });
      }
      if (monthly) t.setUTCMonth(t.getUTCMonth() + (d1 - d0 > 365 ? 3 : 1)); else t.setUTCFullYear(t.getUTCFullYear() + 1);
    }
    var bw = Math.max(4, Math.min(22, (W - L - R) / (dated.length * 1.6)));
    dated.forEach(function (m) {
      var cx = x(m.date);
      var h = m.interventions ? y(0) - y(m.interventions) : 4;
      var bar = svg("rect", { x: cx - bw / 2, y: y(0) - h, width: bw, height: h, rx: 2,
                              "class": m.interventions ? "bar" : "bar agenda", fill: m.interventions ? "#c2569b" : "#d9dee4" }, s);
      bar.style.cursor = "pointer";
      var lines = [m.label, (m.date || "undated") + (m.series ? " · " + m.series : ""),
                   plural(m.interventions, "intervention") + " · " + plural(m.speakers, "speaker"),
                   m.speaker_names.length ? "Speakers: " + shorten(m.speaker_names.join(", "), 160) : "On the agenda only",
                   m.reports.length ? "Report: " + m.reports.join(", ") : null, "Click to read the sentences"];
      hover(bar, lines);
      bar.addEventListener("click", function () { jump(m.index); });
    });
    var path = dated.map(function (m, i) { return (i ? "L" : "M") + x(m.date).toFixed(1) + " " + y(m.speakers).toFixed(1); }).join(" ");
    svg("path", { d: path, "class": "spk" }, s);
    dated.forEach(function (m) {
      var dot = svg("circle", { cx: x(m.date), cy: y(m.speakers), r: 4, "class": "dot" }, s);
      hover(dot, [m.label, m.date, plural(m.speakers, "speaker") + ": " + shorten(m.speaker_names.join(", "), 160)]);
    });
  })();

  // ---------------------------------------------------------------- heat maps (meeting columns)
  function heatmap(boxId, rows, rowLabel, rowUrl, cellTip, colour) {
    var box = document.getElementById(boxId);
    if (!rows.length) { box.appendChild(document.createTextNode("Nothing to show.")); box.className += " muted"; return; }
    var L = 200, T = 64, R = 44, cell = Math.max(9, Math.min(64, ((box.clientWidth || 900) - L - R) / Math.max(1, timeline.length)));
    var rh = 24, W = L + cell * timeline.length + R, H = T + rh * rows.length + 6;
    var s = svg("svg", { width: W, height: H, viewBox: "0 0 " + W + " " + H }, box);
    var maxV = 1;
    rows.forEach(function (r) { Object.keys(r.per_meeting).forEach(function (k) { maxV = Math.max(maxV, r.per_meeting[k]); }); });
    var every = Math.ceil(12 / cell);
    timeline.forEach(function (m, j) {
      if (j % every) return;
      var tx = L + j * cell + cell / 2;
      text(s, tx, T - 6, m.date ? m.date.slice(0, 7) : "?", { transform: "rotate(-45 " + tx + " " + (T - 6) + ")" });
    });
    rows.forEach(function (r, i) {
      var ty = T + i * rh;
      var label = shorten(rowLabel(r), 28);
      if (rowUrl(r)) {
        var a = svg("a", { href: rowUrl(r) }, s);
        text(a, L - 8, ty + rh / 2 + 4, label, { "text-anchor": "end", "class": "row-label" });
      } else {
        text(s, L - 8, ty + rh / 2 + 4, label, { "text-anchor": "end", "class": "row-label" });
      }
      timeline.forEach(function (m, j) {
        var v = r.per_meeting[String(j)];
        var present = v !== undefined;
        var c = svg("rect", { x: L + j * cell + 1, y: ty + 1, width: cell - 2, height: rh - 2, rx: 2, "class": "cell",
                               fill: present ? colour(v / maxV, v) : "#f3f5f7" }, s);
        if (present) hover(c, cellTip(r, m, v));
        if (present && v > 0 && cell >= 22) {
          var n = text(s, L + j * cell + cell / 2, ty + rh / 2 + 4, String(v),
                       { "text-anchor": "middle", "class": "cell-n" });
          if (v / maxV > 0.45) n.setAttribute("class", "cell-n on-dark");
        }
        if (present) { c.style.cursor = "pointer"; c.addEventListener("click", function () { jump(j); }); }
      });
    });
  }
  function shade(base) {
    return function (f, v) {
      if (v === 0) return "#e3e7ec";
      var a = 0.25 + 0.75 * Math.sqrt(f);
      return "rgba(" + base + "," + a.toFixed(2) + ")";
    };
  }
  heatmap("chart-people", data.people, function (p) { return p.name; }, function (p) { return p.url; },
    function (p, m, v) { return [p.name, m.label + " · " + (m.date || "undated"), plural(v, "intervention") + " on this topic"]; },
    shade("194,86,155"));
  heatmap("chart-co", data.cooccurrence, function (c) { return c.label; }, function (c) { return c.url; },
    function (c, m, v) { return [c.label, m.label + " · " + (m.date || "undated"),
      v ? plural(v, "intervention") + " on it at this meeting" : "on the agenda, no intervention recorded"]; },
    shade("31,111,178"));

  // ---------------------------------------------------------------- "show all" sentences
  Array.prototype.forEach.call(document.querySelectorAll("[data-show-more]"), function (btn) {
    btn.addEventListener("click", function () {
      var d = document.getElementById(btn.getAttribute("data-show-more"));
      Array.prototype.forEach.call(d.querySelectorAll("[data-more]"), function (li) { li.hidden = false; });
      btn.remove();
    });
  });
  document.documentElement.setAttribute("data-ready", "1");
})();
