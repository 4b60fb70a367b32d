"""The figures `_figures-compared` reads, one per figure, with what comparing them needs: whether a forecast
states it, when its document was written and the period of its call, whether an analyst asked it (looked up
for the figures found, by `_figure-kinds`, `_documents-dated`, `_figure-call-periods` and `_figure-asked`),
whether it is a headline figure, of a part, on which basis, and the precision its words give it."""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from decimal import Decimal
from functools import cached_property, lru_cache

from rdflib import Literal
from rdflib.term import Node

from kg import lexicon, resources
from kg.queries import NamedQuery, prefixes
from kg.rdf.namespaces import LEX
from kg.store.base import QueryResult, Store

_NUMBER = re.compile(r"\d[\d,]*(?:\.(\d+))?")
_PERIOD_LABEL = re.compile(r"(?:(?P<part>[QH])(?P<n>[1-4]) )?(?P<fiscal>FY)?(?P<year>\d{4})")
_PHRASES = re.compile(r"\S*\d\S*|[^\w\s]+")  # a period's or a number's word ("fy25", "2024"), punctuation
PER_UNIT_WORDS = str(LEX["per-unit-words"])
SMALL_MONEY = 1000  # an amount of money below this is per share or per unit ("$3.15"), no company's total
PART_SHARE = 0.5  # a total's figure below this share of the company's reported result for the period is a part's
YEAR_IN_QUARTERS = (3.0, 5.0)  # a figure this many times another of a quarter is a year's worth
REPORTING_WINDOW = timedelta(days=100)  # a period's results are reported within a quarter of its end
LOOKED_UP = 1000  # the kinds (dates) of at most this many figures (documents) are looked up by IRI, else all read


