"""The municipality centroids shipped with the project (public data, no external service)."""

from __future__ import annotations

from jeugdketen.demo.generator import MUNICIPALITIES
from jeugdketen.plekvrij import centroiden


def test_every_parkstad_municipality_and_its_limburg_neighbours_have_a_point() -> None:
    punten = centroiden.centroiden()
    assert {code for _naam, code in MUNICIPALITIES} <= set(punten)
    assert len(punten) == 31  # every municipality of Limburg (2024)
    assert all(50.7 < lat < 51.8 and 5.5 < lon < 6.3 for lat, lon in punten.values())


def test_distances_are_plausible() -> None:
    vanaf_heerlen = centroiden.afstanden_vanaf("GM0917")
    assert vanaf_heerlen["GM0917"] == 0
    assert 5 < vanaf_heerlen["GM0928"] < 10  # Kerkrade
    assert 15 < vanaf_heerlen["GM0935"] < 25  # Maastricht
    assert 50 < vanaf_heerlen["GM0983"] < 60  # Venlo
    assert centroiden.afstanden_vanaf("GM0392") == {}  # not in the file (yet)
