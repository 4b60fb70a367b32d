"""Amounts in text: "$60-65 billion", "between $114 billion and $119 billion", "21%", "one billion users",
"100 million-plus", normalised to numbers with a unit. Pure functions over a string and the lexicon."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Iterator

from kg import lexicon
from kg.rdf.namespaces import LEX


@dataclass(frozen=True)
class Amount:
    start: int
    end: int
    text: str
    value: float
    unit: str  # ISO 4217 code, "percent", "points", "basis points", or a counted noun
    minimum: float | None = None
    maximum: float | None = None
    currency: str | None = None
    bound: str | None = None  # "at least", "at most", "about"


@dataclass(frozen=True)
class NumberWords:
    """The lexicon the parser needs, compiled to regular expressions."""

    scales: dict[str, float]
    numbers: dict[str, float]
    symbols: dict[str, str]  # "$" -> "USD"
    currency_words: dict[str, str]  # "dollars" -> "USD"
    counted: dict[str, str]  # "users" -> "users" (the noun as the unit)
    bounds: dict[str, str]  # "more than" -> "at least"
    signs: dict[str, float]  # "negative" -> -1
    tolerance_between: re.Pattern  # the words between an amount and its tolerance: ", plus or minus "
    minor_units: dict[str, float]  # "cents" -> 0.01: a tolerance's word of a hundredth of the currency
    minor_unit_after: re.Pattern  # such a word right after a tolerance's number: "(plus or minus 10) cents"
    amount: re.Pattern
    number_start: re.Pattern  # where a number can begin: a run of digits or a number word
    lead: int  # how far before a number an amount can begin (a symbol, a space, a decimal point)
    after_counted: re.Pattern
    after_money: re.Pattern
    after_currency_word: re.Pattern
    bound_before: re.Pattern
    range_from: re.Pattern  # "from" after a range word, ending right before an amount: "range from ($6.65 to $6.70)"
    range_of: re.Pattern  # "of" after a range word, ending right before an amount: "range of ($550 and $570 million)"
    between: re.Pattern  # "between", perhaps with an estimate word, right before an amount: "between about ($5 and $6)"
    per_share: re.Pattern  # "per share" and its likes opening a range's gap: "$3.73 (per share) to $3.93"
    sign_before: re.Pattern
    sign_endings: tuple[str, ...]
    ratio_before: re.Pattern  # a number and a ratio word right before an amount: "one out of every (3 units)"
    ratio_endings: tuple[str, ...]
    decades: dict[str, tuple[float, float]]  # "mid" -> (3, 7): what a position within a ten adds to each end
    decade_before: re.Pattern  # such a word right before an amount: "the (mid) 20% range"


def _alternation(forms) -> str:
    return "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))


@lru_cache(maxsize=1)
def number_words() -> NumberWords:
    vocab = lexicon.load()
    scales = {f: float(t.props["multiplier"]) for t in vocab.terms(lexicon.SCALE_WORDS) for f in t.forms}
    numbers = {f: float(t.props["value"]) for t in vocab.terms(lexicon.NUMBER_WORDS) for f in t.forms}
    symbols, currency_words = {}, {}
    for term in vocab.terms(lexicon.CURRENCIES):
        for form in term.forms:
            # a symbol ("$", "us$", "€") goes before the number; words ("dollars", "u.s. dollars") after it
            is_symbol = " " not in form and not form.replace(".", "").isalpha()
            (symbols if is_symbol else currency_words)[form] = str(term.props["isoCode"])
    counted = {f: t.label for t in vocab.terms(lexicon.COUNTED_NOUNS) for f in t.forms}
    money = frozenset(vocab.forms(lexicon.MONEY_NOUNS))
    bounds = {f: t.label for t in vocab.terms(lexicon.BOUND_WORDS) for f in t.forms}
    signs = {f: float(t.props["value"]) for t in vocab.terms(lexicon.SIGN_WORDS) for f in t.forms}
    minor_units = {f: float(t.props["value"]) for t in vocab.terms(lexicon.TOLERANCE_MINOR_UNITS) for f in t.forms}
    decades = {f: (float(t.props["lowEnd"]), float(t.props["highEnd"]))
               for t in vocab.terms(lexicon.DECADE_POSITIONS) for f in t.forms}
    per_share = next(t.forms for t in vocab.terms(lexicon.METRIC_QUALIFIERS) if t.concept == str(LEX["per-share"]))
    word_scales = [s for s in scales if len(s) > 2]
    short_scales = [s for s in scales if len(s) <= 2]
    number = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
    amount = re.compile(
        rf"(?P<sym>{_alternation(symbols)})?\s?"
        # a number not glued to letters or digits before it ("Q1", "H100", "A320" are names, not amounts)
        rf"(?<![A-Za-z0-9_.])(?P<num>{number}|\b(?:{_alternation(numbers)})\b)"
        # a scale word ("billion") after a space, or a short one glued to the digits ("$65B", "$6bn")
        rf"(?:\s?(?P<scale>(?:{_alternation(word_scales)})\b)|(?P<short>(?:{_alternation(short_scales)}))\b)?",
        re.I,
    )
    return NumberWords(
        scales=scales, numbers=numbers, symbols=symbols, currency_words=currency_words, counted=counted,
        bounds=bounds, signs=signs, amount=amount,
        # '..., plus or minus', and '76% and 77%, respectively, plus or minus' (the tolerance of each: `respectively`)
        tolerance_between=re.compile(rf"\s*,?\s*(?P<respectively>respectively\s*,?\s*)?"
                                     rf"(?:{_alternation(vocab.forms(lexicon.TOLERANCE_WORDS))})\s*", re.I),
        minor_units=minor_units, minor_unit_after=re.compile(rf"\s?(?P<word>{_alternation(minor_units)})\b", re.I),
        number_start=re.compile(rf"\d+|\b(?:{_alternation(numbers)})\b", re.I),
        lead=max(map(len, symbols), default=0) + 2,
        # up to two modifiers, then a counted noun: "3.35 billion daily active users"
        after_counted=re.compile(rf"\s+(?:[a-z][\w-]*\s+){{0,2}}?(?P<noun>{_alternation(counted)})\b", re.I),
        # a money noun within a few words: "6 million in training costs", "100 million-plus price tag"
        after_money=re.compile(
            rf"(?:\s+|\s*-\s*)(?:[a-z][\w-]*\s+){{0,2}}(?P<noun>{_alternation(money)})\b", re.I),
        after_currency_word=re.compile(rf"\s+(?P<word>{_alternation(currency_words)})\b", re.I),
        # a bound word ending right before the amount (word forms on a word boundary, symbols anywhere)
        bound_before=re.compile(rf"(?:(?<![\w-])(?P<bound>{_alternation(bounds)}))\s*$", re.I),
        range_from=re.compile(rf"(?<![\w-])(?:{_alternation(vocab.forms(lexicon.RANGE_WORDS))})\s+from\s*$", re.I),
        range_of=re.compile(rf"(?<![\w-])(?:{_alternation(vocab.forms(lexicon.RANGE_WORDS))})\s+of\s*$", re.I),
        per_share=re.compile(rf"\s(?:{_alternation(per_share)})", re.I),
        between=re.compile(rf"(?<![\w-])between(?:\s+(?:{_alternation(f for f, b in bounds.items() if b == 'about')}))?"
                           rf"\s*$", re.I),
        sign_before=re.compile(rf"(?<![\w-])(?P<sign>{_alternation(signs)})\s*$", re.I),
        sign_endings=tuple(signs),
        ratio_before=re.compile(rf"(?<![\w.,-])(?P<num>{number}|\b(?:{_alternation(numbers)}))\s+"
                                rf"(?:{_alternation(vocab.forms(lexicon.RATIO_WORDS))})\s+$", re.I),
        ratio_endings=tuple(vocab.forms(lexicon.RATIO_WORDS)),
        decades=decades, decade_before=re.compile(rf"(?<![\w-])(?P<position>{_alternation(decades)})[\s-]*$", re.I),
    )


def _number(raw: str, words: NumberWords) -> float:
    raw = raw.lower()
    return words.numbers[raw] if raw in words.numbers else float(raw.replace(",", ""))


def _scale(m: re.Match, words: NumberWords) -> float | None:
    raw = m.group("scale") or m.group("short")
    return words.scales[raw.lower()] if raw else None


_RANGE_JOIN = re.compile(r"(?:%|\s?percent)?\s?(?:-|to|up to|and)\s?", re.I)  # "46% and 47%", "$3.90 up to $4.30"
_STRAY_STOP = re.compile(r"\.(?= (?:to|and) )")  # speech to text closes a range's first end: "$11.05. to $11.45"
_PERCENT = re.compile(r"\s?(?P<unit>%|percent\b|per cent\b|percentage points?\b|basis points?\b|bps\b|points?\b)", re.I)
_TIMES = re.compile(r"(?:x\b|\s?times\b)", re.I)  # a multiple: "10x", "4.3 times"
_PLUS = re.compile(r"(?:-plus\b|\+)")
_UNIT_OF_PERCENT = {"%": "percent", "percent": "percent", "per cent": "percent", "bps": "basis points"}


def _percent_unit(raw: str) -> str:
    raw = raw.lower()
    if raw in _UNIT_OF_PERCENT:
        return _UNIT_OF_PERCENT[raw]
    return "basis points" if raw.startswith("basis") else "points"


def find_amounts(text: str, default_currency: str = "USD") -> list[Amount]:
    """Every amount with a unit. Numbers without one (years, 'Llama 4', dates) are not amounts."""
    words = number_words()
    matches = list(_amount_matches(text, words))
    out: list[Amount] = []
    k = 0
    while k < len(matches):
        first = matches[k]
        second = matches[k + 1] if k + 1 < len(matches) else None
        gap = text[first.end():second.start()] if second is not None else ""
        # "$3.73 per share to $3.93 per share", "$4.17 billion dollars to $4.53 billion": one range each
        said_after = words.per_share.match(gap) or words.after_currency_word.match(gap) if first.group("sym") else \
            words.per_share.match(gap)
        gap = gap[said_after.end():] if said_after else gap
        gap = _STRAY_STOP.sub("", gap, count=1) if _STRAY_STOP.match(gap) else gap
        cents = _dollars_and_cents(text, first, second, gap, words, default_currency)
        if cents is not None:
            out.append(cents)
            k += 2
            continue
        joined = second is not None and _RANGE_JOIN.fullmatch(gap) is not None
        joiner = re.sub(r"^(?:%|\s?percent)", "", gap, flags=re.I).strip().lower()
        if joined and joiner != gap.strip().lower():  # "46% and 47%": both ends in percent, neither money
            after = _PERCENT.match(text, second.end())
            joined = not second.group("sym") and after is not None and _percent_unit(after.group("unit")) == "percent"
        if joined and joiner == "and":  # "between (about) $5 and $6", "in the range of $550 and $570 million"
            before = text[max(0, first.start() - 40):first.start()]
            joined = words.between.search(before) is not None or words.range_of.search(before) is not None
        if joined and joiner in ("to", "up to"):  # "from $5 billion to $6 billion": a move, unless a range's
            before = text[max(0, first.start() - 20):first.start()]
            joined = not before.lower().strip().endswith("from") or words.range_from.search(before) is not None \
                or _former_range(text, out, first, words)
        last = second if joined else first
        amount = _with_unit(text, first, last if joined else None, words, default_currency)
        if joined and amount is not None and gap == "-" and _tens_and_units(first, second, words):
            amount = replace(amount, value=amount.minimum + amount.maximum, minimum=None, maximum=None)
        elif joined and amount is not None and _spoken_cents(first, second, words):
            amount = replace(amount, value=amount.value / 100, minimum=amount.minimum / 100)
        elif joined and amount is not None and amount.minimum > amount.maximum:
            joined = False  # '5.8% to 5%', '2023 to 22%': one amount and then another, not a range
            amount = _with_unit(text, first, None, words, default_currency)
        k += 2 if joined and amount is not None else 1
        if amount is not None and not joined and k < len(matches):
            tolerance = _tolerance(text, amount, matches[k], words, default_currency)
            if tolerance is not None:
                if words.tolerance_between.match(text, amount.end)["respectively"]:
                    spread = _with_unit(text, matches[k], None, words, default_currency)
                    _listed_tolerance(text, out, amount, spread)
                amount, k = tolerance, k + 1
        if amount is not None:
            out.append(_within_a_ten(text, amount, words))
    return out


DECADE = 10  # "the mid 20% range": a position within the ten from 20% to 30%


def _within_a_ten(text: str, amount: Amount, words: NumberWords) -> Amount:
    """Rule: a percentage of a round ten after a word of a position within it ('in the mid 20% range', 'low
    30%', 'mid-to-high 40%') is a range within that ten (23% to 27%, 30% to 33%, 43% to 50%), not that number."""
    if amount.unit != "percent" or amount.minimum is not None or amount.maximum is not None or amount.bound \
            or not 0 < amount.value < 100 or amount.value % DECADE:
        return amount
    m = words.decade_before.search(text, max(0, amount.start - 16), amount.start)
    if m is None:
        return amount
    low, high = words.decades[m.group("position").lower()]
    return replace(amount, start=m.start(), text=text[m.start():amount.end], value=amount.value + (low + high) / 2,
                   minimum=amount.value + low, maximum=amount.value + high)


def _tens_and_units(first: re.Match, second: re.Match, words: NumberWords) -> bool:
    """Rule: 'twenty-five' is one number, not a range from twenty to five."""
    tens, units = first.group("num"), second.group("num")
    return tens.isalpha() and units.isalpha() and not _scale(first, words) \
        and _number(tens, words) in (20, 30, 40, 50, 60, 70, 80, 90) and 1 <= _number(units, words) <= 9


_FROM = re.compile(r"\s+from\s*", re.I)
FORMER_RANGE_GAP = 16  # how far a range may end before the "from" of the range it replaces ("per share from")


def _former_range(text: str, out: list[Amount], first: re.Match, words: NumberWords) -> bool:
    """Rule: "from X to Y" right after a range is the range it replaces, not a move ('EPS is now expected at
    $3.40 to $3.50 from $3.30 to $3.50 before')."""
    previous = out[-1] if out else None
    if previous is None or previous.minimum is None:
        return False
    gap = text[previous.end:first.start()]
    said_after = words.per_share.match(gap)  # "$2.10 to $2.14 per share from $2.05 to $2.15 per share"
    return len(gap) <= FORMER_RANGE_GAP and _FROM.fullmatch(gap[said_after.end():] if said_after else gap) is not None


def _dollars_and_cents(text: str, first: re.Match, second: re.Match | None, gap: str, words: NumberWords,
                       default_currency: str) -> Amount | None:
    """Rule: whole dollars, 'and', and a number of cents below a hundred ("at least $28 and 40 cents", as speech
    to text writes $28.40) are one amount, not a range from 28 to 40; None for anything else."""
    if second is None or not first.group("sym") or gap.strip().lower() != "and" or second.group("sym") \
            or _scale(first, words) or _scale(second, words) or not second.group("num").isdigit() \
            or int(second.group("num")) >= 100 or "." in first.group("num"):
        return None
    unit = words.minor_unit_after.match(text, second.end())
    amount = _with_unit(text, first, None, words, default_currency)
    if unit is None or amount is None:
        return None
    value = amount.value + int(second.group("num")) * words.minor_units[unit.group("word").lower()]
    return replace(amount, end=unit.end(), text=text[amount.start:unit.end()], value=value,
                   minimum=value if amount.minimum is not None else None,
                   maximum=value if amount.maximum is not None else None)


def _spoken_cents(first: re.Match, second: re.Match, words: NumberWords) -> bool:
    """Rule: a range's first end written as bare digits before an end in dollars and cents ("between 177 and
    $1.87": speech to text writes "a dollar seventy-seven" so) is that many cents, when that makes a low end
    between half the high end and the high end."""
    low, high = first.group("num"), second.group("num")
    if first.group("sym") or _scale(first, words) or _scale(second, words) or not low.isdigit() \
            or not second.group("sym") or not re.fullmatch(r"\d+\.\d\d", high):
        return False
    return float(high) / 2 <= int(low) / 100 < float(high)


_LISTED = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+)")  # between the amounts of a list: ', ', ' and ', ', and '


