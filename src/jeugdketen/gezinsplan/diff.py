"""Side-by-side comparison of two plan versions, with the differences marked."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from django.utils.translation import gettext as _

from .models import Planversie


@dataclass(frozen=True)
class Regel:
    links: str
    rechts: str
    soort: str  # "gelijk", "gewijzigd", "toegevoegd", "verwijderd"


@dataclass(frozen=True)
class Onderdeel:
    titel: str
    regels: list[Regel]

    @property
    def gewijzigd(self) -> bool:
        return any(r.soort != "gelijk" for r in self.regels)


def _lines(versie: Planversie) -> dict[str, list[str]]:
    parts: dict[str, list[str]] = {
        _("Waar maken we ons zorgen over?"): versie.situatie.splitlines(),
        _("Wat gaat goed?"): versie.krachten.splitlines(),
        _("Volgende evaluatie"): [versie.volgende_evaluatie.strftime("%d-%m-%Y")] if versie.volgende_evaluatie else [],
    }
    parts[_("Doelen")] = [
        f"{d.get_levensgebied_display()} – {d.voor_wie}: {d.resultaat} ({d.get_status_display()}"
        + (f", {d.streefdatum:%d-%m-%Y})" if d.streefdatum else ")")
        for d in versie.doelen.all()
    ]
    parts[_("Afspraken")] = [
        f"{a.wat} – {a.wie_naam}" + (f" – {a.deadline:%d-%m-%Y}" if a.deadline else "") + f" ({a.get_status_display()})"
        for a in versie.afspraken.all()
    ]
    parts[_("Wat moet veranderen (veiligheidsvoorwaarden)")] = [v.tekst for v in versie.veiligheidsvoorwaarden.all()]
    return parts


def compare(oud: Planversie, nieuw: Planversie) -> list[Onderdeel]:
    links, rechts = _lines(oud), _lines(nieuw)
    result = []
    for titel in links:
        a, b = links[titel], rechts[titel]
        regels: list[Regel] = []
        for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
            if tag == "equal":
                regels += [Regel(x, x, "gelijk") for x in a[i1:i2]]
            elif tag == "replace":
                old, new = a[i1:i2], b[j1:j2]
                for k in range(max(len(old), len(new))):
                    left = old[k] if k < len(old) else ""
                    right = new[k] if k < len(new) else ""
                    regels.append(
                        Regel(left, right, "gewijzigd" if left and right else "toegevoegd" if right else "verwijderd")
                    )
            elif tag == "delete":
                regels += [Regel(x, "", "verwijderd") for x in a[i1:i2]]
            else:
                regels += [Regel("", x, "toegevoegd") for x in b[j1:j2]]
        result.append(Onderdeel(str(titel), regels))
    return result
