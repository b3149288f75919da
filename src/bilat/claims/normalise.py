"""Numbers and money as text writes them, normalised.

``parse_number("5,000")`` is 5000.0, ``parse_number("two dozen")`` 24.0;
``find_money`` finds "$450 million", "300 million euros", "Rs 5,000 crore",
"€1.2bn", "1.6 billion dollars" and "8-10 million dollars" and returns each
as a :class:`Money` with its ISO 4217 code and the amount in units of that
currency. Every word list comes from ``data/currencies.yaml`` and
``data/claims.yaml``; only official pegs there are used to compare
currencies (:func:`comparable_amounts`), never market rates.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..datafiles import read_validated_mapping

DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_RANGE_SEP = r"\s?(?:-|–|to)\s?"


def _alt(words: Any) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@dataclass(frozen=True)
class Money:
    start: int                 # character offsets in the text searched
    end: int
    text: str
    currency: str              # ISO 4217
    amount: float              # in units of the currency
    amount_max: float | None = None   # upper end of a range


@dataclass(frozen=True)
class CurrencyTables:
    symbol_to_code: dict[str, str]     # exact-case symbols ("$", "US$", "Rs", "EUR")
    word_to_code: dict[str, str]       # lower-case words ("euros", "indian rupees")
    scales: dict[str, float]           # lower-case scale words
    units: frozenset[str]
    pegs: dict[tuple[str, str], float]  # (code, per) -> units of code per one unit of per
    prefix: re.Pattern[str]
    suffix: re.Pattern[str]


def _symbol_forms(symbol: str) -> set[str]:
    """Alphabetic symbols match as written in capitals or title case ("USD", "Rs"), never as
    ordinary lower-case words ("try", "rub")."""
    if not any(ch.isalpha() for ch in symbol):
        return {symbol}
    return {symbol.upper(), symbol[:1].upper() + symbol[1:]}


@lru_cache(maxsize=1)
def currency_tables() -> CurrencyTables:
    data = read_validated_mapping("currencies.yaml")
    symbols: dict[str, str] = {}
    words: dict[str, str] = {}
    for cur in data["currencies"]:
        for sym in cur["symbols"]:
            for form in _symbol_forms(sym):
                symbols.setdefault(form, cur["code"])
        for word in cur["words"]:
            words.setdefault(word.lower(), cur["code"])
    scales = {k.lower(): float(v) for k, v in data["scales"].items()}
    pegs = {(r["code"], r["per"]): float(r["rate"]) for r in data["fixed_rates"]}
    scale = rf"(?:\s?(?P<scale>(?i:{_alt(scales)}))(?![A-Za-z]))?"
    number = rf"(?P<num>{DIGITS})(?:{_RANGE_SEP}(?P<num2>{DIGITS}))?"
    sym_alt = _alt(symbols)
    prefix = re.compile(rf"(?<![\w$€£¥₹])(?P<sym>{sym_alt})\s?{number}{scale}")
    suffix = re.compile(rf"(?<![\w.,\-/]){number}{scale}\s+(?P<word>(?i:{_alt(words)})|{_alt(s for s in symbols if s.isupper())})\b")
    return CurrencyTables(symbols, words, scales, frozenset(u.lower() for u in data["units"]), pegs, prefix, suffix)


@dataclass(frozen=True)
class NumberWords:
    words: dict[str, float]
    pattern: re.Pattern[str]


@lru_cache(maxsize=1)
def number_words() -> NumberWords:
    data = read_validated_mapping("claims.yaml")["number_words"]
    words = {k.lower(): float(v) for k, v in data.items()}
    units = [w for w in words if " " not in w and words[w] < 100 and w != "dozen"]
    tens = [w for w in units if words[w] >= 20 and words[w] % 10 == 0]
    ones = [w for w in units if words[w] < 10]
    compound = rf"(?:{_alt(tens)})-(?:{_alt(ones)})"
    single = rf"{compound}|{_alt(words)}"
    pattern = re.compile(rf"(?i)\b(?:(?P<mult>{single})\s+dozen|(?P<word>{single}))\b")
    return NumberWords(words, pattern)


def parse_number(text: str) -> float | None:
    """Digits ("5,000", "5.43"), number words ("twelve", "twenty-four", "a dozen", "two dozen")."""
    t = text.strip().lower()
    if not t:
        return None
    try:
        return float(t.replace(",", ""))
    except ValueError:
        pass
    words = number_words().words
    if t in words:
        return words[t]
    if t.endswith(" dozen"):
        base = parse_number(t[: -len(" dozen")])
        return base * 12 if base is not None else None
    if "-" in t:
        head, _, tail = t.partition("-")
        if head in words and tail in words and words[tail] < 10 <= words[head]:
            return words[head] + words[tail]
    return None


def _amount(m: re.Match[str], group: str, scales: dict[str, float]) -> float | None:
    raw = m.group(group)
    if raw is None:
        return None
    value = parse_number(raw)
    scale = m.group("scale")
    if value is None:
        return None
    return value * scales[scale.lower()] if scale else value


def find_money(text: str) -> list[Money]:
    """Every amount of money in ``text``, leftmost first, overlaps resolved to the longer."""
    tables = currency_tables()
    found: list[Money] = []
    for m in tables.prefix.finditer(text):
        amount = _amount(m, "num", tables.scales)
        code = tables.symbol_to_code.get(m.group("sym"))
        if amount is not None and code:
            found.append(Money(m.start(), m.end(), m.group(0), code, amount, _amount(m, "num2", tables.scales)))
    for m in tables.suffix.finditer(text):
        amount = _amount(m, "num", tables.scales)
        word = m.group("word")
        code = tables.word_to_code.get(word.lower()) or tables.symbol_to_code.get(word)
        if amount is not None and code:
            found.append(Money(m.start(), m.end(), m.group(0), code, amount, _amount(m, "num2", tables.scales)))
    return _without_overlaps(found)


def _without_overlaps(found: list[Money]) -> list[Money]:
    found.sort(key=lambda mo: (mo.start, -(mo.end - mo.start)))
    out: list[Money] = []
    for mo in found:
        if out and mo.start < out[-1].end:
            if mo.end - mo.start > out[-1].end - out[-1].start:
                out[-1] = mo
            continue
        out.append(mo)
    return out


def comparable_amounts(a: tuple[str, float], b: tuple[str, float]) -> tuple[float, float] | None:
    """Two (currency, amount) pairs in one currency, through an official peg if needed;
    None when the currencies float against each other (not comparable)."""
    (ca, va), (cb, vb) = a, b
    if ca == cb:
        return va, vb
    pegs = currency_tables().pegs
    to_base: dict[str, tuple[str, float]] = {}
    for code, amount in ((ca, va), (cb, vb)):
        base = next(((per, rate) for (c, per), rate in pegs.items() if c == code), None)
        to_base[code] = (base[0], amount / base[1]) if base else (code, amount)
    (ba, xa), (bb, xb) = to_base[ca], to_base[cb]
    return (xa, xb) if ba == bb else None


def is_unit(word: str) -> bool:
    """"mm", "km", "per", "years": a measure or a span of time, not a count of things."""
    return word.lower() in currency_tables().units
