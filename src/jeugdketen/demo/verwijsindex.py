"""Demo data of the verwijsindex: connected organisations, registrations and matches in every
state, and two demo organisation-system API keys with fixed, documented values (README.md).

`size` above 1 adds bulk registrations ((size − 1) × 500, about 1 in 8 youths registered by two organisations)
for the benchmark: size=2001 gives about 1.1 million registrations."""

from __future__ import annotations

import random
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from jeugdketen.brp import standin
from jeugdketen.core import kalender
from jeugdketen.core.access import Toegang, fetch
from jeugdketen.core.bsn import fictitious_bsn
from jeugdketen.core.models import Actie
from jeugdketen.core.rollen import Rol
from jeugdketen.demo.common import actor
from jeugdketen.organisaties.api_auth import hash_key, issue_key
from jeugdketen.organisaties.models import ApiSleutel, Gebruiker, Medewerker, Organisatie, Regio
from jeugdketen.verwijsindex import logevents, pseudoniem
from jeugdketen.verwijsindex.logevents import Segment
from jeugdketen.verwijsindex.models import (
    Aansluiting,
    Bron,
    Informeren,
    Jongere,
    Match,
    Melding,
    Verwijderreden,
)
from jeugdketen.verwijsindex.services import (
    Identificatie,
    contact_vastleggen,
    informeren_vastleggen,
    melding_registreren,
    melding_verwijderen,
)
from jeugdketen.verwijsindex.termijnen import termijnen

# Fixed demo keys (demo only; listed in README.md "Verwijsindex API (demo)").
DEMO_API_KEYS = {
    "Toegangsteam Jeugd Heerlen": ("Zaaksysteem toegang (demo)", "jk_demo_toegang_Vx7kR2mQ9pLw4sT8nY3bZ6cA"),
    "Jeugdhulp Parkstad": ("Cliëntdossier jeugdhulp (demo)", "jk_demo_aanbieder_Hq5Jd8Wt2Ke7Np4Rs9Lm3Fx"),
}


def _toegang(username: str, melding: Melding, *, segment: str, actie: str) -> Toegang[Melding]:
    """As on the pages: a change fetches the registration (its one log entry) and hands it on."""
    return fetch(actor(username), Melding, uuid=melding.uuid, segment=segment, actie=actie)


def _register(username: str, bsn: str, geboren: date) -> Melding:
    reg = melding_registreren(
        actor=actor(username),
        identificatie=Identificatie(geboortedatum=geboren, bsn=bsn),
        melder=Gebruiker.objects.get(username=username),
    )
    return reg.melding


@transaction.atomic
def verwijsindex_demo(regio: Regio, *, size: int = 1, rng: random.Random) -> None:
    now = timezone.now()
    have = Aansluiting.objects.filter(organisatie__regio=regio).values("organisatie_id")
    missing = Organisatie.objects.filter(regio=regio, aangesloten_verwijsindex=True).exclude(id__in=have)
    Aansluiting.objects.bulk_create(
        [
            Aansluiting(organisatie_id=pk, sinds=now - timedelta(days=400))
            for pk in missing.values_list("id", flat=True)
        ],
        batch_size=2000,
    )
    for org_name, (systeem, key) in DEMO_API_KEYS.items():
        eigenaar = Organisatie.objects.filter(regio=regio, naam=org_name).first()
        if eigenaar and not ApiSleutel.objects.filter(sleutel_hash=hash_key(key)).exists():
            issue_key(organisatie=eigenaar, systeem=systeem, by=None, key=key)
    if size <= 0 or Melding.objects.filter(organisatie__regio=regio).exists():
        return  # the test fixture (size 0) starts with an empty index
    drng = random.Random(4242)  # the hand-made states do not depend on the size
    bsn = [fictitious_bsn(drng) for _ in range(8)]
    # 1. a current registration without a match, still to inform (youth under 12)
    _register("toegang", bsn[0], date(2016, 4, 12))
    # 2. a new match with coordination by the region's rules (access team), no contact yet
    _register("school", bsn[1], date(2012, 9, 3))
    _register("toegang", bsn[1], date(2012, 9, 3))
    # 3. a match of three, coordinated by the GI, contact recorded
    for user in ("huisarts", "gi", "school"):
        _register(user, bsn[2], date(2008, 1, 20))
    m3 = Match.objects.get(jongere__meldingen__organisatie__soort="gi", jongere__meldingen__status="actief")
    contact_vastleggen(
        actor=actor("gi"), toegang=fetch(actor("gi"), Match, uuid=m3.uuid, segment=Segment.CONTACT, actie=Actie.UPDATE)
    )
    # 4. a match of school and GP only (no care-giving coordinator by the rules), 30 days old:
    #    escalated to functional management
    _register("school", bsn[3], date(2010, 6, 1))
    m4 = _register("huisarts", bsn[3], date(2010, 6, 1)).match
    assert m4 is not None
    Match.objects.filter(pk=m4.pk).update(aangemaakt=now - timedelta(days=30), regie_organisatie=None, regie_sinds=None)
    # 5. an archived registration ("risk gone"): signals once to the next registrant
    old = _register("veiligthuis", bsn[4], date(2011, 11, 11))
    reden = Verwijderreden.RISICO_WEG
    weg = _toegang("veiligthuis", old, segment=logevents.verwijderd(reden), actie=Actie.DELETE)
    melding_verwijderen(actor=actor("veiligthuis"), toegang=weg, reden=reden)
    # 6. informed, and informing postponed with a reason
    informeren_vastleggen(
        actor=actor("toegang"),
        toegang=_toegang(
            "toegang",
            Melding.objects.get(jongere__meldingen__organisatie__soort="school", organisatie__soort="toegang"),
            segment=Segment.INFORMEREN,
            actie=Actie.UPDATE,
        ),
        geinformeerd_op=kalender.vandaag(),
    )
    m6 = _register("aanbieder", bsn[5], date(2007, 2, 2))
    informeren_vastleggen(
        actor=actor("aanbieder"),
        toegang=_toegang("aanbieder", m6, segment=Segment.INFORMEREN, actie=Actie.UPDATE),
        geinformeerd_op=None,
        reden="veiligheid",
    )
    # 7. a youth turning 23 soon (removal on the 23rd birthday, not after two years)
    _register("aanbieder", bsn[6], add_days_years(kalender.vandaag(), -23, 30))
    # 8. a family match (docs/brp.md): Sem and Noor Vaessen have their parents in common in the BRP
    #    stand-in that `jeugdketen demo` runs; without a BRP these are two plain registrations
    personen = standin.laad_personen(kalender.vandaag())
    for username, kind in (("school", "999991036"), ("toegang", "999991048")):
        _register(username, kind, date.fromisoformat(personen[kind]["geboorte"]["datum"]["datum"]))
    _bulk(regio, size=size - 1, rng=rng)


