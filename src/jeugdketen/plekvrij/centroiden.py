"""Municipality centroids, shipped with the project as public data: "nearest first" needs no
external service.

`gemeente_centroiden.csv` beside this file holds, per CBS municipality code, a point in WGS84
(latitude, longitude). Source: the CBS municipality boundaries as published by PDOK ("CBS
Gebiedsindelingen", gemeente, 2024; open data, CC0). The file in this repository covers the 31
municipalities of Limburg — the demo region Parkstad and its neighbours — with the points rounded
to about 0.005° (some 500 m), which is ample for ranking places by the distance between
municipalities. The full national list (342 municipalities) is to be generated from the same PDOK
dataset (the centroid of each municipality polygon) and dropped in as the same four columns; no
code changes. A municipality missing from the file simply has no distance: its places are ranked
after the ones with a known distance.
"""

from __future__ import annotations

import csv
import math
from functools import cache
from pathlib import Path

BESTAND = Path(__file__).with_name("gemeente_centroiden.csv")
AARDSTRAAL_KM = 6371.0


@cache
def centroiden() -> dict[str, tuple[float, float]]:
    """CBS code (GM0917) → (lat, lon). Read once per process."""
    with BESTAND.open(encoding="utf-8", newline="") as handle:
        return {row["cbs_code"]: (float(row["lat"]), float(row["lon"])) for row in csv.DictReader(handle)}


def afstand_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance (haversine) in kilometres."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * AARDSTRAAL_KM * math.asin(math.sqrt(h))


def afstanden_vanaf(cbs_code: str) -> dict[str, float]:
    """Distance in km (one decimal) from this municipality to every municipality in the file;
    empty when the municipality itself has no centroid."""
    punten = centroiden()
    oorsprong = punten.get(cbs_code)
    if oorsprong is None:
        return {}
    return {code: round(afstand_km(oorsprong, punt), 1) for code, punt in punten.items()}
