"""The plain-language check in core: jargon from the registered lists (read at the moment of the
check), or a list passed in; long sentences; it only advises."""

from __future__ import annotations

from typing import Any

import pytest

from jeugdketen.core import taal

JARGON = [("multiproblematiek", "meerdere problemen tegelijk"), ("casus", "situatie")]


def test_jargon_passed_in_and_long_sentences() -> None:
    tips = taal.check(
        {"Zorgen": "Er is sprake van multiproblematiek. De casussen stapelen zich op.", "Goed": "Kort."},
        jargon=JARGON,
    )
    assert [(t.veld, t.fragment) for t in tips] == [("Zorgen", "multiproblematiek"), ("Zorgen", "casussen")]
    assert tips[0].advies == "Zeg liever: “meerdere problemen tegelijk”."
    long = taal.check({"Doel 1": " ".join(["woord"] * 21) + "."}, jargon=[])
    assert len(long) == 1 and "21 woorden" in long[0].advies and long[0].fragment.endswith("…")
    assert taal.check({"Doel 1": " ".join(["woord"] * 20) + ".", "leeg": ""}, jargon=JARGON) == []


def test_a_word_that_only_contains_a_term_is_not_jargon() -> None:
    assert taal.check({"x": "De democasus"}, jargon=JARGON) == []


def test_registered_lists_are_read_at_each_check(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(taal, "_bronnen", [])
    beheer: list[tuple[str, str]] = []

    def bron() -> Any:
        return list(beheer)

    taal.register_jargon(bron)
    taal.register_jargon(bron)  # once is enough
    assert taal._bronnen == [bron]
    assert taal.check({"Zorgen": "De casus is lastig."}) == []
    beheer.append(("casus", "situatie"))  # added in beheer: counts at the next check
    assert [t.fragment for t in taal.check({"Zorgen": "De casus is lastig."})] == ["casus"]


def test_the_region_list_of_gezinsplan_is_registered(db: Any) -> None:
    """gezinsplan registers its Jargonterm list (seeded by its migration) in AppConfig.ready()."""
    from jeugdketen.gezinsplan import selectors

    assert selectors.jargon in taal._bronnen
    assert any(t.fragment == "multiproblematiek" for t in taal.check({"x": "Dit is multiproblematiek."}))
