"""The fallback for sentences no trigger word catches.

Articles about two states are dense: almost every sentence naming two states tells
something between them ("Honduras switched to Beijing in March last year", "Jakarta fell
behind on its payments"). The trigger lexicon cannot list every way of saying it. In a
news report (in opinion and analysis such a sentence is mostly comment), a
sentence with no trigger at all that still names two states directly becomes a
low-confidence event of the category its words suggest, scored by a small naive Bayes
model over content lemmas (``data/fallback_categories.yaml``, built from the annotated
articles by ``eval/train_fallback.py``). The model may also say "none": the sentence is
background (a byline, a description of a place, a fact about one state).

Plain data in and out: a spaCy sentence in, a category (or None) out.
"""
from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Span, Token

from ..datafiles import read_validated_mapping

MODEL_FILE = "fallback_categories.yaml"
NONE = "none"                 # the model's class for sentences that report no event
CONTENT_POS = frozenset({"NOUN", "VERB", "ADJ", "ADV", "ADP"})
NAMED = frozenset({"GPE", "NORP", "PERSON", "ORG", "DATE", "TIME", "CARDINAL", "MONEY", "QUANTITY",
                   "ORDINAL", "PERCENT", "LOC", "FAC"})


@dataclass(frozen=True)
class CategoryModel:
    """Log prior and log likelihood of each lemma, per class; ``unseen`` for lemmas a class never had."""

    priors: dict[str, float]
    likelihoods: dict[str, dict[str, float]]
    unseen: dict[str, float]
    min_margin: float         # the best category must beat "none" by this (log odds) to be used


def features(sent: Span) -> list[str]:
    """Content lemmas of ``sent``, lowercased; names, numbers and dates left out, so the
    model learns how things are said, not who said them."""
    return [t.lemma_.lower() for t in sent if _is_content(t)]


def _is_content(t: Token) -> bool:
    return (t.is_alpha and not t.is_stop and t.pos_ in CONTENT_POS and t.ent_type_ not in NAMED
            and len(t.text) > 2) or t.lower_ in {"not", "no", "never"}


@lru_cache(maxsize=1)
def load_category_model() -> CategoryModel:
    data = read_validated_mapping(MODEL_FILE)
    classes = data["classes"]
    return CategoryModel(
        priors={name: float(c["log_prior"]) for name, c in classes.items()},
        likelihoods={name: {w: float(p) for w, p in c["log_likelihood"].items()} for name, c in classes.items()},
        unseen={name: float(c["log_unseen"]) for name, c in classes.items()},
        min_margin=float(data["min_margin"]),
    )


def scores(words: list[str], model: CategoryModel) -> dict[str, float]:
    """Log posterior (unnormalised) of each class for ``words``; words no class has seen are skipped."""
    known = [w for w in words if any(w in lk for lk in model.likelihoods.values())]
    return {name: model.priors[name] + sum(model.likelihoods[name].get(w, model.unseen[name]) for w in known)
            for name in model.priors}


def classify(sent: Span, model: CategoryModel | None = None) -> str | None:
    """The category the words of ``sent`` suggest, or None (background, or not clearly more than it)."""
    model = model or load_category_model()
    ranked = sorted(scores(features(sent), model).items(), key=lambda kv: kv[1], reverse=True)
    if not ranked or ranked[0][0] == NONE:
        return None
    none = next((score for name, score in ranked if name == NONE), None)
    if none is not None and ranked[0][1] - none < model.min_margin:
        return None           # not clearly more than background
    return ranked[0][0]


def train(examples: list[tuple[list[str], str]], alpha: float = 1.0, min_count: int = 2) -> dict:
    """A multinomial naive Bayes model (the data file's content) from (features, class) pairs;
    lemmas seen fewer than ``min_count`` times in all are dropped."""
    totals = Counter(w for words, _ in examples for w in words)
    vocab = sorted(w for w, n in totals.items() if n >= min_count)
    keep = set(vocab)
    per_class: dict[str, Counter] = defaultdict(Counter)
    docs: Counter = Counter()
    for words, label in examples:
        docs[label] += 1
        per_class[label].update(w for w in words if w in keep)
    n_docs = sum(docs.values())
    classes = {}
    for label in sorted(per_class):
        counts = per_class[label]
        denom = sum(counts.values()) + alpha * len(vocab)
        classes[label] = {
            "log_prior": round(math.log(docs[label] / n_docs), 4),
            "log_unseen": round(math.log(alpha / denom), 4),
            "log_likelihood": {w: round(math.log((n + alpha) / denom), 4) for w, n in sorted(counts.items())},
        }
    return {"classes": classes}
