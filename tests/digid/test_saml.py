"""The real DigiD flow (SAML), as production with DIGID_ENABLED has it: the login request asks for
at least Substantieel, a lower answer is refused, and logging out ends DigiD's session too.

DigiD itself is a stand-in (tests/digid/saml.py): its metadata and our key pair are real files;
only the network call that resolves the artifact is replaced by the answer DigiD would give."""

from __future__ import annotations

import base64
import re
import zlib
from io import StringIO
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from digid_eherkenning.choices import DigiDAssuranceLevels
from django.contrib.sessions.models import Session
from django.core.management import CommandError, call_command
from django.test import Client, RequestFactory
from onelogin.saml2.errors import OneLogin_Saml2_ValidationError

from jeugdketen.core.models import Actie, Toegangslogregel, Uitkomst
from jeugdketen.digid import client as digid_client
from jeugdketen.digid.views import SingleLogoutSoapView
from jeugdketen.gezinnen.models import Gezin

from .conftest import PARENT_BSN
from .saml import IDP, IDP_ENTITY_ID, SLO_URL, SSO_URL, write_files

pytestmark = pytest.mark.urls("tests.digid.urls_real")

MOCK_BACKEND = "jeugdketen.digid.backends.MockDigiDBackend"
REAL_BACKEND = "jeugdketen.digid.backends.DigiDBackend"


@pytest.fixture
def real_digid(settings: Any, tmp_path: Path) -> dict[str, str]:
    env = write_files(tmp_path)
    settings.DIGID_MOCK = False
    settings.DIGID_ENABLED = settings.DIGID_AVAILABLE = True
    settings.DIGID_SAML = {
        **settings.DIGID_SAML,
        "base_url": env["DIGID_BASE_URL"],
        "entity_id": env["DIGID_ENTITY_ID"],
        "metadata_file": env["DIGID_METADATA_FILE"],
        "cert_file": env["DIGID_CERTIFICATE_FILE"],
        "key_file": env["DIGID_PRIVATE_KEY_FILE"],
        "idp_entity_id": "",
    }
    settings.AUTHENTICATION_BACKENDS = [b for b in settings.AUTHENTICATION_BACKENDS if b != MOCK_BACKEND] + [
        REAL_BACKEND
    ]
    settings.LOGIN_BACKENDS_WITH_SECOND_FACTOR = [REAL_BACKEND]
    settings.REQUIRE_2FA = True  # production: DigiD must get in without the app's code
    return env


class Answer:
    """What python3-saml makes of DigiD's (valid, signed) answer to the artifact."""

    def __init__(self, name_id: str, levels: list[str]) -> None:
        self.name_id, self.levels = name_id, levels

    def get_nameid(self) -> str:
        return self.name_id

    def get_authn_contexts(self) -> list[str]:
        return self.levels


def digid_answers(monkeypatch: Any, answer: Answer | Exception) -> None:
    def resolve(self: Any, request: Any, saml_art: str) -> Answer:
        if isinstance(answer, Exception):
            raise answer
        return answer

    monkeypatch.setattr(digid_client.DigiDClient, "artifact_resolve", resolve)


def saml_request_of(html: str) -> str:
    found = re.search(r'name="SAMLRequest" value="([^"]+)"', html)
    assert found is not None, html
    return base64.b64decode(found.group(1)).decode()


