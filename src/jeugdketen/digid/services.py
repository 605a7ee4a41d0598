"""The writes of the DigiD login: which sessions belong to a DigiD login (so that DigiD's own
single logout can end them), and ending them."""

from __future__ import annotations

from digid_eherkenning.utils import logout_user
from sessionprofile.models import SessionProfile

from jeugdketen.gezinnen import selectors as gezinnen_selectors
from jeugdketen.organisaties.models import Gebruiker


def sessie_vastleggen(*, session_key: str | None, gebruiker: Gebruiker) -> None:
    """Remember that this session belongs to this DigiD login."""
    SessionProfile.objects.update_or_create(session_key=session_key, defaults={"user": gebruiker})


def sessie_vergeten(*, session_key: str | None) -> None:
    SessionProfile.objects.filter(session_key=session_key).delete()


def logins_uitloggen(*, bsn: str) -> None:
    """DigiD ended the login of this BSN: end every session of the citizen logins it leads to."""
    for user in Gebruiker.objects.filter(pk__in=gezinnen_selectors.logins_with_bsn(bsn)):
        logout_user(user)  # type: ignore[no-untyped-call]  # the library ships no types
