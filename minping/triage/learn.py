"""Learning from the office's confirmations: a small naive Bayes model over content terms.

The keyword lexicon only knows the words someone thought of. Every suggestion the office
has dispatched says which area and department it really belonged to; this model turns
those confirmations into evidence for the next proposals. Pure Python, deterministic.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

from .text import DATA_DIR

K = TypeVar("K", bound=Hashable)

# Laplace smoothing: a term never seen with a label still has a small chance.
ALPHA = 0.5


@dataclass(frozen=True)
class Example:
    """A confirmed suggestion: its text, and the area code and/or department id it went to.

    ``terms`` may carry the text's content terms already computed (e.g. a stored
    :func:`~minping.triage.fingerprint` split on spaces), so that building a
    :class:`~minping.triage.Triage` over thousands of examples does not segment them all.
    """

    text: str
    area: str | None = None
    department: int | str | None = None
    terms: tuple[str, ...] | None = None

    @classmethod
    def from_fingerprint(
        cls, fingerprint: str, area: str | None = None, department: int | str | None = None
    ) -> Example:
        """An example from a stored fingerprint instead of the text."""
        return cls("", area, department, tuple(fingerprint.split()))


class TermModel(Generic[K]):
    """Multinomial naive Bayes with a uniform prior over the labels seen in ``examples``.

    ``examples`` are (terms, label) pairs. :meth:`posterior` is tempered (the log-likelihood
    is averaged per known term) so that a long text does not make it absurdly sure.
    """

    def __init__(self, examples: Iterable[tuple[Iterable[str], K]]) -> None:
        counts: dict[K, Counter[str]] = defaultdict(Counter)
        order: list[K] = []
        for terms, label in examples:
            if label not in counts:
                order.append(label)
            counts[label].update(terms)
        self.labels: tuple[K, ...] = tuple(order)
        self.vocabulary: frozenset[str] = frozenset(t for c in counts.values() for t in c)
        size = len(self.vocabulary)
        self._log_p: dict[K, dict[str, float]] = {}
        self._log_unseen: dict[K, float] = {}
        for label in self.labels:
            total = sum(counts[label].values()) + ALPHA * size
            self._log_p[label] = {
                term: math.log((n + ALPHA) / total) for term, n in counts[label].items()
            }
            self._log_unseen[label] = math.log(ALPHA / total)

    def __len__(self) -> int:
        return len(self.labels)

    def posterior(self, terms: Iterable[str]) -> Mapping[K, float]:
        """Probability of each label given the terms (empty without any known term)."""
        known = [t for t in terms if t in self.vocabulary]
        if len(self.labels) < 2 or not known:
            return {}
        scores = {
            label: sum(self._log_p[label].get(t, self._log_unseen[label]) for t in known)
            / len(known)
            for label in self.labels
        }
        top = max(scores.values())
        weights = {label: math.exp(s - top) for label, s in scores.items()}
        total = sum(weights.values())
        return {label: w / total for label, w in weights.items()}


def load_examples(
    path: str | Path | None = None,
    department_ids: Mapping[str, int | str] | None = None,
) -> list[Example]:
    """Examples from a tab-separated file (area code, department, text; ``#`` comments).

    Without ``path``: the synthetic examples shipped in ``data/examples.tsv``, which cover
    every reference area. Departments there are names; pass ``department_ids`` (name -> id
    in your table) to get ids instead, names missing from it becoming None.
    """
    source = Path(path) if path is not None else DATA_DIR / "examples.tsv"
    examples = []
    for line in source.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        area, name, text = line.split("\t", 2)
        department: int | str | None = name or None
        if department_ids is not None:
            department = department_ids.get(name) if name else None
        examples.append(Example(text, area or None, department))
    return examples
