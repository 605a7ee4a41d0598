"""A small stand-in for the Haal Centraal BRP API Personen, for the demo and the tests.

Django-free (http.server): `POST /haalcentraal/api/brp/personen` with the request shape of the
published specification (`type: RaadpleegMetBurgerservicenummer`, `burgerservicenummer`, `fields`,
optional `gemeenteVanInschrijving`) answers `{type, personen: [...]}` for the fictitious persons in
data/standin_personen.json, with only the fields asked for. Bad requests get problem+json 400
(with `invalidParams`), unknown paths 404, a wrong or missing API key 401, like the real one.
Production points BRP_API_URL at the real BRP; nothing here runs there.

    server = start()            # a free port on 127.0.0.1, in a daemon thread
    server.url                  # e.g. http://127.0.0.1:50123/haalcentraal/api/brp
    server.stop()
"""

from __future__ import annotations

import datetime as dt
import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

PAD = "/haalcentraal/api/brp"
DATA = Path(__file__).with_name("data") / "standin_personen.json"
QUERY_TYPES = {
    "RaadpleegMetBurgerservicenummer",
    "ZoekMetGeslachtsnaamEnGeboortedatum",
    "ZoekMetNaamEnGemeenteVanInschrijving",
    "ZoekMetPostcodeEnHuisnummer",
    "ZoekMetStraatHuisnummerEnGemeenteVanInschrijving",
    "ZoekMetNummeraanduidingIdentificatie",
    "ZoekMetAdresseerbaarObjectIdentificatie",
}
# Top-level Persoon properties a `fields` path may start with (the specification's Persoon).
PERSOON_VELDEN = {
    "aNummer",
    "adressering",
    "burgerservicenummer",
    "datumEersteInschrijvingGBA",
    "datumInschrijvingInGemeente",
    "europeesKiesrecht",
    "geboorte",
    "gemeenteVanInschrijving",
    "geheimhoudingPersoonsgegevens",
    "geslacht",
    "gezag",
    "immigratie",
    "indicatieCurateleRegister",
    "indicatieGezagMinderjarige",
    "kinderen",
    "leeftijd",
    "naam",
    "nationaliteiten",
    "opschortingBijhouding",
    "ouders",
    "overlijden",
    "partners",
    "uitsluitingKiesrecht",
    "verblijfplaats",
    "verblijfstitel",
}
RELATIEF = re.compile(r"^@-(\d+)j-(\d+)d$")
BSN = re.compile(r"^[0-9]{9}$")
GEMEENTECODE = re.compile(r"^[0-9]{4}$")


def _jaren_terug(vandaag: dt.date, jaren: int) -> dt.date:
    try:
        return vandaag.replace(year=vandaag.year - jaren)
    except ValueError:  # 29 February in a year without it
        return vandaag.replace(year=vandaag.year - jaren, day=28)


def _resolve(value: Any, vandaag: dt.date) -> Any:
    if isinstance(value, dict):
        return {k: _resolve(v, vandaag) for k, v in value.items()}
    if isinstance(value, list):
        return [_resolve(v, vandaag) for v in value]
    if isinstance(value, str):
        match = RELATIEF.match(value)
        if match:
            day = _jaren_terug(vandaag, int(match[1])) - dt.timedelta(days=int(match[2]))
            return day.isoformat()
    return value


def laad_personen(vandaag: dt.date | None = None) -> dict[str, dict[str, Any]]:
    data = json.loads(DATA.read_text(encoding="utf-8"))
    personen = _resolve(data["personen"], vandaag or dt.date.today())
    for persoon in personen:  # the long date form the specification adds to every Datum
        _lang_formaat(persoon)
    return {p["burgerservicenummer"]: p for p in personen}


MAANDEN = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]


def _lang_formaat(value: Any) -> None:
    if isinstance(value, dict):
        if value.get("type") == "Datum" and isinstance(value.get("datum"), str):
            day = dt.date.fromisoformat(value["datum"])
            value["langFormaat"] = f"{day.day} {MAANDEN[day.month - 1]} {day.year}"
        for v in value.values():
            _lang_formaat(v)
    elif isinstance(value, list):
        for v in value:
            _lang_formaat(v)


def _project(value: Any, paths: list[list[str]]) -> Any:
    """Keep only the requested field paths (lists: applied to each element)."""
    if isinstance(value, list):
        return [_project(v, paths) for v in value]
    if not isinstance(value, dict):
        return value
    if any(not p for p in paths):
        return value
    out: dict[str, Any] = {}
    for key, sub in value.items():
        onder = [p[1:] for p in paths if p[0] == key]
        if onder:
            out[key] = _project(sub, onder)
    return out


def problem(status: int, title: str, *, code: str, invalid: list[dict[str, str]] | None = None) -> dict[str, Any]:
    body: dict[str, Any] = {
        "type": f"https://datatracker.ietf.org/doc/html/rfc7231#section-6.5.{1 if status == 400 else 4}"
        if status in (400, 404)
        else "about:blank",
        "title": title,
        "status": status,
        "instance": PAD + "/personen",
        "code": code,
    }
    if invalid:
        body["invalidParams"] = invalid
    return body


