"""Who may sit in which stratum."""

from __future__ import annotations

from .model import MAIN, Person, Quota


def eligible(person: Person, quota: Quota) -> bool:
    """True when ``person`` may fill a seat of ``quota``.

    Same category; a branch seat needs the person's district; a volunteer keeps the
    venue and session they chose unless their reassignment choice (``flexibility``)
    lets that one change.
    """
    if person.category != quota.category:
        return False
    if quota.venue != MAIN and person.district != quota.district:
        return False
    if not person.is_volunteer:
        return True
    venue_ok = person.venue_pref in (None, quota.venue) or person.flexibility in ("any", "venue")
    session_ok = person.session_pref in (None, quota.session) or person.flexibility in (
        "any",
        "session",
    )
    return venue_ok and session_ok
