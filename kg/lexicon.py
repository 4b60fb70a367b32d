"""The words the rules use, read from SKOS schemes in `ontology/` and `data/lexicon/`: their one home.

Needs no NLP pipeline, so that reading documents does not load it; the Turtle files are read with Oxigraph's
parser (a tenth of a second at each start, where rdflib's took several). Every scheme is read the same way:
each concept's prefLabel and altLabels are its surface forms (lowercase); extra properties (kg:multiplier,
kg:isoCode, kg:impliesClaimKind, rdf:value, ...) ride along in `Term.props`, as Python values.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from types import MappingProxyType

import pyoxigraph as ox
from rdflib.namespace import RDF, SKOS, XSD

from kg import resources
from kg.rdf.namespaces import CLAIM_KIND, KG, LEX, METRIC, ROLE

_IN_SCHEME, _PREF_LABEL, _ALT_LABEL = str(SKOS.inScheme), str(SKOS.prefLabel), str(SKOS.altLabel)
_PROPS = (str(KG), str(RDF.value))  # the properties that ride along: kg's own and rdf:value
_VALUES = {str(XSD.integer): int, str(XSD.decimal): Decimal, str(XSD.double): float,
           str(XSD.boolean): lambda lexical: lexical in ("true", "1")}


@dataclass(frozen=True)
class Term:
    concept: str
    label: str
    forms: tuple[str, ...]
    props: dict = field(default_factory=dict, compare=False, hash=False)


class Lexicon:
    """Lookup of surface forms by scheme. Get it with `load()`."""

    def __init__(self, triples):
        self._members: dict[str, set[str]] = defaultdict(set)  # scheme -> concepts
        self._statements: dict[str, list[tuple[str, object]]] = defaultdict(list)  # concept -> (property, value)
        for triple in triples:
            subject, predicate = triple.subject.value, triple.predicate.value
            if predicate == _IN_SCHEME:
                self._members[triple.object.value].add(subject)
            self._statements[subject].append((predicate, _python(triple.object)))
        self._schemes: dict[str, tuple[Term, ...]] = {}
        self._forms: dict[str, Mapping[str, Term]] = {}

    def terms(self, scheme: str) -> tuple[Term, ...]:
        if scheme not in self._schemes:
            self._schemes[scheme] = tuple(self._read(scheme))
        return self._schemes[scheme]

    def forms(self, scheme: str) -> Mapping[str, Term]:
        """Every lowercase surface form of the scheme, mapped to its term (longer schemes win no ties); read-only,
        made once per scheme."""
        if scheme not in self._forms:
            self._forms[scheme] = MappingProxyType({form: term for term in self.terms(scheme) for form in term.forms})
        return self._forms[scheme]

    def label(self, concept: str) -> str | None:
        return next((str(o) for p, o in self._statements.get(concept, ()) if p == _PREF_LABEL), None)

    def _read(self, scheme: str):
        for concept in sorted(self._members.get(scheme, ())):
            statements = self._statements[concept]
            pref = self.label(concept)
            labels = [pref] if pref is not None else []
            labels += sorted(str(o) for p, o in statements if p == _ALT_LABEL)
            forms = tuple(dict.fromkeys(label.lower().strip() for label in labels if label.strip()))
            props = {p.rsplit("#", 1)[-1].rsplit("/", 1)[-1]: o for p, o in statements if p.startswith(_PROPS)}
            yield Term(concept, pref if pref is not None else forms[0] if forms else "", forms, props)


def _python(term):
    """A term's Python value: an IRI's text, a typed literal's number or truth, else its text."""
    if isinstance(term, ox.Literal):
        return _VALUES.get(term.datatype.value, str)(term.value)
    return term.value


@lru_cache(maxsize=1)
def load() -> Lexicon:
    triples = []
    for path in resources.ontology_files() + resources.lexicon_files():
        triples += ox.parse(path=str(path), format=ox.RdfFormat.TURTLE)
    return Lexicon(triples)


@lru_cache(maxsize=None)
def words(scheme: str) -> frozenset[str]:
    """Every lowercase form of every concept of `scheme`."""
    return frozenset(load().forms(scheme))