def _listed_tolerance(text: str, out: list[Amount], last: Amount, spread: Amount | None) -> None:
    """Rule: a tolerance after 'respectively' is each listed amount's: 'gross margins of 76.3% and 77%,
    respectively, plus or minus 50 basis points' run from 75.8% to 76.8% and from 76.5% to 77.5%."""
    following = last
    for i in range(len(out) - 1, -1, -1):
        amount = out[i]
        width = _width(amount, spread)
        if width is None or amount.unit != last.unit or amount.minimum is not None or amount.maximum is not None \
                or not _LISTED.fullmatch(text, amount.end, following.start):
            return
        out[i] = replace(amount, minimum=amount.value - width, maximum=amount.value + width)
        following = amount


def _tolerance(text: str, amount: Amount, after: re.Match, words: NumberWords,
               default_currency: str) -> Amount | None:
    """Rule: 'plus or minus' and a second amount right after an amount make the second its tolerance: '$16
    billion, plus or minus 2%' runs from 2% under $16 billion to 2% over it; '75%, plus or minus 50 basis points'
    from 74.5% to 75.5%; '$5 billion, give or take $1 billion' from $4 to $6 billion."""
    if amount.minimum is not None or amount.maximum is not None or not words.tolerance_between.fullmatch(
            text, amount.end, after.start()):
        return None
    spread = _with_unit(text, after, None, words, default_currency)  # ("minus 2%" is -2%: its size counts)
    spread = spread or _minor_units(text, amount, after, words)
    width = _width(amount, spread)
    if width is None:
        return None
    return Amount(amount.start, spread.end, text[amount.start:spread.end], amount.value, amount.unit,
                  amount.value - width, amount.value + width, amount.currency, amount.bound)


