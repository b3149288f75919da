"""Text keys for knowledge lookups: unified punctuation, folded accents, one spelling."""
from __future__ import annotations

import re
import unicodedata

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "‐": "-", "‑": "-", "–": "-", "—": "-"})
_SPACES = re.compile(r"\s+")
_EDGE_PUNCT = re.compile(r"^[\s\"'“”«»(\[]+|[\s\"'“”«»)\],.;:!?]+$")
_POSSESSIVE = re.compile(r"(?<=\w)'s?$")
_LEADING_WORDS = re.compile(
    r"^(?:(?:the|a|an|his|her|its|their|our|former|then|then-former|acting|late|incumbent|new|"
    r"newly appointed|h\.e\.|dr\.?|mr\.?|mrs\.?|ms\.?)\s+)+"
)
_SPELLING = ((re.compile(r"defense"), "defence"), (re.compile(r"(?<=[a-z])ization"), "isation"),
             (re.compile(r"(?<=[a-z])izing"), "ising"))
_ALNUM = re.compile(r"[a-z0-9]+")


def fold(text: str) -> str:
    """Strip diacritics: 'Zürich' -> 'Zurich'."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


def clean(text: str) -> str:
    """Unify apostrophes and dashes, collapse spaces, trim quotes and punctuation."""
    text = unicodedata.normalize("NFKC", text).translate(_APOSTROPHES)
    return _EDGE_PUNCT.sub("", _SPACES.sub(" ", text))


def strip_possessive(text: str) -> str:
    return _POSSESSIVE.sub("", text)


def is_exact_form(form: str) -> bool:
    """Short forms, abbreviations and dotted forms (four letters or fewer, all caps, 'U.N.') match case-sensitively."""
    return len(form) <= 4 or form.isupper() or "." in form


def loose_key(text: str) -> str:
    """Case- and accent-insensitive key with -ce/-ise spellings: 'Defense Minister' -> 'defence minister'."""
    key = fold(clean(text)).casefold().replace("&", "and")
    for pattern, repl in _SPELLING:
        key = pattern.sub(repl, key)
    return _SPACES.sub(" ", key.replace("-", " ")).strip()


def drop_leading_words(text: str) -> str:
    return _LEADING_WORDS.sub("", text)


def compact_tokens(text: str) -> list[str]:
    return _ALNUM.findall(loose_key(text))


def spelling_variants(text: str) -> list[str]:
    """Both spellings of a phrase that contains defence/defense."""
    variants = [text]
    for a, b in (("Defence", "Defense"), ("defence", "defense"), ("Defense", "Defence"), ("defense", "defence")):
        if a in text:
            variants.append(text.replace(a, b))
    return list(dict.fromkeys(variants))
