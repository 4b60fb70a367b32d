"""`kg validate`: SHACL as SPARQL queries on the store finds what pyshacl finds over the whole graph, and every
format `kg export` writes, read back with `--file`, is checked whole."""
from __future__ import annotations

from pathlib import Path

import pytest
import rdflib
from click.testing import CliRunner
from pyshacl import validate as pyshacl_validate

from kg import api, resources
from kg.cli import cli
from kg.ingest import ONTOLOGY_GRAPH, ingest
from kg.rdf.namespaces import ENT, ID, SCHEMA, SH
from kg.store import open_store
from kg.validate import _ontology, _shapes, instance_data, violations

# one or more broken values for each kind of constraint the shapes use
BROKEN = """
@prefix schema: <https://schema.org/> .
@prefix nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix kg: <https://w3id.org/kg/ontology#> .
@prefix ent: <https://w3id.org/kg/id/entity/> .
@prefix metric: <https://w3id.org/kg/metric/> .
@prefix d: <https://w3id.org/kg/id/> .

d:doc\\/bad a kg:Document ; kg:sourcePath "bad.txt" ; kg:contentHash "NOT-A-HASH" ; kg:charCount -1 , "12x"^^xsd:integer .
d:quote\\/bad\\/1-2 a schema:Quotation ; schema:spokenByCharacter ent:meta ; prov:wasDerivedFrom ent:meta ;
    nif:beginIndex 50 ; nif:endIndex 30 ; schema:text "" .
d:figure\\/bad\\/1-2 a kg:Figure ; schema:value 5.0 , 6.0 ; schema:minValue 5.0 ; schema:maxValue 3.0 ;
    schema:unitText "USD" ; schema:currency "usd" ; kg:direction "sideways" ; kg:subject "Acme" ;
    kg:period d:period\\/bad ; prov:wasDerivedFrom d:doc\\/bad ; nif:beginIndex 1 ; nif:endIndex 2 .
d:period\\/bad a kg:Period ; rdfs:label "Q5 2025" ; kg:quarter 5 .
d:claim\\/bad\\/1-2 a schema:Claim ; schema:text "x" ; prov:wasDerivedFrom d:doc\\/bad ; nif:beginIndex 1 .
ent:dana-ruiz a schema:Person ; schema:name " Dana Ruiz" .
""".replace("@prefix d:", "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n@prefix d:")


@pytest.fixture(scope="module")
def samples_store(tmp_path_factory):
    folder = tmp_path_factory.mktemp("validate") / "store"
    with open_store(str(folder)) as store:
        ingest(store, [str(p) for p in sorted(resources.samples_dir().iterdir())])
    return str(folder)


def pyshacl_findings(store) -> set[tuple]:
    """What pyshacl finds over the whole graph: every graph but the ontology's as data, the ontology apart."""
    data = rdflib.Graph()
    for s, p, o, g in store.quads():
        if g != ONTOLOGY_GRAPH:
            data.add((s, p, o))
    _, results, _ = pyshacl_validate(data, shacl_graph=_shapes(), ont_graph=_ontology(), inference="rdfs",
                                     advanced=True, allow_warnings=True)
    return {(results.value(r, SH.sourceShape), results.value(r, SH.focusNode), results.value(r, SH.value))
            for r in results.subjects(SH.resultSeverity, None)}


def findings(store) -> set[tuple]:
    return {v.key() for v in violations(instance_data(store))}


def test_the_samples_conform_as_pyshacl_finds(samples_store):
    with open_store(samples_store) as store:
        assert findings(store) == pyshacl_findings(store) == set()


def test_the_same_violations_as_pyshacl(samples_store, tmp_path):
    broken = rdflib.Graph(identifier=ID["graph/doc/bad"]).parse(data=BROKEN, format="turtle")
    with open_store(str(tmp_path / "store")) as store:
        ingest(store, [str(p) for p in sorted(resources.samples_dir().iterdir())])
        store.add_graph(broken)
        found = findings(store)
        assert found == pyshacl_findings(store)
        shapes = {str(shape).rsplit("#", 1)[1] for shape, _, _ in found}
        assert shapes == {"DocumentHashValue", "DocumentCharCount", "QuotationSpeakerClass", "DerivedFromClass",
                          "BeginBeforeEnd", "QuotationTextValue", "FigureValueCount", "FigureMinNotAboveMax",
                          "FigureCurrency", "FigureDirection", "FigureSubjectKind", "PeriodQuarter",
                          "ClaimKindCount", "EndIndexCount", "EntityName"}


EXPORTS = [("turtle", "ttl"), ("trig", "trig"), ("nquads", "nq"), ("jsonld", "jsonld")]


def broken_copy(exported: Path, fmt: str) -> Path:
    """The export with one quotation's speaker an organisation (which a speaker must not be), in its format."""
    rdflib_format = api.EXPORT_FORMATS[fmt]
    data = rdflib.Graph() if fmt == "turtle" else rdflib.Dataset()
    data.parse(exported, format=rdflib_format)
    quads = data.quads((None, SCHEMA.spokenByCharacter, None, None)) if fmt != "turtle" else (
        (s, p, o, None) for s, p, o in data.triples((None, SCHEMA.spokenByCharacter, None)))
    quote, _, speaker, graph = next(iter(quads))
    data.remove((quote, SCHEMA.spokenByCharacter, speaker) if graph is None else (quote, SCHEMA.spokenByCharacter, speaker, graph))
    moved = (quote, SCHEMA.spokenByCharacter, ENT["halcyon-semiconductor"])
    data.add(moved if graph is None else (*moved, graph))
    broken = exported.with_name(f"broken{exported.suffix}")
    broken.write_text(data.serialize(format=rdflib_format), encoding="utf-8")
    return broken


@pytest.mark.parametrize(("fmt", "suffix"), EXPORTS)
def test_every_export_read_back_is_checked_whole(samples_store, tmp_path, fmt, suffix):
    with open_store(samples_store) as store:
        expected = instance_data(store).triples
    exported = tmp_path / f"graph.{suffix}"
    exported.write_text(api.export(samples_store, fmt), encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", "--file", str(exported)])
    assert (result.exit_code, result.output) == (0, f"conforms: {expected} triples checked against ontology/shapes.ttl\n")
    assert expected > 900  # the documents' graphs and the entities graph, not 0
    failed = CliRunner().invoke(cli, ["validate", "--file", str(broken_copy(exported, fmt))])
    assert failed.exit_code == 1
    assert failed.output.endswith("Error: [E005] the graph does not conform to the shapes: 1 violation(s)\n")
    assert "Source Shape: kgsh:QuotationSpeakerClass" in failed.output


def test_a_file_that_is_not_rdf_is_one_error(tmp_path):
    bad = tmp_path / "bad.trig"
    bad.write_text("<a> <b> .", encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", "--file", str(bad)])
    assert result.exit_code == 1 and result.output.startswith(f"Error: [E001] {bad}: is not valid RDF (TriG): ")
    assert len(result.output.strip().splitlines()) == 1
