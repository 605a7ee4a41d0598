"""Demo data for the monitor: plausible population figures for Parkstad's municipalities
(bevolking_parkstad.csv, 2018–2025, in the CBS age bands; not CBS's own numbers), one entered
2018 baseline (toekomstplan coverage, which the platform only knows from now on), and the facts
computed from everything the other demo modules made."""

from __future__ import annotations

import random
from pathlib import Path

from jeugdketen.demo.common import actor
from jeugdketen.monitor import berekening, services
from jeugdketen.monitor.models import REGIO, Aanleiding
from jeugdketen.organisaties.models import Regio

CSV = Path(__file__).with_name("bevolking_parkstad.csv")


def monitor_demo(regio: Regio, *, size: int, rng: random.Random) -> None:
    beleid = actor("beleid")
    services.bevolking_importeren(data=CSV.read_bytes(), regio=regio, by=beleid)
    services.basiswaarde_opslaan(
        regio=regio,
        indicator="toekomstplan_dekking",
        gebied=REGIO,
        waarde=41.0,
        teller=None,
        noemer=None,
        bron="Demo: telling van de toegangsteams in 2018 (ingevoerd, niet uit het platform)",
        by=beleid,
    )
    berekening.bereken(regio, aanleiding=Aanleiding.DEMO)
