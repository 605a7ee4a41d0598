"""The plan: versions, optimistic concurrency, diff, regie, agreement, safety conditions."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from jeugdketen.core import kalender, taal
from jeugdketen.core.access import Geweigerd
from jeugdketen.core.models import Actie, OutboxBericht, Toegangslogregel
from jeugdketen.gezinnen.models import Gezinslid, LidSoort
from jeugdketen.gezinsplan import diff, selectors, services
from jeugdketen.gezinsplan.models import Gezinsplan, Planversie, Regieperiode
from jeugdketen.organisaties.models import Gebruiker
from tests.conftest import actor
from tests.gezinnen.helpers import consent_for, denied_logged, link_citizen, make_family, make_plan, plan_access


def test_every_change_is_a_new_immutable_version(region: Any) -> None:
    plan = make_plan(make_family())
    v2 = services.plan_wijzigen(
        toegang=plan_access(plan, "toegang"),
        by=actor("toegang"),
        basis_versie=1,
        situatie="Nieuwe zorgen.",
        doelen=[services.DoelInvoer(levensgebied="school_werk", voor_wie="Kim", resultaat="Elke dag naar school")],
    )
    v3 = services.plan_wijzigen(
        toegang=plan_access(plan, "toegang"), by=actor("toegang"), basis_versie=2, krachten="Opa helpt ook."
    )
    assert [v.nummer for v in selectors.versions_of(plan)] == [3, 2, 1]
    v1 = Planversie.objects.get(plan=plan, nummer=1)
    assert v1.situatie == "Zorgen over school." and v2.situatie == "Nieuwe zorgen." and v3.situatie == "Nieuwe zorgen."
    assert v3.doelen.get().sleutel == v2.doelen.get().sleutel  # unchanged parts carry over
    plan.refresh_from_db()
    assert plan.versie == 3 and plan.huidige_versie_id == v3.pk


def test_a_stale_save_is_refused_with_the_newer_version(region: Any) -> None:
    plan = make_plan(make_family())
    services.plan_wijzigen(
        toegang=plan_access(plan, "toegang"), by=actor("toegang"), basis_versie=1, situatie="Eerste schrijver."
    )
    with pytest.raises(services.VerouderdeVersie) as exc:
        services.plan_wijzigen(
            toegang=plan_access(plan, "toegang"), by=actor("toegang"), basis_versie=1, situatie="Tweede schrijver."
        )
    assert exc.value.nieuwste is not None and exc.value.nieuwste.situatie == "Eerste schrijver."
    assert Planversie.objects.filter(plan=plan).count() == 2


def test_a_professional_with_access_starts_the_plan_and_becomes_its_regisseur(region: Any) -> None:
    gezin = make_family()
    plan = services.plan_aanmaken(gezin=gezin, by=actor("toegang"), situatie="Zorgen.", krachten="Oma helpt.")
    assert plan.regisseur_medewerker is not None and plan.regisseur_medewerker.username == "toegang"
    assert plan.versie == 1 and selectors.version(plan, 1).situatie == "Zorgen."
    assert Regieperiode.objects.get(plan=plan, tot__isnull=True).reden == "Plan gestart"
    created = Toegangslogregel.objects.get(object_type="gezinsplan", actie=Actie.CREATE, object_id=str(plan.uuid))
    assert created.client_id == str(gezin.uuid) and created.grondslag.startswith("toestemming:")


def test_one_plan_per_family(region: Any) -> None:
    gezin = make_family()
    make_plan(gezin)
    with pytest.raises(ValidationError) as exc:
        services.plan_aanmaken(gezin=gezin, by=actor("toegang"))
    assert "maar één plan per gezin" in exc.value.messages[0]


@pytest.mark.parametrize("username", ["school", "ouder", "beleid"])
def test_only_a_professional_with_access_starts_a_plan(region: Any, username: str) -> None:
    gezin = make_family()
    link_citizen(gezin, "ouder")
    with pytest.raises(Geweigerd):
        services.plan_aanmaken(gezin=gezin, by=actor(username))
    assert not Gezinsplan.objects.filter(gezin=gezin).exists()
    assert denied_logged(str(gezin.uuid))


def test_a_plan_service_refuses_the_relation_of_another_family(region: Any) -> None:
    plan, other = make_plan(make_family()), make_plan(make_family(naam="Gezin Ander"))
    wrong = plan_access(plan, "toegang")
    forged = type(wrong)(obj=other, relatie=wrong.relatie)
    with pytest.raises(Geweigerd):
        services.plan_wijzigen(toegang=forged, by=actor("toegang"), basis_versie=1, situatie="Niet van u.")
    other.refresh_from_db()
    assert other.versie == 1 and denied_logged(str(other.uuid))


def test_an_organisation_system_does_not_change_a_plan(region: Any) -> None:
    from jeugdketen.core.access import fetch
    from jeugdketen.organisaties.api_auth import SysteemClient, issue_key
    from jeugdketen.organisaties.selectors import build_actor
    from tests.gezinnen.helpers import organisation_of

    plan = make_plan(make_family())
    row, _key = issue_key(organisatie=organisation_of("toegang"), systeem="Dossier (test)", by=None)
    system = build_actor(SysteemClient(row), ip="127.0.0.1", request_id="test")
    toegang = fetch(system, Gezinsplan, uuid=plan.uuid, segment="test")  # a system reads the plan
    with pytest.raises(Geweigerd):
        services.plan_wijzigen(toegang=toegang, by=system, basis_versie=1, situatie="Door een systeem.")
    plan.refresh_from_db()
    assert plan.versie == 1


def test_diff_marks_changes_side_by_side(region: Any) -> None:
    plan = make_plan(make_family())
    services.plan_wijzigen(
        toegang=plan_access(plan, "toegang"),
        by=actor("toegang"),
        basis_versie=1,
        situatie="Zorgen over school.\nEn over geld.",
    )
    parts = {p.titel: p for p in diff.compare(selectors.version(plan, 1), selectors.version(plan, 2))}
    situatie = parts["Waar maken we ons zorgen over?"]
    assert situatie.gewijzigd
    assert [(r.links, r.rechts, r.soort) for r in situatie.regels] == [
        ("Zorgen over school.", "Zorgen over school.", "gelijk"),
        ("", "En over geld.", "toegevoegd"),
    ]
    assert not parts["Wat gaat goed?"].gewijzigd


def test_only_gi_or_veilig_thuis_set_safety_conditions(region: Any) -> None:
    gezin = make_family()
    plan = make_plan(gezin)
    with pytest.raises(ValidationError):
        services.plan_wijzigen(
            toegang=plan_access(plan, "toegang"),
            by=actor("toegang"),
            basis_versie=1,
            veiligheidsvoorwaarden=[services.VoorwaardeInvoer(tekst="Geen alcohol in huis")],
        )
    from jeugdketen.gezinnen import services as gezin_services
    from jeugdketen.organisaties.models import Organisatie

    gezin_services.mandaat_vastleggen(
        gezin=gezin,
        by=actor("toegang"),
        organisatie=Organisatie.objects.get(naam="Jeugdbescherming Limburg"),
        grondslag="ots",
        doel="Ondertoezichtstelling",
    )
    v = services.plan_wijzigen(
        toegang=plan_access(plan, "gi"),
        by=actor("gi"),
        basis_versie=1,
        veiligheidsvoorwaarden=[services.VoorwaardeInvoer(tekst="Geen alcohol in huis")],
    )
    # others' later edits keep the conditions unchanged
    v3 = services.plan_wijzigen(
        toegang=plan_access(plan, "toegang"), by=actor("toegang"), basis_versie=v.nummer, krachten="Sterk gezin."
    )
    assert [c.tekst for c in v3.veiligheidsvoorwaarden.all()] == ["Geen alcohol in huis"]


def test_regie_handover_keeps_history_and_exactly_one(region: Any) -> None:
    gezin = make_family()
    plan = make_plan(gezin)
    ouder = Gezinslid.objects.get(gezin=gezin, soort=LidSoort.OUDER)
    with pytest.raises(ValidationError):
        services.regie_overdragen(
            toegang=plan_access(plan, "toegang"), by=actor("toegang"), reden="", naar_gezinslid=ouder
        )
    services.regie_overdragen(
        toegang=plan_access(plan, "toegang"),
        by=actor("toegang"),
        reden="Moeder wil zelf de regie",
        naar_gezinslid=ouder,
    )
    plan.refresh_from_db()
    assert plan.regisseur_gezinslid_id == ouder.pk and plan.regisseur_medewerker_id is None
    assert Regieperiode.objects.filter(plan=plan).count() == 2
    assert Regieperiode.objects.filter(plan=plan, tot__isnull=True).get().reden == "Moeder wil zelf de regie"
    # a professional without consent cannot become regisseur
    with pytest.raises(ValidationError):
        services.regie_overdragen(
            toegang=plan_access(plan, "toegang"),
            by=actor("toegang"),
            reden="x",
            naar_medewerker=Gebruiker.objects.get(username="school"),
        )


def test_the_database_refuses_two_or_zero_regisseurs(region: Any) -> None:
    plan = make_plan(make_family())
    ouder = Gezinslid.objects.get(gezin=plan.gezin, soort=LidSoort.OUDER)
    with pytest.raises(IntegrityError), transaction.atomic():
        Gezinsplan.objects.filter(pk=plan.pk).update(regisseur_gezinslid=ouder)
    with pytest.raises(IntegrityError), transaction.atomic():
        Gezinsplan.objects.filter(pk=plan.pk).update(regisseur_medewerker=None, regisseur_organisatie=None)
    with pytest.raises(IntegrityError), transaction.atomic():
        Regieperiode.objects.create(
            plan=plan, gezinslid=ouder, naam="x", van=plan.aangemaakt, overgedragen_door=plan.regisseur_medewerker
        )


def test_agreement_per_person_and_gedragen(region: Any) -> None:
    gezin = make_family(youth_age=16)
    plan = make_plan(gezin)
    link_citizen(gezin, "ouder")
    link_citizen(gezin, "jongere", soort=LidSoort.JEUGDIGE)
    services.versie_instemmen(toegang=plan_access(plan, "ouder"), by=actor("ouder"), versie_nummer=1)
    services.versie_instemmen(toegang=plan_access(plan, "jongere"), by=actor("jongere"), versie_nummer=1)
    assert not selectors.plan_overview(plan).gedragen
    services.versie_instemmen(toegang=plan_access(plan, "toegang"), by=actor("toegang"), versie_nummer=1)
    overview = selectors.plan_overview(plan)
    assert overview.gedragen
    assert {d.naam: d.laatst_ingestemd for d in overview.deelnemers}["Linda Test"] == 1
    services.plan_wijzigen(
        toegang=plan_access(plan, "toegang"), by=actor("toegang"), basis_versie=1, situatie="Anders."
    )
    plan.refresh_from_db()
    assert not selectors.plan_overview(plan).gedragen
    with pytest.raises(services.VerouderdeVersie):
        services.versie_instemmen(toegang=plan_access(plan, "ouder"), by=actor("ouder"), versie_nummer=1)


def test_plan_changed_notifies_family_without_personal_data(region: Any) -> None:
    gezin = make_family()
    plan = make_plan(gezin)
    link_citizen(gezin, "ouder")
    services.plan_wijzigen(toegang=plan_access(plan, "toegang"), by=actor("toegang"), basis_versie=1, situatie="Nieuw.")
    rows = OutboxBericht.objects.filter(soort="plan_gewijzigd", ontvanger__username="ouder")
    assert rows.exists()
    assert all("Test" not in r.titel and "Kim" not in r.titel for r in rows)


def test_reminders_are_idempotent_and_home_page_lists_late_work(region: Any, client_for: Any) -> None:
    gezin = make_family()
    consent_for(gezin, "school")
    plan = make_plan(gezin, volgende_evaluatie=kalender.vandaag() - dt.timedelta(days=2))
    ouder = Gezinslid.objects.get(gezin=gezin, soort=LidSoort.OUDER)
    services.plan_wijzigen(
        toegang=plan_access(plan, "toegang"),
        by=actor("toegang"),
        basis_versie=1,
        afspraken=[
            services.AfspraakInvoer(
                wat="Gesprek met school", wie=f"lid:{ouder.uuid}", deadline=kalender.vandaag() - dt.timedelta(days=1)
            )
        ],
    )
    services.herinneringen_versturen(op=kalender.vandaag())
    count = OutboxBericht.objects.count()
    services.herinneringen_versturen(op=kalender.vandaag())
    assert OutboxBericht.objects.count() == count
    assert OutboxBericht.objects.filter(soort="evaluatie_te_laat").exists()
    assert OutboxBericht.objects.filter(soort="afspraak_te_laat").exists()
    page = client_for("toegang").get("/").content.decode()
    assert "Evaluatie te laat" in page and "Afspraak te laat" in page


def test_plain_language_check_points_out_jargon_and_long_sentences(region: Any) -> None:
    tips = taal.check(
        {
            "situatie": "Er is sprake van multiproblematiek in het cliëntsysteem.",
            "krachten": " ".join(["woord"] * 25) + ".",
        }
    )
    fragments = {t.fragment for t in tips}
    assert "multiproblematiek" in fragments and "cliëntsysteem" in fragments
    assert any("25 woorden" in t.advies for t in tips)
    assert taal.check({"situatie": "Moeder maakt zich zorgen. Kim gaat niet naar school."}) == []


def test_a_parent_with_eigen_regie_sees_the_regisseurs_work_at_home(region: Any) -> None:
    from jeugdketen.core import werk

    gezin = make_family()
    plan = make_plan(gezin)
    ouder = Gezinslid.objects.get(gezin=gezin, soort=LidSoort.OUDER)
    link_citizen(gezin, "ouder", LidSoort.OUDER)
    services.regie_overdragen(
        toegang=plan_access(plan, "toegang"),
        by=actor("toegang"),
        reden="Moeder wil zelf de regie",
        naar_gezinslid=ouder,
    )
    Gezinsplan.objects.filter(pk=plan.pk).update(volgende_evaluatie=kalender.vandaag() - dt.timedelta(days=3))
    titles = [item.titel for lijst in werk.lists_for(actor("ouder")) for item in lijst.items]
    assert any(t.startswith("Evaluatie te laat") for t in titles)
    # and the professional who handed over no longer has it on their list
    titles = [item.titel for lijst in werk.lists_for(actor("toegang")) for item in lijst.items]
    assert not any(t.startswith("Evaluatie te laat") and gezin.naam in t for t in titles)
