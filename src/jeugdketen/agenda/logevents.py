"""The agenda's access-log vocabulary. The agenda holds no personal data, so its pages write no
read entries; what is logged is a refused change (someone without the policy role, or an agenda of
another region), named here."""

from __future__ import annotations

from enum import StrEnum


class ObjectType(StrEnum):
    AGENDA = "beleidsagenda"
    ACTIVITEIT = "agenda_activiteit"
    ADVIES = "agenda_advies"


class Segment(StrEnum):
    AGENDA = "agenda"
    ACTIVITEIT = "activiteit"
    STATUS = "status"
    INSPRAAK = "inspraak"
