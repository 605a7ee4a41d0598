"""The youth's key: HMAC-SHA256 of the BSN (or the verwijsindexservicenummer) — never the BSN.

Key rotation without the BSNs: the stored key is re-keyed in place, key = HMAC(k_new, key_old).
So the key of a BSN is the HMAC chain over all keys used so far, oldest first:

    h = HMAC(k1, "bsn:123456782"); h = HMAC(k2, h); ...

`settings.PSEUDONYM_KEY` is the newest key; JEUGDKETEN_PSEUDONYM_KEY_CHAIN (comma-separated, oldest
first) holds the earlier ones. Someone who learns an old key still cannot test BSNs against a copy
of the tables: that needs the newest key too. See docs/verwijsindex.md "Key rotation".
"""

from __future__ import annotations

import hashlib
import hmac
import os
import unicodedata
from datetime import date

from django.conf import settings


def key_chain() -> list[str]:
    earlier = getattr(settings, "VERWIJSINDEX_PSEUDONYM_KEY_CHAIN", None)
    if earlier is None:
        earlier = [k.strip() for k in os.environ.get("JEUGDKETEN_PSEUDONYM_KEY_CHAIN", "").split(",") if k.strip()]
    return [*earlier, settings.PSEUDONYM_KEY]


def rekey(value: str, key: str) -> str:
    return hmac.new(key.encode(), value.encode(), hashlib.sha256).hexdigest()


def _chain(text: str, keys: list[str]) -> str:
    value = text
    for key in keys:
        value = rekey(value, key)
    return value


def for_bsn(bsn: str) -> str:
    """Key of a validated, compact BSN."""
    return _chain("bsn:" + bsn, key_chain())


def for_ouder(bsn: str) -> str:
    """Key of a parent of a registered youth (the family match). Its own prefix: a parent who is
    also a registered youth has two unrelated keys."""
    return _chain("ouder:bsn:" + bsn, key_chain())


def normalise_name(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name)
    letters = "".join(ch for ch in decomposed if ch.isalpha())
    return letters.casefold()


def for_vsn(*, achternaam: str, geboortedatum: date, geslacht: str) -> str:
    """Key of a youth without BSN: the verwijsindexservicenummer (Besluit Jeugdwet 7.3.1)."""
    return _chain(f"vsn:{normalise_name(achternaam)}:{geboortedatum.isoformat()}:{geslacht}", key_chain())


def fingerprint(keys: list[str] | None = None) -> str:
    """Identifies the key chain without revealing it (stored in Sleutelstand)."""
    return _chain("jeugdketen-verwijsindex-vingerafdruk", keys or key_chain())
