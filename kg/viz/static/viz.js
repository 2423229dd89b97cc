/* kg network pages: draws the embedded graph with vis-network, filters it in the page,
 * and shows the evidence behind a node or link.  Every string from the data is put
 * into the page as text (textContent, or vis-network tooltips, which use innerText):
 * nothing from a document is ever parsed as HTML. */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var TYPES = {
    meeting: { name: "Meeting", plural: "Meetings", shape: "square", color: "#1f6fb2", border: "#0d3d66", base: 11 },
    person: { name: "Person", plural: "People", shape: "dot", color: "#f0a830", border: "#9a6200", base: 7 },
    organisation: { name: "Organisation", plural: "Organisations", shape: "diamond", color: "#2a9d74", border: "#145c43", base: 9 },
    group: { name: "Group", plural: "Groups", shape: "hexagon", color: "#8d83c0", border: "#4f4688", base: 9 },
    topic: { name: "Topic", plural: "Topics", shape: "triangle", color: "#c2569b", border: "#7a2a5e", base: 10 }
  };
  var RELS = {
    attended: { name: "attended", color: "#a9b3bf" },
    absentFrom: { name: "sent apologies to", color: "#c9a0a0", dashes: [2, 4] },
    spokeAt: { name: "spoke at", color: "#1f6fb2" },
    spokeOn: { name: "spoke on", color: "#c2569b" },
    discussedAt: { name: "discussed at", color: "#6bb6e3" },
    affiliatedWith: { name: "affiliated with", color: "#2a9d74" },
    "co-speaker": { name: "co-speaker", color: "#f0a830", dashes: [5, 4] }
  };
  var EVIDENCE_LIMIT = 150;
  var big = document.body.classList.contains("big");
  var nodesData = data.nodes, edgesData = data.edges, meetings = data.meetings;
  var undated = {};
  data.undated.forEach(function (r) { undated[r] = true; });

  // ------------------------------------------------------------------ helpers
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  // Canvas labels are clipped; tooltips, the panel and Find use the full text.
  function clip(text, n) { return text.length > n ? text.slice(0, n - 1).trimEnd() + "…" : text; }
  function nameOf(i) {
    var n = nodesData[i];
    return n.type === "meeting" && n.first ? n.label + " (" + n.first + ")" : n.label;
  }
  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }
  function period(a, b) {
    if (!a && !b) return "";
    if (a === b || !b) return a;
    return a + " – " + b;
  }

  // Adjacency: the edges of each node, and which of them are dated.
  var incident = nodesData.map(function () { return []; });
  edgesData.forEach(function (e) { incident[e.from].push(e.id); incident[e.to].push(e.id); });

  // ------------------------------------------------------------------ state
  var state = {
    from: "", to: "", series: null, min: 0, size: "act",
    types: new Set(data.types),
    rels: new Set(data.relations.filter(function (r) { return data.hiddenRelations.indexOf(r) < 0; }))
  };
  var okMeeting = new Uint8Array(meetings.length);
  var act = new Int32Array(nodesData.length);
  var nodeVisible = new Uint8Array(nodesData.length);
  var edgeVisible = new Uint8Array(edgesData.length);
  var filterActive = false;

  function edgeInRange(e) {
    if (!filterActive) return true;
    for (var i = 0; i < e.mt.length; i++) if (okMeeting[e.mt[i]]) return true;
    return false;
  }

  // Mirrors kg.viz.project.build_projection, so the page and `kg viz --since ...` agree.
  function recompute() {
    filterActive = !!(state.from || state.to || state.series);
    meetings.forEach(function (m, i) {
      var ok = true;
      if (state.from && (!m.date || m.date < state.from)) ok = false;
      if (state.to && (!m.date || m.date > state.to)) ok = false;
      if (state.series && !state.series.has(m.series || "")) ok = false;
      okMeeting[i] = ok ? 1 : 0;
    });
    var present = new Uint8Array(nodesData.length);
    var datedOk = new Uint8Array(edgesData.length);
    edgesData.forEach(function (e, i) { datedOk[i] = !undated[e.rel] && edgeInRange(e) ? 1 : 0; });
    nodesData.forEach(function (n, i) {
      var count = 0;
      n.am.forEach(function (pair) {
        if (pair[0] < 0 ? !filterActive : okMeeting[pair[0]]) count += pair[1];
      });
      act[i] = count;
      if (!filterActive) { present[i] = 1; return; }
      if (n.type === "meeting") { present[i] = okMeeting[n.mi]; return; }
      var list = incident[i];
      for (var k = 0; k < list.length; k++) if (datedOk[list[k]]) { present[i] = 1; return; }
    });
    if (filterActive) {
      // An organisation is in the period when one of its people is (affiliation is undated).
      edgesData.forEach(function (e) {
        if (undated[e.rel] && present[e.from] && nodesData[e.to].type === "organisation") present[e.to] = 1;
      });
    }
    nodesData.forEach(function (n, i) {
      nodeVisible[i] = present[i] && state.types.has(n.type) && act[i] >= state.min ? 1 : 0;
    });
    edgesData.forEach(function (e, i) {
      edgeVisible[i] = state.rels.has(e.rel) && nodeVisible[e.from] && nodeVisible[e.to] &&
        (undated[e.rel] || datedOk[i]) ? 1 : 0;
    });
  }

  // ------------------------------------------------------------------ vis data
  function nodeTitle(n, i) {
    var lines = [TYPES[n.type].name + ": " + n.label];
    if (n.unresolved) lines.push("Unresolved speaker (name as written)");
    if (n.type === "meeting") {
      if (n.series) lines.push(n.series);
      if (n.reports && n.reports.length) lines.push("Report: " + n.reports.join(", "));
    }
    if (n.members) lines.push("Members: " + n.members.join(", "));
    lines.push(plural(act[i], "intervention") + " · " + plural(n.deg, "link"));
    var p = period(n.first, n.last);
    if (p) lines.push(p);
    lines.push(n.url ? "Click for evidence · double-click to open its view" : "Click for evidence");
    return lines.join("\n");
  }
  function sizeOf(i, maxAct, maxDeg) {
    var n = nodesData[i], t = TYPES[n.type];
    var v = state.size === "act" ? act[i] / (maxAct || 1) : n.deg / (maxDeg || 1);
    return t.base + 26 * Math.sqrt(Math.max(0, v));
  }
  // Labels of the most active nodes are larger, so they stay readable when zoomed out
  // (vis-network hides a label once its on-screen size drops below drawThreshold).
  function fontFor(i, maxAct) {
    var v = maxAct ? Math.sqrt(act[i] / maxAct) : 0;
    if (nodesData[i].type === "meeting") v = Math.max(v, 0.6);
    return { size: Math.round(12 + 14 * v) };
  }
  function maxima() {
    var maxAct = 0, maxDeg = 0;
    nodesData.forEach(function (n, i) {
      if (!nodeVisible[i]) return;
      if (act[i] > maxAct) maxAct = act[i];
      if (n.deg > maxDeg) maxDeg = n.deg;
    });
    return [maxAct, maxDeg];
  }

  recompute();
  var mx = maxima();
  var visNodes = new vis.DataSet(nodesData.map(function (n, i) {
    var t = TYPES[n.type];
    var item = {
      id: n.id, label: n.type === "meeting" && n.first ? clip(n.label, 30) + "\n" + n.first : clip(n.label, 34),
      x: n.x, y: n.y, shape: t.shape, size: sizeOf(i, mx[0], mx[1]), title: nodeTitle(n, i),
      font: fontFor(i, mx[0]),
      color: { background: t.color, border: t.border,
               highlight: { background: t.color, border: "#111" },
               hover: { background: t.color, border: "#111" } }
    };
    if (n.unresolved) {
      item.color = { background: "#fbe3b8", border: t.border, highlight: { background: "#fbe3b8", border: "#111" } };
      item.shapeProperties = { borderDashes: [3, 3] };
      item.borderWidth = 2;
    }
    if (data.focus === n.id) { item.borderWidth = 4; item.font = { size: 20 }; }
    return item;
  }));
  // Parallel links (attended and spoke at the same meeting) curve apart instead of overlapping.
  var pairCount = {}, pairSeen = {};
  if (!big) edgesData.forEach(function (e) {
    var k = Math.min(e.from, e.to) + "-" + Math.max(e.from, e.to);
    pairCount[k] = (pairCount[k] || 0) + 1;
  });
  function smoothFor(e) {
    if (big) return false;
    var k = Math.min(e.from, e.to) + "-" + Math.max(e.from, e.to);
    if (pairCount[k] < 2) return false;
    var i = pairSeen[k] = (pairSeen[k] || 0) + 1;
    // Clockwise relative to the link's direction: flip for links drawn the other way round.
    var cw = (i % 2 === 1) !== (e.from > e.to);
    return { enabled: true, type: cw ? "curvedCW" : "curvedCCW", roundness: 0.14 * Math.ceil(i / 2) };
  }
  var visEdges = new vis.DataSet(edgesData.map(function (e) {
    var r = RELS[e.rel] || { name: e.rel, color: "#999" };
    var n = e.ev.length;
    return {
      smooth: smoothFor(e),
      // Big views draw no link labels (colour says the relation): text on tens of
      // thousands of links is most of the cost of a redraw.
      id: e.id, from: e.from, to: e.to, label: big ? undefined : r.name,
      title: nameOf(e.from) + " — " + r.name + " — " + nameOf(e.to) +
        "\n" + plural(n, "evidence item") + "\nClick to see them",
      color: { color: r.color, highlight: r.color, hover: r.color, opacity: big ? 0.45 : 0.85 },
      dashes: r.dashes || false,
      width: big ? 0.6 : Math.min(1 + Math.log2(1 + n) * 0.6, 4),
      arrows: big || e.rel === "co-speaker" ? undefined : { to: { enabled: true, scaleFactor: 0.45 } }
    };
  }));
  var nodesView = new vis.DataView(visNodes, { filter: function (item) { return nodeVisible[item.id] === 1; } });
  var edgesView = new vis.DataView(visEdges, { filter: function (item) { return edgeVisible[item.id] === 1; } });

  var container = document.getElementById("network");
  var options = {
    autoResize: true,
    physics: { enabled: false },
    layout: { improvedLayout: false, randomSeed: 7 },
    interaction: {
      hover: !big, tooltipDelay: 150, hideEdgesOnDrag: big, hideEdgesOnZoom: big,
      multiselect: false, navigationButtons: false, keyboard: false, zoomSpeed: 0.8
    },
    nodes: {
      borderWidth: 1, borderWidthSelected: 3,
      font: { size: 13, face: "system-ui, sans-serif", color: "#1d2733", strokeWidth: 3, strokeColor: "#ffffff" },
      scaling: { label: { enabled: false, drawThreshold: big ? 9 : 6 } }
    },
    edges: {
      smooth: false, selectionWidth: 1.5, hoverWidth: 0.5,
      font: { size: 9, face: "system-ui, sans-serif", color: "#5b6672", strokeWidth: 3, strokeColor: "#ffffff", align: "middle" },
      scaling: { label: { enabled: false, drawThreshold: 8 } }
    }
  };
  var network = new vis.Network(container, { nodes: nodesView, edges: edgesView }, options);
  network.once("afterDrawing", function () {
    window.kgReady = { drawnAt: performance.now() };
    document.documentElement.setAttribute("data-ready", "1");
  });
  network.fit({ animation: false });

  // ------------------------------------------------------------------ refresh
  var statusEl = document.getElementById("status");
  function updateStatus() {
    var n = nodesView.length, e = edgesView.length;
    statusEl.textContent = "Showing " + n.toLocaleString() + " of " + nodesData.length.toLocaleString() +
      " nodes · " + e.toLocaleString() + " of " + edgesData.length.toLocaleString() + " links";
  }
  function refresh() {
    recompute();
    var m = maxima();
    var updates = [];
    nodesData.forEach(function (n, i) {
      if (nodeVisible[i] && data.focus !== n.id) {
        updates.push({ id: n.id, size: sizeOf(i, m[0], m[1]), title: nodeTitle(n, i), font: fontFor(i, m[0]) });
      }
    });
    visNodes.update(updates);
    nodesView.refresh();
    edgesView.refresh();
    updateStatus();
    if (current) renderPanel(current);
  }

  // ------------------------------------------------------------------ filters UI
  var fYear = document.getElementById("f-year"), fFrom = document.getElementById("f-from"),
      fTo = document.getElementById("f-to"), fMin = document.getElementById("f-min"),
      fSize = document.getElementById("f-size"), fFind = document.getElementById("f-find");
  var dates = meetings.map(function (m) { return m.date; }).filter(Boolean).sort();
  if (dates.length) {
    fFrom.min = fTo.min = dates[0];
    fFrom.max = fTo.max = dates[dates.length - 1];
  }
  Array.from(new Set(dates.map(function (d) { return d.slice(0, 4); }))).forEach(function (y) {
    var o = el("option", null, y); o.value = y; fYear.appendChild(o);
  });
  fYear.addEventListener("change", function () {
    fFrom.value = fYear.value ? fYear.value + "-01-01" : "";
    fTo.value = fYear.value ? fYear.value + "-12-31" : "";
    state.from = fFrom.value; state.to = fTo.value; refresh();
  });
  fFrom.addEventListener("change", function () { fYear.value = ""; state.from = fFrom.value; refresh(); });
  fTo.addEventListener("change", function () { fYear.value = ""; state.to = fTo.value; refresh(); });
  fMin.addEventListener("input", function () { state.min = Math.max(0, parseInt(fMin.value, 10) || 0); refresh(); });
  fSize.addEventListener("change", function () { state.size = fSize.value; refresh(); });

  var seriesBox = document.getElementById("f-series"), seriesSummary = document.getElementById("f-series-summary");
  var seriesInputs = [];
  data.series.forEach(function (s) {
    var label = el("label", "check"), box = el("input");
    box.type = "checkbox"; box.checked = true; box.value = s.iri;
    label.appendChild(box); label.appendChild(document.createTextNode(" " + s.label));
    seriesBox.appendChild(label); seriesInputs.push(box);
    box.addEventListener("change", onSeries);
  });
  if (!data.series.length) seriesSummary.textContent = "no series";
  function onSeries() {
    var on = seriesInputs.filter(function (b) { return b.checked; });
    state.series = on.length === seriesInputs.length ? null : new Set(on.map(function (b) { return b.value; }));
    seriesSummary.textContent = state.series ? on.length + " of " + seriesInputs.length + " series" : "all series";
    refresh();
  }

  function chip(box, key, label, checked, onChange, swatch) {
    var l = el("label", "legend-row check"), b = el("input");
    b.type = "checkbox"; b.checked = checked; b.value = key;
    l.appendChild(b);
    if (swatch) l.appendChild(swatch);
    l.appendChild(document.createTextNode(label));
    b.addEventListener("change", function () { onChange(key, b.checked); });
    box.appendChild(l);
    return b;
  }
  var typeBoxes = {}, relBoxes = {};
  data.types.forEach(function (t) {
    typeBoxes[t] = chip(document.getElementById("f-types"), t, TYPES[t].plural, true, function (k, on) {
      if (on) state.types.add(k); else state.types.delete(k); refresh();
    }, shapeIcon(t));
  });
  data.relations.forEach(function (r) {
    relBoxes[r] = chip(document.getElementById("f-rels"), r, RELS[r].name, state.rels.has(r), function (k, on) {
      if (on) state.rels.add(k); else state.rels.delete(k); refresh();
    }, lineIcon(r));
  });
  document.getElementById("f-reset").addEventListener("click", function () {
    fYear.value = fFrom.value = fTo.value = ""; fMin.value = "0"; fSize.value = "act";
    state.from = state.to = ""; state.series = null; state.min = 0; state.size = "act";
    seriesInputs.forEach(function (b) { b.checked = true; });
    seriesSummary.textContent = data.series.length ? "all series" : "no series";
    state.types = new Set(data.types);
    data.types.forEach(function (t) { typeBoxes[t].checked = true; });
    state.rels = new Set(data.relations.filter(function (r) { return data.hiddenRelations.indexOf(r) < 0; }));
    data.relations.forEach(function (r) { relBoxes[r].checked = state.rels.has(r); });
    refresh();
    network.fit({ animation: false });
  });
  document.getElementById("filters").addEventListener("submit", function (ev) { ev.preventDefault(); });

  // Find: exact label from the list, else the first visible label containing the text.
  var findList = document.getElementById("f-find-list");
  if (nodesData.length <= 5000) {
    nodesData.forEach(function (n) { var o = el("option"); o.value = n.label; findList.appendChild(o); });
  }
  function find() {
    var q = fFind.value.trim().toLowerCase();
    if (!q) return;
    var hit = -1;
    for (var i = 0; i < nodesData.length && hit < 0; i++) if (nodeVisible[i] && nodesData[i].label.toLowerCase() === q) hit = i;
    for (var j = 0; j < nodesData.length && hit < 0; j++) if (nodeVisible[j] && nodesData[j].label.toLowerCase().indexOf(q) >= 0) hit = j;
    if (hit < 0) { statusEl.textContent = "No visible node matches “" + fFind.value + "”."; return; }
    network.selectNodes([hit]);
    network.focus(hit, { scale: Math.max(network.getScale(), 1), animation: false });
    select({ node: hit });
  }
  fFind.addEventListener("change", find);
  fFind.addEventListener("keydown", function (ev) { if (ev.key === "Enter") { ev.preventDefault(); find(); } });

  // ------------------------------------------------------------------ legend
  function svg(tag, attrs) {
    var e = document.createElementNS("http://www.w3.org/2000/svg", tag);
    Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    return e;
  }
  function shapeIcon(type) {
    var t = TYPES[type], s = svg("svg", { width: 14, height: 14, viewBox: "0 0 14 14", "class": "icon" });
    var common = { fill: t.color, stroke: t.border, "stroke-width": 1 };
    var shape;
    if (t.shape === "square") shape = svg("rect", Object.assign({ x: 2, y: 2, width: 10, height: 10 }, common));
    else if (t.shape === "diamond") shape = svg("polygon", Object.assign({ points: "7,1 13,7 7,13 1,7" }, common));
    else if (t.shape === "triangle") shape = svg("polygon", Object.assign({ points: "7,1 13,12.5 1,12.5" }, common));
    else if (t.shape === "hexagon") shape = svg("polygon", Object.assign({ points: "7,1 12.2,4 12.2,10 7,13 1.8,10 1.8,4" }, common));
    else shape = svg("circle", Object.assign({ cx: 7, cy: 7, r: 5.5 }, common));
    s.appendChild(shape);
    return s;
  }
  function lineIcon(rel) {
    var r = RELS[rel], s = svg("svg", { width: 20, height: 10, viewBox: "0 0 20 10", "class": "icon" });
    var line = svg("line", { x1: 1, y1: 5, x2: 19, y2: 5, stroke: r.color, "stroke-width": 2.5 });
    if (r.dashes) line.setAttribute("stroke-dasharray", "4 3");
    s.appendChild(line);
    return s;
  }
  (function legend() {
    var box = document.getElementById("legend-extra");
    var row = el("div", "legend-row"), s = svg("svg", { width: 14, height: 14, viewBox: "0 0 14 14", "class": "icon" });
    s.appendChild(svg("circle", { cx: 7, cy: 7, r: 5.5, fill: "#fbe3b8", stroke: "#9a6200", "stroke-dasharray": "2 2" }));
    row.appendChild(s); row.appendChild(document.createTextNode("unresolved speaker")); box.appendChild(row);
    box.appendChild(el("div", "legend-note", "Size: interventions or connections (see Size by)"));
  })();

  // ------------------------------------------------------------------ evidence panel
  var panelBody = document.getElementById("panel-body"), panelEmpty = document.getElementById("panel-empty");
  var current = null;

  function evidenceOk(ev) {
    if (!filterActive) return true;
    return ev.m >= 0 && okMeeting[ev.m] === 1;
  }
  function meetingLink(ev) {
    var m = meetings[ev.m];
    if (!m) return null;
    var text = m.label + (m.date ? " (" + m.date + ")" : "");
    if (!m.url) return el("span", null, text);
    var a = el("a", null, text); a.href = m.url; return a;
  }
  function evidenceItem(ev) {
    var li = el("li", "ev ev-" + ev.k);
    var who = ev.p >= 0 ? nodesData[ev.p].label : null;
    if (ev.k === "intervention") {
      li.appendChild(el("blockquote", null, ev.t || "(no text recorded)"));
    } else {
      var what = { "participant-list": "listed as a participant", "apology-list": "listed as sending apologies",
                   "statement": "stated in the report",
                   "shared-meeting": "both spoke at this meeting" }[ev.k] || ev.k;
      var p = el("p", "ev-statement");
      if (who) { p.appendChild(el("span", "ev-speaker", who)); p.appendChild(document.createTextNode(" — ")); }
      p.appendChild(document.createTextNode(what));
      li.appendChild(p);
    }
    var meta = el("p", "ev-meta");
    if (ev.k === "intervention") {
      meta.appendChild(el("span", "ev-speaker", who || ev.s || "unknown speaker"));
      if (ev.s && who && ev.s !== who) meta.appendChild(el("span", "ev-asw", " (written “" + ev.s + "”)"));
      meta.appendChild(document.createTextNode(" · "));
    }
    var link = meetingLink(ev);
    if (link) meta.appendChild(link);
    if (ev.f) { meta.appendChild(document.createTextNode(" · ")); meta.appendChild(el("span", "ev-file", ev.f)); }
    li.appendChild(meta);
    return li;
  }
  var KIND_ORDER = { "intervention": 0, "statement": 1, "participant-list": 2, "apology-list": 3, "shared-meeting": 4 };
  function evidenceList(ids, limit) {
    var items = ids.map(function (i) { return data.evidence[i]; }).filter(evidenceOk);
    items.sort(function (a, b) {
      return (KIND_ORDER[a.k] - KIND_ORDER[b.k]) || (a.d || "9999").localeCompare(b.d || "9999");
    });
    var wrap = el("div"), ol = el("ol", "evidence");
    function fill(n) {
      while (ol.firstChild) ol.removeChild(ol.firstChild);
      items.slice(0, n).forEach(function (ev) { ol.appendChild(evidenceItem(ev)); });
    }
    fill(limit);
    wrap.appendChild(ol);
    if (items.length > limit) {
      var more = el("button", "more", "Show all " + items.length);
      more.type = "button";
      more.addEventListener("click", function () { fill(items.length); more.remove(); });
      wrap.appendChild(more);
    }
    if (!items.length) wrap.appendChild(el("p", "muted", "No evidence in the selected period."));
    return wrap;
  }
  function renderPanel(sel) {
    current = sel;
    while (panelBody.firstChild) panelBody.removeChild(panelBody.firstChild);
    panelEmpty.hidden = true;
    panelBody.hidden = false;
    if (sel.edge !== undefined) return renderEdge(edgesData[sel.edge]);
    var i = sel.node, n = nodesData[i];
    var head = el("div", "panel-head");
    head.appendChild(el("span", "badge badge-" + n.type, TYPES[n.type].name + (n.unresolved ? " · unresolved" : "")));
    head.appendChild(el("h2", null, n.label));
    panelBody.appendChild(head);
    var facts = el("dl", "facts");
    function fact(k, v) { if (v === undefined || v === null || v === "") return; facts.appendChild(el("dt", null, k)); facts.appendChild(el("dd", null, v)); }
    fact("Interventions", act[i]);
    fact("Links", n.deg);
    fact(n.type === "meeting" ? "Date" : "Active", period(n.first, n.last));
    if (n.type === "meeting") { fact("Series", n.series); fact("Report", (n.reports || []).join(", ")); }
    if (n.members) fact("Members", n.members.join(", "));
    panelBody.appendChild(facts);
    var actions = el("p", "actions");
    if (n.url && data.focus !== n.id) { var a = el("a", "button", "Open its view"); a.href = n.url; actions.appendChild(a); }
    if (n.topicUrl) { var b = el("a", "button", "Topic evolution"); b.href = n.topicUrl; actions.appendChild(b); }
    if (actions.firstChild) panelBody.appendChild(actions);

    var edges = incident[i].filter(function (j) { return edgeVisible[j]; }).map(function (j) { return edgesData[j]; });
    edges.sort(function (a, b) {
      return data.relations.indexOf(a.rel) - data.relations.indexOf(b.rel) || b.ev.length - a.ev.length;
    });
    var byRel = {};
    edges.forEach(function (e) { byRel[e.rel] = (byRel[e.rel] || 0) + 1; });
    var links = el("details", "links-box");
    links.open = edges.length <= 12;
    var summary = el("summary", null, "Links (" + edges.length + ")");
    summary.appendChild(el("span", "muted", " " + data.relations.filter(function (r) { return byRel[r]; })
      .map(function (r) { return byRel[r] + " " + RELS[r].name; }).join(" · ")));
    links.appendChild(summary);
    var ul = el("ul", "links-list");
    edges.slice(0, 200).forEach(function (e) {
      var other = e.from === i ? e.to : e.from, li = el("li"), btn = el("button", "linklike");
      btn.type = "button";
      btn.appendChild(lineIcon(e.rel));
      btn.appendChild(document.createTextNode(" " + RELS[e.rel].name + (e.from === i ? " → " : " ← ") + nameOf(other)));
      btn.appendChild(el("span", "count", " " + e.ev.filter(function (x) { return evidenceOk(data.evidence[x]); }).length));
      btn.addEventListener("click", function () { network.selectEdges([e.id]); select({ edge: e.id }); });
      li.appendChild(btn); ul.appendChild(li);
    });
    links.appendChild(ul);
    if (edges.length > 200) links.appendChild(el("p", "muted", (edges.length - 200) + " more links: click them in the network."));
    panelBody.appendChild(links);
    var seen = new Set(), ids = [];
    edges.forEach(function (e) {
      if (e.rel === "co-speaker" && i !== data.focus) return;
      e.ev.forEach(function (x) { if (!seen.has(x)) { seen.add(x); ids.push(x); } });
    });
    panelBody.appendChild(el("h3", null, "Evidence"));
    panelBody.appendChild(evidenceList(ids, EVIDENCE_LIMIT));
    panelBody.scrollTop = 0;
  }
  function renderEdge(e) {
    var head = el("div", "panel-head");
    head.appendChild(el("span", "badge badge-link", "Link · " + RELS[e.rel].name));
    var h = el("h2");
    [e.from, e.to].forEach(function (k, idx) {
      var btn = el("button", "linklike strong", nameOf(k));
      btn.type = "button";
      btn.addEventListener("click", function () { network.selectNodes([k]); select({ node: k }); });
      h.appendChild(btn);
      if (idx === 0) h.appendChild(el("span", "rel-word", " " + RELS[e.rel].name + " "));
    });
    head.appendChild(h);
    panelBody.appendChild(head);
    panelBody.appendChild(el("h3", null, "Evidence"));
    panelBody.appendChild(evidenceList(e.ev, EVIDENCE_LIMIT));
  }
  function select(sel) { renderPanel(sel); }

  network.on("click", function (params) {
    if (params.nodes.length) select({ node: params.nodes[0] });
    else if (params.edges.length) select({ edge: params.edges[0] });
  });
  network.on("doubleClick", function (params) {
    if (!params.nodes.length) return;
    var n = nodesData[params.nodes[0]];
    if (n.url && data.focus !== n.id) window.location.href = n.url;
  });

  updateStatus();
  if (data.focus !== null && data.focus !== undefined) {
    network.selectNodes([data.focus]);
    select({ node: data.focus });
  }

  // For tests and the benchmark: what is drawn, and the page's own handles.
  window.kgView = {
    network: network, nodes: visNodes, edges: visEdges, nodesView: nodesView, edgesView: edgesView,
    drawn: function () {
      return { nodes: network.body.nodeIndices.length, edges: network.body.edgeIndices.length };
    },
    select: select
  };
})();
