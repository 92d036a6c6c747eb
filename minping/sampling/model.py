"""The sampling engine's data: small frozen dataclasses, no behaviour beyond validation."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

MAIN: Literal["main"] = "main"
BRANCH: Literal["branch"] = "branch"

Venue = Literal["main", "branch"]
Method = Literal["systematic", "maximin", "leximin"]
# What a volunteer accepts to have changed (是否服从调剂):
#   "any"     均服从 / 服从任何调剂: venue and session may both change;
#   "venue"   只服从会场调剂: the venue may change, the session is kept;
#   "session" 只服从场次调剂: the session may change, the venue is kept;
#   "none"    不服从: only the chosen venue and session.
Flexibility = Literal["any", "venue", "session", "none"]
SeatKind = Literal["selected", "reserve"]


@dataclass(frozen=True, slots=True)
class Person:
    """One row of a sample frame (or of the volunteer list).

    ``pid`` is a pseudonym (e.g. the blind index of the ID number), never the ID number.
    The same ``pid`` may appear in several rows with different categories (one person in
    several frames); the engine draws each ``pid`` at most once per draw.
    ``(pid, category)`` must be unique.

    ``district`` is where the person belongs for branch venues (None: main venue only).
    ``sort_key`` is the documented sort inside a stratum (e.g. ``(district, work unit)``);
    ties are broken by ``pid``, so the input order never matters.
    Preferences (``venue_pref``, ``session_pref``, ``flexibility``) only bind volunteers
    (``is_volunteer=True``); frame rows may be placed in any session.
    """

    pid: str
    category: str
    district: str | None = None
    sort_key: tuple[str, ...] = ()
    is_volunteer: bool = False
    venue_pref: Venue | None = None
    session_pref: int | None = None
    flexibility: Flexibility = "any"


@dataclass(frozen=True, slots=True)
class Quota:
    """Seats (and reserves, 备选) for one stratum: session × venue × district × category.

    The main venue is ``venue="main"`` with ``district=None``; a branch venue is
    ``venue="branch"`` with its district's name.
    """

    session: int
    venue: Venue
    district: str | None
    category: str
    seats: int
    reserves: int = 0

    @property
    def key(self) -> tuple[int, str, str, str]:
        """The stratum's identity, without the seat counts."""
        return (self.session, self.venue, self.district or "", self.category)


@dataclass(frozen=True, slots=True)
class DrawSpec:
    """What to draw: the published seed, the quotas and the method.

    ``main_first``: in systematic mode the main-venue strata are drawn before the
    branches, so a person who could sit in both goes to the main venue (seed 000:
    主会场与各旗区分会场代表重复抽中时，确保代表参加主会场活动).
    ``method``: ``"systematic"`` (等距抽样, the seeds' rule), ``"maximin"`` (fair lottery:
    maximise the minimum selection probability) or ``"leximin"`` (maximin, then
    maximise the next lowest, and so on).
    """

    seed: str
    quotas: tuple[Quota, ...]
    main_first: bool = True
    method: Method = "systematic"


@dataclass(frozen=True, slots=True)
class Seat:
    """One drawn person placed in one stratum. ``rank`` is 1-based, in draw order."""

    pid: str
    session: int
    venue: Venue
    district: str | None
    category: str
    rank: int
    kind: SeatKind = "selected"


@dataclass(frozen=True, slots=True)
class Shortfall:
    """A stratum (or group of strata) that has fewer eligible people than it needs.

    ``kind`` is ``"seats"`` (the draw cannot fill the seats: it is refused) or
    ``"reserves"`` (seats can be filled, reserves cannot all be: the draw runs and
    draws as many reserves as there are people). ``quota`` is None for a group
    check, which ``scope`` then describes (e.g. ``"category=npc"``).
    ``stage`` is ``"check"`` for the pre-draw check and ``"draw"`` when a stratum ran
    short during the draw itself because earlier strata took shared people.
    """

    scope: str
    needed: int
    available: int
    kind: Literal["seats", "reserves"]
    quota: Quota | None = None
    stage: Literal["check", "draw"] = "check"


@dataclass(frozen=True, slots=True)
class StratumReport:
    """How one stratum was drawn (systematic mode): the pool size, the first position
    picked (0-based, in the sorted pool) and the rate seats/pool."""

    quota: Quota
    pool: int
    start: int
    probability: float


@dataclass(frozen=True, slots=True)
class DrawResult:
    """The outcome of :func:`minping.sampling.draw`.

    ``selected`` and ``reserves`` are in canonical stratum order, then ``rank``.
    ``probabilities`` maps each pid to its selection probability: for the fair-lottery
    modes the exact marginal probability of the lottery; for systematic sampling the
    rate seats/pool of the stratum each drawn person was drawn from (selected or
    reserve).  ``min_probability`` is the lottery's minimum over eligible people
    (systematic: the smallest stratum rate).  When ``shortfalls`` holds a ``"seats"``
    shortfall from the pre-draw check, nothing is drawn (``ok`` is False).
    """

    seed: str
    frame_hash: str
    method: Method
    selected: tuple[Seat, ...]
    reserves: tuple[Seat, ...]
    shortfalls: tuple[Shortfall, ...]
    probabilities: dict[str, float] = field(default_factory=dict)
    strata: tuple[StratumReport, ...] = ()
    min_probability: float = 0.0

    @property
    def ok(self) -> bool:
        """True when every quota's seats were filled."""
        return not any(s.kind == "seats" for s in self.shortfalls)
