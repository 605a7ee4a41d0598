"""One CSV download (core.csv_export): semicolons, a byte order mark, header lines, the column
names, a row per item, an attachment with a fixed name, and no cell a spreadsheet would run as a
formula."""

from __future__ import annotations

import csv
import io

import pytest

from jeugdketen.core.csv_export import csv_response, csv_tekst


def _regels(tekst: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(tekst), delimiter=";"))


def test_the_file_is_a_semicolon_csv_with_a_byte_order_mark_as_an_attachment() -> None:
    rijen = [{"gebied": "GM0917", "naam": "Heerlen", "waarde": "3,5"}, {"gebied": "GM0928", "waarde": "< 10"}]
    response = csv_response(rijen, ["gebied", "naam", "waarde"], filename="monitor-test.csv", kop=[["bron", "CBS"], []])
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="monitor-test.csv"'
    assert response.content.decode("utf-8") == (
        "\ufeffbron;CBS\r\n\r\ngebied;naam;waarde\r\nGM0917;Heerlen;3,5\r\nGM0928;;< 10\r\n"
    )


def test_a_cell_with_a_semicolon_quote_or_line_break_stays_one_cell() -> None:
    tekst = 'Eén; twee\n"drie"'
    assert _regels(csv_tekst([{"a": tekst, "b": "€ 1.000"}], ["a", "b"])) == [["a", "b"], [tekst, "€ 1.000"]]


@pytest.mark.parametrize(
    "typed",
    ['=HYPERLINK("https://example.org")', "+1+2", "-2+3+cmd|' /C calc'!A0", "@SUM(A1:A2)", "\t=1", "\rx", "-"],
)
def test_text_a_spreadsheet_would_run_as_a_formula_gets_a_leading_apostrophe(typed: str) -> None:
    regels = _regels(csv_tekst([{"tekst": typed}], ["tekst"], kop=[[typed]]))
    assert regels[0] == ["'" + typed]  # a header line too
    assert regels[2] == ["'" + typed]


@pytest.mark.parametrize("getal", ["-3,5", "+2", "-12", "4.25", "< 10", "verborgen", "2018"])
def test_numbers_and_the_suppression_marks_are_left_as_they_are(getal: str) -> None:
    assert _regels(csv_tekst([{"x": getal, "n": -3}], ["x", "n"]))[1] == [getal, "-3"]


@pytest.mark.parametrize("naam", ['a".csv', "a b.csv", "a\r\nX-Kop: 1.csv", "rapport.pdf"])
def test_the_file_name_must_be_plain_text(naam: str) -> None:
    with pytest.raises(ValueError, match="file name"):
        csv_response([], ["a"], filename=naam)
