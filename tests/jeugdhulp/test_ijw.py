"""iJw 3.2 in: JW301/JW305/JW307 built by the tests, checked, applied per product record, and
answered with JW302/JW306/JW308 whose structure and retourcodes follow the standard."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine

from jeugdketen.core.access import Geweigerd
from jeugdketen.core.models import Toegangslogregel
from jeugdketen.jeugdhulp import ijw, services
from jeugdketen.jeugdhulp import voorbeelden as vb
from jeugdketen.jeugdhulp.models import Levering, Ontvangst, OntvangstStatus, Traject

from . import factories as f
from .conftest import VANDAAG, Wereld

AMS = ZoneInfo("Europe/Amsterdam")


@pytest.fixture(autouse=True)
def _klok() -> Iterator[None]:
    with time_machine.travel(dt.datetime(2025, 6, 2, 12, 0, tzinfo=AMS), tick=False):
        yield


BSN = "999990019"


def _client(bsn: str = BSN) -> vb.Client:
    return vb.Client(bsn=bsn, geboortedatum=dt.date(2012, 5, 17), achternaam="Janssen", voornamen="Daan")


def jw301(w: Wereld, *producten: vb.Toewijzing, ident: str = "301-1", bsn: str = BSN, **kop: Any) -> bytes:
    k = vb.Kop(afzender=w.code, ontvanger=w.agb, identificatie=ident, dagtekening=VANDAAG, **kop)
    return vb.schrijf("jw301", vb.Bericht(k, _client(bsn), list(producten)))


def regie(w: Wereld, soort: str, *producten: vb.Regie, ident: str = "30x-1", bsn: str = BSN, **kop: Any) -> bytes:
    k = vb.Kop(afzender=w.agb, ontvanger=w.code, identificatie=ident, dagtekening=VANDAAG, **kop)
    return vb.schrijf(soort, vb.Bericht(k, _client(bsn), list(producten)))


def ambulant(nummer: int = 5001, **kwargs: Any) -> vb.Toewijzing:
    values: dict[str, Any] = {
        "categorie": "45",
        "code": "45A06",
        "ingangsdatum": dt.date(2025, 5, 1),
        "einddatum": dt.date(2025, 12, 31),
        "volume": 2,
        "eenheid": "04",
        "frequentie": "2",
    }
    values.update(kwargs)
    return vb.Toewijzing(toewijzingnummer=nummer, **values)


def stuur(w: Wereld, wie: str, inhoud: bytes) -> Ontvangst:
    return services.ijw_bericht_verwerken(by=w.actor(wie), inhoud=inhoud, bestandsnaam="test.xml").ontvangst


def retour(o: Ontvangst) -> ET.Element:
    assert ijw.valideer_retour(o.retourbericht.encode()) == [], ijw.valideer_retour(o.retourbericht.encode())
    return ET.fromstring(o.retourbericht.encode())  # noqa: S314 - our own return message


def codes(elem: ET.Element, pad: str, soort: str) -> list[list[str]]:
    """The retourcodes of every element at `pad` (relative, in the return namespace)."""
    m = ijw.ns(soort)
    found = elem.findall("/".join(f"{{{m}}}{p}" for p in pad.split("/")))
    return [[c.text or "" for c in e.findall(f"{{{m}}}RetourCodes/{{{m}}}RetourCode")] for e in found]


# --- JW301 --------------------------------------------------------------------------------


def test_a_valid_jw301_creates_the_assignment_and_the_jw302_says_0200_without_client(wereld: Wereld) -> None:
    o = stuur(
        wereld,
        "toegang",
        jw301(wereld, ambulant(5001), ambulant(5002, code="", categorie="35", volume=None, eenheid="", frequentie="")),
    )
    assert o.status == OntvangstStatus.VERWERKT, o.resultaat
    assert (o.aantal_goed, o.aantal_fout) == (2, 0)
    t = Traject.objects.get(toewijzingnummer=5001)
    assert (t.gemeente, t.aanbieder, t.jeugdige.bsn) == (wereld.heerlen, wereld.aanbieder.organisatie, BSN)
    assert (t.hulpvorm, t.volume, t.eenheid, t.frequentie, t.verwijzer) == ("ambulant", 2, "04", "2", "01")
    assert Traject.objects.get(toewijzingnummer=5002).hulpvorm == "pleegzorg"
    root = retour(o)
    m = ijw.ns("jw302")
    assert root.tag == f"{{{m}}}Bericht"
    assert root.findtext(f"{{{m}}}Header/{{{m}}}BerichtCode") == "437"
    assert codes(root, "Header", "jw302") == [["0200"]]
    assert root.find(f"{{{m}}}Client") is None  # OP065: accepted clients are not sent back
    assert o.retourbericht.startswith('<?xml version="1.0" encoding="UTF-8"?>\r\n')


def test_the_same_file_twice_changes_nothing_the_second_time(wereld: Wereld) -> None:
    inhoud = jw301(wereld, ambulant(5001))
    eerste = services.ijw_bericht_verwerken(by=wereld.actor("toegang"), inhoud=inhoud)
    rows = (Traject.objects.count(), Ontvangst.objects.count())
    traject = Traject.objects.get()
    tweede = services.ijw_bericht_verwerken(by=wereld.actor("toegang"), inhoud=inhoud)
    assert tweede.herhaald and tweede.ontvangst == eerste.ontvangst
    assert (Traject.objects.count(), Ontvangst.objects.count()) == rows
    assert Traject.objects.get().gewijzigd == traject.gewijzigd


def test_a_new_message_with_a_used_identification_gets_9056_on_the_header(wereld: Wereld) -> None:
    stuur(wereld, "toegang", jw301(wereld, ambulant(5001)))
    o = stuur(wereld, "toegang", jw301(wereld, ambulant(5003)))  # other content, same identificatie
    assert o.status == OntvangstStatus.AFGEKEURD
    root = retour(o)
    assert codes(root, "Header", "jw302") == [["9056"]]
    assert codes(root, "Client/ToegewezenProducten/ToegewezenProduct", "jw302") == [["0233"]]
    assert not Traject.objects.filter(toewijzingnummer=5003).exists()


def test_a_content_error_rejects_the_whole_jw301_with_0001_where_it_is(wereld: Wereld) -> None:
    fout = ambulant(5002, einddatum=dt.date(2025, 4, 1))  # before the start: CS003
    o = stuur(wereld, "toegang", jw301(wereld, ambulant(5001), fout))
    assert o.status == OntvangstStatus.AFGEKEURD
    assert not Traject.objects.exists()  # OP286: nothing of the message is applied
    root = retour(o)
    assert codes(root, "Client/ToegewezenProducten/ToegewezenProduct", "jw302") == [["0233"], ["0001"]]
    assert codes(root, "Client", "jw302") == [["0233"]]
    assert "CS003" in o.resultaat["producten"][1]["uitleg"][0]


def test_a_bsn_that_fails_the_11_test_rejects_the_message_at_the_client(wereld: Wereld) -> None:
    k = vb.Kop(afzender=wereld.code, ontvanger=wereld.agb, identificatie="301-9", dagtekening=VANDAAG)
    inhoud = vb.schrijf("jw301", vb.Bericht(k, _client("123456789"), [ambulant(5001)]))
    o = stuur(wereld, "toegang", inhoud)
    assert codes(retour(o), "Client", "jw302") == [["0001"]]
    assert not Traject.objects.exists()


def test_a_dagtekening_in_the_future_is_8848(wereld: Wereld) -> None:
    k = vb.Kop(
        afzender=wereld.code, ontvanger=wereld.agb, identificatie="301-8", dagtekening=VANDAAG + dt.timedelta(days=1)
    )
    o = stuur(wereld, "toegang", vb.schrijf("jw301", vb.Bericht(k, _client(), [ambulant(5001)])))
    assert codes(retour(o), "Header", "jw302") == [["8848"]]


def test_a_product_code_outside_its_category_is_s329_and_the_other_product_is_kept(wereld: Wereld) -> None:
    o = stuur(
        wereld,
        "toegang",
        jw301(
            wereld,
            ambulant(5001),
            ambulant(5002, code="35A01", einddatum=dt.date(2026, 1, 31), ingangsdatum=dt.date(2026, 1, 1)),
        ),
    )
    assert o.status == OntvangstStatus.DEELS
    root = retour(o)
    assert codes(root, "Client/ToegewezenProducten/ToegewezenProduct", "jw302") == [["S329"]]
    nummers = root.findall(f".//{{{ijw.ns('jw302')}}}ToewijzingNummer")
    assert [n.text for n in nummers] == ["5002"]
    assert Traject.objects.filter(toewijzingnummer=5001).exists()


def test_an_assignment_number_of_another_youth_is_9332(wereld: Wereld) -> None:
    f.TrajectFactory(gemeente=wereld.heerlen, toewijzingnummer=5001, aanbieder=wereld.aanbieder.organisatie)
    o = stuur(wereld, "toegang", jw301(wereld, ambulant(5001)))
    assert codes(retour(o), "Client/ToegewezenProducten/ToegewezenProduct", "jw302") == [["9332"]]


def test_a_later_jw301_changes_the_assignment_and_an_older_one_does_not(wereld: Wereld) -> None:
    stuur(wereld, "toegang", jw301(wereld, ambulant(5001, toewijzingsdatum=dt.date(2025, 5, 1))))
    stuur(
        wereld,
        "toegang",
        jw301(
            wereld, ambulant(5001, toewijzingsdatum=dt.date(2025, 5, 20), einddatum=dt.date(2025, 9, 30)), ident="301-2"
        ),
    )
    assert Traject.objects.get().einddatum == dt.date(2025, 9, 30)
    stuur(
        wereld,
        "toegang",
        jw301(
            wereld, ambulant(5001, toewijzingsdatum=dt.date(2025, 5, 2), einddatum=dt.date(2025, 7, 31)), ident="301-3"
        ),
    )
    assert Traject.objects.get().einddatum == dt.date(2025, 9, 30)  # OP033x1: the most recent wins


# --- Refused whole: wrong release, unknown message, broken structure, wrong sender ----------


def test_a_message_of_another_release_is_refused_whole_with_the_reason(wereld: Wereld) -> None:
    o = stuur(wereld, "toegang", jw301(wereld, ambulant(5001), release_ns="3_1", subversie="1"))
    assert o.status == OntvangstStatus.GEWEIGERD
    assert "release 3.1" in o.reden and "3.2" in o.reden
    assert o.retourbericht == "" and not Traject.objects.exists()


def test_a_message_with_subversion_1_in_the_32_namespace_is_refused_as_another_release(wereld: Wereld) -> None:
    o = stuur(wereld, "toegang", jw301(wereld, ambulant(5001), subversie="1"))
    assert o.status == OntvangstStatus.GEWEIGERD and "3.1" in o.reden


def test_an_unknown_message_is_refused_whole(wereld: Wereld) -> None:
    inhoud = jw301(wereld, ambulant(5001)).replace(b"jw301/schema", b"jw315/schema")
    o = stuur(wereld, "toegang", inhoud)
    assert o.status == OntvangstStatus.GEWEIGERD and "JW315" in o.reden


@pytest.mark.parametrize(
    "inhoud",
    [b"niet eens xml", b"<a>b</a>", b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "x">]><x>&e;</x>', b""],
)
def test_what_is_no_ijw_message_at_all_is_refused_in_plain_dutch(wereld: Wereld, inhoud: bytes) -> None:
    o = stuur(wereld, "toegang", inhoud)
    assert o.status == OntvangstStatus.GEWEIGERD and o.reden


def test_an_impossible_date_breaks_the_structure_and_is_listed_with_its_line(wereld: Wereld) -> None:
    inhoud = jw301(wereld, ambulant(5001)).replace(b"2025-12-31", b"2025-02-30")
    o = stuur(wereld, "toegang", inhoud)
    assert o.status == OntvangstStatus.GEWEIGERD and "XSD" in o.reden
    (detail,) = o.resultaat["details"]
    assert "Einddatum" in detail and "2025-02-30 bestaat niet" in detail and "regel 5" in detail


def test_a_municipality_may_only_send_its_own_assignments(wereld: Wereld) -> None:
    o = stuur(wereld, "toegang_kerkrade", jw301(wereld, ambulant(5001)))
    assert o.status == OntvangstStatus.GEWEIGERD and "0917" in o.reden
    assert not Traject.objects.exists()


def test_only_the_sender_named_in_the_header_may_deliver_a_jw305(wereld: Wereld) -> None:
    o = stuur(wereld, "andere_aanbieder", regie(wereld, "jw305", vb.Regie(5001, dt.date(2025, 5, 5))))
    assert o.status == OntvangstStatus.GEWEIGERD and wereld.agb in o.reden


def test_someone_who_may_not_send_messages_is_refused_and_logged(wereld: Wereld) -> None:
    with pytest.raises(Geweigerd):
        services.ijw_bericht_verwerken(by=f.actor_van(wereld.beleid), inhoud=jw301(wereld, ambulant(5001)))
    assert Toegangslogregel.objects.filter(uitkomst="denied", object_type="ijw_bericht").exists()


# --- JW305 / JW307 --------------------------------------------------------------------------


@pytest.fixture
def toegewezen(wereld: Wereld) -> Traject:
    stuur(
        wereld,
        "toegang",
        jw301(wereld, ambulant(5001), ambulant(5002, code="", categorie="35", volume=None, eenheid="", frequentie="")),
    )
    return Traject.objects.get(toewijzingnummer=5001)


def test_a_start_of_an_unknown_assignment_is_9019_and_the_good_start_is_kept(
    wereld: Wereld, toegewezen: Traject
) -> None:
    o = stuur(
        wereld,
        "aanbieder",
        regie(wereld, "jw305", vb.Regie(5001, dt.date(2025, 5, 5)), vb.Regie(7777, dt.date(2025, 5, 5))),
    )
    assert o.status == OntvangstStatus.DEELS
    toegewezen.refresh_from_db()
    assert toegewezen.begindatum == dt.date(2025, 5, 5)
    root = retour(o)
    m = ijw.ns("jw306")
    assert root.findtext(f"{{{m}}}Header/{{{m}}}BerichtCode") == "439"
    assert codes(root, "Header", "jw306") == [["0200"]]
    assert codes(root, "Client", "jw306") == [["0200"]]
    assert codes(root, "Client/StartProducten/StartProduct", "jw306") == [["9019"]]
    assert [e.text for e in root.iter(f"{{{m}}}ToewijzingNummer")] == ["7777"]


def test_a_start_before_the_assignment_is_9019(wereld: Wereld, toegewezen: Traject) -> None:
    o = stuur(wereld, "aanbieder", regie(wereld, "jw305", vb.Regie(5001, dt.date(2025, 4, 30))))
    assert codes(retour(o), "Client/StartProducten/StartProduct", "jw306") == [["9019"]]
    assert "voor het begin van de toewijzing" in o.resultaat["producten"][0]["uitleg"][0]


def test_a_start_of_another_youth_under_that_number_is_9019(wereld: Wereld, toegewezen: Traject) -> None:
    o = stuur(wereld, "aanbieder", regie(wereld, "jw305", vb.Regie(5001, dt.date(2025, 5, 5)), bsn="999990020"))
    assert codes(retour(o), "Client/StartProducten/StartProduct", "jw306") == [["9019"]]


def test_a_second_start_while_care_runs_is_9326_and_the_same_start_again_9074(
    wereld: Wereld, toegewezen: Traject
) -> None:
    stuur(wereld, "aanbieder", regie(wereld, "jw305", vb.Regie(5001, dt.date(2025, 5, 5)), ident="a"))
    o = stuur(wereld, "aanbieder", regie(wereld, "jw305", vb.Regie(5001, dt.date(2025, 5, 9)), ident="b"))
    assert codes(retour(o), "Client/StartProducten/StartProduct", "jw306") == [["9326"]]
    o = stuur(wereld, "aanbieder", regie(wereld, "jw305", vb.Regie(5001, dt.date(2025, 5, 5)), ident="c"))
    assert codes(retour(o), "Client/StartProducten/StartProduct", "jw306") == [["9074"]]
    assert Levering.objects.filter(traject=toegewezen).count() == 1


def test_stop_after_start_ends_the_trajectory_and_jw308_without_client(wereld: Wereld, toegewezen: Traject) -> None:
    stuur(wereld, "aanbieder", regie(wereld, "jw305", vb.Regie(5001, dt.date(2025, 5, 5)), ident="a"))
    o = stuur(
        wereld,
        "aanbieder",
        regie(wereld, "jw307", vb.Regie(5001, dt.date(2025, 5, 5), dt.date(2025, 5, 30), "31"), ident="b"),
    )
    assert o.status == OntvangstStatus.VERWERKT
    toegewezen.refresh_from_db()
    assert (toegewezen.einddatum_zorg, toegewezen.reden_beeindiging) == (dt.date(2025, 5, 30), "31")
    root = retour(o)
    assert root.findtext(f"{{{ijw.ns('jw308')}}}Header/{{{ijw.ns('jw308')}}}BerichtCode") == "441"
    assert root.find(f"{{{ijw.ns('jw308')}}}Client") is None


def test_a_stop_without_its_start_is_9069(wereld: Wereld, toegewezen: Traject) -> None:
    o = stuur(
        wereld, "aanbieder", regie(wereld, "jw307", vb.Regie(5001, dt.date(2025, 5, 5), dt.date(2025, 5, 30), "31"))
    )
    assert codes(retour(o), "Client/StopProducten/StopProduct", "jw308") == [["9069"]]


def test_an_end_before_the_start_rejects_the_jw307_with_0001(wereld: Wereld, toegewezen: Traject) -> None:
    stuur(wereld, "aanbieder", regie(wereld, "jw305", vb.Regie(5001, dt.date(2025, 5, 5)), ident="a"))
    o = stuur(
        wereld,
        "aanbieder",
        regie(wereld, "jw307", vb.Regie(5001, dt.date(2025, 5, 5), dt.date(2025, 5, 1), "31"), ident="b"),
    )
    assert o.status == OntvangstStatus.AFGEKEURD
    assert codes(retour(o), "Client/StopProducten/StopProduct", "jw308") == [["0001"]]
    assert "TR018" in o.resultaat["producten"][0]["uitleg"][0]
    toegewezen.refresh_from_db()
    assert toegewezen.einddatum_zorg is None


def test_a_temporary_stop_then_a_definitive_one(wereld: Wereld, toegewezen: Traject) -> None:
    stuur(wereld, "aanbieder", regie(wereld, "jw305", vb.Regie(5001, dt.date(2025, 5, 5)), ident="a"))
    stuur(
        wereld,
        "aanbieder",
        regie(wereld, "jw307", vb.Regie(5001, dt.date(2025, 5, 5), dt.date(2025, 5, 10), "20"), ident="b"),
    )
    toegewezen.refresh_from_db()
    assert toegewezen.einddatum_zorg is None  # a temporary stop does not end the trajectory
    o = stuur(
        wereld,
        "aanbieder",
        regie(wereld, "jw307", vb.Regie(5001, dt.date(2025, 5, 5), dt.date(2025, 5, 8), "31"), ident="c"),
    )
    assert codes(retour(o), "Client/StopProducten/StopProduct", "jw308") == [["9414"]]
    stuur(
        wereld,
        "aanbieder",
        regie(wereld, "jw307", vb.Regie(5001, dt.date(2025, 5, 5), dt.date(2025, 5, 20), "31"), ident="d"),
    )
    toegewezen.refresh_from_db()
    assert toegewezen.einddatum_zorg == dt.date(2025, 5, 20)
    o = stuur(
        wereld,
        "aanbieder",
        regie(wereld, "jw307", vb.Regie(5001, dt.date(2025, 5, 5), dt.date(2025, 5, 21), "33"), ident="e"),
    )
    assert codes(retour(o), "Client/StopProducten/StopProduct", "jw308") == [["9415"]]


def test_status_3_withdraws_a_start_and_not_one_that_has_stopped(wereld: Wereld, toegewezen: Traject) -> None:
    stuur(wereld, "aanbieder", regie(wereld, "jw305", vb.Regie(5001, dt.date(2025, 5, 5)), ident="a"))
    o = stuur(wereld, "aanbieder", regie(wereld, "jw305", vb.Regie(5001, dt.date(2025, 5, 5), status="3"), ident="b"))
    assert o.status == OntvangstStatus.VERWERKT
    toegewezen.refresh_from_db()
    assert toegewezen.begindatum is None
    o = stuur(wereld, "aanbieder", regie(wereld, "jw305", vb.Regie(5001, dt.date(2025, 5, 5), status="3"), ident="c"))
    assert codes(retour(o), "Client/StartProducten/StartProduct", "jw306") == [["9063"]]
    o = stuur(wereld, "aanbieder", regie(wereld, "jw305", vb.Regie(5001, dt.date(2025, 5, 6), status="2"), ident="d"))
    assert codes(retour(o), "Client/StartProducten/StartProduct", "jw306") == [["0001"]]  # CS058


def test_every_applied_record_and_the_upload_are_in_the_access_log(wereld: Wereld, toegewezen: Traject) -> None:
    voor = Toegangslogregel.objects.count()
    stuur(wereld, "aanbieder", regie(wereld, "jw305", vb.Regie(5001, dt.date(2025, 5, 5))))
    nieuw = Toegangslogregel.objects.order_by("id")[voor:]
    assert [(r.object_type, r.actie) for r in nieuw] == [("jeugdhulptraject", "update"), ("ijw_bericht", "create")]
    assert all(r.client_id == str(toegewezen.jeugdige.uuid) for r in nieuw)
    assert not any(BSN in str(vars(r)) for r in nieuw)
