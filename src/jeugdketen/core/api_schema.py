"""Postprocessing of the OpenAPI schema (drf-spectacular hook): what a partner's generated client
needs to know that the views do not declare one by one.

* every operation documents the error answers the API gives, each with its body: 400 (input,
  per field), 401 (no, a wrong or a revoked API key), 404 (does not exist or no access: the same
  answer), 429 (too many calls for this key); 409, 412 and 428 where the operation gives them;
* an operation that takes If-Match documents the header, and its 412 and 428; answers that carry
  an ETag document that header;
* every changing operation (POST, PUT, PATCH, DELETE) documents the optional Idempotency-Key
  header (core.idempotentie), its 422 and 409, and the Idempotent-Replayed header of a replay;
* request bodies refuse unknown fields (`additionalProperties: false`, as StrictSerializer does);
* descriptions are Dutch: a code docstring (English, for developers) is not a partner's text.
"""

from __future__ import annotations

from typing import Any

FOUT = {
    "type": "object",
    "description": "Foutmelding in het Nederlands.",
    "properties": {"detail": {"type": "string", "description": "Wat er mis is, in het Nederlands."}},
    "required": ["detail"],
}
VALIDATIEFOUT = {
    "type": "object",
    "description": (
        "Per veld de foutmeldingen in het Nederlands; `non_field_errors` voor het geheel. Een veld dat niet "
        "bestaat of dat u niet mag wijzigen, staat er ook in: onbekende velden worden geweigerd."
    ),
    "additionalProperties": {"type": "array", "items": {"type": "string"}},
}

ANTWOORDEN: dict[str, tuple[str, str]] = {
    "400": ("Validatiefout", "Ongeldige invoer: de foutmeldingen per veld."),
    "401": ("Fout", "Geen, een onjuiste of een ingetrokken API-sleutel (of geen sessie)."),
    "403": ("Fout", "Dit mag deze partij niet (bijvoorbeeld: een systeem wijzigt geen plan, alleen een persoon)."),
    "404": ("Fout", "Bestaat niet, of u heeft er geen toegang toe: hetzelfde antwoord."),
    "409": ("Fout", "Kan niet in de huidige toestand (bijvoorbeeld: al beantwoord of verlopen)."),
    "422": ("Fout", "Deze Idempotency-Key is al gebruikt voor een ander verzoek (andere inhoud of ander adres)."),
    "412": ("Fout", "If-Match klopt niet: iemand anders heeft intussen gewijzigd. De ETag geeft de nieuwste versie."),
    "428": ("Fout", "Stuur de header If-Match mee met de ETag van de versie die u wijzigt."),
    "429": ("Fout", "Te veel verzoeken met deze sleutel; probeer het na Retry-After seconden opnieuw."),
}

ETAG = {"description": "Versie van dit object; stuur die als If-Match bij een wijziging.", "schema": {"type": "string"}}
IF_MATCH = {
    "name": "If-Match",
    "in": "header",
    "required": True,
    "description": "De ETag van de versie die u wijzigt (uit het laatste GET-antwoord).",
    "schema": {"type": "string"},
}

IDEMPOTENCY_KEY = {
    "name": "Idempotency-Key",
    "in": "header",
    "required": False,
    "description": (
        "Een sleutel die u zelf kiest (bijvoorbeeld een UUID; 1 tot 200 leesbare tekens, zonder spaties), "
        "zodat u dit verzoek na een time-out veilig opnieuw kunt sturen: een herhaling met dezelfde sleutel en "
        "precies hetzelfde verzoek krijgt het eerste antwoord (status en inhoud) terug, met de header "
        "Idempotent-Replayed, en wordt niet nogmaals uitgevoerd. Dezelfde sleutel met een ander verzoek: 422. "
        "Loopt het eerste verzoek nog, dan wacht de herhaling even, of krijgt 409 met Retry-After. Een sleutel "
        "wordt (standaard) 24 uur bewaard, per API-sleutel of per persoon."
    ),
    "schema": {"type": "string", "minLength": 1, "maxLength": 200},
}
REPLAYED = {
    "description": "`true` als dit het bewaarde antwoord op een eerder verzoek met dezelfde Idempotency-Key is.",
    "schema": {"type": "string", "enum": ["true"]},
}
NOG_BEZIG = "Een eerder verzoek met dezelfde Idempotency-Key wordt nog verwerkt; probeer het na Retry-After seconden."
WIJZIGEND = {"post", "put", "patch", "delete"}

# Operations with answers of their own (operationId → extra status codes).
EIGEN: dict[str, set[str]] = {
    "gezinsplannen_partial_update": {"403", "412", "428"},
    "plekvrij_plekken_partial_update": {"412", "428"},
    "plekvrij_reserveringen_bevestigen_create": {"409"},
    "plekvrij_reserveringen_afwijzen_create": {"409"},
    "plekvrij_reserveringen_geplaatst_create": {"409"},
    "plekvrij_reserveringen_intrekken_create": {"409"},
}
# Operations whose answers carry an ETag, and those that take If-Match.
MET_ETAG = {"gezinsplannen_retrieve", "gezinsplannen_partial_update"}
MET_IF_MATCH = {"gezinsplannen_partial_update"}

