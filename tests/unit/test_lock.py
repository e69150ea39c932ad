"""requirements.lock (scripts/lock.sh) pins every package of pyproject.toml, with hashes, and the environment
the tests run in is exactly the lock's: what is tested is what the bundle ships."""

from __future__ import annotations

import re
import tomllib
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]


def locked() -> dict[str, tuple[str, str, list[str]]]:
    """name -> (version, marker, hashes)"""
    text = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    found = {}
    for block in re.split(r"\n(?=\S)", text):
        head = re.match(r"([A-Za-z0-9._-]+)==([^\s;\\]+)\s*(?:;\s*([^\\]+?))?\s*\\", block)
        if head:
            found[canonicalize_name(head[1])] = (head[2], (head[3] or "").strip(),
                                                 re.findall(r"--hash=sha256:([0-9a-f]{64})", block))
    return found


def test_every_dependency_is_locked_with_hashes():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = [*project["dependencies"], *(r for extra in ("test", "bundle") for r in
                                         project["optional-dependencies"][extra])]
    lock = locked()
    assert len(lock) > 40
    for spec in wanted:
        requirement = Requirement(spec)
        name = canonicalize_name(requirement.name)
        if name == canonicalize_name(project["name"]):
            continue  # the project's own extras
        assert name in lock, f"{requirement.name} is not in requirements.lock: bash scripts/lock.sh"
        assert requirement.specifier.contains(lock[name][0], prereleases=True), (spec, lock[name][0])
    assert all(hashes for _, _, hashes in lock.values())


def test_the_environment_is_the_lock():
    for name, (pinned, marker, _) in locked().items():
        if marker and not Marker(marker).evaluate():
            continue  # another platform's (colorama, pywin32-ctypes…)
        try:
            installed = version(name)
        except PackageNotFoundError:
            raise AssertionError(f"{name} {pinned} is locked but not installed: bash scripts/setup.sh") from None
        assert installed == pinned, f"{name}: {installed} installed, {pinned} locked (bash scripts/setup.sh)"