def antwoord(body: Any, personen: dict[str, dict[str, Any]]) -> tuple[int, dict[str, Any]]:
    """The answer to one request body: (status, JSON). Pure, so tests can call it directly."""
    if not isinstance(body, dict):
        return 400, problem(400, "Ongeldige aanvraag.", code="paramsValidation")
    soort = body.get("type")
    if soort not in QUERY_TYPES:
        return 400, problem(
            400,
            "Een of meerdere parameters zijn niet correct.",
            code="paramsValidation",
            invalid=[{"name": "type", "code": "value", "reason": "Waarde is geen geldig zoek type."}],
        )
    if soort != "RaadpleegMetBurgerservicenummer":
        return 400, problem(400, "Dit zoektype ondersteunt de stand-in niet.", code="paramsValidation")
    invalid: list[dict[str, str]] = []
    bsns = body.get("burgerservicenummer")
    if not isinstance(bsns, list) or not bsns:
        invalid.append({"name": "burgerservicenummer", "code": "required", "reason": "Parameter is verplicht."})
    elif len(bsns) > 20:
        invalid.append({"name": "burgerservicenummer", "code": "maxItems", "reason": "Array bevat meer dan 20 items."})
    else:
        for i, bsn in enumerate(bsns):
            if not isinstance(bsn, str) or not BSN.match(bsn):
                invalid.append(
                    {
                        "name": f"burgerservicenummer[{i}]",
                        "code": "pattern",
                        "reason": "Waarde voldoet niet aan patroon ^[0-9]{9}$.",
                    }
                )
    fields = body.get("fields")
    if not isinstance(fields, list) or not fields:
        invalid.append({"name": "fields", "code": "required", "reason": "Parameter is verplicht."})
    else:
        for i, field in enumerate(fields):
            if not isinstance(field, str) or field.split(".")[0] not in PERSOON_VELDEN:
                invalid.append(
                    {"name": f"fields[{i}]", "code": "field", "reason": "Parameter bevat een niet bestaande veldnaam."}
                )
    gemeente = body.get("gemeenteVanInschrijving")
    if gemeente is not None and (not isinstance(gemeente, str) or not GEMEENTECODE.match(gemeente)):
        invalid.append(
            {
                "name": "gemeenteVanInschrijving",
                "code": "pattern",
                "reason": "Waarde voldoet niet aan patroon ^[0-9]{4}$.",
            }
        )
    unknown = set(body) - {
        "type",
        "burgerservicenummer",
        "fields",
        "gemeenteVanInschrijving",
        "inclusiefOverledenPersonen",
    }
    for name in sorted(unknown):
        invalid.append({"name": name, "code": "unknownParam", "reason": "Parameter is niet verwacht."})
    if invalid:
        return 400, problem(
            400, "Een of meerdere parameters zijn niet correct.", code="paramsValidation", invalid=invalid
        )
    assert isinstance(fields, list) and isinstance(bsns, list)  # validated above
    paths = [f.split(".") for f in fields]
    gevonden = []
    for bsn in dict.fromkeys(bsns):
        persoon = personen.get(bsn)
        if persoon is None:
            continue
        if gemeente and persoon.get("gemeenteVanInschrijving", {}).get("code") != gemeente:
            continue
        gevonden.append(_project(persoon, paths))
    return 200, {"type": soort, "personen": gevonden}


class _Handler(BaseHTTPRequestHandler):
    server: StandinServer

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - no request lines with BSNs on stderr
        return

    def _send(self, status: int, body: dict[str, Any]) -> None:
        payload = json.dumps(body, ensure_ascii=False).encode()
        self.send_response(status)
        ctype = "application/json" if status < 400 else "application/problem+json"
        self.send_header("Content-Type", ctype + "; charset=utf-8")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def do_GET(self) -> None:  # noqa: N802
        self._send(404, problem(404, "Opgevraagde resource bestaat niet.", code="notFound"))

    def do_POST(self) -> None:  # noqa: N802
        if self.path.split("?")[0] != PAD + "/personen":
            self._send(404, problem(404, "Opgevraagde resource bestaat niet.", code="notFound"))
            return
        if self.server.api_key and self.headers.get(self.server.key_header) != self.server.api_key:
            self._send(401, problem(401, "Niet correct geauthenticeerd.", code="authentication"))
            return
        if not (self.headers.get("Content-Type") or "").startswith("application/json"):
            self._send(415, problem(415, "Media Type wordt niet ondersteund.", code="unsupportedMediaType"))
            return
        length = min(int(self.headers.get("Content-Length") or 0), 100_000)
        try:
            body = json.loads(self.rfile.read(length) or b"null")
        except ValueError:
            body = None
        status, answer = antwoord(body, self.server.personen)
        self._send(status, answer)


class StandinServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, port: int = 0, *, api_key: str = "", key_header: str = "X-API-KEY") -> None:
        super().__init__(("127.0.0.1", port), _Handler)
        self.api_key = api_key
        self.key_header = key_header
        self.personen = laad_personen()
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}{PAD}"

    def start(self) -> StandinServer:
        self._thread = threading.Thread(target=self.serve_forever, name="brp-standin", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self.shutdown()
        self.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)


def start(port: int = 0, *, api_key: str = "", key_header: str = "X-API-KEY") -> StandinServer:
    """Start the stand-in on 127.0.0.1 (port 0: a free one) in a daemon thread."""
    return StandinServer(port, api_key=api_key, key_header=key_header).start()


if __name__ == "__main__":  # python -m jeugdketen.brp.standin [port]
    import sys

    server = StandinServer(int(sys.argv[1]) if len(sys.argv) > 1 else 8090)
    print(f"BRP stand-in op {server.url}")
    server.serve_forever()
