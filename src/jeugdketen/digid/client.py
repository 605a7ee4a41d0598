"""The SAML client of django-digid-eherkenning, configured from the environment.

The library keeps its configuration in the database (a singleton model with uploaded
certificates). We read it from settings instead (`DIGID_SAML`, from environment variables, see
docs/operations.md): the certificate and key stay where the operator mounted them, every app server
reads the same files, and nothing about DigiD can be changed in a screen.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import IO, Any

from digid_eherkenning.choices import DigiDAssuranceLevels
from digid_eherkenning.saml2.digid import DigiDClient as LibraryDigiDClient
from django.conf import settings
from django.urls import reverse

# DigiD's levels from low to high (Logius, koppelvlakspecificatie DigiD SAML).
LEVELS: list[str] = [
    DigiDAssuranceLevels.base,
    DigiDAssuranceLevels.middle,
    DigiDAssuranceLevels.substantial,
    DigiDAssuranceLevels.high,
]
MINIMUM = {"substantieel": DigiDAssuranceLevels.substantial, "hoog": DigiDAssuranceLevels.high}


def minimum_level() -> DigiDAssuranceLevels:
    return MINIMUM[settings.DIGID_ASSURANCE_LEVEL]


def level_is_enough(authn_contexts: list[str]) -> bool:
    """Did DigiD vouch at the required level or higher? An unknown or missing level is not enough."""
    least = LEVELS.index(minimum_level())
    return any(context in LEVELS and LEVELS.index(context) >= least for context in authn_contexts)


class PemFile:
    """A file on disk in the shape the library reads its files: `open()` and `path`."""

    def __init__(self, path: str) -> None:
        self.path = str(Path(path).resolve()) if path else ""

    def __bool__(self) -> bool:
        return bool(self.path)

    def open(self, mode: str = "r") -> IO[Any]:
        return open(self.path, mode, encoding="utf-8")  # noqa: SIM115 - the caller closes it


@cache
def _idp_entity_id(metadata_file: str) -> str | None:
    from onelogin.saml2.idp_metadata_parser import OneLogin_Saml2_IdPMetadataParser

    parsed = OneLogin_Saml2_IdPMetadataParser.parse(Path(metadata_file).read_text(encoding="utf-8"))
    entity_id = parsed.get("idp", {}).get("entityId")
    return str(entity_id) if entity_id else None


def configuration() -> dict[str, Any]:
    """The library's configuration dictionary (as `DigidConfiguration.as_dict()` gives it)."""
    saml: dict[str, Any] = settings.DIGID_SAML
    return {
        "base_url": saml["base_url"],
        "entity_id": saml["entity_id"],
        "metadata_file": PemFile(saml["metadata_file"]),
        "service_entity_id": saml["idp_entity_id"] or _idp_entity_id(saml["metadata_file"]),
        "key_file": PemFile(saml["key_file"]),
        "cert_file": PemFile(saml["cert_file"]),
        "next_cert_file": PemFile(saml["next_cert_file"]) if saml["next_cert_file"] else None,
        "attribute_consuming_service_index": saml["attribute_consuming_service_index"],
        "service_name": saml["service_name"],
        "service_description": saml["service_description"],
        "requested_attributes": [{"name": "bsn", "required": True}],
        "want_assertions_encrypted": saml["want_assertions_encrypted"],
        "want_assertions_signed": saml["want_assertions_signed"],
        "signature_algorithm": saml["signature_algorithm"],
        "digest_algorithm": saml["digest_algorithm"],
        "artifact_resolve_content_type": saml["artifact_resolve_content_type"],
        "technical_contact_person": None,
        "administrative_contact_person": None,
        "organization": None,
        "slo": saml["slo"],
        # No fixed lifetime: the project's 15-minute idle rule (SESSION_COOKIE_AGE) applies.
        "session_age": None,
        "acs_path": reverse("digid:acs"),
    }


class DigiDClient(LibraryDigiDClient):
    """The library's client with its configuration from settings instead of the database."""

    def __init__(self, *args: Any, signed_messages: bool = False, **kwargs: Any) -> None:
        kwargs.setdefault("loa", minimum_level())
        super().__init__(*args, **kwargs)
        self.signed_messages = signed_messages

    def create_config(self, config_dict: dict[str, Any]) -> Any:
        # Only our logout request has a name id; it goes in a URL, so never as readable text.
        config_dict["security"]["nameIdEncrypted"] = settings.DIGID_SAML["slo_encrypt_name_id"]
        if self.signed_messages:  # e.g. DigiD's logout request: unsigned, anyone could end a session
            config_dict["security"]["wantMessagesSigned"] = True
        return super().create_config(config_dict)

    @property
    def conf(self) -> dict[str, Any]:
        if not hasattr(self, "_conf"):
            self._conf = configuration()
        return self._conf
