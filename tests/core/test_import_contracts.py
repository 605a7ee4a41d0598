"""The import rules hold: every contract fails on the import it exists to stop, and the tree passes.

A review once added `gezinsplan → toekomstplan` and `organisaties → gezinnen` while all eight
contracts of the time still passed. Each case below copies the package into a temporary
directory, adds one forbidden import to one module, runs `lint-imports` with the project's own
configuration there and asserts it fails, naming exactly the contracts that import breaks.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "src" / "jeugdketen"
LINT_IMPORTS = str(Path(sys.executable).parent / "lint-imports")
CONTRACTS: list[dict[str, Any]] = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"][
    "contracts"
]


def _contract(type_: str, **match: Any) -> str:
    """The name of the one contract of this type whose options equal `match`."""
    found = [c["name"] for c in CONTRACTS if c["type"] == type_ and all(c.get(k) == v for k, v in match.items())]
    assert len(found) == 1, f"expected one {type_} contract with {match}, found {found}"
    return found[0]


LAYERS = _contract("layers")
SEAL = _contract("forbidden", source_modules=["jeugdketen.verwijsindex"])
INDEX_PROTECTED = _contract("protected", protected_modules=["jeugdketen.verwijsindex"])
SHELL = _contract("protected", allowed_importers=["jeugdketen.demo", "jeugdketen.cli"])
INDEPENDENCE = _contract("independence")
KOPPELINGEN = _contract("protected", protected_modules=["jeugdketen.koppelingen"])
AGENDA = _contract("forbidden", source_modules=["jeugdketen.agenda"])
ERVARING = _contract("forbidden", forbidden_modules=["jeugdketen.ervaring"])
KOPPELINGEN_VI = _contract("forbidden", source_modules=["jeugdketen.koppelingen"])
MONITOR_UP = {LAYERS}


def lint_imports(src: Path, config: Path) -> tuple[int, str]:
    """Run lint-imports on the package under `src` (not the installed one) with `config`."""
    env = {**os.environ, "PYTHONPATH": str(src), "COLUMNS": "1000"}  # no wrapped contract names
    result = subprocess.run(  # noqa: S603 - our own venv's lint-imports, fixed arguments
        [LINT_IMPORTS, "--no-cache", "--config", str(config)],
        cwd=src,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    return result.returncode, result.stdout + result.stderr


def broken(output: str) -> set[str]:
    """The contracts the run reports broken; every contract must be reported kept or broken."""
    verdicts = {
        m.group(1): m.group(2)
        for m in re.finditer(r"^(.+) (KEPT|BROKEN)(?: \(\d+ ignored imports?\))?$", output, re.MULTILINE)
    }
    assert set(verdicts) == {c["name"] for c in CONTRACTS}, output
    return {name for name, verdict in verdicts.items() if verdict == "BROKEN"}


def copy_package(tmp_path: Path) -> Path:
    """The package's Python files (all grimp reads) under tmp_path/src, the config beside them."""
    src = tmp_path / "src"

    def not_python(_directory: str, names: list[str]) -> list[str]:
        return [n for n in names if n == "__pycache__" or ("." in n and not n.endswith(".py"))]

    shutil.copytree(PACKAGE, src / "jeugdketen", ignore=not_python)
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return src


def test_the_tree_keeps_every_contract(tmp_path: Path) -> None:
    src = copy_package(tmp_path)
    code, output = lint_imports(src, tmp_path / "pyproject.toml")
    assert code == 0, output
    assert broken(output) == set()
    assert f"Contracts: {len(CONTRACTS)} kept, 0 broken." in output


