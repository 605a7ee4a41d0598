"""What the family pages and the consent rules take from the BRP (docs/brp.md).

* Names, birth dates and addresses of members with a BSN come from the BRP (the last known answer,
  `personen.BrpGegevens`, with the date it was checked). The family page refreshes it at most once
  per BRP_VERVERS_SECONDEN; when the BRP cannot be reached it shows the last known data and says so.
* Geheimhouding: an address the BRP marks secret is shown to nobody but the person themself (their
  own login); everyone else sees a note instead.
* Consent for a youth under 16: a parent counts only with custody according to the BRP, where the
  BRP's custody for that youth is known. A parent without custody is informed, never consents.
* A person the BRP records as deceased gets no invitation; open invitations are stopped.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from jeugdketen.core.access import Actor
from jeugdketen.personen import selectors as personen_selectors
from jeugdketen.personen import services as personen_services
from jeugdketen.personen.models import BrpGegevens
from jeugdketen.personen.services import BrpStand

from . import regels
from .models import Gezin, Gezinslid, LidSoort, Uitnodiging


def bijwerken(*, gezin: Gezin, by: Actor) -> BrpStand | None:
    """Refresh the family's BRP data when it is older than BRP_VERVERS_SECONDEN (None: no member
    with a BSN). The caller has fetched the family (its access is logged); each BRP call is logged
    under the family's pseudonymous id."""
    bsns = list(Gezinslid.objects.filter(gezin=gezin).exclude(bsn="").values_list("bsn", flat=True))
    if not bsns:
        return None
    bekend = personen_selectors.brp_gegevens(bsns)
    grens = timezone.now() - dt.timedelta(seconds=getattr(settings, "BRP_VERVERS_SECONDEN", 900))
    if len(bekend) == len(set(bsns)) and all(
        g.brp_gecontroleerd_op >= grens and g.brp_mislukt_op is None for g in bekend.values()
    ):
        return BrpStand(True, min(g.brp_gecontroleerd_op for g in bekend.values()))
    return personen_services.personen_brp_bijwerken(bsns=bsns, actor=by, client_id=f"gezin:{gezin.uuid}")


def adres(gegevens: BrpGegevens | None, *, is_zelf: bool) -> tuple[str, bool]:
    """(address to show, hidden for geheimhouding)."""
    if gegevens is None or not gegevens.adresregel1:
        return "", False
    if gegevens.geheimhouding and not is_zelf:
        return "", True
    return f"{gegevens.adresregel1}, {gegevens.adresregel2}".strip(", "), False


def gezag_fout(gezin: Gezin, ouder: Gezinslid, op: dt.date) -> str | None:
    """Why this parent cannot consent according to the BRP (None: they can, or the BRP's custody
    of the family's youths under 16 is not known)."""
    jongeren = [
        lid
        for lid in Gezinslid.objects.filter(gezin=gezin, soort=LidSoort.JEUGDIGE).exclude(bsn="")
        if lid.geboortedatum is not None and regels.OUDERS in regels.beslissers(lid.geboortedatum, op)
    ]
    gegevens = personen_selectors.brp_gegevens([j.bsn for j in jongeren])
    for jongere in jongeren:
        g = gegevens.get(jongere.bsn)
        if g is None or not g.gezag_bekend:
            continue
        if not ouder.bsn or ouder.bsn not in g.gezag_ouders:
            return _(
                "Volgens de BRP heeft %(ouder)s geen gezag over %(kind)s. Een ouder zonder gezag wordt "
                "geïnformeerd, maar kan geen toestemming geven."
            ) % {"ouder": ouder.voornaam, "kind": jongere.voornaam}
    return None


def overleden(gezinslid: Gezinslid) -> bool:
    return bool(gezinslid.bsn) and BrpGegevens.objects.filter(bsn=gezinslid.bsn, overleden_op__isnull=False).exists()


def uitnodigingen_stoppen(sender: object, *, bsn: str, **kwargs: object) -> None:
    """Receiver of brp.signalen.overlijden_vastgesteld: open invitations of the person expire."""
    Uitnodiging.objects.filter(
        gebruiker__gezinslidmaatschappen__bsn=bsn, gebruikt_op__isnull=True, verloopt_op__gt=timezone.now()
    ).update(verloopt_op=timezone.now())
