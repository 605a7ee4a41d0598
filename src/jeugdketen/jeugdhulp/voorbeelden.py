"""Example iJw 3.2 messages (JW301, JW305, JW307) written from plain values: the demo offers them
for download so a newcomer can try the upload, and the tests build their messages with them.

Our own writer, following the message structures of ijw.py; not a copy of the published examples.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any
from xml.sax.saxutils import escape

from .ijw import BERICHTCODE, NS_BASIS, ns


@dataclass
class Client:
    bsn: str
    geboortedatum: dt.date
    achternaam: str
    voornamen: str = ""
    geslacht: str = "0"
    postcode: str = "6411AA"
    huisnummer: int = 1


@dataclass
class Toewijzing:
    toewijzingnummer: int
    categorie: str
    ingangsdatum: dt.date
    code: str = ""
    einddatum: dt.date | None = None
    volume: int | None = None
    eenheid: str = ""
    frequentie: str = ""
    budget: int | None = None
    toewijzingsdatum: dt.date | None = None
    reden_wijziging: str = ""


@dataclass
class Regie:
    """A StartProduct (JW305) or StopProduct (JW307)."""

    toewijzingnummer: int | None
    begindatum: dt.date
    einddatum: dt.date | None = None
    reden: str = ""
    status: str = "1"
    categorie: str = ""
    code: str = ""
    toewijzing_ingangsdatum: dt.date | None = None


@dataclass
class Kop:
    afzender: str
    ontvanger: str
    identificatie: str
    dagtekening: dt.date
    versie: str = "3"
    subversie: str = "2"
    release_ns: str = "3_2"


@dataclass
class Bericht:
    kop: Kop
    client: Client
    producten: list[Toewijzing | Regie] = field(default_factory=list)


def _e(name: str, value: object, *, basis: bool = False) -> str:
    prefix = "ijw" if basis else "m"
    return f"<{prefix}:{name}>{escape(str(value))}</{prefix}:{name}>"


def _naam(c: Client, *, volledig: bool) -> str:
    delen = [f"<ijw:Geslachtsnaam>{_e('Achternaam', c.achternaam, basis=True)}</ijw:Geslachtsnaam>"]
    if c.voornamen:
        delen.append(_e("Voornamen", c.voornamen, basis=True))
    if volledig:
        delen.append(_e("NaamGebruik", "1", basis=True))
    return "<m:Naam>" + "".join(delen) + "</m:Naam>"


def _product(bericht: str, p: Toewijzing | Regie, dagtekening: dt.date) -> str:
    if isinstance(p, Toewijzing):
        delen = [_e("ToewijzingNummer", p.toewijzingnummer)]
        if p.categorie:
            code = _e("Code", p.code, basis=True) if p.code else ""
            delen.append(f"<m:Product>{_e('Categorie', p.categorie, basis=True)}{code}</m:Product>")
        delen += [
            _e("Toewijzingsdatum", (p.toewijzingsdatum or min(p.ingangsdatum, dagtekening)).isoformat()),
            _e("Toewijzingstijd", "09:00:00"),
            _e("Ingangsdatum", p.ingangsdatum.isoformat()),
        ]
        if p.einddatum:
            delen.append(_e("Einddatum", p.einddatum.isoformat()))
        if p.reden_wijziging:
            delen.append(_e("RedenWijziging", p.reden_wijziging))
        if p.volume is not None:
            omvang = _e("Volume", p.volume, basis=True) + _e("Eenheid", p.eenheid, basis=True)
            delen.append(f"<m:Omvang>{omvang}{_e('Frequentie', p.frequentie, basis=True)}</m:Omvang>")
        if p.budget is not None:
            delen.append(_e("Budget", p.budget))
        return "<m:ToegewezenProduct>" + "".join(delen) + "</m:ToegewezenProduct>"
    klasse = "StartProduct" if bericht == "jw305" else "StopProduct"
    delen = []
    if p.toewijzingnummer is not None:
        delen.append(_e("ToewijzingNummer", p.toewijzingnummer))
    if p.categorie:
        code = _e("Code", p.code, basis=True) if p.code else ""
        delen.append(f"<m:Product>{_e('Categorie', p.categorie, basis=True)}{code}</m:Product>")
    if p.toewijzing_ingangsdatum:
        delen.append(_e("ToewijzingIngangsdatum", p.toewijzing_ingangsdatum.isoformat()))
    delen.append(_e("Begindatum", p.begindatum.isoformat()))
    if bericht == "jw307":
        delen.append(_e("RedenBeeindiging", p.reden))
        delen.append(_e("Einddatum", (p.einddatum or p.begindatum).isoformat()))
    delen.append(_e("StatusAanlevering", p.status))
    return f"<m:{klasse}>" + "".join(delen) + f"</m:{klasse}>"


def schrijf(bericht: str, b: Bericht) -> bytes:
    """The XML of a JW301, JW305 or JW307 (`bericht` is "jw301", "jw305" or "jw307")."""
    k, c = b.kop, b.client
    namespace = ns(bericht).replace("3_2", k.release_ns)
    basis = NS_BASIS.replace("3_2", k.release_ns)
    kop = "".join(
        [
            _e("BerichtCode", BERICHTCODE.get(bericht, "999")),
            _e("BerichtVersie", k.versie),
            _e("BerichtSubversie", k.subversie),
            _e("Afzender", k.afzender),
            _e("Ontvanger", k.ontvanger),
            "<m:BerichtIdentificatie>"
            + _e("Identificatie", k.identificatie, basis=True)
            + _e("Dagtekening", k.dagtekening.isoformat(), basis=True)
            + "</m:BerichtIdentificatie>",
            "<m:XsdVersie>"
            + _e("BasisschemaXsdVersie", "1.0.0", basis=True)
            + _e("BerichtXsdVersie", "1.0.0", basis=True)
            + "</m:XsdVersie>",
        ]
    )
    client = [
        _e("Bsn", c.bsn),
        f"<m:Geboortedatum>{_e('Datum', c.geboortedatum.isoformat(), basis=True)}</m:Geboortedatum>",
        _e("Geslacht", c.geslacht),
        _naam(c, volledig=bericht == "jw301"),
    ]
    producten = "".join(_product(bericht, p, k.dagtekening) for p in b.producten)
    if bericht == "jw301":
        adres = (
            f"<m:Adres><ijw:Huis>{_e('Huisnummer', c.huisnummer, basis=True)}</ijw:Huis>"
            f"{_e('Postcode', c.postcode, basis=True)}{_e('LandCode', 'NL', basis=True)}</m:Adres>"
        )
        client.append(f"<m:Contactgegevens><m:Contact>{_e('Soort', '01')}{adres}</m:Contact></m:Contactgegevens>")
        client.append(f"<m:ToegewezenProducten>{producten}</m:ToegewezenProducten>")
    else:
        container = "StartProducten" if bericht == "jw305" else "StopProducten"
        client.append(f"<m:{container}>{producten}</m:{container}>")
    regels = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<m:Bericht xmlns:m="{namespace}" xmlns:ijw="{basis}">',
        f"  <m:Header>{kop}</m:Header>",
        "  <m:Client>" + "".join(client) + "</m:Client>",
        "</m:Bericht>",
        "",
    ]
    # One product per line, so the error messages' line numbers point somewhere useful.
    return (
        "\r\n".join(regels)
        .replace("<m:ToegewezenProduct>", "\r\n    <m:ToegewezenProduct>")
        .replace("<m:StartProduct>", "\r\n    <m:StartProduct>")
        .replace("<m:StopProduct>", "\r\n    <m:StopProduct>")
        .encode("utf-8")
    )


def voor_aanbieder(traject: Any, agb: str, dagtekening: dt.date, identificatie: str) -> bytes:
    """A JW305 a provider can try: the start of one of its own assignments today, and a start of an
    assignment that does not exist (answered with retourcode 9019)."""
    jeugdige = traject.jeugdige
    client = Client(
        bsn=jeugdige.bsn,
        geboortedatum=jeugdige.geboortedatum,
        achternaam=jeugdige.achternaam,
        voornamen=jeugdige.voornamen,
    )
    kop = Kop(
        afzender=agb, ontvanger=traject.gemeente.cbs_code[2:], identificatie=identificatie, dagtekening=dagtekening
    )
    starts = [
        Regie(traject.toewijzingnummer, dagtekening, toewijzing_ingangsdatum=traject.ingangsdatum),
        Regie(999999, dagtekening),
    ]
    return schrijf("jw305", Bericht(kop, client, list(starts)))


def voor_gemeente(gemeente_code: str, agb: str, dagtekening: dt.date, identificatie: str) -> bytes:
    """A JW301 a municipality can try: ambulant help for a fictitious youth (a BSN of the BRP's test
    range) from the provider with this AGB code."""
    client = Client(
        bsn="999973095",
        geboortedatum=dagtekening.replace(year=dagtekening.year - 8),
        achternaam="Meertens",
        voornamen="Eva",
    )
    toewijzing = Toewijzing(
        toewijzingnummer=int(dagtekening.strftime("%y%m%d")) * 100 + 1,
        categorie="45",
        code="",
        ingangsdatum=dagtekening,
        einddatum=dagtekening + dt.timedelta(days=180),
    )
    kop = Kop(afzender=gemeente_code[2:], ontvanger=agb, identificatie=identificatie, dagtekening=dagtekening)
    return schrijf("jw301", Bericht(kop, client, [toewijzing]))
