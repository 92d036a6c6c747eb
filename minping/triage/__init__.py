"""Text triage for citizens' suggestions, with no Django import.

Proposes the reference area, the likely department and near-duplicate open items, cleans
texts and counts themes, with jieba (plus the domain dictionary in ``data/userdict.txt``)
and rapidfuzz. The suggestions app seeds its tables from :data:`REFERENCE_AREAS` and
:data:`DEPARTMENT_KEYWORDS` (+ :data:`DEPARTMENT_ALIASES`) and passes its rows back as :class:`Area`/:class:`DeptProfile`.
"""

from __future__ import annotations

from .core import (
    DEFAULT_THRESHOLD,
    Area,
    DeptProfile,
    DuplicateIndex,
    Triage,
    department_name_terms,
    group_near_duplicates,
    near_duplicates,
    similarity,
    top_themes,
)
from .learn import Example, TermModel, load_examples
from .reference import DEPARTMENT_ALIASES, DEPARTMENT_KEYWORDS, REFERENCE_AREAS
from .text import (
    clean,
    content_terms,
    fingerprint,
    fingerprints,
    meaningful_length,
    redact_personal,
    segment,
    set_cache_dir,
)

__all__ = [
    "DEFAULT_THRESHOLD",
    "DEPARTMENT_ALIASES",
    "DEPARTMENT_KEYWORDS",
    "REFERENCE_AREAS",
    "Area",
    "DeptProfile",
    "DuplicateIndex",
    "Example",
    "TermModel",
    "Triage",
    "clean",
    "content_terms",
    "department_name_terms",
    "fingerprint",
    "fingerprints",
    "group_near_duplicates",
    "load_examples",
    "meaningful_length",
    "near_duplicates",
    "redact_personal",
    "segment",
    "set_cache_dir",
    "similarity",
    "top_themes",
]