@dataclass(frozen=True)
class Figure:
    iri: str
    subject: str
    company: str
    metric: str
    metric_label: str
    period: str
    period_label: str
    period_end: date | None
    value: float
    minimum: float | None
    maximum: float | None
    unit: str
    text: str
    source: str
    start: int
    document: str
    as_of: date | None  # when its document was written: the end of its call's period, or its date
    forecast: bool  # stated by a forecast (guidance, or another kind under forecast)
    headline: bool  # its metric said in the metric's own words, after modifiers alone (or in none of the text's own)
    metric_words: str  # the text's own words for its metric, lower case ("" for none)
    call_company: str | None  # the company whose call its document records or reports, if any
    change: bool  # it states how much a metric moved (`Words.is_change`), not the metric's level
    unspecific: bool = False  # what it measures is not told: a metric that names no kind, a multiple, an amount per
    # share under a total's metric (`Words`)
    call: str | None = None  # the call its document records or reports, if any
    transcript: bool = False  # its document is a call's transcript
    asked: bool = False  # said in an analyst's question (a call's turn that asks): the analyst's, not the company's
    part: bool = False  # its metric's words name a part of the company or another thing (`Words.names_part`,
    # `Words.names_another_amount`)
    basis: str | None = None  # the basis its metric's words say: GAAP or adjusted (`Words.basis`), None for none
    call_period: str | None = None  # the label of the period of the call its document records or reports, if any
    excludes: bool = False  # its metric's words say what it leaves out ("revenue excluding float": `Words.excludes`)
    target: bool = False  # its metric's words say it is what the company aims at ("operating margin target")

    def says_like(self, other: Figure) -> bool:
        """Whether the two are the same measure said alike: both headline figures, or the same words for their
        metric ("cloud revenue" is not compared with "revenue"), in documents of one company's calls (or of none)."""
        same_words = self.headline and other.headline or self.metric_words == other.metric_words
        return same_words and self.on_one_basis(other) and self.of_one_company(other)

    def reports_like(self, guidance: Figure) -> bool:
        """Whether this figure can be the result of the guidance: the company's headline figure, or said in the
        guidance's own words ("total revenue ... sequential" is reported as "revenue"; "cloud revenue" as
        "cloud revenue"), in documents of one company's calls (or of none). Rule: guidance whose words leave
        something out and say no basis ("total revenue excluding float of $408 to $414 million", "margins
        excluding restructuring costs") is reported only in its own words: the headline figure includes what
        it leaves out. (Adjusted guidance leaves out one-time items: "adjusted EPS excluding restructuring
        charges" is reported as "adjusted EPS".)"""
        headline = self.headline and not (guidance.excludes and guidance.basis is None)
        return (headline or self.metric_words == guidance.metric_words) and self.on_one_basis(guidance) \
            and self.of_one_company(guidance)

    def on_one_basis(self, other: Figure) -> bool:
        """Whether the two are not said on two bases ("GAAP EPS" is not "adjusted EPS"; "EPS" may be either)."""
        return self.basis is None or other.basis is None or self.basis == other.basis

    def one_source(self, other: Figure) -> bool:
        """Whether the two documents are one source: transcripts of one call (a call the corpus holds twice)."""
        return self.transcript and other.transcript and self.call is not None and self.call == other.call

    def of_one_company(self, other: Figure) -> bool:
        """Whether the two documents are one company's calls, or either is no call's."""
        return self.call_company is None or other.call_company is None or self.call_company == other.call_company

    @property
    def comparable(self) -> bool:
        """Whether the figure can be compared with another document's: not a change, not `unspecific` ("cost",
        "spending", "17 times EBITDA": two such figures need not measure one thing), no range over twice its low
        end ("annual sales ranging from $1.6 billion to $9 billion": several things' figures, not one's) and,
        in a call, about the company whose call it is (not "GAAP", "U.S." or another company the call names), not
        said in an analyst's question and not of a part of the company or another thing that its words name
        (`part`: "conferences revenue", "common stock": the row would name the company's metric)."""
        return not self.change and not self.unspecific and not self.wide and not self.asked and not self.part \
            and (self.call_company is None or self.subject == self.call_company)

    @property
    def reporting(self) -> bool:
        """Whether its document was written in the REPORTING_WINDOW after its period ended."""
        return self.as_of is not None and self.period_end is not None \
            and self.period_end <= self.as_of <= self.period_end + REPORTING_WINDOW

    @property
    def wide(self) -> bool:
        return self.minimum is not None and self.maximum is not None and 0 < 2 * self.minimum < self.maximum

    @property
    def forward(self) -> bool:
        """Whether the figure looks ahead: a forecast states it, or its document was written before its period
        ended (a target or plan no forecast claim holds: "to add $3 billion in sales by 2026")."""
        return self.forecast or bool(self.said_before_the_end)

    @property
    def said_before_the_end(self) -> bool | None:
        """Whether it was said before its period ended: by its document's date, else by the labels of its period
        and of the call its document records ("Q2 FY2025" ends after "Q1 FY2025": where the graph knows no dates
        of a fiscal calendar); None when neither tells."""
        if self.as_of is not None and self.period_end is not None:
            return self.as_of < self.period_end
        ends = _end_index(self.period_label), _end_index(self.call_period or "")
        return ends[0][1] > ends[1][1] if None not in ends and ends[0][0] == ends[1][0] else None

    @property
    def group(self) -> tuple[str, str, str, str]:
        """What two figures must share to be compared: subject, metric, period and unit."""
        return self.subject, self.metric, self.period, self.unit

    @property
    def step(self) -> float:
        """The precision its words state: 0.01e9 for "$48.39 billion", 1 for "21%", 1e9 for "$16 billion"; of a
        range its finest number's: 0.01 for "$7 to $7.20"."""
        numbers = list(_NUMBER.finditer(self.text))
        written = float(numbers[0].group(0).replace(",", "")) if numbers else 0.0
        if not written or not self.value:
            return 0.0
        scale = 10.0 ** round(math.log10(abs(self.value / written)))  # the scale word's: 1e9 for "billion"
        return scale * 10.0 ** -max(len(m.group(1) or "") for m in numbers)


