"use strict";
// The query page of kg serve: a CodeMirror editor, kg's named queries as examples, a results table, and a link
// that draws a CONSTRUCT or DESCRIBE answer as a view. Every text from the server or the store reaches the page
// through textContent, never as HTML.
const data = JSON.parse(document.getElementById("kg-page-data").textContent);
const $ = id => document.getElementById(id);
const status = $("status"), results = $("results"), draw = $("draw");

const editor = CodeMirror.fromTextArea($("editor"), {
  mode: "sparql", lineNumbers: true, matchBrackets: true, indentUnit: 2, viewportMargin: Infinity,
  extraKeys: {"Ctrl-Enter": run, "Cmd-Enter": run},
});
window.kgEditor = editor;

function element(tag, text, className) {
  const made = document.createElement(tag);
  if (text !== undefined) made.textContent = text;
  if (className) made.className = className;
  return made;
}

$("about").appendChild(document.createTextNode(
  ` Answers stop at ${data.limit.toLocaleString("en")} rows; a query may run ${data.timeout} s.`));
for (const [name, iri] of data.prefixes) {
  const row = element("tr");
  row.append(element("td", `${name}:`), element("td", iri));
  $("prefix-rows").appendChild(row);
}
for (const example of data.examples) {
  const option = element("option", example.name);
  option.value = example.name;
  $("example").appendChild(option);
}
$("example").addEventListener("change", event => {
  const example = data.examples.find(e => e.name === event.target.value);
  if (!example) return;
  editor.setValue(example.text);
  const params = Object.entries(example.params).map(([key, text]) => `?${key}_: ${text}`).join("; ");
  $("description").textContent = example.description +
    (params ? ` Parameters, in the VALUES row at the top of WHERE: ${params}` : "");
});

// An IRI as prefix:name when one of kg's prefixes fits, rdf:type as SPARQL's "a", else whole.
const RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
function shortIri(iri) {
  if (iri === RDF_TYPE) return "a";
  for (const [name, base] of data.prefixes) {
    const local = iri.startsWith(base) ? iri.slice(base.length) : null;
    if (local !== null && /^[\w-]*$/.test(local)) return `${name}:${local}`;
  }
  return `<${iri}>`;
}

function termCell(term) {
  const cell = element("td");
  if (!term) return cell;
  if (term.type === "uri") {
    cell.append(element("span", shortIri(term.value), "iri"));
    cell.title = term.value;
  } else if (term.type === "bnode") {
    cell.append(element("span", `_:${term.value}`, "bnode"));
  } else {
    cell.className = "literal";
    cell.append(element("span", term.value));
    if (term["xml:lang"]) cell.append(element("span", `@${term["xml:lang"]}`, "tag"));
    else if (term.datatype) cell.title = shortIri(term.datatype);
  }
  return cell;
}

function table(columns, rows) {
  const made = element("table"), thead = element("thead"), head = element("tr"), body = element("tbody");
  head.append(element("th", "#"));
  for (const name of columns) head.append(element("th", name));
  thead.appendChild(head);
  rows.forEach((terms, index) => {
    const row = element("tr");
    row.append(element("td", String(index + 1), "number"));
    for (const term of terms) row.append(termCell(term));
    body.appendChild(row);
  });
  made.append(thead, body);
  return made;
}

// The triples of an N-Triples answer, each term as SPARQL JSON writes one.
const N_TRIPLES_TERM = /<([^>]*)>|_:(\S+)|"((?:[^"\\]|\\.)*)"(?:@([\w-]+)|\^\^<([^>]*)>)?/g;
const ESCAPES = {t: "\t", b: "\b", n: "\n", r: "\r", f: "\f"};
function unescaped(text) {
  return text.replace(/\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)/g,
    (_, code) => code.length > 1 ? String.fromCodePoint(parseInt(code.slice(1), 16)) : ESCAPES[code] ?? code);
}
function triples(text) {
  return text.split("\n").filter(line => line.trim() && !line.startsWith("#")).map(line =>
    [...line.matchAll(N_TRIPLES_TERM)].slice(0, 3).map(([, iri, blank, literal, lang, datatype]) =>
      iri !== undefined ? {type: "uri", value: unescaped(iri)}
        : blank !== undefined ? {type: "bnode", value: blank}
        : {type: "literal", value: unescaped(literal), "xml:lang": lang, datatype: datatype && unescaped(datatype)}));
}

function plural(count, noun) {
  return `${count.toLocaleString("en")} ${noun}${count === 1 ? "" : "s"}`;
}

async function run() {
  const query = editor.getValue();
  status.textContent = "running…";
  status.className = "";
  draw.hidden = true;
  results.replaceChildren();
  const started = performance.now();
  let response, text;
  try {
    response = await fetch("query", {
      method: "POST", body: new URLSearchParams({query}),
      headers: {"Accept": "application/sparql-results+json, application/n-triples;q=0.9"},
    });
    text = await response.text();
  } catch (error) {
    status.textContent = `the server did not answer: ${error.message}`;
    status.className = "error";
    return;
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  if (!response.ok) {
    status.textContent = `error ${response.status}`;
    status.className = "error";
    results.appendChild(element("pre", text, "error"));
    return;
  }
  const cut = response.headers.get("X-KG-Truncated");
  const note = cut ? ` (cut at ${cut}: add LIMIT or filters)` : "";
  if ((response.headers.get("Content-Type") || "").includes("json")) {
    const answer = JSON.parse(text);
    if ("boolean" in answer) {
      results.appendChild(element("p", String(answer.boolean), "boolean"));
      status.textContent = `answered in ${seconds} s`;
      return;
    }
    const rows = answer.results.bindings.map(binding => answer.head.vars.map(name => binding[name]));
    results.appendChild(table(answer.head.vars, rows));
    status.textContent = `${plural(rows.length, "row")} in ${seconds} s${note}`;
  } else {
    const graph = triples(text);
    results.appendChild(table(["subject", "predicate", "object"], graph));
    status.textContent = `${plural(graph.length, "triple")} in ${seconds} s${note}`;
    draw.href = "view?" + new URLSearchParams({query});
    draw.hidden = false;
  }
}
$("run").addEventListener("click", run);
window.kgReady = true;
