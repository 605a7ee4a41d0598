"""Test helpers shared by tests/gezinnen and tests/gezinsplan: a family with a plan, for the
demo logins of the `region` fixture, built with the factories (no service, no log entries)."""

from __future__ import annotations

import datetime as dt

from jeugdketen.core.access import Toegang, fetch
from jeugdketen.core.models import Actie
from jeugdketen.gezinnen.models import Gezin, Gezinslid, LidSoort, Toestemming
from jeugdketen.gezinsplan.models import Gezinsplan
from jeugdketen.organisaties.models import Gebruiker, Gemeente, Organisatie
from tests.conftest import actor
from tests.gezinnen.factories import (
    GezinFactory,
    GezinslidFactory,
    JeugdigeFactory,
    ToestemmingFactory,
    born_years_ago,
)
from tests.gezinsplan.factories import GezinsplanFactory

# BSNs a test writes itself (11-test valid); factories make fresh ones otherwise.
BSNS = ["111222333", "123456782", "999990019", "999990020"]

years_ago = born_years_ago


def organisation_of(username: str) -> Organisatie:
    """The organisation a demo login acts for."""
    return Organisatie.objects.get(uuid=actor(username).organisatie_id)


def make_family(
    by: str = "toegang",
    *,
    naam: str = "Gezin Test",
    youth_age: int = 10,
    bsn: str | None = None,
    gemeente: str = "GM0917",
    einddatum: dt.date | None = None,
    mandaat: bool = False,
) -> Gezin:
    """A family (a parent with authority, a youth of `youth_age`) with consent (or a mandate) in
    force for the organisation of the demo login `by`, recorded by them."""
    user = Gebruiker.objects.get(username=by)
    gezin = GezinFactory(naam=naam, gemeente=Gemeente.objects.get(cbs_code=gemeente), aangemaakt_door=user)
    GezinslidFactory(gezin=gezin)
    JeugdigeFactory(gezin=gezin, leeftijd=youth_age, **({"bsn": bsn} if bsn else {}))
    ToestemmingFactory(
        gezin=gezin,
        organisatie=organisation_of(by),
        vastgelegd_door=user,
        mandaat=mandaat,
        **({"einddatum": einddatum} if einddatum else {}),
    )
    return gezin


def make_plan(gezin: Gezin, by: str = "toegang", *, volgende_evaluatie: dt.date | None = None) -> Gezinsplan:
    """The family's plan with `by` as regisseur, version 1 ("Zorgen over school.", "Oma helpt.")."""
    return GezinsplanFactory(
        gezin=gezin,
        regisseur_medewerker=Gebruiker.objects.get(username=by),
        regisseur_organisatie=organisation_of(by),
        volgende_evaluatie=volgende_evaluatie,
    )


def consent_for(gezin: Gezin, org_key_username: str, *, by: str = "toegang", days: int = 30) -> Toestemming:
    """Consent for the organisation of a demo login, recorded by `by` on behalf of the parent."""
    return ToestemmingFactory(
        gezin=gezin,
        organisatie=organisation_of(org_key_username),
        doel="Meedoen aan het gezinsplan",
        dagen=days,
        gegeven_door=Gezinslid.objects.get(gezin=gezin, soort=LidSoort.OUDER),
        vastgelegd_door=Gebruiker.objects.get(username=by),
    )


def link_citizen(gezin: Gezin, username: str, soort: str = LidSoort.OUDER) -> Gezinslid:
    """Give the family's first member of this kind the demo citizen login `username`."""
    lid = Gezinslid.objects.filter(gezin=gezin, soort=soort).first()
    assert lid is not None
    lid.gebruiker = Gebruiker.objects.get(username=username)
    lid.save(update_fields=["gebruiker"])
    return lid


def plan_access(plan: Gezinsplan, username: str, *, actie: str = Actie.UPDATE) -> Toegang[Gezinsplan]:
    """What a page hands a plan service: the plan fetched through its scope by this login."""
    return fetch(actor(username), Gezinsplan, uuid=plan.uuid, segment="test", actie=actie)


def denied_logged(object_id: str) -> bool:
    """A denied attempt was logged (on SQLite inside a test transaction it is still pending)."""
    from jeugdketen.core.models import Toegangslogregel, Uitkomst
    from jeugdketen.core.toegangslog import _pending_list

    if Toegangslogregel.objects.filter(uitkomst=Uitkomst.DENIED, object_id=object_id).exists():
        return True
    return any(v["uitkomst"] == Uitkomst.DENIED and v["object_id"] == object_id for v in _pending_list())


def log_rows_by_part(before: int) -> dict[str, int]:
    """The access-log entries written since row id `before`, counted per part (object type)."""
    from jeugdketen.core.models import Toegangslogregel

    counts: dict[str, int] = {}
    for object_type in Toegangslogregel.objects.filter(pk__gt=before).values_list("object_type", flat=True):
        counts[object_type] = counts.get(object_type, 0) + 1
    return counts


def last_log_id() -> int:
    from jeugdketen.core.models import Toegangslogregel

    return Toegangslogregel.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