@dataclass(frozen=True)
class Words:
    """What the store's ontology graph says figures are compared with (`words`)."""
    forecasts: frozenset[str]  # the claim kinds that are forecasts: forecast and every kind under it
    metric_words: dict[str, frozenset[str]]  # each metric's own words (its labels, lower case) by its IRI
    ratios: frozenset[str]  # the metrics that are a percentage themselves (margins, tax rates)
    changes: frozenset[str]  # the metrics that measure a change of another ("revenue growth")
    unspecific: frozenset[str] = frozenset()  # the metrics of figures whose words name no kind (kg:UnspecificMetric)
    modifiers: frozenset[str] = frozenset()  # words before a metric that name no part of it: "total", "expect", "Q4"
    bases: dict[str, str] = field(default_factory=dict)  # the basis (a concept) each of its words says: "gaap"
    loose: frozenset[str] = frozenset()  # metric words that name other amounts as often: "stock", "units"
    other_amounts: frozenset[str] = frozenset()  # nouns after a metric's words that name another amount: "savings"
    per_unit: frozenset[str] = frozenset()  # the metrics of an amount per share or unit: EPS, share price, ARPU
    exclusions: frozenset[str] = frozenset()  # words that leave something out of a measure: "excluding", "absent"
    targets: frozenset[str] = frozenset()  # nouns that make an amount a target's value: "target", "goal"
    totals: frozenset[str] = frozenset()  # the metrics whose company figure is the sum of its parts' (kg:Total)

    def excludes(self, said: str) -> bool:
        """Whether a metric's words `said` leave something out ("revenue excluding float", "margin absent the
        charge": lex:metric-exclusions)."""
        padded = f" {said} "
        return any(f" {word} " in padded for word in self.exclusions)

    def adjusted_for(self, said: str) -> str:
        """A metric's words `said` on a basis, without what they say the measure leaves out: an adjusted
        measure's exclusions are what adjusts it ("adjusted operating margin excluding intangible asset
        amortization" is the adjusted operating margin); other words unchanged."""
        if self.basis(said) is None:
            return said
        tokens = said.split()
        cut = next((i for i, word in enumerate(tokens) if word in self.exclusions), len(tokens))
        return " ".join(tokens[:cut]) or said

    def aims(self, said: str) -> bool:
        """Whether a metric's words `said` make the figure a target's value ("operating margin target", "sales
        goal": lex:target-nouns)."""
        return any(word in self.targets for word in said.split())

    def basis(self, said: str) -> str | None:
        """The basis the words say: that of their first word (or two) that says one ("GAAP EPS", "non-GAAP
        operating margin", "adjusted EBITDA"), None when none does."""
        tokens = said.split()
        for i in range(len(tokens)):
            for size in (2, 1):
                if " ".join(tokens[i:i + size]) in self.bases:
                    return self.bases[" ".join(tokens[i:i + size])]
        return None

    @cached_property
    def metric_tokens(self) -> frozenset[str]:
        """Every word of a metric's words ("ebitda", "pre-tax", "interest")."""
        return frozenset(word for forms in self.metric_words.values() for form in forms for word in form.split())

    def names_part(self, metric: str, said: str, subject: str = "") -> bool:
        """Whether the words `said` for a figure of `metric` name a part of the company or another thing before
        the metric's own words: a word stands before them that is no modifier ("total", "adjusted", "full
        year"), no period's ("fy25"), no metric's ("EBITDA margin" is a margin), no word of the subject's name
        and no cue ("expect", "approximately"): "conferences revenue", "international revenue", "common stock"
        under share price; not "total revenue", "adjusted EBITDA margin", "Acme's EBITDA"."""
        tokens = said.split()
        labels, sizes = self._labels.get(metric, ((), ()))
        for i in range(len(tokens)):
            if any(tuple(tokens[i:i + size]) in labels for size in sizes):
                left = _PHRASES.sub(" ", " ".join(self._modifiers_removed(tokens[:i]))).split()
                named = set(subject.lower().split())
                return any(word not in self.metric_tokens and word not in named
                           and not all(piece in self.modifiers for piece in word.split("-")) for word in left)
        return False

    def names_another_amount(self, metric: str, said: str) -> bool:
        """Whether a noun after the metric's own words in `said` names another amount than the metric's
        (`other_amounts`: "ebit benefit", "revenue synergies", "revenue balance" of deferred revenue, "share
        repurchase authorization")."""
        tokens = said.split()
        end = self._label_end(metric, tokens)
        return end is not None and any(word in self.other_amounts for word in tokens[end:])

    def says_label(self, metric: str, said: str, subject: str = "") -> bool:
        """Whether `said` is the metric's own words after modifiers alone, as a headline figure is said ("total
        revenue", "consolidated operating margin", "full year EBIT"; not "cloud revenue", "revenue balance")."""
        tokens = said.split()
        return self._label_end(metric, tokens) == len(tokens) and not self.names_part(metric, said, subject)

    def _label_end(self, metric: str, tokens: list[str]) -> int | None:
        """Where the first of the metric's own words among `tokens` ends (the longest there), None for none."""
        labels, sizes = self._labels.get(metric, ((), ()))
        for i in range(len(tokens)):
            found = [size for size in sizes if i + size <= len(tokens) and tuple(tokens[i:i + size]) in labels]
            if found:
                return i + max(found)
        return None

    @cached_property
    def _labels(self) -> dict[str, tuple[frozenset[tuple[str, ...]], tuple[int, ...]]]:
        """Each metric's words as tuples of words, and their lengths."""
        return {metric: (frozenset(tuple(form.split()) for form in forms), tuple({len(form.split()) for form in forms}))
                for metric, forms in self.metric_words.items()}

    @cached_property
    def _longest_modifier(self) -> int:
        return max((len(m.split()) for m in self.modifiers), default=1)

    def _modifiers_removed(self, tokens: list[str]) -> list[str]:
        """The tokens less the modifiers among them, longest first ("total company", then "total")."""
        kept, i = [], 0
        while i < len(tokens):
            size = next((n for n in range(min(self._longest_modifier, len(tokens) - i), 0, -1)
                         if " ".join(tokens[i:i + n]) in self.modifiers), 0)
            if size:
                i += size
            else:
                kept.append(tokens[i])
                i += 1
        return kept

    def is_unspecific(self, metric: str, unit: str, said: str = "") -> bool:
        """Whether a figure of `metric` in `unit` does not tell what it measures: its metric is unspecific, it is
        a multiple of a metric that is no ratio ("17 times EBITDA": a valuation or a leverage), or it is said only
        in loose words (`said`: its metric's words, or its label where it is said in it; "$100 million of stock"
        is no share price, "$3 billion of cash flow from our homebuilding operations" no cash balance)."""
        return metric in self.unspecific or unit == "times" and metric not in self.ratios or said in self.loose

    def is_per_unit_amount(self, metric: str, unit: str, value: float) -> bool:
        """Whether a figure is an amount of money below SMALL_MONEY under a metric that is no amount per share or
        unit (`per_unit`): no company's total is that small, so it is a per-share or per-unit amount said beside
        one ("net income of $393 million, or $3.15 per diluted share", "operating costs of $4.95 per barrel")."""
        return _is_currency(unit) and abs(value) < SMALL_MONEY and metric not in self.per_unit

    def is_change(self, metric: str, unit: str, direction: str | None = None) -> bool:
        """Whether a figure of `metric` in `unit` states a change: one said with a direction ("increase earnings
        by $20 million", "pay down $2.6 billion of debt"), a change metric's, in points or basis points, or a
        percent of a metric that is no ratio ("revenue up 12%")."""
        return direction is not None or metric in self.changes or unit in ("points", "basis points") \
            or unit == "percent" and metric not in self.ratios