@pytest.mark.django_db
def test_the_login_asks_digid_for_at_least_substantieel(real_digid: dict[str, str]) -> None:
    response = Client().get("/digid/login/?next=/mijn-gezin/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'action="{SSO_URL}"' in html and "Verder naar DigiD" in html  # works without JavaScript too
    request = saml_request_of(html)
    assert 'Comparison="minimum"' in request
    assert f">{DigiDAssuranceLevels.substantial}<" in request
    assert real_digid["DIGID_ENTITY_ID"] in request
    # The page may post to DigiD, and only this page (the site's policy stays 'self').
    assert f"form-action 'self' {IDP}" in response["Content-Security-Policy"]
    assert IDP not in Client().get("/inloggen/")["Content-Security-Policy"]


@pytest.mark.django_db
def test_a_region_can_ask_for_hoog(real_digid: dict[str, str], settings: Any) -> None:
    settings.DIGID_ASSURANCE_LEVEL = "hoog"
    request = saml_request_of(Client().get("/digid/login/").content.decode())
    assert f">{DigiDAssuranceLevels.high}<" in request


def test_an_answer_below_substantieel_is_refused(gezin: Gezin, real_digid: Any, monkeypatch: Any) -> None:
    for levels in ([DigiDAssuranceLevels.middle], [DigiDAssuranceLevels.base], []):
        digid_answers(monkeypatch, Answer(f"s00000000:{PARENT_BSN}", levels))
        client = Client()
        response = client.get("/digid/acs/?SAMLart=AAQAA")
        assert response["Location"] == "/digid/geen-toegang/?reden=niveau", levels
        assert "_auth_user_id" not in client.session
        assert "Log in met een sterkere DigiD" in client.get(response["Location"]).content.decode()


def test_an_answer_at_substantieel_logs_in_without_the_apps_code(
    gezin: Gezin, real_digid: Any, monkeypatch: Any
) -> None:
    digid_answers(monkeypatch, Answer(f"s00000000:{PARENT_BSN}", [DigiDAssuranceLevels.substantial]))
    client = Client()
    response = client.get("/digid/acs/?SAMLart=AAQAA")
    assert response.status_code == 302 and response["Location"] == "/mijn-gezin/"  # no BSN in any URL
    assert client.get(f"/gezinnen/{gezin.uuid}/plan/").status_code == 200
    assert Toegangslogregel.objects.filter(actie=Actie.LOGIN, segment="digid", uitkomst=Uitkomst.SUCCESS).count() == 1


def test_a_failed_or_cancelled_answer_logs_no_one_in(gezin: Gezin, real_digid: Any, monkeypatch: Any) -> None:
    digid_answers(
        monkeypatch,
        OneLogin_Saml2_ValidationError("cancelled", OneLogin_Saml2_ValidationError.STATUS_CODE_AUTHNFAILED),
    )
    client = Client()
    response = client.get("/digid/acs/?SAMLart=AAQAA")
    assert response.status_code == 302 and urlsplit(response["Location"]).path == "/inloggen/"
    assert "_auth_user_id" not in client.session
    failed = Toegangslogregel.objects.get(actie=Actie.LOGIN, segment="digid")
    assert failed.uitkomst == Uitkomst.FAILURE


def logged_in(monkeypatch: Any) -> Client:
    digid_answers(monkeypatch, Answer(f"s00000000:{PARENT_BSN}", [DigiDAssuranceLevels.substantial]))
    client = Client()
    client.get("/digid/acs/?SAMLart=AAQAA")
    assert "_auth_user_id" in client.session
    return client


def test_logging_out_ends_this_session_and_then_the_one_at_digid(
    gezin: Gezin, real_digid: Any, monkeypatch: Any
) -> None:
    client = logged_in(monkeypatch)
    assert client.post("/uitloggen/")["Location"] == "/digid/logout/"
    response = client.post("/digid/logout/")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session  # ended here before the browser goes to DigiD
    link = re.search(r'href="([^"]+)" data-jk-vanzelf', response.content.decode())
    assert link is not None
    url = urlsplit(link.group(1).replace("&amp;", "&"))
    assert f"{url.scheme}://{url.netloc}{url.path}" == SLO_URL
    query = parse_qs(url.query)
    assert "SAMLRequest" in query and "Signature" in query
    # The BSN does not travel readably in that URL: the name id is encrypted for DigiD.
    logout_request = zlib.decompress(base64.b64decode(query["SAMLRequest"][0]), -15).decode()
    assert "EncryptedID" in logout_request and PARENT_BSN not in logout_request
    assert PARENT_BSN not in link.group(1)
    assert client.session["logout_request_id"]  # DigiD's answer is checked against it
    # DigiD's answer, also a broken one, ends on the login page.
    answer = client.get("/digid/slo/redirect/?SAMLResponse=bm90IHNhbWw%3D")
    assert answer.status_code == 302 and answer["Location"] == "/inloggen/?uitgelogd=lokaal"
    assert answer["Clear-Site-Data"] == '"cache", "cookies", "storage"'
    assert client.get(f"/gezinnen/{gezin.uuid}/plan/").status_code == 302


def logout_request(bsn: str) -> bytes:
    return f"""<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/"><SOAP-ENV:Body>
<samlp:LogoutRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol"
    xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_a1" Version="2.0" IssueInstant="2026-01-01T10:00:00Z"
    Destination="https://jeugdketen.example.nl/digid/slo/soap/"><saml:Issuer>{IDP_ENTITY_ID}</saml:Issuer>
<saml:NameID>s00000000:{bsn}</saml:NameID></samlp:LogoutRequest></SOAP-ENV:Body></SOAP-ENV:Envelope>""".encode()


def test_digids_own_logout_request_must_be_signed(gezin: Gezin, real_digid: Any, monkeypatch: Any) -> None:
    client = logged_in(monkeypatch)
    answer = Client().post("/digid/slo/soap/", logout_request(PARENT_BSN), content_type="text/xml")
    assert answer.status_code == 200 and b"Responder" in answer.content  # refused in SAML terms
    assert client.get(f"/gezinnen/{gezin.uuid}/plan/").status_code == 200  # still logged in


def test_digids_own_logout_ends_every_session_of_that_person(gezin: Gezin, real_digid: Any, monkeypatch: Any) -> None:
    first, second = logged_in(monkeypatch), logged_in(monkeypatch)
    sessions = Session.objects.count()
    request = RequestFactory().post("/digid/slo/soap/", logout_request(PARENT_BSN), content_type="text/xml")
    SingleLogoutSoapView.logout_digid_user(request)  # what a validly signed request leads to
    assert Session.objects.count() == sessions - 2
    for client in (first, second):
        assert client.get(f"/gezinnen/{gezin.uuid}/plan/").status_code == 302


@pytest.mark.django_db
def test_a_broken_configuration_shows_a_page_not_an_error(real_digid: Any, settings: Any) -> None:
    settings.DIGID_SAML = {**settings.DIGID_SAML, "key_file": "/nonexistent/sp.key"}
    response = Client().get("/digid/login/")
    assert response.status_code == 503
    assert "Inloggen met DigiD werkt nu niet" in response.content.decode()


@pytest.mark.django_db
def test_our_metadata_for_logius_comes_from_the_environment(real_digid: dict[str, str]) -> None:
    out = StringIO()
    call_command("digid_metadata", stdout=out)
    metadata = out.getvalue()
    assert f'entityID="{real_digid["DIGID_ENTITY_ID"]}"' in metadata
    assert 'Location="https://jeugdketen.example.nl/digid/acs/"' in metadata
    assert "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Artifact" in metadata
    assert 'Location="https://jeugdketen.example.nl/digid/slo/soap/"' in metadata
    assert "<ds:Signature" in metadata  # signed with our key


@pytest.mark.django_db
def test_the_metadata_command_refuses_without_digid(settings: Any) -> None:
    settings.DIGID_ENABLED = False
    with pytest.raises(CommandError, match="DIGID_ENABLED is off"):
        call_command("digid_metadata")
