"""The namespaces kg writes and reads. Own terms live under KG; instance data under ID."""
from rdflib import Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

SCHEMA = Namespace("https://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
SH = Namespace("http://www.w3.org/ns/shacl#")

KG = Namespace("https://w3id.org/kg/ontology#")  # classes and properties of our own
ID = Namespace("https://w3id.org/kg/id/")  # instance data: documents, quotes, figures, claims, periods
ENT = Namespace("https://w3id.org/kg/id/entity/")  # people, organisations, models, products
POST = Namespace("https://w3id.org/kg/id/post/")  # a post (role) at an organisation
METRIC = Namespace("https://w3id.org/kg/metric/")  # SKOS scheme of financial metrics
CLAIM_KIND = Namespace("https://w3id.org/kg/claim-kind/")  # SKOS scheme of claim kinds
ROLE = Namespace("https://w3id.org/kg/role/")  # SKOS scheme of job titles
LEX = Namespace("https://w3id.org/kg/lexicon/")  # SKOS schemes of words the rules use
GAZETTEER_GRAPH = ID["graph/gazetteer"]
# every entity any document names, once: type, name and the other names used (named queries start from it)
ENTITIES_GRAPH = ID["graph/entities"]

PREFIXES = {
    "schema": SCHEMA,
    "org": ORG,
    "nif": NIF,
    "prov": PROV,
    "skos": SKOS,
    "dcterms": DCTERMS,
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
    "xsd": XSD,
    "sh": SH,
    "kg": KG,
    "id": ID,
    "ent": ENT,
    "post": POST,
    "metric": METRIC,
    "claimkind": CLAIM_KIND,
    "role": ROLE,
    "lex": LEX,
}

ENTITY_CLASSES = {
    "Person": SCHEMA.Person,
    "Organization": SCHEMA.Organization,
    "AIModel": KG.AIModel,
    "Product": SCHEMA.Product,
    "Place": SCHEMA.Place,  # a country or region, named as the subject of figures (not listed as an entity)
}


def bind_prefixes(graph) -> None:
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True)