def _is_currency(unit: str) -> bool:
    """Whether a figure's unit is a currency (its ISO 4217 code: "USD", "EUR")."""
    return len(unit) == 3 and unit.isalpha() and unit.isupper()


def _end_index(label: str) -> tuple[bool, int] | None:
    """Whether a period's label is fiscal, and the index of its last quarter ("Q2 FY2025": fiscal, 2025 * 4 + 2;
    "H1 2025": 2025 * 4 + 2; "2025": 2025 * 4 + 4); None for another label."""
    m = _PERIOD_LABEL.fullmatch(label)
    if m is None:
        return None
    quarter = 4 if not m["part"] else int(m["n"]) * (2 if m["part"] == "H" else 1)
    return bool(m["fiscal"]), int(m["year"]) * 4 + quarter


def words(store: Store) -> Words:
    """The `Words` figures are compared with, read from the store's ontology graph, as ingestion wrote the
    lexicon there."""
    query = _library("_figure-words", "concept")
    roles: dict[str, set[str]] = {"forecast": set(), "ratio": set(), "change": set(), "unspecific": set(),
                                  "total": set()}
    metric_words: dict[str, set[str]] = {}
    for row in query.run(store, {}).dicts():
        if str(row["role"]) in roles:
            roles[str(row["role"])].add(str(row["concept"]))
        else:
            metric_words.setdefault(str(row["concept"]), set()).add(str(row["word"]).lower().strip())
    bases = {form: term.concept for term in lexicon.load().terms(lexicon.METRIC_BASES) for form in term.forms}
    modifiers = frozenset(bases).union(*(lexicon.words(scheme) for scheme in (
        lexicon.METRIC_MODIFIERS, lexicon.PERIOD_NOUNS, lexicon.PERIOD_FILLERS, lexicon.FORECAST_CUES,
        lexicon.RESULT_VERBS, lexicon.PLAN_CUES, lexicon.AMOUNT_LEAD_INS, lexicon.DEGREE_ADVERBS)))
    per_unit_words = lexicon.words(PER_UNIT_WORDS)
    per_unit = frozenset(metric for metric, forms in metric_words.items()
                         if any(per_unit_words.intersection(form.split()) for form in forms))
    return Words(frozenset(roles["forecast"]), {metric: frozenset(forms) for metric, forms in metric_words.items()},
                 frozenset(roles["ratio"]), frozenset(roles["change"]), frozenset(roles["unspecific"]), modifiers,
                 bases, lexicon.words(lexicon.LOOSE_METRIC_WORDS), lexicon.words(lexicon.OTHER_AMOUNT_NOUNS), per_unit,
                 lexicon.words(lexicon.METRIC_EXCLUSIONS), lexicon.words(lexicon.TARGET_NOUNS),
                 frozenset(roles["total"]))


