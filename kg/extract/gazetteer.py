"""The gazetteer: known people, organisations, AI models and products, read from Turtle files."""
from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

import rdflib
from rdflib.namespace import RDF, RDFS, SKOS

from kg import resources
from kg.errors import ConfigError
from kg.rdf.namespaces import ENTITY_CLASSES, KG, ORG, SCHEMA

_TYPE_OF_CLASS = {cls: name for name, cls in ENTITY_CLASSES.items()}


@dataclass(frozen=True)
class Post:
    title: str
    role: str | None
    organization: str


@dataclass(frozen=True)
class Known:
    """One gazetteer entry."""

    iri: str
    name: str
    type: str
    aliases: tuple[str, ...]
    gender: str | None = None  # "male" / "female", for pronouns
    developer: str | None = None
    posts: tuple[Post, ...] = ()
    tickers: tuple[str, ...] = ()
    fiscal_year_end: int | None = None  # the month fiscal year Y ends (kg:fiscalYearEnd); 13 and up: of Y + 1


class Gazetteer:
    def __init__(self, graph: rdflib.Graph, files: tuple[Path, ...]):
        self.graph = graph
        self.files = files
        self.entries: dict[str, Known] = {}
        for subject in sorted(set(graph.subjects(RDF.type, None))):
            known = _read_entry(graph, subject)
            if known:
                self.entries[known.iri] = known

    def get(self, iri: str) -> Known | None:
        return self.entries.get(iri)

    def surface_forms(self):
        """(surface form, entry) for every name, alias and ticker."""
        for known in self.entries.values():
            for form in (known.name, *known.aliases):
                yield form, known

    @cached_property
    def makers(self) -> dict[str, str]:
        """Each name and alias (lowercase) of an organisation -> its IRI, and of a product or model whose developer
        the gazetteer knows -> that developer."""
        return {form.lower(): known.iri if known.type == "Organization" else known.developer
                for form, known in self.surface_forms() if known.type == "Organization" or known.developer}


def _entity_type(graph: rdflib.Graph, subject) -> str | None:
    """The entity type of a node, following rdfs:subClassOf (schema:Corporation is an Organization)."""
    for cls in graph.objects(subject, RDF.type):
        seen = set()
        while cls is not None and cls not in seen:
            if cls in _TYPE_OF_CLASS:
                return _TYPE_OF_CLASS[cls]
            seen.add(cls)
            cls = graph.value(cls, RDFS.subClassOf)
    return None


def _read_entry(graph: rdflib.Graph, subject) -> Known | None:
    kind = _entity_type(graph, subject)
    name = graph.value(subject, SCHEMA.name)
    if kind is None or name is None or not isinstance(subject, rdflib.URIRef):
        return None
    gender = graph.value(subject, SCHEMA.gender)
    gender = str(gender).rsplit("/", 1)[-1].lower() if gender is not None else None
    posts = []
    for post in sorted(set(graph.subjects(ORG.heldBy, subject)) | set(graph.objects(subject, ORG.holds))):
        org = graph.value(post, ORG.postIn)
        title = graph.value(post, SKOS.prefLabel)
        if org is not None and title is not None:
            role = graph.value(post, ORG.role)
            posts.append(Post(str(title), str(role) if role is not None else None, str(org)))
    developer = graph.value(subject, SCHEMA.creator)
    return Known(
        iri=str(subject),
        name=str(name),
        type=kind,
        aliases=tuple(sorted(str(a) for a in graph.objects(subject, SKOS.altLabel))),
        gender=gender,
        developer=str(developer) if developer is not None else None,
        posts=tuple(posts),
        tickers=tuple(sorted(str(t) for t in graph.objects(subject, SCHEMA.tickerSymbol))),
        fiscal_year_end=_fiscal_year_end(graph, subject),
    )


def _fiscal_year_end(graph: rdflib.Graph, subject) -> int | None:
    """The month a company's fiscal year Y ends, counted from January of calendar year Y: 13 for January of Y + 1
    where the gazetteer says the year is named by the calendar year it starts in (kg:fiscalYearNamedByStart)."""
    month = _month(graph.value(subject, KG.fiscalYearEnd))
    by_start = graph.value(subject, KG.fiscalYearNamedByStart)
    return month + 12 if month is not None and by_start is not None and by_start.toPython() is True else month


def _month(value) -> int | None:
    """A month number 1-12 from the gazetteer, else None (a wrong value is ignored, as SHACL reports it)."""
    month = value.toPython() if isinstance(value, rdflib.Literal) else None
    return month if isinstance(month, int) and 1 <= month <= 12 else None


def user_gazetteer_files() -> tuple[Path, ...]:
    """Extra Turtle files named by KG_GAZETTEER (paths or folders, separated by the OS path separator)."""
    files: list[Path] = []
    for part in filter(None, os.environ.get("KG_GAZETTEER", "").split(os.pathsep)):
        path = Path(part)
        if path.is_dir():
            files.extend(sorted(path.glob("*.ttl")))
        elif path.is_file():
            files.append(path)
        else:
            raise ConfigError(f"KG_GAZETTEER names '{part}', which does not exist; give Turtle files or folders")
    return tuple(files)


@lru_cache(maxsize=4)
def load_gazetteer(extra: tuple[Path, ...] = ()) -> Gazetteer:
    files = tuple(resources.gazetteer_files()) + tuple(extra)
    graph = rdflib.Graph()
    for path in files:
        try:
            graph.parse(path, format="turtle")
        except Exception as error:  # rdflib raises several parser exception types
            raise ConfigError(f"gazetteer file {path} is not valid Turtle: {error}") from error
    for path in resources.ontology_files():  # subclass axioms (schema:Corporation -> schema:Organization)
        graph.parse(path, format="turtle")
    return Gazetteer(graph, files)


__all__ = ["Gazetteer", "Known", "Post", "load_gazetteer", "user_gazetteer_files"]
