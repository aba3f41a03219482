"""What the built wheel carries: the reader's stylesheets, found where an install looks.

In a checkout (and an editable install) `styles_dir` falls back to the repository's
``styles/``, so only a real wheel can show that pyproject's force-include ships them as
``lecteur/styles`` and that the installed package finds them there. The wheel is built once
per module with ``pip wheel --no-deps`` (hatchling, as ``pip install .`` would).
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from lecteur.ui.styles import STYLESHEETS

ROOT = Path(__file__).parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "--wheel-dir", str(out),
         str(ROOT)], capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    (built,) = out.glob("lecteur-*.whl")
    return built


def test_the_wheel_ships_every_stylesheet(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        shipped = {name.removeprefix("lecteur/styles/"): archive.read(name)
                   for name in archive.namelist() if name.startswith("lecteur/styles/")}
    assert sorted(shipped) == sorted(STYLESHEETS)
    assert sorted(path.name for path in (ROOT / "styles").glob("*.tcss")) == sorted(STYLESHEETS)
    for name in STYLESHEETS:
        assert shipped[name] == (ROOT / "styles" / name).read_bytes(), name


def test_an_installed_package_finds_its_own_stylesheets(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site-packages"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(site)
    spec = importlib.util.spec_from_file_location(
        "installed_styles", site / "lecteur" / "ui" / "styles.py")
    assert spec is not None and spec.loader is not None
    installed = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(installed)
    assert installed.styles_dir() == (site / "lecteur" / "styles").resolve()
    for path in installed.stylesheets(STYLESHEETS):
        assert path.is_relative_to(site.resolve()) and path.is_file(), path


def test_the_wheel_ships_the_export_templates(wheel: Path) -> None:
    """The default Markdown layouts are data files beside their module, read with
    importlib.resources: only a real wheel shows that they are in it."""
    folder = ROOT / "src" / "lecteur" / "core" / "io" / "export" / "templates"
    with zipfile.ZipFile(wheel) as archive:
        for template in ("article.md.j2", "playbook.md.j2"):
            name = f"lecteur/core/io/export/templates/{template}"
            assert archive.read(name) == (folder / template).read_bytes(), name


def test_the_wheel_ships_the_starter_pack_and_its_xml_reader(wheel: Path) -> None:
    """`lecteur feeds import --starter` reads lecteur/data/starter.opml from the install,
    with defusedxml, which the wheel must therefore require."""
    with zipfile.ZipFile(wheel) as archive:
        shipped = archive.read("lecteur/data/starter.opml")
        metadata = next(archive.read(name).decode() for name in archive.namelist()
                        if name.endswith(".dist-info/METADATA"))
    assert shipped == (ROOT / "src" / "lecteur" / "data" / "starter.opml").read_bytes()
    requires = [line for line in metadata.splitlines() if line.startswith("Requires-Dist:")]
    assert any("defusedxml" in line and "extra" not in line for line in requires), requires
    assert any("feedparser" in line and "extra" not in line for line in requires), requires
