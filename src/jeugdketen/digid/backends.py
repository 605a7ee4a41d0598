"""Authentication backends for DigiD: the real one (SAML artifact) and the demo's mock.

Both turn the BSN that DigiD vouched for into the citizen login of the matching family members
(`gezinnen.services.digid_login`). The BSN lives only in this request and, for the single
logout, in the server-side session; it is never written to a log, a URL or the login itself.
"""

from __future__ import annotations

import logging
from typing import Any

from digid_eherkenning.backends import DigiDBackend as LibraryDigiDBackend
from digid_eherkenning.choices import SectorType
from digid_eherkenning.mock.backends import DigiDBackend as LibraryMockDigiDBackend
from django.http import HttpRequest
from onelogin.saml2.utils import OneLogin_Saml2_ValidationError

from jeugdketen.gezinnen import services as gezinnen_services
from jeugdketen.organisaties.models import Gebruiker

from .client import DigiDClient, level_is_enough

logger = logging.getLogger(__name__)

# Reasons for `GeenToegang`, each with its own page text.
ONBEKEND = "onbekend"
NIVEAU = "niveau"


class GeenToegang(Exception):  # noqa: N818 - a Dutch domain name, like core.access.Geweigerd
    """DigiD vouched for someone the platform has nothing for (or at too low a level).

    Not a failed login: the ACS view shows a friendly page instead of DigiD's error message."""

    def __init__(self, reden: str = ONBEKEND) -> None:
        super().__init__(reden)
        self.reden = reden


def login_for_bsn(bsn: str) -> Gebruiker:
    user = gezinnen_services.digid_login(bsn=bsn)
    if user is None:
        raise GeenToegang(ONBEKEND)
    # The name id travels on the login object to the ACS view, which keeps it in the session
    # for the single logout; the login itself never stores it.
    user.digid_name_id = f"{SectorType.bsn}:{bsn}"  # type: ignore[attr-defined]
    return user


class DigiDBackend(LibraryDigiDBackend):
    """DigiD by SAML: resolve the artifact, check the level, map the BSN to a citizen login."""

    service_name = "DigiD"

    def authenticate(  # type: ignore[override]
        self,
        request: HttpRequest | None,
        digid: bool | None = None,
        saml_art: str | None = None,
        errors: list[Exception] | None = None,
    ) -> Gebruiker | None:
        errors = [] if errors is None else errors
        errors.clear()  # the library's ACS view reads what went wrong from this list
        if not digid or saml_art is None or request is None:
            return None
        try:
            response = DigiDClient().artifact_resolve(request, saml_art)
            name_id = response.get_nameid()
        except OneLogin_Saml2_ValidationError as exc:
            errors.append(exc)
            self.handle_validation_error(request)
            return None
        sector, _sep, bsn = (name_id or "").partition(":")
        if sector != SectorType.bsn or not bsn:
            logger.error("DigiD answered without a BSN")
            return None
        if not level_is_enough(response.get_authn_contexts()):
            logger.warning("DigiD answered below the required level of assurance; login refused")
            raise GeenToegang(NIVEAU)
        return login_for_bsn(bsn)


class MockDigiDBackend(LibraryMockDigiDBackend):
    """The demo's mock identity provider (any BSN from the URL). Never configured in production:
    settings add it only in the demo and the tests."""

    def get_or_create_user_from_bsn(self, request: Any, bsn: str) -> Gebruiker:
        return login_for_bsn(bsn)
