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


def module_graph() -> dict[str, set[str]]:
    """Every desktop module and the desktop modules it imports, at its top or inside a function."""
    names = {}
    for path in modules_in(ROOT):
        parts = path.relative_to(ROOT.parent).with_suffix("").parts
        names[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    graph = {}
    for name, path in names.items():
        graph[name] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                targets = [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
            else:
                continue
            for t in targets:
                while t and t not in names:
                    t = t.rpartition(".")[0]
                if t and t != name and t != "desktop":
                    graph[name].add(t)
    return graph


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected parts of more than one module (Tarjan's algorithm, iterative)."""
    index, low, on, stack, found, counter = {}, {}, set(), [], [], 0
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on.add(root)
        while work:
            v, children = work[-1]
            w = next(children, None)
            if w is not None:
                if w not in index:
                    index[w] = low[w] = counter
                    counter += 1
                    stack.append(w)
                    on.add(w)
                    work.append((w, iter(sorted(graph[w]))))
                elif w in on:
                    low[v] = min(low[v], index[w])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[v])
            if low[v] == index[v]:
                part = []
                while True:
                    w = stack.pop()
                    on.discard(w)
                    part.append(w)
                    if w == v:
                        break
                if len(part) > 1:
                    found.append(sorted(part))
    return found


def test_no_import_circles():
    """A module never imports (even lazily) one that leads back to it: services are composed in
    services/desk.py, the benchmark's parts share bench/measure.py and bench/scratch.py."""
    assert circles(module_graph()) == []


def test_the_circle_finder_finds_one():
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_nothing_below_imports_the_composition():
    for path in modules_in(ROOT / "services"):
        if path.name != "desk.py":
            assert "desktop.services.desk" not in imported_modules(path), path