@lru_cache(maxsize=1)
def function_words() -> frozenset[str]:
    """Prepositions, determiners and conjunctions: the grammar words that open or link phrases."""
    return words(PREPOSITIONS) | words(DETERMINERS) | words(CONJUNCTIONS)


@lru_cache(maxsize=None)
def numbers(scheme: str) -> dict[str, int]:
    """Each form of `scheme` mapped to its concept's rdf:value ("third" -> 3, "sept" -> 9)."""
    return {form: int(term.props["value"]) for form, term in load().forms(scheme).items() if "value" in term.props}


@lru_cache(maxsize=None)
def metrics_by_link(link: str) -> dict[str, str]:
    """Each metric another metric links to by the property `link` ("perShareOf", "changeOf", "marginOf"), mapped to
    that other one (net income -> earnings per share, revenue -> revenue growth, EBITDA -> EBITDA margin)."""
    return {str(term.props[link]): term.concept for term in load().terms(METRICS) if term.props.get(link)}


@lru_cache(maxsize=None)
def concept_forms(scheme: str) -> dict[str, tuple[str, ...]]:
    """The forms of each concept of `scheme` by its IRI's last segment ("go-ahead": ("please go ahead", ...)),
    longest first."""
    return {term.concept.rsplit("/", 1)[-1]: tuple(sorted(term.forms, key=lambda f: (-len(f), f)))
            for term in load().terms(scheme)}


