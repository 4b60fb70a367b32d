"""`kg serve`: a SPARQL 1.1 Protocol endpoint over a store, with a query page.

Why this shape: the Oxigraph server (PyPI `oxigraph`) already speaks the SPARQL 1.1 Protocol over an Oxigraph
store (GET and POST, URL-encoded and direct bodies, content negotiation for SPARQL JSON, XML, CSV, TSV and RDF
formats, a query timeout), so `kg serve` runs it on a private loopback port (`backend`). It has no tokens, no
result cap, no kg prefixes and no page of kg's named queries, so a small front on the standard library
(`front`) stands before it: it serves the page (`page`), declares kg's prefixes in queries that do not declare
them (`prefixes`), refuses updates unless started with `allow_update` and the request carries
`Authorization: Bearer <token>`, cuts every answer at `limit` rows or triples (`cap`, saying so in
`X-KG-Truncated`), draws a CONSTRUCT's graph as a view (`drawing`) and passes the rest through unchanged. A
store on a SPARQL server (`sparql:`, `virtuoso:`) is passed through the same front to that server.

Concurrency: read-only, the store is served by `oxigraph serve-read-only` while kg serve holds the store's read
lock (`kg.store.lock`): listings, `kg query` and other servers read beside it, and a `kg ingest` fails at once
with "store ... is in use", so nothing ever writes under a reader. With `allow_update`, `oxigraph serve` holds
the store itself. To ingest while serving, go through the endpoint:
`KG_STORE_TOKEN=T kg ingest --store sparql:http://HOST:PORT FILES` against `kg serve --allow-update --token T`.

This module imports nothing heavy: the CLI reads the defaults from `kg.serve.settings`; `kg.serve.server` runs it.
"""