# Operations whose description differs from the usual one of their kind (operationId → text).
EIGEN_BESCHRIJVING = {
    "monitor_indicatoren_list": "De indicatoren van uw regio met hun definitie (teller, noemer, bron, beleidsdoel). "
    "Geen persoonsgegevens; niet gepagineerd.",
    "monitor_indicatoren_retrieve": "De cijfers van één indicator per gebied en jaar (op verzoek per kwartaal), "
    "met dezelfde onderdrukking als op de pagina's: een verborgen cel heeft geen getal maar een reden "
    "(`klein`: minder dan 10; `afleidbaar`: terug te rekenen uit de totalen). "
    "Beperk met `jaar` en `gemeente`; per pagina (`page`).",
}
BESCHRIJVING = {
    "list": "Lijst, per pagina (`page`), van wat uw organisatie mag zien. Elke aanroep staat in het toegangslog.",
    "retrieve": "Eén item op uuid. Bestaat het niet of heeft u geen toegang, dan 404 (hetzelfde antwoord).",
    "create": "Vastleggen. Onbekende velden worden geweigerd (400).",
    "partial_update": "Wijzigen: alleen de velden die u meestuurt. Onbekende velden worden geweigerd (400).",
    "update": "Wijzigen. Onbekende velden worden geweigerd (400).",
    "destroy": "Verwijderen.",
}


def foutantwoorden(result: dict[str, Any], generator: Any, request: Any, public: bool) -> dict[str, Any]:
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas["Fout"] = FOUT
    schemas["Validatiefout"] = VALIDATIEFOUT
    body_components: set[str] = set()
    for path, methods in result.get("paths", {}).items():
        for method, operation in methods.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            op_id = operation.get("operationId", "")
            codes = {"401", "429"}
            if "{" in path:
                codes.add("404")
            if "requestBody" in operation or operation.get("parameters"):
                codes.add("400")
            codes |= EIGEN.get(op_id, set())
            if op_id in MET_IF_MATCH:
                codes |= {"412", "428"}
                params = operation.setdefault("parameters", [])
                if not any(p.get("name") == "If-Match" for p in params):
                    params.append(IF_MATCH)
            changing = method in WIJZIGEND
            if changing:
                codes |= {"400", "409", "422"}
                params = operation.setdefault("parameters", [])
                if not any(p.get("name") == "Idempotency-Key" for p in params):
                    params.append(IDEMPOTENCY_KEY)
            for code in sorted(codes):
                naam, tekst = ANTWOORDEN[code]
                if code == "409" and changing:
                    tekst = f"{tekst} Of: {NOG_BEZIG}" if "409" in EIGEN.get(op_id, set()) else NOG_BEZIG
                operation["responses"].setdefault(
                    code,
                    {
                        "description": tekst,
                        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{naam}"}}},
                    },
                )
            if op_id in MET_ETAG:
                for code, answer in operation["responses"].items():
                    if code.startswith("2") or code == "412":
                        answer.setdefault("headers", {})["ETag"] = ETAG
            if changing:
                for code, answer in operation["responses"].items():
                    if code.startswith("2"):
                        answer.setdefault("headers", {})["Idempotent-Replayed"] = REPLAYED
            for param in operation.get("parameters", []):
                if param.get("name") == "page" and param.get("in") == "query":
                    param["description"] = "Paginanummer, vanaf 1. Het antwoord geeft `count`, `next` en `previous`."
            for code, answer in operation["responses"].items():
                if not answer.get("description"):
                    answer["description"] = "Gelukt." if code.startswith("2") else ANTWOORDEN.get(code, ("", ""))[1]
            soort = next((k for k in BESCHRIJVING if op_id.endswith("_" + k)), None)
            operation["description"] = EIGEN_BESCHRIJVING.get(op_id) or (
                BESCHRIJVING[soort] if soort else "Actie op dit item; zie de velden hieronder."
            )
            for media in operation.get("requestBody", {}).get("content", {}).values():
                ref = media.get("schema", {}).get("$ref", "")
                if ref.startswith("#/components/schemas/"):
                    body_components.add(ref.rsplit("/", 1)[1])
    for naam, component in schemas.items():
        if naam in {"Fout", "Validatiefout"} or "properties" not in component:
            continue  # enums keep their Dutch list of values
        if naam in body_components:
            component["additionalProperties"] = False
            component["description"] = "Invoer. Een veld dat hier niet staat, wordt geweigerd (400)."
        else:
            component.pop("description", None)  # a serializer's docstring is for developers
    return result