# (module that gets the import, the import, the contracts it must break)
UPWARD = [
    # The two imports the review added while every contract of the time passed.
    # crisis imports gezinsplan, so this also gives crisis a chain to toekomstplan: independence too.
    ("gezinsplan/models.py", "from jeugdketen.toekomstplan import models", {LAYERS, INDEPENDENCE}),
    ("organisaties/models.py", "from jeugdketen.gezinnen import models", {LAYERS}),
    ("gezinnen/views.py", "from jeugdketen.toekomstplan import models", {LAYERS}),
    ("gezinnen/services.py", "from jeugdketen.gezinsplan import selectors", {LAYERS}),
    # organisaties is below the index too: the chain verwijsindex → organisaties → toekomstplan.
    ("organisaties/selectors.py", "from jeugdketen.toekomstplan import services", {LAYERS, INDEPENDENCE}),
    ("core/models.py", "from jeugdketen.organisaties import models", {LAYERS}),
    # An import inside a function counts just as much as one at the top.
    ("core/access.py", "def _late():\n    from jeugdketen.gezinsplan import selectors", {LAYERS}),
    # The index's seals.
    ("verwijsindex/services.py", "from jeugdketen.gezinnen import selectors", {SEAL}),
    ("verwijsindex/views.py", "from jeugdketen.toekomstplan import models", {SEAL, INDEPENDENCE}),
    ("gezinnen/selectors.py", "from jeugdketen.verwijsindex import models", {INDEX_PROTECTED, INDEPENDENCE}),
    ("toekomstplan/views.py", "from jeugdketen.verwijsindex import selectors", {INDEX_PROTECTED, INDEPENDENCE}),
    # Nothing imports the demo or the project shell.
    ("gezinsplan/views.py", "from jeugdketen import urls", {SHELL}),
    ("toekomstplan/services.py", "from jeugdketen import settings", {SHELL}),
    # Through the demo, which imports every app, the chain reaches upward too.
    ("verwijsindex/tasks.py", "from jeugdketen import cli", {SEAL, SHELL, INDEPENDENCE}),
    ("organisaties/views.py", "from jeugdketen.demo import generator", {SHELL, LAYERS, ERVARING}),
    # The agenda stands on organisaties and core; the family chain never calls into ervaring (it
    # plugs in through gezinsplan.uitbreidingen), which would also tie toekomstplan to it.
    ("agenda/selectors.py", "from jeugdketen.gezinnen import selectors", {AGENDA}),
    ("gezinsplan/services.py", "from jeugdketen.ervaring import services", {ERVARING, INDEPENDENCE}),
    # koppelingen imports crisis and plekvrij: crisis importing it would join the two.
    ("crisis/views.py", "from jeugdketen.koppelingen import plekvrij_crisis", {KOPPELINGEN, INDEPENDENCE}),
    # The monitor is the top layer: the chain may not import it, and it never reads the index.
    ("jeugdhulp/selectors.py", "from jeugdketen.monitor import selectors", MONITOR_UP),
    ("monitor/selectors.py", "from jeugdketen.verwijsindex import selectors", {INDEX_PROTECTED}),
    ("koppelingen/verwijsindex_monitor.py", "from jeugdketen.verwijsindex import models", {KOPPELINGEN_VI}),
]


@pytest.mark.parametrize(("module", "statement", "contracts"), UPWARD, ids=[f"{m} {s}" for m, s, _c in UPWARD])
def test_a_forbidden_import_breaks_its_contract(
    tmp_path: Path, module: str, statement: str, contracts: set[str]
) -> None:
    src = copy_package(tmp_path)
    target = src / "jeugdketen" / module
    assert target.exists(), f"{module} is gone: pick another module of that app"
    target.write_text(target.read_text() + f"\n\n{statement}  # noqa\n")

    code, output = lint_imports(src, tmp_path / "pyproject.toml")

    assert code != 0, output
    assert broken(output) == contracts, output
    importer = "jeugdketen." + module.removesuffix(".py").replace("/", ".")
    assert importer in output, output


def test_the_layers_are_in_the_stated_order() -> None:
    """The monitor on top, core at the bottom, one app per layer (not siblings of one layer); the
    BRP adapter sits just above core, so every domain app may use it and it uses none."""
    (layers,) = [c["layers"] for c in CONTRACTS if c["type"] == "layers"]
    chain = (
        "monitor",
        "toekomstplan",
        "jeugdhulp",
        "gezinsplan",
        "gezinnen",
        "personen",
        "organisaties",
        "brp",
        "core",
    )
    assert layers == [f"jeugdketen.{app}" for app in chain]


def test_every_app_is_under_a_contract() -> None:
    """A new app cannot slip outside the rules: it stands in the layers or in the independence list,
    or (an integration app such as koppelingen) is protected so that only the shell imports it."""
    placed = {m for c in CONTRACTS if c["type"] == "layers" for m in c["layers"]}
    placed |= {m for c in CONTRACTS if c["type"] == "independence" for m in c["modules"]}
    placed |= {
        m
        for c in CONTRACTS
        if c["type"] == "protected"
        and set(c["allowed_importers"]) <= {"jeugdketen.demo", "jeugdketen.cli", "jeugdketen.urls"}
        for m in c["protected_modules"]
        if m not in c["allowed_importers"]
    }
    apps = {f"jeugdketen.{p.parent.name}" for p in PACKAGE.glob("*/apps.py")} - {"jeugdketen.demo"}
    assert apps - placed == set(), "add the app to the layers or the independence contract in pyproject.toml"
