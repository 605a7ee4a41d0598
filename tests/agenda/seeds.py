"""Reading the seeds' own text, for the tests that hold the agenda to it word for word.

The seeds are copied verbatim into tests/agenda/seeds/ (a test checks the copies still equal
../shared/seeds/ when that folder is there), so the tests also run where the shared folder is not.
The parsing here is the test's own, written from the seed text: it does not use the app's data
file, so a word changed in agenda/bronnen/*.json fails the test.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

HIER = Path(__file__).parent / "seeds"
SEED_000 = HIER / "000_1d80065718f50d9c.txt"
SEED_001 = HIER / "001_3aa30b9811110ecb.txt"


def normaal(tekst: str) -> str:
    return re.sub(r"\s+", " ", tekst).strip()


@dataclass
class SeedActiviteit:
    cellen: list[str]  # every non-empty cell of the activity's table rows, first the activity


@dataclass
class SeedThema:
    nummer: int
    titel: str  # as in the list of section IV
    activiteiten: list[SeedActiviteit] = field(default_factory=list)


def parkstad_themas() -> tuple[list[SeedThema], list[str]]:
    """The seven themes with their activities' table cells, and the footnotes under the tables."""
    lines = SEED_000.read_text(encoding="utf-8").splitlines()
    titels: dict[int, str] = {}
    for line in lines:
        m = re.match(r"^([1-7])\. (.+);$|^([1-7])\. (Inspraak jeugdigen .+)\.$", line.strip())
        if m:
            nummer = int(m.group(1) or m.group(3))
            titels.setdefault(nummer, m.group(2) or m.group(4))
    begin = next(i for i, line in enumerate(lines) if line.startswith("In de volgende paragrafen"))
    einde = next(i for i, line in enumerate(lines) if line.startswith("I. PROCES EN PLANNING"))
    themas: list[SeedThema] = []
    voetnoten: list[str] = []
    for line in lines[begin + 1 : einde]:
        if not line.strip():
            continue
        kop = re.match(r"^([1-7])\. \S", line)
        if kop and "\t" not in line:
            nummer = int(kop.group(1))
            themas.append(SeedThema(nummer=nummer, titel=titels[nummer]))
            continue
        if line[0] in "¹²³":
            voetnoten.append(line.strip())
            continue
        cellen = [c.strip() for c in line.split("\t")]
        if cellen[0].startswith("Activiteit") or all(set(c) <= {"-"} for c in cellen):
            continue
        if cellen[0]:
            themas[-1].activiteiten.append(SeedActiviteit(cellen=[c for c in cellen if c]))
        else:
            themas[-1].activiteiten[-1].cellen.extend(c for c in cellen if c)
    return themas, voetnoten


@dataclass
class SeedActielijn:
    naam: str
    droom: str
    regels: list[str]  # every other line of the action line (headings, paragraphs, bullets)


ACTIELIJNEN = [
    "Doorontwikkeling werkwijze 1G1P1R en Regie",
    "Versterken Pleegzorg",
    "Anders organiseren Verblijf",
    "Samenwerking Gedwongen Kader",
    "Samenwerking GGZ",
    "Doorontwikkeling Crisis",
    "Samenwerking Onderwijs",
    "Transformatie Jeugdzorg Plus",
    "Doorontwikkeling Begeleiding",
]


def zuid_limburg_actielijnen() -> list[SeedActielijn]:
    lijnen: list[SeedActielijn] = []
    for line in SEED_001.read_text(encoding="utf-8").splitlines():
        tekst = line.strip().replace("**", "")  # markdown bold is markup, not words
        if not tekst:
            continue
        if tekst in ACTIELIJNEN:
            lijnen.append(SeedActielijn(naam=tekst, droom="", regels=[]))
        elif lijnen and tekst.startswith("Droom: "):
            lijnen[-1].droom = tekst.removeprefix("Droom: ")
        elif lijnen:
            lijnen[-1].regels.append(tekst.removeprefix("- "))
    return lijnen