def _number(term: Node | None) -> float | None:
    if term is None:
        return None
    value = term.toPython() if isinstance(term, Literal) else None
    return float(value) if isinstance(value, int | float | Decimal) else None


def _date(term: Node | None) -> date | None:
    value = term.toPython() if isinstance(term, Literal) else None
    return value if isinstance(value, date) else None


def read(store: Store, rows: list[dict[str, Node | None]]) -> list[Figure]:
    """The figures of `_figures-compared`'s rows, in the rows' order, with the kinds of the claims stating them,
    when their documents were written and their analysts' questions, looked up in `store`."""
    first: dict[str, dict[str, Node | None]] = {}
    for row in rows:
        first.setdefault(str(row["figure"]), row)
    known = words(store)
    kinds: dict[str, set[str]] = {}
    for row in _rows_of(store, "_figure-kinds", "figure", {row["figure"] for row in first.values()}):
        kinds.setdefault(str(row["figure"]), set()).add(str(row["kind"]))
    written, companies, calls, transcripts = {}, {}, {}, set()
    for row in _rows_of(store, "_documents-dated", "document", {row["document"] for row in first.values()}):
        written[str(row["document"])] = _date(row.get("asOf"))
        companies[str(row["document"])] = row.get("company") and str(row["company"])
        calls[str(row["document"])] = row.get("event") and str(row["event"])
        if row.get("transcript") is not None:
            transcripts.add(str(row["document"]))
    call_periods = {str(row["document"]): str(row["callPeriod"]) for row in _rows_of(
        store, "_figure-call-periods", "document", {row["document"] for row in first.values()})}
    questions: dict[str, list[tuple[int, int]]] = {}
    for row in _rows_of(store, "_figure-asked", "document", {row["document"] for row in first.values()}):
        questions.setdefault(str(row["document"]), []).append((int(_number(row["begin"])), int(_number(row["end"]))))
    figures = []
    for iri, row in first.items():
        metric, metric_text = str(row["metric"]), row.get("metricText")
        said = str(metric_text or "").lower().strip()
        kept = known.adjusted_for(said)
        headline = metric_text is None or kept in known.metric_words.get(metric, ()) \
            or known.says_label(metric, kept, str(row["subjectName"]))
        start = int(_number(row["start"]))
        figures.append(Figure(
            iri, str(row["subject"]), str(row["subjectName"]), metric, str(row.get("metricLabel") or metric),
            str(row["period"]), str(row["periodLabel"]), _date(row.get("periodEnd")), _number(row["value"]),
            _number(row.get("min")), _number(row.get("max")), str(row["unit"]), str(row["text"]), str(row["source"]),
            start, str(row["document"]), written.get(str(row["document"])),
            bool(kinds.get(iri, set()) & known.forecasts), headline, said,
            companies.get(str(row["document"])), _is_change(known, row),
            known.is_unspecific(metric, str(row["unit"]), said or str(row.get("metricLabel") or "").lower())
            or known.is_per_unit_amount(metric, str(row["unit"]), _number(row["value"])),
            calls.get(str(row["document"])), str(row["document"]) in transcripts,
            any(begin <= start < end for begin, end in questions.get(str(row["document"]), ())),
            known.names_part(metric, said, str(row["subjectName"])) or known.names_another_amount(metric, said),
            known.basis(said),
            call_periods.get(str(row["document"])), known.excludes(said), known.aims(said)))
    first_question = {document: min(spans)[0] for document, spans in questions.items()}
    return _parts_of_totals(figures, known.totals, first_question)