def _minor_units(text: str, amount: Amount, after: re.Match, words: NumberWords) -> Amount | None:
    """Rule: a tolerance in cents of an amount of money ("$1.50, plus or minus 10 cents") is that many
    hundredths of the amount's currency (a number in cents is no amount by itself)."""
    unit = words.minor_unit_after.match(text, after.end())
    if amount.currency is None or unit is None or after.group("sym") or _scale(after, words):
        return None
    value = _number(after.group("num"), words) * words.minor_units[unit.group("word").lower()]
    return Amount(after.start(), unit.end(), text[after.start():unit.end()], value, amount.unit, currency=amount.currency)


def _width(amount: Amount, spread: Amount | None) -> float | None:
    """How far a tolerance (`spread`) reaches on each side of `amount`, in the amount's unit."""
    if spread is None or not spread.value:
        return None
    size = abs(spread.value)
    if spread.unit == amount.unit:
        return size
    if spread.unit == "percent":
        return abs(amount.value) * size / 100
    if amount.unit == "percent" and spread.unit in ("points", "basis points"):
        return size / 100 if spread.unit == "basis points" else size
    return None


def _amount_matches(text: str, words: NumberWords) -> Iterator[re.Match]:
    """The matches `words.amount.finditer(text)` gives, found faster: the pattern is tried only in the few
    characters before each place a number begins, since every amount holds one."""
    pos = 0
    for number in words.number_start.finditer(text):
        if number.start() < pos:
            continue
        for start in range(max(pos, number.start() - words.lead), number.start() + 1):
            m = words.amount.match(text, start)
            if m:
                yield m
                pos = m.end()
                break


