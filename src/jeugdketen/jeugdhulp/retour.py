"""Return messages JW302, JW306 and JW308 (iJw release 3.2), written from the standard.

A return message has the header of the message it answers (with its own BerichtCode) plus
IdentificatieRetour, DagtekeningRetour, XsdVersieRetour and the header's RetourCodes. Only rejected
classes go back (OP065, OP304): a fully accepted message is answered with the header alone
(retourcode 0200). Otherwise the Client goes back with all of its rejected products, each class
with its RetourCodes; a class without remarks carries 0200, a class that was not assessed because
the message as a whole was rejected carries 0233. Retourcodes come from code list WJ001.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET  # noqa: S405 - only builds XML from our own tree

from .ijw import (
    BERICHTCODE,
    GEEN_OPMERKING,
    NIET_BEOORDEELD,
    NS_BASIS,
    PRODUCT_KLASSE,
    PRODUCTEN_KLASSE,
    RETOUR_VAN,
    Beoordeling,
    Bericht,
    ns,
)

XSD_VERSIE_RETOUR = ("1.0.0", "1.0.0")
# BasisschemaXsdVersie, BerichtXsdVersie used for the answer


def _codes(parent: ET.Element, retour_ns: str, codes: list[str]) -> None:
    container = ET.SubElement(parent, f"{{{retour_ns}}}RetourCodes")
    for code in dict.fromkeys(codes or [GEEN_OPMERKING]):  # each code once, in order
        ET.SubElement(container, f"{{{retour_ns}}}RetourCode").text = code


def _kopie(elem: ET.Element, van_ns: str, naar_ns: str) -> ET.Element:
    """A copy of a received element in the namespace of the return message (basisschema stays)."""
    namespace, _sep, name = elem.tag[1:].partition("}")
    tag = f"{{{naar_ns}}}{name}" if namespace == van_ns else elem.tag
    nieuw = ET.Element(tag)
    nieuw.text = elem.text if len(elem) == 0 else None
    for child in elem:
        nieuw.append(_kopie(child, van_ns, naar_ns))
    return nieuw


def retourbericht(bericht: Bericht, beoordeling: Beoordeling, *, identificatie: str, dagtekening: dt.date) -> bytes:
    """The return message for `bericht` as UTF-8 XML (OP192: no byte-order mark, CR/LF lines)."""
    soort = bericht.header.bericht
    retour = RETOUR_VAN[soort]
    heen_ns, retour_ns = ns(soort), ns(retour)
    ET.register_namespace("ijw", NS_BASIS)
    ET.register_namespace(retour, retour_ns)
    root = ET.Element(f"{{{retour_ns}}}Bericht")

    header_in = bericht.root.find(f"{{{heen_ns}}}Header")
    assert header_in is not None
    header = _kopie(header_in, heen_ns, retour_ns)
    code = header.find(f"{{{retour_ns}}}BerichtCode")
    assert code is not None
    code.text = BERICHTCODE[retour]
    ET.SubElement(header, f"{{{retour_ns}}}IdentificatieRetour").text = identificatie
    ET.SubElement(header, f"{{{retour_ns}}}DagtekeningRetour").text = dagtekening.isoformat()
    versie = ET.SubElement(header, f"{{{retour_ns}}}XsdVersieRetour")
    ET.SubElement(versie, f"{{{NS_BASIS}}}BasisschemaXsdVersie").text = XSD_VERSIE_RETOUR[0]
    ET.SubElement(versie, f"{{{NS_BASIS}}}BerichtXsdVersie").text = XSD_VERSIE_RETOUR[1]
    _codes(header, retour_ns, [b.code for b in beoordeling.header])
    root.append(header)

    geheel = beoordeling.bericht_afgekeurd
    afgekeurd = beoordeling.afgekeurde_producten()
    client_codes = [b.code for b in beoordeling.client]
    if geheel or afgekeurd or client_codes:
        client_in = bericht.root.find(f"{{{heen_ns}}}Client")
        assert client_in is not None
        client = _kopie(client_in, heen_ns, retour_ns)
        niet_beoordeeld = [NIET_BEOORDEELD] if geheel else [GEEN_OPMERKING]
        for i, contact in enumerate(client.findall(f"{{{retour_ns}}}Contactgegevens/{{{retour_ns}}}Contact"), start=1):
            _codes(contact, retour_ns, [b.code for b in beoordeling.contacten.get(i, [])] or niet_beoordeeld)
        for relatie in client.findall(f"{{{retour_ns}}}Relaties/{{{retour_ns}}}Relatie"):
            rc = relatie.find(f"{{{retour_ns}}}Contact")
            if rc is not None:
                _codes(rc, retour_ns, niet_beoordeeld)
            _codes(relatie, retour_ns, niet_beoordeeld)
        container = client.find(f"{{{retour_ns}}}{PRODUCTEN_KLASSE[soort]}")
        assert container is not None
        for i, product in enumerate(list(container.findall(f"{{{retour_ns}}}{PRODUCT_KLASSE[soort]}")), start=1):
            codes = [b.code for b in beoordeling.producten.get(i, [])]
            if not codes and not geheel:
                container.remove(product)  # accepted: not sent back (OP065)
                continue
            _codes(product, retour_ns, codes or [NIET_BEOORDEELD])
        _codes(client, retour_ns, client_codes or niet_beoordeeld)
        root.append(client)
    ET.indent(root, space="  ")
    body = ET.tostring(root, encoding="unicode", xml_declaration=False)
    text = '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"
    return text.replace("\r\n", "\n").replace("\n", "\r\n").encode("utf-8")