def _parts_of_totals(figures: list[Figure], totals: frozenset[str], first_question: dict[str, int]) -> list[Figure]:
    """Rule: a figure of a total (`Words.totals`: revenue) below PART_SHARE of the result its subject reported for
    the metric, period and unit is a part's, whose name its sentence did not say ("the business reached $1 billion
    in revenue" in a call whose company reported $33 billion for the year: a product line's). The reported result
    is the largest said in the documents written in the REPORTING_WINDOW after the period ended, before their
    first analyst's question (the prepared remarks report); of a quarter, not one about a year's worth of another
    (YEAR_IN_QUARTERS times it: a year's revenue filed under the quarter, "capacity to support $30 billion of
    revenue")."""
    candidates: dict[tuple[str, str, str, str], list[float]] = {}
    for figure in figures:
        if figure.metric in totals and figure.reporting and not figure.forward and not figure.change \
                and not figure.part and figure.value > 0 and figure.minimum is None and figure.maximum is None \
                and figure.start < first_question.get(figure.document, math.inf):
            candidates.setdefault(figure.group, []).append(figure.value)
    quarters = {f.group for f in figures if f.period_label.startswith("Q")}
    low, high = YEAR_IN_QUARTERS
    reported = {group: max([v for v in said if group not in quarters or not any(low <= v / w <= high for w in said)]
                           or said) for group, said in candidates.items()}
    return [replace(figure, part=True) if figure.metric in totals
            and 0 < figure.value < PART_SHARE * reported.get(figure.group, 0.0) else figure for figure in figures]


def _is_change(known: Words, row: dict[str, Node | None]) -> bool:
    direction = row.get("direction")
    return known.is_change(str(row["metric"]), str(row["unit"]), None if direction is None else str(direction))


def _rows_of(store: Store, name: str, variable: str, iris: set) -> list[dict[str, Node | None]]:
    """The rows of the library query `name` for `iris` (a `VALUES ?variable` block), or for all when there are
    more than LOOKED_UP (then reading all is faster than looking each up); none for none."""
    if not iris:
        return []
    query = _library(name, variable)
    named = {variable: sorted(iris)} if len(iris) <= LOOKED_UP else {}
    return query.run(store, {}, named=named).dicts()


@lru_cache(maxsize=None)
def _library(name: str, variable: str) -> NamedQuery:
    text = (resources.queries_dir() / f"{name}.rq").read_text(encoding="utf-8")
    return NamedQuery(name, "", {}, prefixes() + text, (("entity", variable, variable),))


def result(columns: list[str], rows: list[dict]) -> QueryResult:
    """Rows (plain values, None for none) as a SELECT's result, each value a typed literal."""
    return QueryResult("select", columns, [tuple(None if row.get(c) is None else Literal(row[c]) for c in columns)
                                           for row in rows])
