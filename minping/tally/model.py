"""The typed records of the tally: ballot design, ballots, seals, results, reports.

Everything here is plain data. A ballot carries no token, person, address or time.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

SCHEMA_VERSION = "minping-tally/1"

#: A department's answer on one ballot: a choice key ("choices" scale), an integer
#: ("score" scale) or criterion key -> integer ("criteria" scale).
Answer = str | int | Mapping[str, int]


class ScaleKind(StrEnum):
    CHOICES = "choices"  # 满意 / 基本满意 / 不满意 with a weight each
    SCORE = "score"  # one integer between low and high (default 0–100)
    CRITERIA = "criteria"  # several weighted criteria, each an integer between low and high


class BallotStatus(StrEnum):
    VALID = "valid"  # 有效票
    BLANK = "blank"  # 空白票: returned with nothing on it
    INVALID = "invalid"  # 废票: returned but unreadable or spoilt; its content is ignored


@dataclass(frozen=True)
class Choice:
    """One option of a "choices" scale, e.g. Choice("satisfied", "满意", 100, satisfied=True)."""

    key: str
    label: str
    weight: int  # points on a 0–100 basis that this choice is worth in the weighted score
    satisfied: bool  # counted in the satisfaction rate (满意 and 基本满意 usually are)


@dataclass(frozen=True)
class Criterion:
    """One item of a "criteria" scale; the ballot's score is the weight-averaged value."""

    key: str
    label: str
    weight: int


@dataclass(frozen=True)
class Scale:
    """How a department is rated on the ballot.

    choices:  ``choices`` set; the answer is a choice key.
    score:    the answer is an integer in ``low..high``.
    criteria: ``criteria`` set; the answer maps each criterion key to an integer in ``low..high``.

    Every answer is turned into a ballot score on a 0–100 basis (the choice weight, or
    ``100 * (value - low) / (high - low)``, weight-averaged over criteria). Score and
    criteria answers count as satisfied when their score is >= ``satisfied_at``.
    """

    kind: ScaleKind
    choices: tuple[Choice, ...] = ()
    criteria: tuple[Criterion, ...] = ()
    low: int = 0
    high: int = 100
    satisfied_at: Decimal = Decimal(60)


@dataclass(frozen=True)
class Option:
    key: str
    label: str


@dataclass(frozen=True)
class QuestionItem:
    """An item of the meeting-discipline questionnaire (会场纪律调查表).

    With ``options`` the answer is an option key; without, it is free text (only the
    number of answers is tallied).
    """

    id: str
    text: str
    options: tuple[Option, ...] = ()


@dataclass(frozen=True)
class DepartmentRef:
    id: str
    name: str
    group: str = ""  # 述职分组, e.g. "第一组"


@dataclass(frozen=True)
class VenueRef:
    id: str
    name: str
    main: bool = False  # 主会场 (True) or 分会场


class ConversionKind(StrEnum):
    LINEAR = "linear"  # points = max_points * clamp((basis - floor) / (100 - floor), 0, 1)
    RANK = "rank"  # points = rank_points[rank - 1]; ties share the better rank


class ConversionBasis(StrEnum):
    WEIGHTED_SCORE = "weighted_score"
    SATISFACTION_RATE = "satisfaction_rate"


@dataclass(frozen=True)
class Conversion:
    """How a department's result turns into annual-assessment points (年度考核赋分)."""

    kind: ConversionKind = ConversionKind.LINEAR
    basis: ConversionBasis = ConversionBasis.WEIGHTED_SCORE
    max_points: Decimal = Decimal(10)
    floor: Decimal = Decimal(0)
    rank_points: tuple[Decimal, ...] = ()


@dataclass(frozen=True)
class BallotDesign:
    """The locked design of one session's ballot: everything the results depend on.

    ``min_cell`` is the suppression threshold: no result is published for a cell (a
    department overall, a department at one venue, a questionnaire item at one venue)
    counting fewer answers than this.
    """

    campaign: str  # e.g. "2025年度"
    session: int  # 场次 number
    title: str
    venues: tuple[VenueRef, ...]
    departments: tuple[DepartmentRef, ...]  # in ballot order
    scale: Scale
    questionnaire: tuple[QuestionItem, ...] = ()
    conversion: Conversion = field(default_factory=Conversion)
    min_cell: int = 10
    places: int = 2  # decimals of every rate, score and point in the results


@dataclass(frozen=True)
class Ballot:
    """One ballot as stored and exported. Nothing about a token, a person, an IP or a time.

    ``ballot_id`` is random (:func:`new_ballot_id`, 128-bit hex). A department missing
    from ``answers`` was left unanswered (paper); the phone form requires all of them.
    Blank ballots carry no content; the content of invalid ballots is not tallied.
    """

    ballot_id: str
    venue: str
    status: BallotStatus = BallotStatus.VALID
    answers: Mapping[str, Answer] = field(default_factory=dict)
    opinions: Mapping[str, str] = field(default_factory=dict)  # department id -> free text
    questionnaire: Mapping[str, str] = field(default_factory=dict)  # item id -> option key / text


@dataclass(frozen=True)
class VenueSeal:
    """A sealed venue: the reconciliation counts (发放 / 回收 / 空白 / 废票) and its root.

    ``returned`` counts every ballot received (valid + blank + invalid);
    ``issued - returned`` tokens were issued but never used.
    """

    venue: str
    issued: int
    returned: int
    blank: int
    invalid: int
    root: str


