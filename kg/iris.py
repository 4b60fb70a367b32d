"""Deterministic IRIs: the same input always gives the same identifiers."""
from __future__ import annotations

import re
import unicodedata

from kg.model import Period
from kg.rdf.namespaces import ENT, ID, POST

# plain strings: building an rdflib term per IRI (validated, then thrown away) showed in the ingest profile
_ID, _ENT, _POST = str(ID), str(ENT), str(POST)

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def slug(name: str) -> str:
    """'Mark Zuckerberg' -> 'mark-zuckerberg'; accents folded, punctuation collapsed."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    return _NON_ALNUM.sub("-", folded).strip("-") or "x"


def doc_key(content_hash: str) -> str:
    return content_hash[:16]


def document_iri(content_hash: str) -> str:
    return f"{_ID}doc/{doc_key(content_hash)}"


def document_graph_iri(content_hash: str) -> str:
    return f"{_ID}graph/doc/{doc_key(content_hash)}"


def entity_iri(name: str) -> str:
    return _ENT + slug(name)


def fact_iri(kind: str, content_hash: str, start: int, end: int) -> str:
    """A quote, figure or claim: named by its document and character offsets."""
    return f"{_ID}{kind}/{doc_key(content_hash)}/{start}-{end}"


def period_iri(period: Period) -> str:
    return f"{_ID}period/{period.key}"


def _local(iri: str) -> str:
    return iri.rsplit("/", 1)[-1]


def post_iri(organization_iri: str, role_label: str, person_iri: str) -> str:
    """One post per organisation, role and holder: two vice presidents hold two posts."""
    return f"{_POST}{_local(organization_iri)}/{slug(role_label)}/{_local(person_iri)}"


def event_iri(organization_iri: str, period: Period | None, day: str | None) -> str:
    when = period.key_in_calendar if period else (day or "undated")
    return f"{_ID}event/{_local(organization_iri)}/{when}"
