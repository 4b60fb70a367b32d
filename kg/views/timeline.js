// kg's timeline page: one SVG chart per metric (periods across, values up; guidance a range beside the result
// reported), then the claims and quotations in time order. A click shows the source words in the side panel.
// Every text from the graph is written with textContent: nothing from the data is parsed as HTML.
(function () {
  "use strict";

  var SVG = "http://www.w3.org/2000/svg";
  var COLUMN = 96, LEFT = 84, HEIGHT = 150, TOP = 10, BOTTOM = 34, RADIUS = 5, BAR = 10;
  var page = JSON.parse(document.getElementById("kg-page").textContent);
  var selected = null;

  function element(tag, text, className) {
    var made = document.createElement(tag);
    if (text !== undefined) made.textContent = text;
    if (className) made.className = className;
    return made;
  }

  function shape(tag, attributes, className) {
    var made = document.createElementNS(SVG, tag);
    Object.keys(attributes).forEach(function (name) { made.setAttribute(name, String(attributes[name])); });
    if (className) made.setAttribute("class", className);
    return made;
  }

  function label(x, y, text, className, anchor) {
    var made = shape("text", { x: x, y: y, "text-anchor": anchor || "middle" }, className);
    made.textContent = text;
    return made;
  }

  // The sentence with the fact's own words marked (the first place they occur), else the words alone.
  function showWords(sentence, anchor) {
    var box = document.getElementById("kg-words");
    box.replaceChildren();
    var at = anchor ? sentence.indexOf(anchor) : -1;
    if (at < 0) {
      box.textContent = sentence || anchor;
    } else {
      box.append(sentence.slice(0, at), element("mark", anchor), sentence.slice(at + anchor.length));
    }
    box.hidden = !box.textContent;
  }

  function show(item, target) {
    if (selected) selected.classList.remove(selected.tagName === "LI" ? "kg-selected-event" : "kg-selected");
    selected = target;
    target.classList.add(target.tagName === "LI" ? "kg-selected-event" : "kg-selected");
    document.getElementById("kg-details-hint").hidden = true;
    document.getElementById("kg-details-title").textContent = item.label || item.kind;
    showWords(item.sentence, item.anchor);
    var fields = document.getElementById("kg-fields");
    fields.replaceChildren();
    item.details.forEach(function (pair) {
      fields.append(element("dt", pair[0]), element("dd", pair[1]));
    });
  }

  function clickable(node, item) {
    node.setAttribute("tabindex", "0");
    node.addEventListener("click", function () { show(item, node); });
    node.addEventListener("keydown", function (event) { if (event.key === "Enter") show(item, node); });
    var tip = shape("title", {});
    tip.textContent = item.label + (item.guidance ? " (guidance)" : "");
    node.appendChild(tip);
    return node;
  }

  function drawLane(lane) {
    var section = element("div", undefined, "kg-lane");
    section.dataset.metric = lane.metric;
    section.appendChild(element("h3", lane.metric + " (" + lane.unit + ")"));
    var width = LEFT + COLUMN * page.periods.length + 10;
    var svg = shape("svg", { width: width, height: TOP + HEIGHT + BOTTOM, role: "img" });
    var span = lane.high - lane.low || Math.abs(lane.high) || 1;
    var low = lane.low - span * 0.1, high = lane.high + span * 0.1;
    function y(value) { return TOP + HEIGHT * (high - value) / (high - low); }
    function x(period) { return LEFT + COLUMN * (period + 0.5); }
    svg.appendChild(shape("line", { x1: LEFT, y1: TOP, x2: LEFT, y2: TOP + HEIGHT }, "kg-axis"));
    svg.appendChild(shape("line", { x1: LEFT, y1: TOP + HEIGHT, x2: width, y2: TOP + HEIGHT }, "kg-axis"));
    [lane.low, (lane.low + lane.high) / 2, lane.high].forEach(function (value, index) {
      svg.appendChild(label(LEFT - 6, y(value) + 4, lane.ticks[index], "kg-tick", "end"));
    });
    page.periods.forEach(function (period, index) {
      svg.appendChild(label(x(index), TOP + HEIGHT + 18, period.label, "kg-period"));
    });
    var guided = {};  // period -> guidance bars drawn: each further one goes left of the one before
    lane.points.forEach(function (point) {
      var centre = x(point.period);
      if (point.guidance) {
        var slot = guided[point.period] = (guided[point.period] || 0) + 1;
        var top = point.max === null ? TOP : y(point.max);
        var bottom = point.min === null ? TOP + HEIGHT : y(point.min);
        var left = centre - 4 - slot * (BAR + 3);
        var bar = shape("rect", { x: left, y: top, width: BAR, height: Math.max(3, bottom - top) },
                        "kg-guidance" + (point.open ? " kg-open" : "") +
                        (point.outcome ? " kg-" + point.outcome.replace(" ", "-") : ""));
        svg.appendChild(clickable(bar, point));
      } else {
        var dot = shape("circle", { cx: centre + 8, cy: y(point.value), r: RADIUS }, "kg-actual");
        svg.appendChild(clickable(dot, point));
      }
    });
    section.appendChild(svg);
    return section;
  }

  function drawEvents() {
    var list = document.getElementById("kg-event-list");
    page.events.forEach(function (event) {
      var line = element("li");
      line.dataset.kind = event.kind;
      line.append(element("span", event.date), element("span", event.kind, "kg-event-kind"),
                  element("span", event.text));
      line.tabIndex = 0;
      line.addEventListener("click", function () { show(event, line); });
      list.appendChild(line);
    });
    if (!page.events.length) list.appendChild(element("li", "none"));
  }

  var charts = document.getElementById("kg-charts");
  page.lanes.forEach(function (lane) { charts.appendChild(drawLane(lane)); });
  document.getElementById("kg-charts-key").textContent = page.lanes.length
    ? "Bars: guidance for the period (outlined green when beaten, red when missed; dashed when open-ended). " +
      "Dots: results reported."
    : "No figures of " + page.focus + ".";
  drawEvents();
  var drawn = page.lanes.reduce(function (sum, lane) { return sum + lane.points.length; }, 0);
  function count(number, what) { return number + " " + what + (number === 1 ? "" : "s"); }
  var summary = page.focus + ": " + count(drawn, "figure") + " in " + count(page.lanes.length, "metric") + " over " +
    count(page.periods.length, "period") + ", " + count(page.events.length, "claim or quotation").replace(
      "claim or quotations", "claims and quotations");
  if (page.omitted) summary += " (" + page.omitted + " more not drawn)";
  if (page.matches.length) summary += "; the name also matches " + page.matches.slice(0, 5).join(", ");
  document.getElementById("kg-summary").textContent = summary;
  window.kgReady = true;
  document.body.setAttribute("data-ready", "true");
})();
