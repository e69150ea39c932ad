"""The layers of design.md: Qt only in desktop/ui and the entry point; no database in the domain."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2] / "desktop"
QT_ALLOWED = {ROOT / "ui", ROOT / "__main__.py"}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def modules_in(folder: Path):
    return sorted(folder.rglob("*.py"))


@pytest.mark.parametrize("path", modules_in(ROOT), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_qt_below_the_window(path):
    if any(path == a or a in path.parents for a in QT_ALLOWED):
        return
    assert not {m for m in imported_modules(path) if m.split(".")[0] == "PySide6"}, path


@pytest.mark.parametrize("path", modules_in(ROOT / "domain"), ids=lambda p: p.name)
def test_domain_is_plain_python(path):
    banned = {"sqlalchemy", "alembic", "PySide6", "desktop.db", "desktop.services", "desktop.ui"}
    hits = {m for m in imported_modules(path) if m in banned or m.split(".")[0] in banned
            or any(m.startswith(b + ".") for b in banned)}
    assert not hits, (path, hits)


@pytest.mark.parametrize("layer", ["db", "services"])
def test_arrows_point_down(layer):
    upward = {"db": ("desktop.services", "desktop.ui", "desktop.cli"), "services": ("desktop.ui", "desktop.cli")}
    for path in modules_in(ROOT / layer):
        bad = {m for m in imported_modules(path) if m.startswith(upward[layer])}
        assert not bad, (path, bad)