def _with_unit(text: str, first: re.Match, second: re.Match | None, words: NumberWords,
               default_currency: str) -> Amount | None:
    """Rule: an amount needs a unit — a currency symbol or word, a percent sign, or a counted noun after it;
    a bare scaled number is money when a money noun follows ('6 million in training costs')."""
    last = second or first
    low = _number(first.group("num"), words)
    high = _number(last.group("num"), words) if second else None
    scale_low, scale_high = _scale(first, words), _scale(last, words) if second else None
    if second and scale_low is None:
        scale_low = scale_high  # "$60-65 billion": the scale of the second number applies to both
    low *= scale_low or 1.0
    if high is not None:
        high *= scale_high or 1.0
    symbol = first.group("sym") or last.group("sym")
    end = last.end()
    bound = None
    plus = _PLUS.match(text, end)
    if plus:
        end, bound = plus.end(), "at least"
    unit = currency = None
    percent = _PERCENT.match(text, end)
    if symbol:
        currency = unit = words.symbols[symbol.lower()]
    elif percent:
        unit = _percent_unit(percent.group("unit"))
        end = percent.end()
    elif _TIMES.match(text, end) and not first.group("num").isalpha():
        unit, end = "times", _TIMES.match(text, end).end()
    else:
        word = words.after_currency_word.match(text, end)
        counted = words.after_counted.match(text, end)
        money = words.after_money.match(text, end)
        if word:
            currency = unit = words.currency_words[word.group("word").lower()]
            end = word.end()
        elif counted and "\n" not in counted.group(0):
            unit = words.counted[counted.group("noun").lower()]
        elif money and (scale_low or bound) and "\n" not in money.group(0):
            currency = unit = default_currency
    if unit is None or (first.group("num").isalpha() and scale_low is None and unit != "percent"):
        return None  # "no one in the driver's seat": a number word counts with a scale ("one billion") or "%"
    start = first.start() + (len(first.group(0)) - len(first.group(0).lstrip()))
    ratio = _ratio_before(text, start, words)
    if ratio is not None and high is None and not currency:
        return Amount(ratio.start(), end, text[ratio.start():end], 100 * _number(ratio.group("num"), words) / low,
                      "percent")
    sign = _sign_before(text, start, words)
    if sign is not None:  # the sign is part of the amount's words: "negative $25 million"
        low, start = sign.factor * low, sign.start
    bound = bound or _bound_before(text, sign.start if sign else first.start(), words)
    value = low
    minimum = low if (high is not None or bound == "at least") else None
    maximum = high if high is not None else (low if bound == "at most" else None)
    return Amount(start, end, text[start:end], value, unit, minimum, maximum, currency, bound)


