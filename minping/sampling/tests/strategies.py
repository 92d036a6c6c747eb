"""Hypothesis strategies: small random frames and quotas that often compete for people."""

from __future__ import annotations

from hypothesis import strategies as st

from minping.sampling import Person, Quota, eligible

DISTRICTS = ["东胜区", "康巴什区", "乌审旗"]
FRAME_CATEGORIES = ["npc", "cppcc"]
VOLUNTEER = "volunteer"


@st.composite
def rows(draw: st.DrawFn) -> Person:
    pid = f"p{draw(st.integers(0, 79)):02d}"
    category = draw(st.sampled_from([*FRAME_CATEGORIES, VOLUNTEER]))
    district = draw(st.sampled_from([*DISTRICTS, None]))
    sort_key = tuple(draw(st.lists(st.sampled_from(["a", "b", "单位"]), max_size=2)))
    if category != VOLUNTEER:
        return Person(pid, category, district, sort_key)
    return Person(
        pid,
        category,
        district,
        sort_key,
        is_volunteer=True,
        venue_pref=draw(st.sampled_from(["main", "branch", None])),
        session_pref=draw(st.sampled_from([1, 2, None])),
        flexibility=draw(st.sampled_from(["any", "venue", "session", "none"])),
    )


frames = st.lists(rows(), min_size=0, max_size=90, unique_by=lambda p: (p.pid, p.category))


@st.composite
def quota(draw: st.DrawFn) -> Quota:
    venue = draw(st.sampled_from(["main", "branch"]))
    district = None if venue == "main" else draw(st.sampled_from(DISTRICTS))
    return Quota(
        session=draw(st.sampled_from([1, 2])),
        venue=venue,
        district=district,
        category=draw(st.sampled_from([*FRAME_CATEGORIES, VOLUNTEER])),
        seats=draw(st.integers(0, 3)),
        reserves=draw(st.integers(0, 1)),
    )


quotas = st.lists(quota(), min_size=1, max_size=6, unique_by=lambda q: q.key).map(tuple)
seeds = st.text(min_size=1, max_size=12)


@st.composite
def scenarios(draw: st.DrawFn) -> tuple[list[Person], tuple[Quota, ...]]:
    """A frame and quotas sized from it: each stratum asks for up to one more person
    than it has, so most draws run and some strata compete or fall short."""
    people = draw(
        st.lists(rows(), min_size=10, max_size=90, unique_by=lambda p: (p.pid, p.category))
    )
    shapes = draw(st.lists(quota(), min_size=1, max_size=6, unique_by=lambda q: q.key))
    out: list[Quota] = []
    for q in shapes:
        pool = len({p.pid for p in people if eligible(p, q)})
        seats = draw(st.integers(0, min(pool + 1, 6)))
        reserves = draw(st.integers(0, 2))
        out.append(Quota(q.session, q.venue, q.district, q.category, seats, reserves))
    return people, tuple(out)


@st.composite
def tiny_scenarios(draw: st.DrawFn) -> tuple[list[Person], tuple[Quota, ...]]:
    """Frames of at most 9 rows and 3 strata of at most 2 seats: small enough to list
    every possible panel."""
    people = draw(st.lists(rows(), min_size=2, max_size=9, unique_by=lambda p: (p.pid, p.category)))
    shapes = draw(st.lists(quota(), min_size=1, max_size=3, unique_by=lambda q: q.key))
    out = []
    for q in shapes:
        pool = len({p.pid for p in people if eligible(p, q)})
        out.append(
            Quota(q.session, q.venue, q.district, q.category, draw(st.integers(0, min(2, pool))))
        )
    return people, tuple(out)
