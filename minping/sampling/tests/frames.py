"""Synthetic frames and the seeds' quota tables for the sampling tests and benchmarks."""

from __future__ import annotations

import hashlib
import random

from minping.sampling import Person, Quota

# Seed 000: per session 100 at the main venue, 1,400 across the 9 branches.
BRANCH_SEATS: dict[str, int] = {
    "东胜区": 400,
    "康巴什区": 80,
    "达拉特旗": 230,
    "准格尔旗": 250,
    "伊金霍洛旗": 175,
    "乌审旗": 110,
    "杭锦旗": 75,
    "鄂托克旗": 115,
    "鄂托克前旗": 65,
}
# Volunteers per session: 5 at the main venue, by district at the branches.
VOLUNTEER_SEATS: dict[str, int] = {
    "东胜区": 18,
    "康巴什区": 4,
    "达拉特旗": 11,
    "准格尔旗": 12,
    "伊金霍洛旗": 8,
    "乌审旗": 5,
    "杭锦旗": 4,
    "鄂托克旗": 5,
    "鄂托克前旗": 3,
}
MAIN_SEATS = 100
MAIN_VOLUNTEERS = 5
DISTRICTS = list(BRANCH_SEATS)
# Frame categories sharing the non-volunteer seats, with their weights (sum 20).
CATEGORIES: dict[str, int] = {
    "community": 4,
    "key-project": 2,
    "key-private": 2,
    "small-micro": 2,
    "self-employed": 2,
    "new-citizen": 2,
    "npc": 2,
    "cppcc": 2,
    "party-congress": 1,
    "researcher": 1,
}
VOLUNTEER = "volunteer"


def split(total: int, weights: dict[str, int]) -> dict[str, int]:
    """Split ``total`` by ``weights`` with largest remainders (keys in order on ties)."""
    whole = sum(weights.values())
    shares = {k: total * w // whole for k, w in weights.items()}
    left = total - sum(shares.values())
    by_remainder = sorted(weights, key=lambda k: -(total * weights[k] % whole))
    for k in by_remainder[:left]:
        shares[k] += 1
    return shares


def seed_quotas(sessions: int = 3, reserve_rate: float = 0.1) -> list[Quota]:
    """The seeds' table: every session 100 main (5 of them volunteers) + 1,400 branch."""
    quotas: list[Quota] = []

    def add(session: int, venue: str, district: str | None, seats: dict[str, int]) -> None:
        for category, n in seats.items():
            if n:
                reserves = max(1, round(n * reserve_rate)) if reserve_rate else 0
                quotas.append(Quota(session, venue, district, category, n, reserves))  # type: ignore[arg-type]

    for s in range(1, sessions + 1):
        add(s, "main", None, {**split(MAIN_SEATS - MAIN_VOLUNTEERS, CATEGORIES), VOLUNTEER: 5})
        for d, seats in BRANCH_SEATS.items():
            v = VOLUNTEER_SEATS[d]
            add(s, "branch", d, {**split(seats - v, CATEGORIES), VOLUNTEER: v})
    return quotas


def pid(n: int) -> str:
    """A pseudonym like the selection app's blind index (hex, not the ID number)."""
    return hashlib.sha256(f"person-{n}".encode()).hexdigest()[:20]


def synthetic_frame(size: int, seed: int = 7, volunteers: int | None = None) -> list[Person]:
    """``size`` frame rows spread like the seats (by district and category), plus
    volunteers (default 1 in 50) with random preferences; about 1 in 100 people are
    also in a second frame."""
    rng = random.Random(seed)
    district_weights = [BRANCH_SEATS[d] for d in DISTRICTS]
    categories = list(CATEGORIES)
    category_weights = [CATEGORIES[c] for c in categories]
    people: list[Person] = []
    volunteers = size // 50 if volunteers is None else volunteers
    for n in range(size):
        district = rng.choices(DISTRICTS, district_weights)[0]
        category = rng.choices(categories, category_weights)[0]
        unit = f"unit-{rng.randrange(size // 10 + 1):06d}"
        people.append(Person(pid(n), category, district, (district, unit)))
        if n % 100 == 0:
            other = categories[(categories.index(category) + 1) % len(categories)]
            people.append(Person(pid(n), other, district, (district, unit)))
    for n in range(size, size + volunteers):
        district = rng.choices(DISTRICTS, district_weights)[0]
        people.append(
            Person(
                pid(n),
                VOLUNTEER,
                district,
                (district,),
                is_volunteer=True,
                venue_pref=rng.choice(["main", "branch", "branch", "branch"]),  # type: ignore[arg-type]
                session_pref=rng.randint(1, 3),
                flexibility=rng.choice(["any", "venue", "session", "none"]),  # type: ignore[arg-type]
            )
        )
    return people
