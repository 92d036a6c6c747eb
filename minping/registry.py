"""Per-app contributions to shared pages, so that no app edits another's templates.

Each app may have a ``dashboard.py`` module with either or both of:

- ``nav(request) -> list[NavItem]``: links for the top navigation, already filtered by role;
- ``cards(request) -> list[Card]``: "what needs doing next" cards for the staff dashboard;
- ``public_links(campaign) -> list[NavItem]``: entries for the public home page.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    order: int = 50


@dataclass(frozen=True)
class Card:
    """One thing a person should look at next, shown on the dashboard."""

    title: str
    url: str
    body: str = ""
    count: int | None = None
    level: str = "info"  # "info", "warning" or "danger"
    order: int = 50
    extra: dict[str, Any] = field(default_factory=dict)


def _modules() -> Iterable[Any]:
    for config in apps.get_app_configs():
        if not config.name.startswith("minping."):
            continue
        try:
            yield importlib.import_module(f"{config.name}.dashboard")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.dashboard":
                raise


def _collect(hook: str, *args: Any) -> list[Any]:
    items: list[Any] = []
    for module in _modules():
        func: Callable[..., list[Any]] | None = getattr(module, hook, None)
        if func is not None:
            items.extend(func(*args))
    return sorted(items, key=lambda item: item.order)


def nav_items(request: Any) -> list[NavItem]:
    return _collect("nav", request)


def dashboard_cards(request: Any) -> list[Card]:
    return _collect("cards", request)


def public_links(campaign: Any) -> list[NavItem]:
    return _collect("public_links", campaign)
