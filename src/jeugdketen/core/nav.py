"""The main menu: each app registers its entries (core imports no domain app), and the base
template shows the ones for the acting person on every page."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import ResolverMatch, reverse
from django.utils.functional import Promise

from .access import Actor


@dataclass(frozen=True)
class NavItem:
    label: str | Promise  # a lazy translation
    url_name: str
    visible: Callable[[Actor], bool]
    order: int = 100
    # Is the entry 'current' on the page with this view name ("app:name")? Default: its own page.
    current: Callable[[str], bool] | None = None


_ITEMS: list[NavItem] = []


def register(item: NavItem) -> None:
    if all(existing.url_name != item.url_name for existing in _ITEMS):
        _ITEMS.append(item)
        _ITEMS.sort(key=lambda i: i.order)


def items_for(actor: Actor | None, resolver_match: ResolverMatch | None) -> list[dict[str, object]]:
    if actor is None or actor.user is None:
        return []
    view_name = (resolver_match.view_name if resolver_match else "") or ""
    result: list[dict[str, object]] = []
    for item in _ITEMS:
        if not item.visible(actor):
            continue
        current = item.current(view_name) if item.current else view_name == item.url_name
        result.append({"label": item.label, "url": reverse(item.url_name), "current": current})
    return result
