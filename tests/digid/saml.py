"""A stand-in DigiD for the SAML tests: a self-signed key pair for our side and the identity
provider's metadata (what Logius hands over), written to files as an operator would mount them."""

from __future__ import annotations

import base64
import datetime as dt
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

IDP = "https://idp.digid.test"
IDP_ENTITY_ID = f"{IDP}/saml/idp/metadata"
SSO_URL = f"{IDP}/saml/idp/request_authentication"
SLO_URL = f"{IDP}/saml/idp/request_logout"


def _key_pair(common_name: str) -> tuple[bytes, bytes]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    key_pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    return key_pem, cert.public_bytes(serialization.Encoding.PEM)


def _metadata(cert_pem: bytes) -> str:
    der = x509.load_pem_x509_certificate(cert_pem).public_bytes(serialization.Encoding.DER)
    cert = base64.b64encode(der).decode()
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#"
    entityID="{IDP_ENTITY_ID}">
  <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <md:KeyDescriptor use="signing">
      <ds:KeyInfo><ds:X509Data><ds:X509Certificate>{cert}</ds:X509Certificate></ds:X509Data></ds:KeyInfo>
    </md:KeyDescriptor>
    <md:ArtifactResolutionService Binding="urn:oasis:names:tc:SAML:2.0:bindings:SOAP"
        Location="{IDP}/saml/idp/resolve_artifact" index="0"/>
    <md:SingleLogoutService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="{SLO_URL}"/>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="{SSO_URL}"/>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="{SSO_URL}"/>
  </md:IDPSSODescriptor>
</md:EntityDescriptor>
"""


def write_files(folder: Path) -> dict[str, str]:
    """The DIGID_* environment of a production installation, with the files it points to."""
    key_pem, cert_pem = _key_pair("jeugdketen.example.nl")
    _idp_key, idp_cert = _key_pair("idp.digid.test")
    (folder / "sp.key").write_bytes(key_pem)
    (folder / "sp.crt").write_bytes(cert_pem)
    (folder / "digid-metadata.xml").write_text(_metadata(idp_cert), encoding="utf-8")
    return {
        "DIGID_ENABLED": "1",
        "DIGID_ENTITY_ID": "https://jeugdketen.example.nl/digid",
        "DIGID_BASE_URL": "https://jeugdketen.example.nl",
        "DIGID_METADATA_FILE": str(folder / "digid-metadata.xml"),
        "DIGID_CERTIFICATE_FILE": str(folder / "sp.crt"),
        "DIGID_PRIVATE_KEY_FILE": str(folder / "sp.key"),
    }
