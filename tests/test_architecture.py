"""The architecture's rules hold: import-linter's contracts, and docs/architecture.md's
module table names every module of the tree (and nothing that is not there)."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).parent.parent
PACKAGE = ROOT / "src" / "lecteur"
REQUIRED_CONTRACTS = {
    "core is headless: no textual, rich, ui or cli",
    "core runs in layers; net, extract, library and io never import each other",
    "only core.net opens sockets (urllib3)",
    "only core.library touches SQLite",
    "screens, dialogs and widgets never import the app",
    "widgets never import screens or dialogs",
}


def test_import_contracts_are_kept() -> None:
    lint = Path(sys.executable).with_name("lint-imports")
    done = subprocess.run([str(lint), "--config", str(ROOT / "pyproject.toml")], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert f"Contracts: {len(_contracts())} kept, 0 broken." in done.stdout


def test_the_rules_of_the_architecture_are_all_contracts() -> None:
    assert set(_contracts()) >= REQUIRED_CONTRACTS


def test_the_module_table_is_the_tree() -> None:
    doc = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    table = doc.split("## Modules", 1)[1]
    listed = re.findall(r"^\| `([\w/]+\.py)` \|", table, flags=re.MULTILINE)
    assert len(listed) == len(set(listed)), "a module is listed twice"
    assert set(listed) == _modules_with_code()


def _contracts() -> list[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return [c["name"] for c in config["tool"]["importlinter"]["contracts"]]


def _modules_with_code() -> set[str]:
    """Every module of the package, less the ``__init__.py`` that hold only a docstring."""
    found = set()
    for path in PACKAGE.rglob("*.py"):
        body = ast.parse(path.read_text(encoding="utf-8")).body
        if path.name == "__init__.py" and all(isinstance(node, ast.Expr) for node in body):
            continue
        found.add(path.relative_to(PACKAGE).as_posix())
    return found
