"""Reads that have one way (issue 8): the BSN through `core.bsn`, organisations, regions and
municipalities through `organisaties.selectors`, not each module's own model query."""

from __future__ import annotations

import inspect
from typing import Any

from stdnum.nl import bsn as stdnum_bsn

from jeugdketen.core.bsn import is_valid_bsn
from jeugdketen.jeugdhulp import ijw
from jeugdketen.koppelingen import plekvrij_crisis
from jeugdketen.monitor import selectors as monitor_selectors
from jeugdketen.monitor import views as monitor_views
from jeugdketen.organisaties import selectors as organisaties
from jeugdketen.plekvrij import api as plekvrij_api
from jeugdketen.plekvrij import forms as plekvrij_forms
from jeugdketen.plekvrij import selectors as plekvrij_selectors


def test_an_ijw_bsn_is_checked_by_the_one_bsn_rule() -> None:
    # stdnum pads a short number with zeros; the one rule (core.bsn) wants the nine digits.
    assert stdnum_bsn.is_valid("10000008") and not is_valid_bsn("10000008")
    assert is_valid_bsn("999990019") and not is_valid_bsn("999990018")
    assert "stdnum" not in inspect.getsource(ijw)


def test_the_plekvrij_search_form_and_koppelingen_read_reference_data_through_selectors() -> None:
    search = "".join(
        inspect.getsource(f)
        for f in (plekvrij_forms._onbekend, plekvrij_forms._gemeente, plekvrij_forms._gebied, plekvrij_forms.ZoekForm)
    )
    for model in ("Gemeente", "Regio", "Organisatie"):
        assert f"{model}.objects" not in search
        assert f"{model}.objects" not in inspect.getsource(plekvrij_crisis)


def test_plekvrij_and_the_monitor_find_regions_through_the_organisations_selectors() -> None:
    """They had their own `regio_met_uuid` (and the monitor its own `regios`) beside
    `organisaties.selectors`' ones; a malformed id is answered there, with nothing."""
    for module in (plekvrij_selectors, plekvrij_api, monitor_selectors, monitor_views):
        assert "Regio.objects" not in inspect.getsource(module), module.__name__
        assert not hasattr(module, "regio_met_uuid") and not hasattr(module, "regios"), module.__name__


def test_the_reference_selectors_answer_a_malformed_id_with_nothing(region: Any) -> None:
    assert organisaties.gemeente_met_uuid("geen-id") is None and organisaties.regio_met_uuid("") is None
    assert organisaties.telefoon_van("geen-id") == ""
    (gemeente,) = organisaties.gemeenten_met_naam("heerlen")
    assert organisaties.gemeente_met_uuid(str(gemeente.uuid)) == gemeente and gemeente.naam == "Heerlen"
    assert organisaties.namen_beginnend_met("ker") == ["Kerkrade"] and organisaties.gemeenten_met_naam("") == []
    regio = organisaties.regios().first()
    assert regio is not None and organisaties.regio_met_uuid(str(regio.uuid)) == regio