@dataclass(frozen=True)
class SealedEntry:
    """One line of a venue's sealed list: which ballot had which hash when it was sealed."""

    venue: str
    ballot_id: str
    hash: str


@dataclass(frozen=True)
class Problem:
    """Why a ballot does not fit its design: a stable code, the field and a message."""

    code: str  # e.g. "missing_department", "out_of_range", "unknown_choice"
    field: str  # e.g. "answers.D01", "questionnaire.Q2"
    message: str  # Chinese, for the tallier's CLI and as a fallback for the app


@dataclass(frozen=True)
class Cell:
    """The tally of one department (overall, at one venue, or pooled over a group).

    ``suppressed`` cells (fewer than ``design.min_cell`` answers) carry no figures at all:
    every other field is ``None``. Rates and scores are decimal strings with
    ``design.places`` decimals, rounded half up, percentages for rates.
    """

    suppressed: bool
    answers: int | None = None  # valid ballots answering this department
    unanswered: int | None = None  # valid ballots leaving it blank
    counts: Mapping[str, int] | None = None  # choice key -> count ("choices" scale)
    satisfaction_rate: str | None = None  # percent, e.g. "87.50"
    weighted_score: str | None = None  # mean ballot score on 0–100, e.g. "91.25"
    criteria: Mapping[str, str] | None = None  # criterion key -> mean value ("criteria" scale)


@dataclass(frozen=True)
class DepartmentResult:
    department: str
    overall: Cell
    venues: Mapping[str, Cell]  # venue id -> cell, in design order
    rank: int | None  # 1 = best within the session; None when suppressed
    points: str | None  # annual-assessment points; None when suppressed


@dataclass(frozen=True)
class QuestionResult:
    item: str
    overall: Cell  # counts = option key -> count; answers = number answering
    venues: Mapping[str, Cell]


@dataclass(frozen=True)
class VenueTotals:
    venue: str
    issued: int
    returned: int
    valid: int
    blank: int
    invalid: int
    unused: int  # issued - returned


@dataclass(frozen=True)
class Results:
    """Everything recomputable from an export; serialised by :func:`results_bytes`."""

    schema: str
    campaign: str
    session: int
    ballots: int
    valid: int
    venues: tuple[VenueTotals, ...]
    departments: tuple[DepartmentResult, ...]
    groups: Mapping[str, Cell]  # 述职分组 -> pooled cell over its departments
    questionnaire: tuple[QuestionResult, ...]


@dataclass(frozen=True)
class Difference:
    """One figure on which two results disagree; ``path`` is like ``departments.D01.overall.weighted_score``."""

    path: str
    ours: str
    theirs: str


class FindingKind(StrEnum):
    FILE_CHANGED = "file_changed"  # a file's hash differs from the manifest
    FILE_MISSING = "file_missing"
    MALFORMED = "malformed"  # a file or line cannot be read
    BALLOT_CHANGED = "ballot_changed"  # content no longer matches its sealed hash
    BALLOT_MISSING = "ballot_missing"  # sealed, absent from the export
    BALLOT_ADDED = "ballot_added"  # in the export, never sealed
    BALLOT_DUPLICATE = "ballot_duplicate"
    BALLOT_INVALID = "ballot_invalid"  # does not fit the design
    SEAL_MISMATCH = "seal_mismatch"  # a venue root differs from its recomputation
    SESSION_ROOT_MISMATCH = "session_root_mismatch"
    COUNT_MISMATCH = "count_mismatch"  # returned / blank / invalid counts disagree with the ballots
    RESULT_MISMATCH = "result_mismatch"  # results.json / results.csv differ from the recomputation
    CSV_MISMATCH = "csv_mismatch"  # ballots.csv differs from ballots.jsonl
    ORDER = "order"  # ballots.jsonl is not in canonical (hash) order
    EXPECTED_ROOT_MISMATCH = "expected_root_mismatch"  # differs from the published root
    UNRETURNED = "unreturned"  # warning: issued != returned (发放≠回收)


#: Finding kinds that are warnings (reported, exit status 0); every other kind fails.
WARNING_KINDS = frozenset({FindingKind.UNRETURNED})


@dataclass(frozen=True)
class Finding:
    kind: FindingKind
    subject: str  # a ballot id, a venue id, a file name or a result path
    message: str  # Chinese / English, one line


@dataclass(frozen=True)
class VerifyReport:
    ballots: int
    venues: int
    session_root: str
    findings: tuple[Finding, ...]

    @property
    def ok(self) -> bool:
        """True when nothing but warnings was found."""
        return all(f.kind in WARNING_KINDS for f in self.findings)

    def of_kind(self, kind: FindingKind) -> list[Finding]:
        return [f for f in self.findings if f.kind is kind]


@dataclass(frozen=True)
class Manifest:
    schema: str
    campaign: str
    session: int
    ballots: int
    design_digest: str
    session_root: str
    files: Mapping[str, str]  # file name -> SHA-256 hex
    digest: str  # SHA-256 hex of manifest.json itself: publish it next to the session root


@dataclass(frozen=True)
class Export:
    design: BallotDesign
    seals: tuple[VenueSeal, ...]
    ballots: tuple[Ballot, ...]
    manifest: Manifest
