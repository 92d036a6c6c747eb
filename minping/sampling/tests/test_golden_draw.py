"""A fixed frame and seed give a pinned result: old draws stay verifiable after upgrades."""

from __future__ import annotations

from minping.sampling import DrawSpec, Person, Quota, draw

# 30 people, sort key = their work unit u0/u1/u2; pids p00..p29.
PEOPLE = [
    Person(f"p{i:02d}", "npc", ["东胜区", "乌审旗"][i % 2], (f"u{i % 3}",)) for i in range(30)
]
QUOTAS = (Quota(1, "main", None, "npc", 3, 1), Quota(1, "branch", "东胜区", "npc", 2, 1))


def seats(method: str) -> list[tuple[str, str, int, str]]:
    result = draw(PEOPLE, DrawSpec("golden", QUOTAS, method=method))  # type: ignore[arg-type]
    return [(s.pid, s.venue, s.rank, s.kind) for s in (*result.selected, *result.reserves)]


def test_the_systematic_draw_is_pinned_and_spreads_over_the_sort_order() -> None:
    # Sorted by unit, the interval 30/3 = 10 picks the same place in each unit's block.
    assert seats("systematic") == [
        ("p09", "main", 1, "selected"),
        ("p10", "main", 2, "selected"),
        ("p11", "main", 3, "selected"),
        ("p00", "branch", 1, "selected"),
        ("p22", "branch", 2, "selected"),
        ("p24", "main", 1, "reserve"),
        ("p06", "branch", 1, "reserve"),
    ]


def test_the_leximin_draw_is_pinned() -> None:
    assert seats("leximin") == [
        ("p13", "main", 1, "selected"),
        ("p03", "main", 2, "selected"),
        ("p25", "main", 3, "selected"),
        ("p18", "branch", 1, "selected"),
        ("p10", "branch", 2, "selected"),
        ("p19", "main", 1, "reserve"),
        ("p22", "branch", 1, "reserve"),
    ]
