"""Proposals for the suggestion office: the area, the likely department, near-duplicates.

Everything here only proposes; the office confirms. All results are deterministic: equal
scores are ordered by the order of the profiles given (areas, departments) or by the
candidates' order (duplicates).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from rapidfuzz import fuzz, process

from .learn import Example, TermModel
from .text import clean, content_terms, fingerprint, theme_terms

K = TypeVar("K", bound=Hashable)


@dataclass(frozen=True)
class Area:
    """One of the 意见建议参考范围 areas: a stable ``code``, a short ``name``, ``keywords``."""

    code: str
    name: str
    keywords: tuple[str, ...]
    description: str = ""


@dataclass(frozen=True)
class DeptProfile:
    """A handling unit as triage sees it: its ``id`` in the caller's table, name, keywords.

    ``aliases`` are other names people use ("人社局"); they weigh like the name itself.
    """

    id: int | str
    name: str
    keywords: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Profile:
    key: int | str
    weights: tuple[tuple[str, float], ...]


_DEPT_PREFIX = re.compile(r"^(?:[^市]{0,8}市)?(?:人民政府)?")
_DEPT_SUFFIX = re.compile(r"(?:工作办公室|办公室|委员会|管理局|局|委|办|中心)$")
# Near-duplicate score (0-100) from which two texts are proposed as the same matter.
DEFAULT_THRESHOLD = 50.0
# The department's own name in a text is a stronger signal than any topic word.
NAME_WEIGHT = 3.0


def _norm(term: str) -> str:
    return clean(term).lower()


def department_name_terms(name: str) -> tuple[str, ...]:
    """The ways a text names a department: "市公安局" -> ("市公安局", "公安局", "公安")."""
    full = _norm(name)
    without_city = _DEPT_PREFIX.sub("", full) or full
    core = _DEPT_SUFFIX.sub("", without_city)
    terms = [full, without_city]
    if len(core) >= 2:
        terms.append(core)
        # "发展和改革" is written "发改"; "人力资源和社会保障" is "人社": keep the parts too.
        terms += [part for part in core.split("和") if len(part) >= 2 and part != core]
    return tuple(dict.fromkeys(terms))


def _build_profiles(
    entries: Sequence[tuple[int | str, Sequence[str], Sequence[str]]],
) -> tuple[_Profile, ...]:
    """IDF-weighted keyword profiles: a word shared by many profiles says little."""
    keyword_sets = [
        ({_norm(k) for k in keywords if _norm(k)}, {_norm(n) for n in names if _norm(n)})
        for _, keywords, names in entries
    ]
    document_frequency: Counter[str] = Counter()
    for keywords, names in keyword_sets:
        document_frequency.update(keywords | names)
    total = max(len(entries), 1)
    profiles = []
    for (key, _, _), (keywords, names) in zip(entries, keyword_sets, strict=True):
        weights: dict[str, float] = {}
        for term in keywords | names:
            idf = math.log(1 + total / document_frequency[term])
            specificity = min(len(term), 4) / 2
            weights[term] = idf * specificity * (NAME_WEIGHT if term in names else 1.0)
        profiles.append(_Profile(key, tuple(sorted(weights.items()))))
    return tuple(profiles)


def _matched(profile: _Profile, text: str) -> list[str]:
    cleaned = clean(text).lower()
    haystack = cleaned + "\n" + " ".join(content_terms(text))
    hits = [(term, weight) for term, weight in profile.weights if term in haystack]
    # Heaviest first; a term contained in a heavier matched term adds nothing to read.
    hits.sort(key=lambda item: (-item[1], item[0]))
    shown: list[str] = []
    for term, _ in hits:
        if not any(term in longer for longer in shown):
            shown.append(term)
    return shown


def _rank(
    profiles: Sequence[_Profile],
    text: str,
    limit: int,
    model: TermModel[int | str] | None = None,
) -> list[tuple[int | str, float]]:
    """Keyword shares, averaged with the learned posterior when there is one."""
    cleaned = clean(text).lower()
    terms = content_terms(text)
    haystack = cleaned + "\n" + " ".join(terms)
    raw = [sum(w for term, w in p.weights if term in haystack) for p in profiles]
    total = sum(raw)
    lexicon = [r / total for r in raw] if total > 0 else []
    learned = model.posterior(terms) if model is not None else {}
    if not lexicon and not learned:
        return []
    scores = []
    for i, profile in enumerate(profiles):
        parts = ([lexicon[i]] if lexicon else []) + (
            [learned.get(profile.key, 0.0)] if learned else []
        )
        scores.append(sum(parts) / len(parts))
    order = sorted(range(len(profiles)), key=lambda i: (-scores[i], i))
    return [
        (profiles[i].key, round(100 * scores[i], 1))
        for i in order[:limit]
        if round(100 * scores[i], 1) > 0
    ]


class Triage:
    """Text triage over the caller's areas and department profiles.

    ``Triage(REFERENCE_AREAS, [DeptProfile(d.pk, d.name, keywords, aliases) ...], examples)``.
    ``examples`` are confirmed dispatches (:class:`Example` with the area code and/or the
    department id); with them, each score is the mean of the keyword share and a naive
    Bayes posterior learned from the examples, so words the lexicon lacks still count.
    Building segments every example: build once and cache it (rebuild when the office has
    confirmed more); segmentation (jieba) is loaded lazily on first use.
    """

    def __init__(
        self,
        areas: Sequence[Area],
        departments: Sequence[DeptProfile],
        examples: Iterable[Example] = (),
    ) -> None:
        self.areas = tuple(areas)
        self.departments = tuple(departments)
        self._area_profiles = _build_profiles([(a.code, a.keywords, ()) for a in self.areas])
        self._dept_profiles = _build_profiles(
            [
                (d.id, d.keywords, department_name_terms(d.name) + d.aliases)
                for d in self.departments
            ]
        )
        confirmed = [
            (list(e.terms) if e.terms is not None else content_terms(e.text), e) for e in examples
        ]
        area_codes = {a.code for a in self.areas}
        dept_ids = {d.id for d in self.departments}
        area_examples = [(t, e.area) for t, e in confirmed if e.area in area_codes]
        dept_examples = [(t, e.department) for t, e in confirmed if e.department in dept_ids]
        self._area_model: TermModel[int | str] | None = (
            TermModel[int | str](area_examples) if area_examples else None
        )
        self._dept_model: TermModel[int | str] | None = (
            TermModel[int | str](dept_examples) if dept_examples else None
        )

    def suggest_area(self, text: str, limit: int = 3) -> list[tuple[str, float]]:
        """Up to ``limit`` area codes with a score (0-100), best first.

        The score is the area's share of the keyword evidence (averaged with the learned
        posterior when there are examples). Empty when nothing matches; the caller then
        proposes nothing (or "other").
        """
        ranked = _rank(self._area_profiles, text, limit, self._area_model)
        return [(str(code), score) for code, score in ranked]

    def suggest_department(self, text: str, limit: int = 3) -> list[tuple[int | str, float]]:
        """Up to ``limit`` department ids with a score (0-100), best first.

        A department named in the text ("公安局", an alias such as "人社局") weighs three
        times a topic word.
        """
        return _rank(self._dept_profiles, text, limit, self._dept_model)

    def area_evidence(self, text: str, code: str) -> list[str]:
        """The keywords of area ``code`` found in ``text``, heaviest first.

        For the office's "why" line next to a proposal ("提到: 供暖, 小区").
        """
        for profile in self._area_profiles:
            if profile.key == code:
                return _matched(profile, text)
        return []

    def department_evidence(self, text: str, department_id: int | str) -> list[str]:
        """The names and keywords of a department found in ``text``, heaviest first."""
        for profile in self._dept_profiles:
            if profile.key == department_id:
                return _matched(profile, text)
        return []

    def near_duplicates(
        self,
        text: str,
        candidates: Iterable[tuple[K, str]],
        threshold: float = DEFAULT_THRESHOLD,
        limit: int = 10,
    ) -> list[tuple[K, float]]:
        """Candidates (id, text) whose wording is close to ``text``, best first.

        Segments every candidate: for a search among thousands of open items build a
        :class:`DuplicateIndex` once (or store :func:`fingerprint` per item) instead.
        """
        return DuplicateIndex.from_texts(candidates).query(text, threshold, limit)

    def top_themes(self, texts: Iterable[str], k: int = 20) -> list[tuple[str, int]]:
        """The ``k`` commonest subject words over ``texts``, counted once per text.

        Synonyms are merged ("暖气" counts as "供暖"); ties are ordered by the word. See
        :func:`top_themes`.
        """
        return top_themes(texts, k)


def top_themes(texts: Iterable[str], k: int = 20) -> list[tuple[str, int]]:
    """The ``k`` commonest subject words over ``texts``, counted once per text.

    Subject words are those of the domain dictionary (``data/userdict.txt``, which holds
    every reference keyword), synonyms merged; ties are ordered by the word.
    """
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(theme_terms(text))
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return ranked[:k]


def similarity(a: str, b: str) -> float:
    """How alike two fingerprints are, 0-100.

    rapidfuzz's normalised Indel similarity (``fuzz.ratio``) of the two sorted term lists,
    i.e. ``token_sort_ratio`` of the content terms. Unlike ``token_set_ratio`` it does not
    give 100 to a short text whose few terms all appear in a long one. On the test corpus
    the 14 paraphrase pairs score 52.6-100 and different matters at most 47.1.
    """
    if not a or not b:
        return 0.0
    return round(fuzz.ratio(a, b), 1)


class DuplicateIndex(Generic[K]):
    """Open items prepared for near-duplicate search: (id, fingerprint) pairs.

    ``DuplicateIndex.from_texts(items)`` segments each text once; ``DuplicateIndex(pairs)``
    takes fingerprints stored by the app. :meth:`query` scores every item with
    :func:`similarity` in one call to rapidfuzz's C++ ``process.extract``.
    """

    def __init__(self, items: Iterable[tuple[K, str]]) -> None:
        pairs = list(items)
        self.ids: list[K] = [key for key, _ in pairs]
        self.fingerprints: list[str] = [fp for _, fp in pairs]

    @classmethod
    def from_texts(cls, items: Iterable[tuple[K, str]]) -> DuplicateIndex[K]:
        return cls((key, fingerprint(text)) for key, text in items)

    def __len__(self) -> int:
        return len(self.ids)

    def query(
        self,
        text: str,
        threshold: float = DEFAULT_THRESHOLD,
        limit: int = 10,
        exclude: K | None = None,
    ) -> list[tuple[K, float]]:
        """Items scoring at least ``threshold`` (0-100) against ``text``, best first."""
        return self.query_fingerprint(fingerprint(text), threshold, limit, exclude)

    def query_fingerprint(
        self,
        query: str,
        threshold: float = DEFAULT_THRESHOLD,
        limit: int = 10,
        exclude: K | None = None,
    ) -> list[tuple[K, float]]:
        """Like :meth:`query` for an already computed :func:`fingerprint`."""
        if not query or not self.fingerprints:
            return []
        # One pass in C++ over all items; the cutoff lets rapidfuzz stop early per item.
        rough = process.extract(
            query, self.fingerprints, scorer=fuzz.ratio, score_cutoff=threshold, limit=None
        )
        found = [
            (index, round(score, 1))
            for _, score, index in rough
            if exclude is None or self.ids[index] != exclude
        ]
        found.sort(key=lambda item: (-item[1], item[0]))
        return [(self.ids[i], score) for i, score in found[:limit]]


def near_duplicates(
    text: str,
    candidates: Iterable[tuple[K, str]],
    threshold: float = DEFAULT_THRESHOLD,
    limit: int = 10,
) -> list[tuple[K, float]]:
    """See :meth:`Triage.near_duplicates`."""
    return DuplicateIndex.from_texts(candidates).query(text, threshold, limit)


def group_near_duplicates(
    items: Iterable[tuple[K, str]], threshold: float = DEFAULT_THRESHOLD
) -> list[list[K]]:
    """Groups of items (id, text) that read as the same matter: proposals for 并案.

    Leader clustering in the given order: an item joins the group of the first earlier
    item (a group's leader) it scores at least ``threshold`` against, else it leads a new
    group. Comparing with leaders only avoids chains (A like B, B like C, A unlike C).
    Only groups of two or more are returned, each led by its earliest item, in order.
    """
    keys: list[K] = []
    prints: list[str] = []
    for key, text in items:
        keys.append(key)
        prints.append(fingerprint(text))
    leaders: list[int] = []
    leader_prints: list[str] = []
    groups: dict[int, list[int]] = {}
    for index, current in enumerate(prints):
        if not current:
            continue
        best = (
            process.extractOne(current, leader_prints, scorer=fuzz.ratio, score_cutoff=threshold)
            if leader_prints
            else None
        )
        if best is not None:
            groups[leaders[best[2]]].append(index)
        else:
            leaders.append(index)
            leader_prints.append(current)
            groups[index] = [index]
    return [[keys[i] for i in members] for members in groups.values() if len(members) > 1]
