// The query page: YASGUI against this server's /sparql, with the query kit as examples.
// Everything it loads comes from this server; the autocompleters that call web services
// (prefix.cc, LOV) are replaced by a local prefix list so the page works offline.
(function () {
  "use strict";

  var endpoint = new URL("/sparql", window.location.href).href;
  document.getElementById("endpoint").textContent = endpoint;
  var list = document.getElementById("kit");
  var notice = document.getElementById("notice");

  function hint(text) {
    list.textContent = "";
    var li = document.createElement("li");
    li.className = "hint";
    li.textContent = text;
    list.appendChild(li);
  }

  function startQuery(prefixes) {
    var prologue = Object.keys(prefixes).map(function (p) {
      return "PREFIX " + p + ": <" + prefixes[p] + ">";
    }).join("\n");
    return prologue + "\n\n# Triples per named graph (one graph per report, plus the corpus graph).\n" +
      "SELECT ?graph (COUNT(*) AS ?triples) WHERE {\n  GRAPH ?graph { ?s ?p ?o }\n}\n" +
      "GROUP BY ?graph\nORDER BY DESC(?triples)\n";
  }

  function showTruncation(yasqe, response) {
    var headers = (response && (response.headers || response.header)) || {};
    if (headers["x-kg-truncated"] === "true") {
      notice.textContent = "Results truncated to the server's limit of " + headers["x-kg-max-results"] +
        " rows: add LIMIT/OFFSET or narrow the query to see the rest.";
      notice.hidden = false;
    } else {
      notice.hidden = true;
    }
  }

  function start(kit) {
    var prefixes = kit.prefixes || {};
    var Yasqe = Yasgui.Yasqe;
    Yasqe.forkAutocompleter("prefixes", {
      name: "localPrefixes",
      persistenceId: null,
      get: function () {
        return Object.keys(prefixes).map(function (p) { return p + ": <" + prefixes[p] + ">"; });
      }
    }, false);
    Yasqe.defaults.autocompleters = ["localPrefixes", "variables"];

    var yasgui = new Yasgui(document.getElementById("yasgui"), {
      requestConfig: { endpoint: endpoint, method: "POST" },
      copyEndpointOnNewTab: true,
      endpointCatalogueOptions: { getData: function () { return [{ endpoint: endpoint }]; } },
      persistenceId: "kg-query",
      yasqe: { value: startQuery(prefixes), autocompleters: ["localPrefixes", "variables"] }
    });
    window.kgYasgui = yasgui;

    var watched = new WeakSet();
    yasgui.on("query", function (instance, tab) {
      var yasqe = tab.getYasqe();
      if (yasqe && !watched.has(yasqe)) {
        watched.add(yasqe);
        yasqe.on("queryResponse", showTruncation);
      }
    });

    list.textContent = "";
    if (!kit.queries.length) {
      hint("No kit queries installed.");
    }
    kit.queries.forEach(function (item) {
      var li = document.createElement("li");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "kit-query";
      button.textContent = item.name;
      button.title = item.description;
      button.addEventListener("click", function () {
        yasgui.addTab(true, { name: item.name, yasqe: { value: item.query }, requestConfig: { endpoint: endpoint } });
      });
      var desc = document.createElement("span");
      desc.className = "desc";
      desc.textContent = item.description;
      li.appendChild(button);
      li.appendChild(desc);
      if (item.kit) {
        // The same query through /kit: bound by substitution, it answers much faster on a
        // large store than the VALUES lines the editor shows.
        var fast = document.createElement("a");
        fast.className = "kit-link";
        fast.href = item.kit + (item.kit.indexOf("?") < 0 ? "?" : "&") + "format=csv";
        fast.textContent = "CSV via /kit";
        fast.title = "Run the example through /kit (parameters bound by substitution: faster on a large store)";
        li.appendChild(document.createTextNode(" "));
        li.appendChild(fast);
      }
      list.appendChild(li);
    });
  }

  fetch("/query/kit.json", { headers: { Accept: "application/json" } })
    .then(function (r) {
      if (!r.ok) { throw new Error("HTTP " + r.status); }
      return r.json();
    })
    .then(start)
    .catch(function (err) { hint("Could not load the query page (" + err.message + ")."); });
}());
