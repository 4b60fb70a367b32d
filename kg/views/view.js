// kg's network page: draws the graph at a zoom where labels can be read, then wires the legend filters, search,
// details panel, documents drawn on demand, the focus's tables and the figure table.
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
  var collapsed = {};  // documents not drawn, by id
  page.documents.forEach(function (doc) { collapsed[doc.id] = doc; });
  var drawnFor = {};  // document id -> how many entities have drawn it
  var zoomedToRead = false;
  window.kgNetwork = network;
  window.kgNodes = nodes;
  window.kgEdges = edges;

  function markReady() {
    window.kgReady = true;
    document.body.setAttribute("data-ready", "true");
  }

  // The whole view if its labels can be read so, else a readable zoom on the focus, or on the top left corner of
  // the view (where the layout puts the first cluster, the most important), its title in sight.
  function openAtReadableZoom() {
    if (nodes.length === 0) return;
    fitAll();
    if (network.getScale() >= page.readableScale) return;
    zoomedToRead = true;
    var scale = page.readableScale;
    var start;
    if (page.focusNode !== null) {
      start = network.getPositions([page.focusNode])[page.focusNode];
    } else {
      var positions = Object.values(network.getPositions());
      var left = Math.min.apply(null, positions.map(function (p) { return p.x; }));
      var top = Math.min.apply(null, positions.map(function (p) { return p.y; }));
      var frame = document.getElementById("kg-network");
      start = { x: left - page.cell[0] / 2 + frame.clientWidth / 2 / scale,
                y: top - page.cell[1] + frame.clientHeight / 2 / scale };
    }
    network.moveTo({ position: start, scale: scale, animation: false });
  }

  // Every node in view, with room at the edges for the labels and cluster titles that vis does not measure.
  function fitAll() {
    network.fit({ animation: false });
    network.moveTo({ scale: network.getScale() * 0.9, animation: false });
  }

  function showSummary() {
    var text = page.nodesShown + " nodes, " + page.edgesShown + " edges";
    if (page.nodesShown < page.nodesTotal) {
      text = "showing " + page.nodesShown + " of " + page.nodesTotal + " nodes, " + page.edgesShown + " edges";
    }
    text += page.focus ? " \u2014 " + page.view + " view of " + page.focus : " \u2014 " + page.view + " view";
    if (page.matches.length) text += " (the name also matches " + page.matches.slice(0, 5).join(", ") +
      (page.matches.length > 5 ? " and " + (page.matches.length - 5) + " more" : "") + ")";
    if (zoomedToRead) text += "; zoomed in to read: Show all zooms out";
    document.getElementById("kg-summary").textContent = text;
  }

  function showDetails(id) {
    var node = nodes.get(id);
    var fields = document.getElementById("kg-fields");
    fields.replaceChildren();
    document.getElementById("kg-details-hint").hidden = node !== null;
    document.getElementById("kg-documents").hidden = true;
    document.getElementById("kg-panel-buttons").replaceChildren();
    if (node === null) return;
    document.getElementById("kg-details-title").textContent = node.label.replace("\n", " \u2014 ");
    node.details.forEach(function (pair) {
      fields.appendChild(element("dt", pair[0]));
      fields.appendChild(element("dd", pair[1], pair[0] === "Quote" || pair[0] === "Claim" ? "kg-text" : ""));
    });
    if (node.documents) showDocuments(node);
    if (id === page.focusNode) showPanelButtons();
  }

  // ---- documents drawn on demand ----------------------------------------------------------------------

  function showDocuments(node) {
    var docs = node.documents;
    var drawn = docs.ids.length > 0 && docs.ids.every(function (id) { return nodes.get(id) !== null; });
    document.getElementById("kg-documents").hidden = false;
    document.getElementById("kg-documents-count").textContent = "Mentioned in " + docs.count + " document" +
      (docs.count === 1 ? "" : "s") + (docs.ids.length < docs.count ? " (the " + docs.ids.length + " most recent can be drawn)" : "");
    var toggle = document.getElementById("kg-documents-toggle");
    toggle.hidden = docs.ids.length === 0;
    toggle.textContent = drawn ? "Hide its documents" : "Draw its documents (" + docs.ids.length + ")";
    toggle.onclick = function () {
      if (drawn) hideDocuments(node); else drawDocuments(node);
      showDetails(node.id);
    };
  }

  // The free cells of the layout's grid nearest a node, nearest first (no label then covers another).
  function freeCellsNear(id, count) {
    var width = page.cell[0], height = page.cell[1];
    var taken = {};
    var positions = network.getPositions();
    Object.keys(positions).forEach(function (key) {
      taken[Math.round(positions[key].x / width) + "," + Math.round(positions[key].y / height)] = true;
    });
    var centre = positions[id];
    var cx = Math.round(centre.x / width), cy = Math.round(centre.y / height);
    var free = [];
    for (var reach = 1; free.length < count; reach++) {
      free = [];
      for (var dx = -reach; dx <= reach; dx++) {
        for (var dy = -2 * reach; dy <= 2 * reach; dy++) {
          if (!taken[(cx + dx) + "," + (cy + dy)]) free.push({ x: (cx + dx) * width, y: (cy + dy) * height });
        }
      }
    }
    free.sort(function (a, b) {
      return Math.hypot(a.x - centre.x, a.y - centre.y) - Math.hypot(b.x - centre.x, b.y - centre.y);
    });
    return free.slice(0, count);
  }

  function drawDocuments(node) {
    var ids = node.documents.ids.filter(function (id) { return nodes.get(id) === null; });
    var cells = freeCellsNear(node.id, ids.length);
    var added = [], links = [];
    node.documents.ids.forEach(function (id) { drawnFor[id] = (drawnFor[id] || 0) + 1; });
    ids.forEach(function (id, index) {
      added.push(Object.assign({}, collapsed[id], cells[index]));
      (page.documentMentions[id] || []).forEach(function (entity) {
        links.push(Object.assign({ id: "d" + id + "-" + entity, from: id, to: entity, label: "mentions",
                                   title: "mentions" }, page.looseEdge));
      });
    });
    nodes.add(added);
    edges.add(links.filter(function (edge) { return nodes.get(edge.to) !== null; }));
  }

  function hideDocuments(node) {
    node.documents.ids.forEach(function (id) {
      drawnFor[id] -= 1;
      if (drawnFor[id] > 0) return;
      edges.remove(edges.getIds({ filter: function (edge) { return edge.from === id; } }));
      nodes.remove(id);
    });
  }

  // ---- the focus's tables -------------------------------------------------------------------------------

  function showPanelButtons() {
    var buttons = document.getElementById("kg-panel-buttons");
    page.panels.forEach(function (panel, index) {
      var button = element("button", panel.title + " (" + panel.total + ")");
      button.type = "button";
      button.dataset.panel = String(index);
      button.addEventListener("click", function () { showPanel(index); });
      buttons.appendChild(button);
    });
  }

  function showPanel(index) {
    var panel = page.panels[index];
    document.getElementById("kg-panel-title").textContent = panel.title + " of " + page.focus;
    document.getElementById("kg-panel-note").textContent = panel.rows.length < panel.total
      ? "the " + panel.rows.length + " most recent of " + panel.total : panel.total + " in all";
    fillTable(document.getElementById("kg-panel-table"), panel.columns, panel.rows.map(function (cells, row) {
      return { cells: cells, node: panel.nodes[row] };
    }));
    var section = document.getElementById("kg-panel");
    section.hidden = false;
    section.scrollIntoView({ block: "start" });
  }

  function fillTable(table, columns, rows) {
    var header = table.querySelector("thead tr");
    header.replaceChildren();
    columns.forEach(function (column) { header.appendChild(element("th", column)); });
    var body = table.querySelector("tbody");
    body.replaceChildren();
    rows.forEach(function (row) {
      var line = element("tr");
      row.cells.forEach(function (cell) { line.appendChild(element("td", cell)); });
      if (row.node !== null && row.node !== undefined) {
        line.className = "kg-drawn";
        line.addEventListener("click", function () { select(row.node); });
      }
      body.appendChild(line);
    });
  }

  // ---- selection, filters, search -------------------------------------------------------------------------

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
      var count = kind.onDemand ? kind.count + " drawn, " + kind.onDemand + " on demand" : kind.count;
      label.append(box, glyph, element("span", kind.label + " (" + count + ")"));
      legend.appendChild(label);
    });
  }

  function setKindVisible(kind, visible) {
    var ids = nodes.getIds({ filter: function (node) { return node.kind === kind; } });
    nodes.update(ids.map(function (id) { return { id: id, hidden: !visible }; }));
  }

  function nodeNames(node) {
    return [node.label.replace("\n", " ")].concat(node.names || []).map(function (name) { return name.toLowerCase(); });
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
      option.value = node.label.replace("\n", " ");
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
    fillTable(document.getElementById("kg-figure-table"), page.figureColumns, page.figureRows);
    document.getElementById("kg-figures").hidden = false;
  }

  // Each cluster's title (its company, person or entity) above it, in page pixels at any zoom.
  function placeClusterLabels() {
    var layer = document.getElementById("kg-cluster-labels");
    if (layer.childElementCount !== page.clusters.length) {
      layer.replaceChildren.apply(layer, page.clusters.map(function (cluster) {
        var label = element("div", cluster.label, "kg-cluster-label");
        label.dataset.node = String(cluster.node);
        return label;
      }));
    }
    Array.prototype.forEach.call(layer.children, function (label, index) {
      var cluster = page.clusters[index];
      var node = nodes.get(cluster.node);
      var at = network.canvasToDOM({ x: cluster.x, y: cluster.y });
      label.hidden = node === null || node.hidden === true;
      label.style.left = at.x + "px";
      label.style.top = at.y + "px";
    });
  }

  network.on("click", function (params) {
    if (params.nodes.length > 0) showDetails(params.nodes[0]);
  });
  network.on("afterDrawing", placeClusterLabels);
  document.getElementById("kg-fit").addEventListener("click", function () {
    fitAll();
    zoomedToRead = false;
    showSummary();
  });
  network.once("afterDrawing", function () {  // once drawn, nodes have their sizes (and vis has fitted the view)
    window.setTimeout(function () {
      openAtReadableZoom();
      showSummary();
      network.once("afterDrawing", markReady);
      network.redraw();
    }, 0);
  });
  if (page.focusNode !== null) {
    network.selectNodes([page.focusNode]);
    showDetails(page.focusNode);
  }
  document.body.classList.add("kg-view-" + page.view);
  if (page.panels.length) document.body.classList.add("kg-has-panels");
  showSummary();
  buildLegend();
  buildSearch();
  buildFigureTable();
  if (nodes.length === 0) markReady();
})();