# Scheme IRIs the rules read.
METRICS = str(METRIC["scheme"])
ROLES = str(ROLE["scheme"])
SPEECH_VERBS = str(LEX["speech-verbs"])
REPORTING_NOUNS = str(LEX["reporting-nouns"])
ASSESSMENT_VERBS = str(LEX["assessment-verbs"])
PLAN_CUES = str(LEX["plan-cues"])
FORECAST_CUES = str(LEX["forecast-cues"])
REPORTED_CUES = str(LEX["reported-cues"])
ORG_DESCRIPTORS = str(LEX["org-descriptors"])
ORG_NAME_WORDS = str(LEX["org-name-words"])
DEFINITE_ORG_NOUNS = str(LEX["definite-org-nouns"])
MODEL_NOUNS = str(LEX["model-nouns"])
BARE_MODEL_NOUNS = str(LEX["bare-model-nouns"])
COMPARISON_BASES = str(LEX["comparison-bases"])
COMPARISON_VERBS = str(LEX["comparison-verbs"])
PERIOD_COMPARISON_BASES = str(LEX["period-comparison-bases"])
PERIOD_SPAN_STARTS = str(LEX["period-span-starts"])
MULTI_YEAR_SPANS = str(LEX["multi-year-spans"])
UNNUMBERED_YEAR_COUNTS = str(LEX["unnumbered-year-counts"])
RUNNING_SPANS = str(LEX["running-spans"])
PRODUCT_NOUNS = str(LEX["product-nouns"])
COUNTED_NOUNS = str(LEX["counted-nouns"])
SCALE_WORDS = str(LEX["scale-words"])
NUMBER_WORDS = str(LEX["number-words"])
CURRENCIES = str(LEX["currencies"])
PUBLISHER_CUES = str(LEX["publisher-cues"])
MONEY_NOUNS = str(LEX["money-nouns"])
BOUND_WORDS = str(LEX["bound-words"])
RANGE_WORDS = str(LEX["range-words"])
SIGN_WORDS = str(LEX["sign-words"])
TOLERANCE_WORDS = str(LEX["tolerance-words"])
TOLERANCE_MINOR_UNITS = str(LEX["tolerance-minor-units"])
DECADE_POSITIONS = str(LEX["decade-positions"])
RATIO_WORDS = str(LEX["ratio-words"])
METRIC_LINKS = str(LEX["metric-links"])
METRIC_QUALIFIERS = str(LEX["metric-qualifiers"])
METRIC_MODIFIERS = str(LEX["metric-modifiers"])
METRIC_BASES = str(LEX["metric-bases"])
LOOSE_METRIC_WORDS = str(LEX["loose-metric-words"])
METRIC_DISTANCES = str(LEX["metric-distances"])
METRIC_EXCLUSIONS = str(LEX["metric-exclusions"])
METRIC_INCLUSIONS = str(LEX["metric-inclusions"])
METRIC_DEFINITIONS = str(LEX["metric-definitions"])
HOLDER_WORDS = str(LEX["holder-words"])
RETURNED_WORDS = str(LEX["returned-words"])
NO_PART_TOPIC_WORDS = str(LEX["no-part-topic-words"])
METRIC_FILLERS = str(LEX["metric-fillers"])
FILLER_GLUE = str(LEX["filler-glue"])
AMOUNT_LEAD_INS = str(LEX["amount-lead-ins"])
COPULAS = str(LEX["copulas"])
DEGREE_ADVERBS = str(LEX["degree-adverbs"])
PHRASE_JOINS = str(LEX["phrase-joins"])
PERIOD_NOUNS = str(LEX["period-nouns"])
PERIOD_FILLERS = str(LEX["period-fillers"])
YEAR_MODIFIERS = str(LEX["year-modifiers"])
TARGET_NOUNS = str(LEX["target-nouns"])
OTHER_AMOUNT_NOUNS = str(LEX["other-amount-nouns"])
THRESHOLD_NOUNS = str(LEX["threshold-nouns"])
PHRASE_STOP_WORDS = str(LEX["phrase-stop-words"])
THRESHOLD_LINKS = str(LEX["threshold-links"])
PERIOD_PREPOSITIONS = str(LEX["period-prepositions"])
METRIC_OWNER_PREPOSITIONS = str(LEX["metric-owner-prepositions"])
PLACE_PREPOSITIONS = str(LEX["place-prepositions"])
EARLIER_GUIDANCE_WORDS = str(LEX["earlier-guidance-words"])
EARLIER_GUIDANCE_NOUNS = str(LEX["earlier-guidance-nouns"])
MIDPOINT_WORDS = str(LEX["midpoint-words"])
WHOLE_WORDS = str(LEX["whole-words"])
CUE_NOUNS = str(LEX["cue-nouns"])
UNIT_WORDS = str(LEX["unit-words"])
MULTIPLE_WORDS = str(LEX["multiple-words"])
STANCE_CUES = str(LEX["stance-cues"])
CALL_LOGISTICS = str(LEX["call-logistics"])
REFUSAL_CUES = str(LEX["refusal-cues"])
COURTESY_WORDS = str(LEX["courtesy-words"])
RESULT_VERBS = str(LEX["result-verbs"])
HEDGE_WORDS = str(LEX["hedge-words"])
QUESTION_OPENERS = str(LEX["question-openers"])
SAFE_HARBOUR_CUES = str(LEX["safe-harbour-cues"])
CALL_STAFF_LABELS = str(LEX["call-staff-labels"])
SEGMENT_NOUNS = str(LEX["segment-nouns"])
PLURAL_SEGMENT_NOUNS = str(LEX["plural-segment-nouns"])
NAMED_PART_NOUNS = str(LEX["named-part-nouns"])
WHOLE_WORDS = str(LEX["whole-words"])
LAUNCH_VERBS = str(LEX["launch-verbs"])
DRUG_NAME_ENDINGS = str(LEX["drug-name-endings"])
NOT_DRUG_NAMES = str(LEX["not-drug-names"])
TOPIC_CUES = str(LEX["topic-cues"])
TOPIC_LEAD_INS = str(LEX["topic-lead-ins"])
NAME_PART_OPENERS = str(LEX["name-part-openers"])
AUDIENCE_NOUNS = str(LEX["audience-nouns"])
REACH_VERBS = str(LEX["reach-verbs"])
PARTY_LETTERS = str(LEX["party-letters"])
PARTNERSHIP_NOUNS = str(LEX["partnership-nouns"])
DECK_REFERENCES = str(LEX["deck-references"])
RESULTS_VERBS = str(LEX["results-verbs"])
FIRST_PERSON = str(LEX["first-person"])
OWN_POSSESSIVES = str(LEX["own-possessives"])
CHANGE_UP = str(LEX["change-up"])
CHANGE_DOWN = str(LEX["change-down"])
CHANGE_NOUNS = str(LEX["change-nouns"])
CHANGE_NAMES = str(LEX["change-names"])
CHANGE_AMOUNT_GAPS = str(LEX["change-amount-gaps"])
IMPACT_VERBS = str(LEX["impact-verbs"])
IMPACT_SIGNS = str(LEX["impact-signs"])
DISCOURSE_VERBS = str(LEX["discourse-verbs"])
DISCOURSE_ADVERBS = str(LEX["discourse-adverbs"])
GENERIC_SUBJECTS = str(LEX["generic-subjects"])
HANDOFF_CUES = str(LEX["handoff-cues"])
HONORIFICS = str(LEX["honorifics"])
UNFINISHED_ABBREVIATIONS = str(LEX["unfinished-abbreviations"])
NAME_PARTICLES = str(LEX["name-particles"])
NAME_SUFFIXES = str(LEX["name-suffixes"])
TITLE_WORDS = str(LEX["title-words"])
TITLE_CONTEXT_WORDS = str(LEX["title-context-words"])
DEPARTMENT_WORDS = str(LEX["department-words"])
GENERIC_TERMS = str(LEX["generic-terms"])
EVENT_WORDS = str(LEX["event-words"])
TITLE_OWNER_PREPOSITIONS = str(LEX["title-owner-prepositions"])
NOT_NAME_WORDS = str(LEX["not-name-words"])
UNNAMED_SPEAKER_LABELS = str(LEX["unnamed-speaker-labels"])
PERSONAL_PRONOUNS = str(LEX["personal-pronouns"])
CALENDAR_WORDS = str(LEX["calendar-words"])
ORDINALS = str(LEX["ordinals"])
MODAL_VERBS = str(LEX["modal-verbs"])
RELATIVE_PERIOD_WORDS = str(LEX["relative-period-words"])
CONJUNCTIONS = str(LEX["conjunctions"])
VERB_JOINS = str(LEX["verb-joins"])
SUBJECT_CLAUSE_OPENERS = str(LEX["subject-clause-openers"])
CLAUSE_PREPOSITIONS = str(LEX["clause-prepositions"])
PREPOSITIONS = str(LEX["prepositions"])
RELATIVE_PRONOUNS = str(LEX["relative-pronouns"])
SUBJECT_PRONOUNS = str(LEX["subject-pronouns"])
APPOSITION_STARTS = str(LEX["apposition-starts"])
OWNER_PRONOUNS = str(LEX["owner-pronouns"])
HEADER_FIELDS = str(LEX["header-fields"])
PARTICIPANT_HEADINGS = str(LEX["participant-headings"])
SECTION_HEADINGS = str(LEX["section-headings"])
FIRST_NAMES = str(LEX["first-names"])
QUOTATION_VERBS = str(LEX["quotation-verbs"])
NAME_PREFIXES = str(LEX["name-prefixes"])
GROUP_NOUNS = str(LEX["group-nouns"])
VERB_FILLERS = str(LEX["verb-fillers"])
CLAUSE_BREAKS = str(LEX["clause-breaks"])
DETERMINERS = str(LEX["determiners"])
TERM_CUES = str(LEX["term-cues"])
PLURAL_VERBS = str(LEX["plural-verbs"])
PASSIVE_CUES = str(LEX["passive-cues"])
PLACES = str(LEX["places"])
FACILITY_WORDS = str(LEX["facility-words"])
CALL_TITLE_WORDS = str(LEX["call-title-words"])
LIST_HEADS = str(LEX["list-heads"])
LIST_CUES = str(LEX["list-cues"])
NAMING_CUES = str(LEX["naming-cues"])
LIST_JOINS = str(LEX["list-joins"])
NUMBERED_TERMS = str(LEX["numbered-terms"])
PRODUCT_VARIANTS = str(LEX["product-variants"])


def claim_kind(name: str) -> str:
    return str(CLAIM_KIND[name])
