"""The one row-import runner (core.importer): the file is checked as a whole before any row is
applied, every bad row is reported with its line number and reason, every good row is applied in
its own transaction (a bad row leaves nothing behind, the good ones stay), a refusal is a row
error, and an idempotent row makes a second upload of the same file change nothing."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from hypothesis import given, settings
from hypothesis import strategies as st

from jeugdketen.core import importer
from jeugdketen.core.access import Geweigerd

KOLOMMEN = ("naam", "geboren", "actie")


def _rows(data: bytes, **kwargs: Any) -> list[importer.Rij | importer.Fout]:
    return list(importer.lees_csv(data, kolommen=KOLOMMEN, verplicht=("naam",), **kwargs))


# --- Reading a CSV file ----------------------------------------------------------------------


def test_delimiters_encodings_and_header_case() -> None:
    for data in (
        "\ufeffNaam;Geboren\nKim;2010-01-02\n".encode(),
        "naam,geboren\nKim,2010-01-02\n".encode("cp1252"),
        b"NAAM\tgeboren\nKim\t2010-01-02\n",
    ):
        assert _rows(data) == [importer.Rij(2, {"naam": "Kim", "geboren": "2010-01-02"})]
    assert _rows("naam\nJosé Müller\n".encode("cp1252")) == [importer.Rij(2, {"naam": "José Müller"})]


def test_a_file_that_is_unusable_as_a_whole_is_refused_before_any_row() -> None:
    with pytest.raises(ValidationError, match="geen tekstbestand"):
        _rows(b"\x81\x8d\x8f\x90\x9d")
    with pytest.raises(ValidationError, match="in elk geval 'naam'"):
        _rows(b"voornaam;geboren\nKim;2010-01-02\n")
    with pytest.raises(ValidationError, match="in elk geval 'naam', 'geboren' en 'actie'"):
        list(importer.lees_csv(b"x\n1\n", kolommen=KOLOMMEN, verplicht=KOLOMMEN))
    with pytest.raises(ValidationError, match="Onbekende kolom: reden_zorg"):
        _rows(b"naam;reden_zorg\nKim;geheim\n")


def test_line_numbers_are_the_files_own_and_bad_lines_do_not_stop_the_rest() -> None:
    data = b'naam;geboren\nAnna;2010-01-01\n\nBram;2011-02-02;extra\n"Cor\nnelis";2012-03-03\n;\nDaan;2013-04-04\n'
    assert _rows(data) == [
        importer.Rij(2, {"naam": "Anna", "geboren": "2010-01-01"}),
        importer.Fout(4, "Deze regel heeft meer kolommen dan de kop."),
        importer.Rij(6, {"naam": "Cor\nnelis", "geboren": "2012-03-03"}),  # a quoted value over two lines
        importer.Rij(8, {"naam": "Daan", "geboren": "2013-04-04"}),  # the empty and blank lines skipped
    ]


def test_an_oversized_field_is_a_row_error_and_the_rest_goes_on() -> None:
    """A value past the csv module's own limit (it raised csv.Error: a 500) or past the importer's
    limit is an error on its line; the other lines are read."""
    huge = b"x" * 200_000  # beyond csv.field_size_limit() (128 KiB)
    data = (
        b"naam;geboren\nAnna;2010-01-01\n" + huge + b";2011-01-01\n" + b"y" * 2000 + b";2012-01-01\nDaan;2013-04-04\n"
    )
    rows = _rows(data)
    assert rows[0] == importer.Rij(2, {"naam": "Anna", "geboren": "2010-01-01"})
    assert rows[-1] == importer.Rij(5, {"naam": "Daan", "geboren": "2013-04-04"})
    fouten = [r for r in rows if isinstance(r, importer.Fout)]
    assert [f.regel for f in fouten] == [3, 4]
    assert "veel te lang" in fouten[0].melding and "maximaal 1000 tekens" in fouten[1].melding


def test_too_many_rows_are_reported_and_reading_stops() -> None:
    data = ("naam\n" + "".join(f"n{i}\n" for i in range(5))).encode()
    rows = _rows(data, max_regels=3)
    assert [type(r).__name__ for r in rows] == ["Rij", "Rij", "Rij", "Fout"]
    assert rows[-1] == importer.Fout(5, "Te veel regels: maximaal 3 per bestand.")


# --- Applying the rows -------------------------------------------------------------------------


def _register(rij: importer.Rij) -> str:
    """An idempotent row: create the user once; a second time it is already there."""
    naam = rij.waarden["naam"]
    if rij.waarden.get("actie") == "weiger":
        raise Geweigerd
    _user, created = get_user_model().objects.get_or_create(username=naam)
    if not rij.waarden.get("geboren"):
        raise ValidationError("Vul de geboortedatum in.")  # after the write: it must be undone
    return "gemeld" if created else "bestond_al"


CSV = b"naam;geboren;actie\nanna;2010-01-01;\nbram;;\ncor;2012-03-03;weiger\ndaan;2013-04-04;\n"


def test_each_row_on_its_own_errors_with_line_numbers_and_a_second_upload_changes_nothing(db: Any) -> None:
    users = get_user_model().objects
    before = users.count()
    first = importer.uitvoeren(importer.lees_csv(CSV, kolommen=KOLOMMEN, verplicht=("naam",)), _register)
    assert first.regels == [importer.Verwerkt(2, "gemeld"), importer.Verwerkt(5, "gemeld")]
    assert first.fouten == [
        importer.Fout(3, "Vul de geboortedatum in."),
        importer.Fout(4, "Dit mag u niet veranderen."),
    ]
    assert set(users.values_list("username", flat=True)[before:]) >= {"anna", "daan"}
    assert not users.filter(username="bram").exists()  # the bad row's write was rolled back
    assert users.count() == before + 2

    again = importer.uitvoeren(
        importer.lees_csv(CSV, kolommen=KOLOMMEN, verplicht=("naam",)), _register, geweigerd="Niet van u."
    )
    assert (again.aantal("gemeld"), again.aantal("bestond_al")) == (0, 2)
    assert again.fouten[-1] == importer.Fout(4, "Niet van u.")
    assert users.count() == before + 2


def test_a_bug_in_a_row_is_not_hidden_as_a_row_error(db: Any) -> None:
    def broken(rij: importer.Rij) -> str:
        raise KeyError("kolom")

    with pytest.raises(KeyError):
        importer.uitvoeren([importer.Rij(2, {})], broken)


@pytest.mark.django_db
@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.booleans(), st.booleans()), max_size=12))
def test_every_row_is_either_applied_or_reported(rows: list[tuple[bool, bool]]) -> None:
    """Whatever the mix, each line ends up exactly once: as its outcome or as its error."""

    def verwerk(rij: importer.Rij) -> importer.Verwerkt:
        if not rij.waarden["goed"]:
            raise ValidationError("fout")
        return importer.Verwerkt(rij.regel, "ok", str(rij.regel))

    source: list[importer.Rij | importer.Fout] = [
        importer.Rij(i + 2, {"goed": goed}) if leesbaar else importer.Fout(i + 2, "onleesbaar")
        for i, (leesbaar, goed) in enumerate(rows)
    ]
    result = importer.uitvoeren(source, verwerk)
    assert sorted([r.regel for r in result.regels] + [f.regel for f in result.fouten]) == [
        i + 2 for i in range(len(rows))
    ]
    assert {r.regel for r in result.regels} == {i + 2 for i, (leesbaar, goed) in enumerate(rows) if leesbaar and goed}


def test_a_value_longer_than_its_column_allows_is_a_row_error() -> None:
    """A column stored in a field of N characters refuses more on its line (the field's own
    limit, not only the importer's 1000): never a database error."""
    data = b"naam;geboren\n" + b"x" * 121 + b";2010-01-01\n" + b"y" * 120 + b";2011-01-01\n"
    rows = _rows(data, lengtes={"naam": 120})
    assert rows[0] == importer.Fout(2, "De waarde in kolom naam is te lang: maximaal 120 tekens.")
    assert rows[1] == importer.Rij(3, {"naam": "y" * 120, "geboren": "2011-01-01"})
