"""Application management keeps the reference lists (AGB codes, product list, norms); nobody else."""

from __future__ import annotations

from typing import Any


def test_the_reference_lists_are_in_the_admin_for_application_management(client_for: Any) -> None:
    beheer = client_for("beheer")
    for model in ("zorgaanbieder", "productcode", "jeugdhulpnormen"):
        response = beheer.get(f"/beheer/jeugdhulp/{model}/")
        assert response.status_code == 200, model
    assert "41000011" in beheer.get("/beheer/jeugdhulp/zorgaanbieder/").content.decode()
    assert client_for("toegang").get("/beheer/jeugdhulp/productcode/").status_code in (302, 404)