def add_days_years(day: date, years: int, days: int) -> date:
    return kalender.einde_termijn(day, jaren=years) + timedelta(days=days)


def _bulk(regio: Regio, *, size: int, rng: random.Random) -> None:
    """Bulk registrations for scale (bypasses the per-row services, for benchmarks only)."""
    if size <= 0:
        return
    melders = {
        m.organisatie_id: m.gebruiker
        for m in Medewerker.objects.filter(
            organisatie__regio=regio, organisatie__aangesloten_verwijsindex=True, rol=Rol.MELDINGSBEVOEGD, actief=True
        ).select_related("gebruiker", "organisatie")
    }
    orgs = {o.id: o for o in Organisatie.objects.filter(id__in=list(melders))}
    org_ids = sorted(melders)
    if len(org_ids) < 2:
        return
    total = size * 500
    batch = 5000
    now = timezone.now()
    today = kalender.vandaag()
    keys = pseudoniem.key_chain()
    made = 0
    while made < total:
        n = min(batch, total - made)
        jongeren = []
        for i in range(n):
            text = f"bsn:bulk{made + i:09d}"
            value = text
            for k in keys:
                value = pseudoniem.rekey(value, k)
            jongeren.append(Jongere(sleutel=value))
        Jongere.objects.bulk_create(jongeren, batch_size=batch)
        ids = list(Jongere.objects.filter(sleutel__in=[j.sleutel for j in jongeren]).values_list("id", flat=True))
        meldingen = []
        matches = []
        for jid in ids:
            geboren = today - timedelta(days=rng.randrange(365, 22 * 365))
            t = termijnen(geboortedatum=geboren, gemeld_op=today)
            gekozen = rng.sample(org_ids, 2 if rng.random() < 0.125 else 1)
            if len(gekozen) == 2:
                matches.append(
                    Match(jongere_id=jid, aangemaakt=now, regie_organisatie=orgs[gekozen[0]], regie_sinds=now)
                )
            for oid in gekozen:
                melder = melders[oid]
                meldingen.append(
                    Melding(
                        jongere_id=jid,
                        organisatie_id=oid,
                        melder=melder,
                        melder_naam=melder.weergavenaam,
                        melder_email=melder.email,
                        aangemeld_op=now,
                        verwijderdatum=t.verwijderdatum,
                        automatische_reden=t.automatische_reden,
                        uiterste_datum=t.uiterste_datum,
                        informeren=t.informeren or Informeren.JONGERE,
                        kenmerk_hint="******" + f"{jid % 1000:03d}",
                        bron=Bron.API,
                    )
                )
        Match.objects.bulk_create(matches, batch_size=batch)
        by_jongere = dict(Match.objects.filter(jongere_id__in=ids).values_list("jongere_id", "id"))
        for m in meldingen:
            m.match_id = by_jongere.get(m.jongere_id)
        Melding.objects.bulk_create(meldingen, batch_size=batch)
        made += n