def _bound_before(text: str, start: int, words: NumberWords) -> str | None:
    """Rule: 'more than', 'over', 'about' ... right before the amount make it a bound or an estimate."""
    m = words.bound_before.search(text, max(0, start - 24), start)
    return words.bounds[m.group("bound").lower()] if m else None


@dataclass(frozen=True)
class Sign:
    start: int
    factor: float


def _sign_before(text: str, start: int, words: NumberWords) -> Sign | None:
    """Rule: 'negative' or 'minus' right before an amount gives its (first) number its sign ('around negative
    $25 million'; 'negative $5 million to $10 million' runs from -5 to 10 million)."""
    before = text[max(0, start - 12):start].rstrip().lower()
    if not before.endswith(words.sign_endings):
        return None  # (most amounts: a quick test before the pattern)
    m = words.sign_before.search(text, max(0, start - 12), start)
    return Sign(m.start(), words.signs[m.group("sign").lower()]) if m else None


def _ratio_before(text: str, start: int, words: NumberWords) -> re.Match | None:
    """Rule: a number and 'out of every', 'in' right before a count make the two a ratio ('one out of every 3
    units' is a third of the units, not 3 units)."""
    if start > 0 and text[start - 1] != " " or not text[max(0, start - 16):start].rstrip().lower().endswith(
            words.ratio_endings):
        return None  # (most amounts: a quick test before the pattern)
    return words.ratio_before.search(text, max(0, start - 40), start)
