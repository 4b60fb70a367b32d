// kg's network page: draws the graph, then wires the legend filters, search, details panel and figure table.
// Every text from the graph is written with textContent: nothing from the data is parsed as HTML.
(function () {
  "use strict";

  function readJson(id) {
    return JSON.parse(document.getElementById(id).textContent);
  }

  function element(tag, text, className) {
    var made = document.createElement(tag);
    if (text !== undefined) made.textContent = text;
    if (className) made.className = className;
    return made;
  }

  var page = readJson("kg-page");
  var options = readJson("kg-options");
  var nodes = new vis.DataSet(readJson("kg-nodes"));
  var edges = new vis.DataSet(readJson("kg-edges"));
  var network = new vis.Network(document.getElementById("kg-network"), { nodes: nodes, edges: edges }, options);
  window.kgNetwork = network;
  window.kgNodes = nodes;
  window.kgEdges = edges;

  function markReady() {
    window.kgReady = true;
    document.body.setAttribute("data-ready", "true");
  }

  function whenStable() {
    if (nodes.length === 0) {
      markReady();
    } else if (options.physics.enabled) {
      network.once("stabilizationIterationsDone", function () {
        network.setOptions({ physics: { enabled: false } });
        network.once("afterDrawing", markReady);
        network.fit({ animation: false });
      });
    } else {
      network.once("afterDrawing", markReady);
    }
  }

  function showSummary() {
    var text = page.nodesShown + " nodes, " + page.edgesShown + " edges";
    if (page.nodesShown < page.nodesTotal) {
      text = "showing " + page.nodesShown + " of " + page.nodesTotal + " nodes (the most central), " + page.edgesShown + " edges";
    }
    if (page.focus) text += " \u2014 " + page.view + " view of " + page.focus;
    else text += " \u2014 " + page.view + " view";
    document.getElementById("kg-summary").textContent = text;
  }

  function showDetails(id) {
    var node = nodes.get(id);
    var fields = document.getElementById("kg-fields");
    fields.replaceChildren();
    document.getElementById("kg-details-hint").hidden = node !== null;
    if (node === null) return;
    document.getElementById("kg-details-title").textContent = node.label;
    node.details.forEach(function (pair) {
      fields.appendChild(element("dt", pair[0]));
      fields.appendChild(element("dd", pair[1], pair[0] === "Quote" || pair[0] === "Claim" ? "kg-text" : ""));
    });
  }

  function select(id) {
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1), animation: false });
    showDetails(id);
  }

  function buildLegend() {
    var legend = document.getElementById("kg-legend");
    page.kinds.forEach(function (kind) {
      var label = element("label", undefined, "kg-kind");
      var box = element("input");
      box.type = "checkbox";
      box.checked = true;
      box.dataset.kind = kind.kind;
      box.addEventListener("change", function () {
        setKindVisible(kind.kind, box.checked);
      });
      var glyph = element("span", kind.glyph, "kg-glyph");
      glyph.style.color = kind.color;
      label.append(box, glyph, element("span", kind.label + " (" + kind.count + ")"));
      legend.appendChild(label);
    });
  }

  function setKindVisible(kind, visible) {
    var ids = nodes.getIds({ filter: function (node) { return node.kind === kind; } });
    nodes.update(ids.map(function (id) { return { id: id, hidden: !visible }; }));
  }

  function nodeNames(node) {
    return [node.label].concat(node.names || []).map(function (name) { return name.toLowerCase(); });
  }

  function findNode(query) {
    var wanted = query.trim().toLowerCase();
    var visible = nodes.get({ filter: function (node) { return !node.hidden; } });
    var exact = visible.find(function (node) { return nodeNames(node).indexOf(wanted) >= 0; });
    return exact || visible.find(function (node) {
      return nodeNames(node).some(function (name) { return name.indexOf(wanted) >= 0; });
    });
  }

  function buildSearch() {
    var labels = document.getElementById("kg-labels");
    nodes.forEach(function (node) {
      var option = element("option");
      option.value = node.label;
      labels.appendChild(option);
    });
    document.getElementById("kg-search-form").addEventListener("submit", function (event) {
      event.preventDefault();
      var query = document.getElementById("kg-search").value;
      var found = query.trim() ? findNode(query) : undefined;
      document.getElementById("kg-search-status").textContent = found ? "" : "no shown node matches";
      if (found) select(found.id);
    });
  }

  function buildFigureTable() {
    if (page.figureRows.length === 0) return;
    var table = document.getElementById("kg-figure-table");
    var header = table.querySelector("thead tr");
    page.figureColumns.forEach(function (column) { header.appendChild(element("th", column)); });
    var body = table.querySelector("tbody");
    page.figureRows.forEach(function (row) {
      var line = element("tr");
      row.cells.forEach(function (cell) { line.appendChild(element("td", cell)); });
      line.addEventListener("click", function () { select(row.node); });
      body.appendChild(line);
    });
    document.getElementById("kg-figures").hidden = false;
  }

  network.on("click", function (params) {
    if (params.nodes.length > 0) showDetails(params.nodes[0]);
  });
  whenStable();
  if (page.focusNode !== null) {
    network.selectNodes([page.focusNode]);
    showDetails(page.focusNode);
  }
  document.body.classList.add("kg-view-" + page.view);
  showSummary();
  buildLegend();
  buildSearch();
  buildFigureTable();
})();
