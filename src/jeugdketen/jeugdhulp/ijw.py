"""Reading iJw release 3.2 messages JW301 (toewijzing), JW305 (start zorg) and JW307 (stop zorg).

Our own parser and checks, written from the published standard (Zorginstituut Nederland,
informatiemodel.istandaarden.nl/informatiemodel/ijw/3.2): the message XSDs, the basisschema's
data types, the constraints and conditions (CS/CD), the technical rules (TR) and the retourcodes
(WJ001). The published files are not part of this project.

Three levels, as the standard has them:

1. Not an iJw 3.2 message of a kind we process, or not well-formed, or not valid against the
   message structure (the XSD): refused whole, with the reasons; there is no return message
   (OP286; in the chain the GGK/VECOZO answer such a file with IB001/IB014).
2. A content rule that the standard checks within the message (controleniveau "bericht inhoud",
   retourcode 0001), or a header rule (TR135: 8848): the whole message is rejected and the
   return message says where (OP286).
3. Rules against earlier messages ("berichtoverstijgend": TR019, TR074, TR326, ...): checked per
   product record when it is applied (services.py), so the good records are kept (OP065).

The parser never resolves entities and refuses a DOCTYPE (no XXE, no entity expansion), and
refuses files over 25 MB (OP179).
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET  # noqa: S405 - used to hold the tree; parsing is expat, see _parse()
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from xml.parsers import expat  # noqa: S410 - no DOCTYPE or entities accepted, see _parse() and lees()

from django.utils.translation import gettext as _

from jeugdketen.core.bsn import is_valid_bsn

from .codes import (
    Eenheid,
    Frequentie,
    Productcategorie,
    RedenBeeindiging,
    RedenWijziging,
    StatusAanlevering,
)

MAX_BYTES = 25 * 1024 * 1024  # OP179
NS_BASIS = "http://www.istandaarden.nl/ijw/3_2/basisschema/schema"
NS_PATTERN = re.compile(r"^http://www\.istandaarden\.nl/ijw/(\d+)_(\d+)/([a-z]+\d+)/schema$")
NS_ISTANDAARDEN = "http://www.istandaarden.nl/"

BERICHTCODE = {"jw301": "436", "jw302": "437", "jw305": "438", "jw306": "439", "jw307": "440", "jw308": "441"}
VERWERKT = ("jw301", "jw305", "jw307")
RETOUR_VAN = {"jw301": "jw302", "jw305": "jw306", "jw307": "jw308"}
PRODUCT_KLASSE = {"jw301": "ToegewezenProduct", "jw305": "StartProduct", "jw307": "StopProduct"}
PRODUCTEN_KLASSE = {"jw301": "ToegewezenProducten", "jw305": "StartProducten", "jw307": "StopProducten"}

GEEN_OPMERKING = "0200"
NIET_BEOORDEELD = "0233"
TECHNISCH = "0001"
DAGTEKENING_TOEKOMST = "8848"


def ns(bericht: str) -> str:
    return f"http://www.istandaarden.nl/ijw/3_2/{bericht}/schema"


# --- Simple types (basisschema LDT_*, with the restrictions RS*) -----------------------------

Check = Callable[[str], str | None]  # returns a plain-Dutch problem, or None when the value is fine


def _datum(value: str) -> str | None:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return _("'%(v)s' is geen datum; schrijf JJJJ-MM-DD zonder tijdzone.") % {"v": value[:30]}
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return _("%(v)s bestaat niet als datum.") % {"v": value}
    return None


def _tijd(value: str) -> str | None:
    if not re.fullmatch(r"\d{2}:\d{2}:\d{2}", value):
        return _("'%(v)s' is geen tijd; schrijf UU:MM:SS zonder tijdzone.") % {"v": value[:30]}
    try:
        dt.time.fromisoformat(value)
    except ValueError:
        return _("%(v)s bestaat niet als tijd.") % {"v": value}
    return None


def _cijfers(n: int) -> Check:
    def check(value: str) -> str | None:
        if not re.fullmatch(rf"\d{{{n}}}", value):
            return _("Vul %(n)s cijfers in (nu: '%(v)s').") % {"n": n, "v": value[:30]}
        return None

    return check


def _getal(maximum: int) -> Check:
    def check(value: str) -> str | None:
        if not re.fullmatch(r"\d{1,9}", value) or int(value) > maximum:
            return _("Vul een geheel getal van 0 tot en met %(m)s in (nu: '%(v)s').") % {"m": maximum, "v": value[:30]}
        return None

    return check


def _tekst(maximum: int) -> Check:
    def check(value: str) -> str | None:
        if not value.strip():
            return _("Dit element is leeg; laat het weg als er niets in hoort.")
        if len(value) > maximum:
            return _("Hoogstens %(m)s tekens (nu %(n)s).") % {"m": maximum, "n": len(value)}
        return None

    return check


def _code(values: list[str], lijst: str) -> Check:
    def check(value: str) -> str | None:
        if value not in values:
            return _("'%(v)s' staat niet in de codelijst %(l)s.") % {"v": value[:30], "l": lijst}
        return None

    return check


def _vast(waarde: str) -> Check:
    def check(value: str) -> str | None:
        return None if value == waarde else _("Moet %(w)s zijn (nu: '%(v)s').") % {"w": waarde, "v": value[:30]}

    return check


def _versie(value: str) -> str | None:
    return None if re.fullmatch(r"\d+\.\d+\.\d+", value) else _("Schrijf een versie als 1.0.0.")


# --- Structures (message XSDs and basisschema CDT_*) ------------------------------------------


@dataclass(frozen=True)
class El:
    """One element of a sequence: a simple type (Check) or a complex type (tuple of El)."""

    name: str
    type: Check | tuple[El, ...]
    min: int = 1
    max: int | None = 1  # None: unbounded
    basis: bool = False  # in the basisschema namespace (children of a CDT)


def _b(name: str, type_: Check | tuple[El, ...], min_: int = 1, max_: int | None = 1) -> El:
    return El(name, type_, min_, max_, basis=True)


CDT_BERICHTIDENTIFICATIE = (_b("Identificatie", _tekst(12)), _b("Dagtekening", _datum))
CDT_XSDVERSIE = (_b("BasisschemaXsdVersie", _versie), _b("BerichtXsdVersie", _versie))
CDT_GEBOORTEDATUM = (_b("Datum", _datum), _b("DatumGebruik", _code(["1", "2", "3"], "COD170"), 0))
CDT_ACHTERNAAM = (_b("Achternaam", _tekst(200)), _b("Voorvoegsel", _tekst(10), 0))
CDT_VERKORTENAAM = (
    _b("Geslachtsnaam", CDT_ACHTERNAAM),
    _b("Voornamen", _tekst(200), 0),
    _b("Voorletters", _tekst(6), 0),
)
CDT_VOLLEDIGENAAM = (
    _b("Geslachtsnaam", CDT_ACHTERNAAM),
    _b("Partnernaam", CDT_ACHTERNAAM, 0),
    _b("Voornamen", _tekst(200), 0),
    _b("Voorletters", _tekst(6), 0),
    _b("NaamGebruik", _code(["1", "2", "3", "4", "6"], "COD700"), 0),
)
CDT_HUIS = (
    _b("Huisnummer", _getal(99999)),
    _b("Huisletter", _tekst(1), 0),
    _b("HuisnummerToevoeging", _tekst(4), 0),
    _b("AanduidingWoonadres", _tekst(2), 0),
)
CDT_ADRES = (
    _b("Huis", CDT_HUIS, 0),
    _b("Postcode", _tekst(8), 0),
    _b("Straatnaam", _tekst(24), 0),
    _b("Plaatsnaam", _tekst(80), 0),
    _b("LandCode", _tekst(2), 0),
)
CDT_TELEFOON = (_b("Telefoonnummer", _tekst(15)), _b("Landnummer", _tekst(4), 0))
CDT_TELEFOONNUMMERS = (_b("Telefoon01", CDT_TELEFOON), _b("Telefoon02", CDT_TELEFOON, 0))
CDT_OPENPERIODE = (_b("Begindatum", _datum, 0), _b("Einddatum", _datum, 0))
CDT_PRODUCT = (
    _b("Categorie", _code(list(Productcategorie.values), "JZ020")),
    _b("Code", _tekst(5), 0),
)
CDT_OMVANG = (
    _b("Volume", _getal(99_999_999)),
    _b("Eenheid", _code(list(Eenheid.values), "WJ756")),
    _b("Frequentie", _code(list(Frequentie.values), "WJ757")),
)
CDT_COMMUNICATIE = (_b("Vorm", _code(["1", "2", "3"], "COD747")), _b("Taal", _tekst(25), 0))
# The basisschema's own order of these CDT children is not checked: only names and occurrence
# (the published basisschema was not available; see docs/jeugdhulp.md).
UNORDERED = {id(t) for t in (CDT_ADRES, CDT_HUIS, CDT_TELEFOON, CDT_VOLLEDIGENAAM, CDT_VERKORTENAAM)}


def _header(bericht: str, afzender: Check, ontvanger: Check) -> tuple[El, ...]:
    return (
        El("BerichtCode", _vast(BERICHTCODE[bericht])),
        El("BerichtVersie", _vast("3")),
        El("BerichtSubversie", _vast("2")),
        El("Afzender", afzender),
        El("Ontvanger", ontvanger),
        El("BerichtIdentificatie", CDT_BERICHTIDENTIFICATIE),
        El("XsdVersie", CDT_XSDVERSIE),
    )


GEMEENTE = _cijfers(4)
AGB = _cijfers(8)
BSN = _cijfers(9)
GESLACHT = _code(["0", "1", "2"], "COD046")
STATUS = _code(list(StatusAanlevering.values), "COD467")

CONTACT = (
    El("Soort", _code(["01", "02", "03", "04"], "COD757")),
    El("Adres", CDT_ADRES, 0),
    El("Organisatie", _tekst(35), 0),
    El("Telefoon", CDT_TELEFOONNUMMERS, 0),
    El("Emailadres", _tekst(80), 0),
    El("Periode", CDT_OPENPERIODE, 0),
)
RELATIE = (
    El("Nummer", _tekst(20)),
    El("Volgorde", _getal(99), 0),
    El("Soort", _tekst(2)),
    El("Geboortedatum", CDT_GEBOORTEDATUM, 0),
    El("Geslacht", GESLACHT, 0),
    El("Naam", CDT_VOLLEDIGENAAM),
    El("Contact", CONTACT),
)
TOEGEWEZEN_PRODUCT = (
    El("ToewijzingNummer", _getal(999_999_999)),
    El("ReferentieAanbieder", _tekst(36), 0),
    El("Product", CDT_PRODUCT, 0),
    El("Toewijzingsdatum", _datum),
    El("Toewijzingstijd", _tijd),
    El("Ingangsdatum", _datum),
    El("Einddatum", _datum, 0),
    El("RedenWijziging", _code(list(RedenWijziging.values) + ["01"], "JZ002"), 0),
    El("Omvang", CDT_OMVANG, 0),
    El("Budget", _getal(99_999_999), 0),
    El("Commentaar", _tekst(4000), 0),
)
START_PRODUCT = (
    El("ToewijzingNummer", _getal(999_999_999), 0),
    El("Product", CDT_PRODUCT, 0),
    El("ToewijzingIngangsdatum", _datum, 0),
    El("Begindatum", _datum),
    El("StatusAanlevering", STATUS),
)
STOP_PRODUCT = (
    El("ToewijzingNummer", _getal(999_999_999), 0),
    El("Product", CDT_PRODUCT, 0),
    El("ToewijzingIngangsdatum", _datum, 0),
    El("Begindatum", _datum),
    El("RedenBeeindiging", _code(list(RedenBeeindiging.values), "JZ588")),
    El("Einddatum", _datum),
    El("StatusAanlevering", STATUS),
)


def _client_kort(producten: str, product: str, spec: tuple[El, ...]) -> tuple[El, ...]:
    return (
        El("Bsn", BSN),
        El("Geboortedatum", CDT_GEBOORTEDATUM),
        El("Geslacht", GESLACHT),
        El("Naam", CDT_VERKORTENAAM),
        El(producten, (El(product, spec, 1, None),)),
    )


STRUCTUUR: dict[str, tuple[El, ...]] = {
    "jw301": (
        El("Header", _header("jw301", GEMEENTE, AGB)),
        El(
            "Client",
            (
                El("Bsn", BSN),
                El("Geboortedatum", CDT_GEBOORTEDATUM),
                El("Geslacht", GESLACHT),
                El("Naam", CDT_VOLLEDIGENAAM),
                El("Communicatie", CDT_COMMUNICATIE, 0),
                El("JuridischeStatus", _tekst(2), 0),
                El("WettelijkeVertegenwoordiging", _tekst(2), 0),
                El("Commentaar", _tekst(4000), 0),
                El("Relaties", (El("Relatie", RELATIE, 1, None),), 0),
                El("Contactgegevens", (El("Contact", CONTACT, 1, None),)),
                El("ToegewezenProducten", (El("ToegewezenProduct", TOEGEWEZEN_PRODUCT, 1, None),)),
            ),
        ),
    ),
    "jw305": (
        El("Header", _header("jw305", AGB, GEMEENTE)),
        El("Client", _client_kort("StartProducten", "StartProduct", START_PRODUCT)),
    ),
    "jw307": (
        El("Header", _header("jw307", AGB, GEMEENTE)),
        El("Client", _client_kort("StopProducten", "StopProduct", STOP_PRODUCT)),
    ),
}


# --- Parsed message ---------------------------------------------------------------------------


@dataclass
class Header:
    bericht: str  # "jw301", "jw305", "jw307"
    afzender: str
    ontvanger: str
    identificatie: str
    dagtekening: dt.date


@dataclass
class Contact:
    index: int
    soort: str
    telefoon: bool
    huis_en_postcode: bool


@dataclass
class Product:
    """A product record: ToegewezenProduct (301), StartProduct (305) or StopProduct (307)."""

    index: int  # 1-based position in the message
    regel: int  # line in the file
    toewijzingnummer: int | None
    categorie: str = ""
    code: str = ""
    # 301
    toewijzingsdatum: dt.date | None = None
    toewijzingstijd: dt.time | None = None
    ingangsdatum: dt.date | None = None
    einddatum: dt.date | None = None
    reden_wijziging: str = ""
    volume: int | None = None
    eenheid: str = ""
    frequentie: str = ""
    budget: int | None = None
    referentie_aanbieder: str = ""
    # 305 / 307
    toewijzing_ingangsdatum: dt.date | None = None
    begindatum: dt.date | None = None
    reden_beeindiging: str = ""
    status: str = ""

    @property
    def naam(self) -> str:
        nummer = f" (toewijzing {self.toewijzingnummer})" if self.toewijzingnummer is not None else ""
        return _("Product %(i)s%(n)s, regel %(r)s") % {"i": self.index, "n": nummer, "r": self.regel}


@dataclass
class Client:
    bsn: str
    geboortedatum: dt.date
    datumgebruik: str
    geslacht: str
    achternaam: str
    voorvoegsel: str
    voornamen: str
    regel: int
    contacten: list[Contact] = field(default_factory=list)


@dataclass
class Bericht:
    header: Header
    client: Client
    producten: list[Product]
    root: ET.Element  # kept to echo the classes in the return message

    @property
    def soort(self) -> str:
        return self.header.bericht.upper()


class Weigering(Exception):
    """The file is refused whole (level 1): not processed and no return message."""

    def __init__(self, reden: str, details: list[str] | None = None, *, bericht: str = "", header: Any = None):
        super().__init__(reden)
        self.reden = reden
        self.details = details or []
        self.bericht = bericht
        self.header = header


# --- Reading ------------------------------------------------------------------------------------


def _parse(inhoud: bytes) -> ET.Element:
    """Parse with expat into an ElementTree, keeping the line of each start tag ("regel 23").

    No DOCTYPE, no entity declarations (refused), no external entities, no namespace-less tricks:
    only elements and text matter in an iJw message."""
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    stack: list[ET.Element] = []
    roots: list[ET.Element] = []

    def start(name: str, attrs: dict[str, str]) -> None:
        namespace, _sep, local = name.rpartition(" ")
        elem = ET.Element(f"{{{namespace}}}{local}" if namespace else local)
        elem.set("__regel", str(parser.CurrentLineNumber))
        if stack:
            stack[-1].append(elem)
        else:
            roots.append(elem)
        stack.append(elem)

    def end(name: str) -> None:
        stack.pop()

    def data(text: str) -> None:
        if not stack:
            return
        current = stack[-1]
        if len(current):
            current[-1].tail = (current[-1].tail or "") + text
        else:
            current.text = (current.text or "") + text

    def refuse_entity(*args: object) -> None:
        raise expat.ExpatError("entity declarations are not allowed")

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = data
    parser.EntityDeclHandler = refuse_entity
    parser.Parse(inhoud, True)
    return roots[0]


def _local(tag: str) -> tuple[str, str]:
    if tag.startswith("{"):
        namespace, _sep, name = tag[1:].partition("}")
        return namespace, name
    return "", tag


def _regel(elem: ET.Element) -> int:
    return int(elem.get("__regel", "0"))


def lees(inhoud: bytes) -> Bericht:
    """Read a message; raise Weigering when it is to be refused whole (level 1)."""
    if len(inhoud) > MAX_BYTES:
        raise Weigering(
            _("Het bestand is groter dan 25 MB (iJw-regel OP179). Verdeel de berichten over meer bestanden.")
        )
    if not inhoud.strip():
        raise Weigering(_("Het bestand is leeg."))
    if inhoud.startswith(b"\xef\xbb\xbf"):
        inhoud = inhoud[3:]  # OP192 forbids a byte-order mark; we read past it rather than refuse
    kop = inhoud[:4096].upper()
    if b"<!DOCTYPE" in kop or b"<!ENTITY" in inhoud.upper():
        raise Weigering(_("Het bestand bevat een DOCTYPE of ENTITY. Dat hoort niet in een iJw-bericht."))
    try:
        root = _parse(inhoud)
    except expat.ExpatError as exc:
        regel = getattr(exc, "lineno", 0)
        raise Weigering(
            _("Dit is geen geldig XML-bestand (fout op regel %(r)s). Een iJw-bericht is een XML-bestand.")
            % {"r": regel}
        ) from None
    namespace, name = _local(root.tag)
    match = NS_PATTERN.match(namespace)
    if name != "Bericht" or match is None or not namespace.startswith(NS_ISTANDAARDEN):
        raise Weigering(_("Dit is geen iJw-bericht: het hoofdelement is geen Bericht van de iStandaard iJw."))
    major, minor, bericht = match.groups()
    if not bericht.startswith("jw"):
        raise Weigering(
            _("Dit is geen iJw-bericht (iStandaard Jeugdwet): de naamruimte hoort bij %(b)s.") % {"b": bericht}
        )
    if (major, minor) != ("3", "2"):
        raise Weigering(
            _("Dit bericht is van iJw-release %(r)s. Jeugdketen verwerkt alleen release 3.2.")
            % {"r": f"{major}.{minor}"},
            bericht=bericht.upper(),
        )
    if bericht not in VERWERKT:
        raise Weigering(
            _(
                "Jeugdketen verwerkt het bericht %(b)s niet. "
                "Stuur een JW301 (toewijzing), JW305 (start zorg) of JW307 (stop zorg)."
            )
            % {"b": bericht.upper()},
            bericht=bericht.upper(),
        )
    fouten: list[str] = []
    _valideer(root, STRUCTUUR[bericht], ns(bericht), "Bericht", fouten)
    if fouten:
        versie = root.find(f"{{{ns(bericht)}}}Header/{{{ns(bericht)}}}BerichtSubversie")
        if versie is not None and (versie.text or "").strip() not in ("", "2"):
            raise Weigering(
                _("Dit bericht is van iJw-release 3.%(v)s. Jeugdketen verwerkt alleen release 3.2.")
                % {"v": (versie.text or "").strip()[:3]},
                bericht=bericht.upper(),
            )
        raise Weigering(
            _("Het bericht voldoet niet aan de berichtstructuur van %(b)s (XSD van iJw 3.2). Er is niets verwerkt.")
            % {"b": bericht.upper()},
            fouten,
            bericht=bericht.upper(),
        )
    return _lees_bericht(root, bericht)


def _valideer(elem: ET.Element, spec: tuple[El, ...], msg_ns: str, pad: str, fouten: list[str]) -> None:
    children = list(elem)
    if elem.text and elem.text.strip() and spec:
        fouten.append(_("%(p)s (regel %(r)s): hier hoort geen tekst.") % {"p": pad, "r": _regel(elem)})
    bekend = {(NS_BASIS if e.basis else msg_ns, e.name): e for e in spec}
    ordered = id(spec) not in UNORDERED
    positie = 0
    counts: dict[str, int] = {}
    volgorde = [(NS_BASIS if e.basis else msg_ns, e.name) for e in spec]
    for child in children:
        key = _local(child.tag)
        naam = key[1]
        e = bekend.get(key)
        if e is None:
            fouten.append(
                _("%(p)s/%(n)s (regel %(r)s): dit element hoort hier niet.") % {"p": pad, "n": naam, "r": _regel(child)}
            )
            continue
        if ordered:
            index = volgorde.index(key)
            if index < positie:
                fouten.append(
                    _("%(p)s/%(n)s (regel %(r)s): staat op de verkeerde plaats in de volgorde.")
                    % {"p": pad, "n": naam, "r": _regel(child)}
                )
            positie = max(positie, index)
        counts[naam] = counts.get(naam, 0) + 1
        sub = f"{pad}/{naam}" + (f"[{counts[naam]}]" if e.max != 1 else "")
        if isinstance(e.type, tuple):
            _valideer(child, e.type, msg_ns, sub, fouten)
        else:
            if len(child):
                fouten.append(_("%(p)s (regel %(r)s): hier horen geen elementen in.") % {"p": sub, "r": _regel(child)})
                continue
            probleem = e.type((child.text or "").strip())
            if probleem:
                fouten.append(_("%(p)s (regel %(r)s): %(m)s") % {"p": sub, "r": _regel(child), "m": probleem})
    for e in spec:
        n = counts.get(e.name, 0)
        if n < e.min:
            fouten.append(_("%(p)s (regel %(r)s): %(n)s ontbreekt.") % {"p": pad, "r": _regel(elem), "n": e.name})
        if e.max is not None and n > e.max:
            fouten.append(
                _("%(p)s (regel %(r)s): %(n)s komt te vaak voor.") % {"p": pad, "r": _regel(elem), "n": e.name}
            )


def _tekst_van(elem: ET.Element | None, pad: str, msg_ns: str) -> str:
    if elem is None:
        return ""
    found = elem
    for part in pad.split("/"):
        basis = part.startswith("ijw:")
        name = part[4:] if basis else part
        nxt = found.find(f"{{{NS_BASIS if basis else msg_ns}}}{name}")
        if nxt is None:
            return ""
        found = nxt
    return (found.text or "").strip()


def _d(value: str) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _i(value: str) -> int | None:
    return int(value) if value else None


def _lees_bericht(root: ET.Element, bericht: str) -> Bericht:
    m = ns(bericht)
    header_el = root.find(f"{{{m}}}Header")
    client_el = root.find(f"{{{m}}}Client")
    assert header_el is not None and client_el is not None  # the structure was validated

    def t(elem: ET.Element | None, pad: str) -> str:
        return _tekst_van(elem, pad, m)

    header = Header(
        bericht=bericht,
        afzender=t(header_el, "Afzender"),
        ontvanger=t(header_el, "Ontvanger"),
        identificatie=t(header_el, "BerichtIdentificatie/ijw:Identificatie"),
        dagtekening=dt.date.fromisoformat(t(header_el, "BerichtIdentificatie/ijw:Dagtekening")),
    )
    contacten = []
    for i, contact in enumerate(client_el.findall(f"{{{m}}}Contactgegevens/{{{m}}}Contact"), start=1):
        contacten.append(
            Contact(
                index=i,
                soort=t(contact, "Soort"),
                telefoon=bool(t(contact, "Telefoon/ijw:Telefoon01/ijw:Telefoonnummer")),
                huis_en_postcode=bool(t(contact, "Adres/ijw:Huis/ijw:Huisnummer") and t(contact, "Adres/ijw:Postcode")),
            )
        )
    client = Client(
        bsn=t(client_el, "Bsn"),
        geboortedatum=dt.date.fromisoformat(t(client_el, "Geboortedatum/ijw:Datum")),
        datumgebruik=t(client_el, "Geboortedatum/ijw:DatumGebruik"),
        geslacht=t(client_el, "Geslacht"),
        achternaam=t(client_el, "Naam/ijw:Geslachtsnaam/ijw:Achternaam"),
        voorvoegsel=t(client_el, "Naam/ijw:Geslachtsnaam/ijw:Voorvoegsel"),
        voornamen=t(client_el, "Naam/ijw:Voornamen") or t(client_el, "Naam/ijw:Voorletters"),
        regel=_regel(client_el),
        contacten=contacten,
    )
    producten = []
    klasse = PRODUCT_KLASSE[bericht]
    for i, p in enumerate(client_el.findall(f"{{{m}}}{PRODUCTEN_KLASSE[bericht]}/{{{m}}}{klasse}"), start=1):
        tijd = t(p, "Toewijzingstijd")
        producten.append(
            Product(
                index=i,
                regel=_regel(p),
                toewijzingnummer=_i(t(p, "ToewijzingNummer")),
                categorie=t(p, "Product/ijw:Categorie"),
                code=t(p, "Product/ijw:Code"),
                toewijzingsdatum=_d(t(p, "Toewijzingsdatum")),
                toewijzingstijd=dt.time.fromisoformat(tijd) if tijd else None,
                ingangsdatum=_d(t(p, "Ingangsdatum")),
                einddatum=_d(t(p, "Einddatum")),
                reden_wijziging=t(p, "RedenWijziging"),
                volume=_i(t(p, "Omvang/ijw:Volume")),
                eenheid=t(p, "Omvang/ijw:Eenheid"),
                frequentie=t(p, "Omvang/ijw:Frequentie"),
                budget=_i(t(p, "Budget")),
                referentie_aanbieder=t(p, "ReferentieAanbieder"),
                toewijzing_ingangsdatum=_d(t(p, "ToewijzingIngangsdatum")),
                begindatum=_d(t(p, "Begindatum")),
                reden_beeindiging=t(p, "RedenBeeindiging"),
                status=t(p, "StatusAanlevering"),
            )
        )
    return Bericht(header=header, client=client, producten=producten, root=root)


# --- Level 2: content rules within the message (retourcode 0001) and the header's date ---------


@dataclass
class Bevinding:
    """A retourcode for one class of the message, with the plain-Dutch reason."""

    code: str
    uitleg: str


@dataclass
class Beoordeling:
    header: list[Bevinding] = field(default_factory=list)
    client: list[Bevinding] = field(default_factory=list)
    contacten: dict[int, list[Bevinding]] = field(default_factory=dict)
    producten: dict[int, list[Bevinding]] = field(default_factory=dict)

    def product(self, index: int, code: str, uitleg: str) -> None:
        self.producten.setdefault(index, []).append(Bevinding(code, uitleg))

    @property
    def bericht_afgekeurd(self) -> bool:
        """Rejected whole: a header code, or any content rule (0001) anywhere (OP286)."""
        alle = [*self.header, *self.client, *(b for v in self.contacten.values() for b in v)]
        alle += [b for v in self.producten.values() for b in v]
        return bool(self.header) or any(b.code == TECHNISCH for b in alle)

    def afgekeurde_producten(self) -> set[int]:
        return {i for i, v in self.producten.items() if v}


def controleer(bericht: Bericht, *, vandaag: dt.date) -> Beoordeling:
    """The rules of level 2 (see the module text), each with its rule code in the explanation."""
    b = Beoordeling()
    h, c = bericht.header, bericht.client
    if h.dagtekening > vandaag:
        b.header.append(
            Bevinding(
                DAGTEKENING_TOEKOMST, _("De dagtekening %(d)s ligt in de toekomst (TR135).") % {"d": h.dagtekening}
            )
        )
    if not is_valid_bsn(c.bsn):
        b.client.append(Bevinding(TECHNISCH, _("Het BSN klopt niet met de 11-proef (CS002).")))
    if c.geboortedatum > h.dagtekening:
        b.client.append(Bevinding(TECHNISCH, _("De geboortedatum ligt na de dagtekening van het bericht (TR134).")))
    onbekend = c.datumgebruik == "3" and c.geboortedatum == dt.date(1900, 1, 1)
    if not onbekend and c.geboortedatum < h.dagtekening.replace(year=h.dagtekening.year - 120):
        b.client.append(Bevinding(TECHNISCH, _("De geboortedatum ligt meer dan 120 jaar terug (TR002).")))
    if c.datumgebruik == "3" and c.geboortedatum != dt.date(1900, 1, 1):
        b.client.append(Bevinding(TECHNISCH, _("Bij een onbekende geboortedatum hoort de datum 1900-01-01 (CS139).")))
    if h.bericht == "jw301":
        _controleer_301(bericht, b)
    else:
        _controleer_regie(bericht, b)
    return b


def _controleer_301(bericht: Bericht, b: Beoordeling) -> None:
    c = bericht.client
    if not any(contact.soort in ("01", "02", "03") for contact in c.contacten):
        b.client.append(
            Bevinding(TECHNISCH, _("Er is geen BRP-, correspondentie- of verblijfadres bij de cliënt (TR061)."))
        )
    for contact in c.contacten:
        if not (contact.telefoon or contact.huis_en_postcode):
            b.contacten.setdefault(contact.index, []).append(
                Bevinding(
                    TECHNISCH,
                    _("Contact %(i)s heeft geen telefoonnummer en geen huisnummer met postcode (TR006).")
                    % {"i": contact.index},
                )
            )
    gezien: dict[int, Product] = {}
    for p in bericht.producten:
        assert p.ingangsdatum is not None and p.toewijzingsdatum is not None
        if p.toewijzingnummer in gezien:
            b.product(
                p.index,
                TECHNISCH,
                _("Toewijzingnummer %(n)s staat twee keer in dit bericht (TR101).") % {"n": p.toewijzingnummer},
            )
        if p.toewijzingnummer is not None:
            gezien[p.toewijzingnummer] = p
        if p.einddatum is not None and p.einddatum < p.ingangsdatum:
            b.product(p.index, TECHNISCH, _("De einddatum ligt voor de ingangsdatum (CS003)."))
        if p.toewijzingsdatum > bericht.header.dagtekening:
            b.product(p.index, TECHNISCH, _("De toewijzingsdatum ligt na de dagtekening (TR134)."))
        if p.reden_wijziging == "01":
            b.product(p.index, TECHNISCH, _("Reden wijziging 01 mag niet meer worden gebruikt (CS336)."))
        if p.reden_wijziging == RedenWijziging.VERWIJDERD and p.einddatum != p.ingangsdatum:
            b.product(
                p.index, TECHNISCH, _("Bij reden 13 (verwijderd) is de einddatum gelijk aan de ingangsdatum (CS335).")
            )
        heeft_omvang, heeft_budget = p.volume is not None, p.budget is not None
        if not p.categorie and not heeft_budget:
            b.product(p.index, TECHNISCH, _("Zonder budget hoort er een product bij (CD079)."))
        if p.code and not heeft_omvang:
            b.product(p.index, TECHNISCH, _("Bij een productcode hoort een omvang (CD041)."))
        if heeft_omvang and heeft_budget:
            b.product(
                p.index, TECHNISCH, _("Een toewijzing heeft een omvang of een budget, niet allebei (CD077, CD078).")
            )
        if heeft_budget and p.einddatum is None:
            b.product(p.index, TECHNISCH, _("Bij een budget hoort een einddatum (CD075)."))
        if p.frequentie == Frequentie.WEEK and p.einddatum is None:
            b.product(p.index, TECHNISCH, _("Bij een omvang per week hoort een einddatum (CD076)."))
        recent = p.einddatum is None or p.einddatum > dt.date(2020, 12, 31)
        if heeft_omvang and not p.code and p.categorie and recent:
            b.product(p.index, TECHNISCH, _("Zonder productcode hoort er geen omvang bij (CD080)."))
        if p.eenheid in ("14", "16", "83", "84") and recent and p.frequentie not in ("2", "4", "6"):
            b.product(p.index, TECHNISCH, _("Bij deze eenheid hoort frequentie per week, per maand of totaal (CS338)."))
    _geen_stapeling(bericht, b)


def _geen_stapeling(bericht: Bericht, b: Beoordeling) -> None:
    """TR302: the same product may appear more often only for periods that do not overlap."""
    actueel = [p for p in bericht.producten if p.reden_wijziging not in ("13", "01")]
    for i, p in enumerate(actueel):
        for q in actueel[i + 1 :]:
            zelfde = (p.code and p.code == q.code) or (not p.code and not q.code and p.categorie == q.categorie)
            if not p.categorie or not q.categorie:
                zelfde = True
            assert p.ingangsdatum and q.ingangsdatum
            p_eind, q_eind = p.einddatum or dt.date.max, q.einddatum or dt.date.max
            if zelfde and p.ingangsdatum <= q_eind and q.ingangsdatum <= p_eind:
                b.product(
                    q.index,
                    TECHNISCH,
                    _("Dit product overlapt in tijd met product %(i)s in hetzelfde bericht (TR302).") % {"i": p.index},
                )


def _controleer_regie(bericht: Bericht, b: Beoordeling) -> None:
    dagtekening = bericht.header.dagtekening
    gezien: set[tuple[Any, ...]] = set()
    for p in bericht.producten:
        assert p.begindatum is not None
        sleutel = (p.toewijzingnummer, p.begindatum, p.reden_beeindiging)
        if sleutel in gezien:
            b.product(p.index, TECHNISCH, _("Deze regel staat twee keer in het bericht (TR101)."))
        gezien.add(sleutel)
        if p.status not in (StatusAanlevering.NIEUW, StatusAanlevering.VERWIJDEREN):
            b.product(p.index, TECHNISCH, _("Status aanlevering is 1 (nieuw) of 3 (verwijderen); 2 mag niet (CS058)."))
        if p.toewijzingnummer is None:
            b.product(
                p.index, "9019", _("Er staat geen toewijzingnummer bij; de melding hoort bij een toewijzing (TR019).")
            )
        if p.begindatum > dagtekening:
            b.product(p.index, TECHNISCH, _("De begindatum ligt na de dagtekening van het bericht (TR134)."))
        if bericht.header.bericht == "jw307":
            assert p.einddatum is not None
            if p.einddatum < p.begindatum:
                b.product(p.index, TECHNISCH, _("De einddatum ligt voor de begindatum (TR018)."))
            if p.einddatum > dagtekening:
                b.product(p.index, TECHNISCH, _("De einddatum ligt na de dagtekening van het bericht (TR134)."))


RETOURCODE_WJ001 = [
    "0001",
    "0200",
    "0233",
    "8848",
    "9019",
    "9056",
    "9063",
    "9069",
    "9071",
    "9074",
    "9326",
    "9332",
    "9413",
    "9414",
    "9415",
    "S300",
    "S329",
]  # the WJ001 codes JW302/JW306/JW308 can carry (the declaration codes are left out)
_retourcode = _code(RETOURCODE_WJ001, "WJ001")


# --- The structure of a return message, for checking what we send (tests, and before storing) --

KLASSEN = frozenset({"Client", "Relatie", "Contact", "ToegewezenProduct", "StartProduct", "StopProduct"})
RETOURCODES = (El("RetourCode", _retourcode, 1, None),)


def _met_retourcodes(spec: tuple[El, ...]) -> tuple[El, ...]:
    result = []
    for e in spec:
        if isinstance(e.type, tuple) and not e.basis:  # a CDT of the basisschema stays as it is
            sub = _met_retourcodes(e.type)
            if e.name in KLASSEN:
                sub = (*sub, El("RetourCodes", RETOURCODES))
            e = El(e.name, sub, e.min, e.max, e.basis)
        result.append(e)
    return spec if result == list(spec) else tuple(result)  # unchanged CDTs keep their identity


def structuur(retour: str) -> tuple[El, ...]:
    """The structure of JW302/JW306/JW308: the message answered, with the return elements."""
    heen = next(k for k, v in RETOUR_VAN.items() if v == retour)
    header, client = STRUCTUUR[heen]
    assert isinstance(header.type, tuple) and isinstance(client.type, tuple)
    velden = (El("BerichtCode", _vast(BERICHTCODE[retour])), *header.type[1:])
    retour_header = (
        *velden,
        El("IdentificatieRetour", _tekst(12)),
        El("DagtekeningRetour", _datum),
        El("XsltVersie", _versie, 0),
        El("XsdVersieRetour", CDT_XSDVERSIE),
        El("RetourCodes", RETOURCODES, 0),
    )
    (client_retour,) = _met_retourcodes((client,))
    return (El("Header", retour_header), El("Client", client_retour.type, 0))


def valideer_retour(inhoud: bytes) -> list[str]:
    """Problems with a return message against its structure (empty list: valid)."""
    root = _parse(inhoud)
    namespace, name = _local(root.tag)
    retour = namespace.rsplit("/", 2)[-2]
    fouten: list[str] = []
    if name != "Bericht" or retour not in RETOUR_VAN.values():
        return [f"onbekend retourbericht {namespace}"]
    _valideer(root, structuur(retour), ns(retour), "Bericht", fouten)
    return fouten
