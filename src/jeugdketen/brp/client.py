"""Client for the parts of the Haal Centraal BRP API Personen (v2) the platform uses.

One operation: `POST {BRP_API_URL}/personen` with `type: RaadpleegMetBurgerservicenummer`. Every
call names its purpose (doelbinding, `Doel`): the purpose decides the `fields` asked for (`VELDEN`,
mirrored in docs/brp.md) and is written to the access log, one entry per call, with the caller's
BSN-free client id. A failed call is logged as a failed attempt and raises `BrpNietBereikbaar`
(network, timeout, 5xx, not configured) or `BrpAntwoordOngeldig` (a 4xx problem or an answer
that is not the shape the specification defines). Callers keep working on their last known data.

Configuration (settings.py, from the environment): BRP_API_URL (empty: no BRP configured),
BRP_API_KEY and BRP_API_KEY_HEADER (default X-API-KEY), BRP_TIMEOUT (seconds, default 3).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import urllib.error
import urllib.request
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.conf import settings

from jeugdketen.core.access import Actor
from jeugdketen.core.models import Actie, Uitkomst
from jeugdketen.core.toegangslog import log_access, log_attempt

logger = logging.getLogger(__name__)

QUERY_TYPE = "RaadpleegMetBurgerservicenummer"
MAX_BSNS = 20  # the specification's maxItems for burgerservicenummer
OBJECT_TYPE = "brp_bevraging"


class BrpFout(Exception):
    """Any failed BRP call. The message is for logs and carries no personal data."""


class BrpNietBereikbaar(BrpFout):
    """The BRP could not be reached (not configured, network, timeout, server error)."""


class BrpAntwoordOngeldig(BrpFout):
    """The BRP refused the request (problem+json 4xx) or answered in an unexpected shape."""


class Doel(StrEnum):
    """Why the platform asks the BRP (doelbinding). Each purpose has its own fields."""

    GEZINSLID = "gezinslid_persoonsgegevens"
    WOONPLAATS = "woonplaatsbeginsel"
    GEZAG = "toestemming_gezag"
    FAMILIEMATCH = "verwijsindex_familiematch"


# Purpose -> the `fields` of the request: only what the purpose needs (docs/brp.md).
VELDEN: dict[Doel, tuple[str, ...]] = {
    Doel.GEZINSLID: (
        "burgerservicenummer",
        "naam.voornamen",
        "naam.voorvoegsel",
        "naam.geslachtsnaam",
        "geboorte.datum",
        "adressering.adresregel1",
        "adressering.adresregel2",
        "geheimhoudingPersoonsgegevens",
        "overlijden.datum",
    ),
    Doel.WOONPLAATS: ("burgerservicenummer", "gemeenteVanInschrijving", "verblijfplaats.datumVan"),
    Doel.GEZAG: ("burgerservicenummer", "gezag"),
    Doel.FAMILIEMATCH: ("burgerservicenummer", "ouders.burgerservicenummer", "overlijden.datum"),
}

# The legal basis logged with each purpose.
GRONDSLAG: dict[Doel, str] = {
    Doel.GEZINSLID: "Jeugdwet 7.4.0 (persoonsgegevens gezinslid)",
    Doel.WOONPLAATS: "Jeugdwet 1.1, 2.3 (woonplaatsbeginsel)",
    Doel.GEZAG: "Jeugdwet 7.3.4 (toestemming, gezag)",
    Doel.FAMILIEMATCH: "Jeugdwet 7.1.2.3 (familiematch)",
}


@dataclass(frozen=True)
class Gezag:
    """Custody over one minor: the kind (the `type` discriminator) and the BSNs of the parents
    who have it. `ouders` is empty for guardianship by a third party or when it cannot be told."""

    soort: str
    minderjarige: str
    ouders: tuple[str, ...]


@dataclass(frozen=True)
class BrpPersoon:
    """What one answer said about one person: only the fields its purpose asked for are filled."""

    bsn: str
    voornamen: str = ""
    voorvoegsel: str = ""
    geslachtsnaam: str = ""
    geboortedatum: dt.date | None = None
    adresregel1: str = ""
    adresregel2: str = ""
    geheimhouding: bool = False
    overleden_op: dt.date | None = None
    gemeente_code: str = ""  # gemeenteVanInschrijving.code, four digits ("0917")
    adres_sinds: dt.date | None = None
    ouders: tuple[str, ...] = ()
    gezag: tuple[Gezag, ...] = ()


def _datum(value: Any) -> dt.date | None:
    """A spec `AbstractDatum`: only `VolledigeDatum` (type Datum) is a day we can use."""
    if not isinstance(value, dict):
        return None
    if value.get("type") != "Datum":
        return None
    try:
        return dt.date.fromisoformat(str(value.get("datum")))
    except ValueError:
        return None


def _bsn(value: Any) -> str:
    if isinstance(value, dict):
        value = value.get("burgerservicenummer")
    return value if isinstance(value, str) and len(value) == 9 and value.isdigit() else ""


def _gezag(item: dict[str, Any]) -> Gezag | None:
    soort = item.get("type")
    minderjarige = _bsn(item.get("minderjarige"))
    if not isinstance(soort, str) or not minderjarige:
        return None
    ouders: list[str] = []
    if isinstance(item.get("ouders"), list):
        ouders = [_bsn(o) for o in item["ouders"]]
    elif isinstance(item.get("ouder"), dict):
        ouders = [_bsn(item["ouder"])]
    return Gezag(soort=soort, minderjarige=minderjarige, ouders=tuple(b for b in ouders if b))


def parse_persoon(data: dict[str, Any]) -> BrpPersoon:
    bsn = _bsn(data)
    if not bsn:
        raise BrpAntwoordOngeldig("persoon zonder geldig burgerservicenummer")
    naam = data.get("naam") or {}
    adressering = data.get("adressering") or {}
    gemeente = data.get("gemeenteVanInschrijving") or {}
    verblijfplaats = data.get("verblijfplaats") or {}
    return BrpPersoon(
        bsn=bsn,
        voornamen=str(naam.get("voornamen", "")),
        voorvoegsel=str(naam.get("voorvoegsel", "")),
        geslachtsnaam=str(naam.get("geslachtsnaam", "")),
        geboortedatum=_datum((data.get("geboorte") or {}).get("datum")),
        adresregel1=str(adressering.get("adresregel1", "")),
        adresregel2=str(adressering.get("adresregel2", "")),
        geheimhouding=data.get("geheimhoudingPersoonsgegevens") is True,
        overleden_op=_datum((data.get("overlijden") or {}).get("datum")),
        gemeente_code=str(gemeente.get("code", "")) if isinstance(gemeente, dict) else "",
        adres_sinds=_datum(verblijfplaats.get("datumVan")) if isinstance(verblijfplaats, dict) else None,
        ouders=tuple(b for b in (_bsn(o) for o in data.get("ouders") or []) if b),
        gezag=tuple(g for g in (_gezag(i) for i in data.get("gezag") or [] if isinstance(i, dict)) if g),
    )


def verzoek(bsns: list[str], doel: Doel) -> dict[str, Any]:
    """The request body for a purpose (also used by the contract test)."""
    return {"type": QUERY_TYPE, "burgerservicenummer": list(bsns), "fields": list(VELDEN[doel])}


def geconfigureerd() -> bool:
    return bool(getattr(settings, "BRP_API_URL", ""))


def _post(body: dict[str, Any]) -> dict[str, Any]:
    url = settings.BRP_API_URL.rstrip("/") + "/personen"
    if not url.startswith(("https://", "http://")):
        raise BrpNietBereikbaar("BRP_API_URL is geen http(s)-adres")
    headers = {"Content-Type": "application/json", "Accept": "application/json"}
    if settings.BRP_API_KEY:
        headers[settings.BRP_API_KEY_HEADER] = settings.BRP_API_KEY
    request = urllib.request.Request(  # noqa: S310 - scheme checked above
        url, data=json.dumps(body).encode(), headers=headers, method="POST"
    )
    try:
        with urllib.request.urlopen(request, timeout=settings.BRP_TIMEOUT) as response:  # noqa: S310 (configured URL)
            payload = response.read(2_000_000)
    except urllib.error.HTTPError as exc:
        status = exc.code
        exc.close()
        if status >= 500:
            raise BrpNietBereikbaar(f"BRP antwoordde {status}") from None
        raise BrpAntwoordOngeldig(f"BRP weigerde het verzoek ({status})") from None
    except (urllib.error.URLError, TimeoutError, ConnectionError, OSError) as exc:
        raise BrpNietBereikbaar(f"BRP niet bereikbaar: {type(exc).__name__}") from None
    try:
        data = json.loads(payload)
    except ValueError:
        raise BrpAntwoordOngeldig("antwoord is geen JSON") from None
    if not isinstance(data, dict) or data.get("type") != QUERY_TYPE or not isinstance(data.get("personen", []), list):
        raise BrpAntwoordOngeldig("antwoord heeft niet de vorm van RaadpleegMetBurgerservicenummerResponse")
    return data


def raadpleeg(bsns: list[str], *, doel: Doel, actor: Actor, client_id: str) -> dict[str, BrpPersoon]:
    """Ask the BRP about these BSNs for one purpose. Returns the persons found, by BSN (a BSN the
    BRP does not know is simply absent). One access-log entry per call, BSN-free."""
    bsns = list(dict.fromkeys(b for b in bsns if b))
    if not bsns:
        return {}
    if not geconfigureerd():  # no BRP at all: no call, so nothing to log
        raise BrpNietBereikbaar("geen BRP_API_URL ingesteld")
    gevonden: dict[str, BrpPersoon] = {}
    for start in range(0, len(bsns), MAX_BSNS):
        deel = bsns[start : start + MAX_BSNS]
        try:
            data = _post(verzoek(deel, doel))
            personen = [parse_persoon(p) for p in data.get("personen", []) if isinstance(p, dict)]
        except BrpFout as exc:
            logger.warning("BRP-bevraging %s mislukt: %s", doel.value, exc)
            log_attempt(
                actor,
                uitkomst=Uitkomst.FAILURE,
                actie=Actie.READ,
                object_type=OBJECT_TYPE,
                segment=doel.value,
                client_id=client_id,
                grondslag=GRONDSLAG[doel],
            )
            raise
        log_access(
            actor,
            actie=Actie.READ,
            object_type=OBJECT_TYPE,
            segment=doel.value,
            client_id=client_id,
            grondslag=GRONDSLAG[doel],
        )
        gevonden.update({p.bsn: p for p in personen if p.bsn in deel})
    return gevonden
