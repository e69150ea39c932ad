"""Fuzzing the exchange door at its three depths: the encrypted file, the ZIP inside it, and the records
inside a correctly signed package (a broken or hostile sender program). Each is refused with a
PackageError that says why, or read as it is; nothing else is raised, and a refused file leaves the
upper level's database as it was."""

import io
import itertools
import json
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pyrage
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.exchange.keys import Signer
from desktop.exchange.package import PackageError, build
from tests.exchange.conftest import PASS, YEAR, area  # noqa: F401 - the fixture
from tests.exchange.test_refused import held, manifest_of, members_of
from tests.fuzz.mutate import examples, json_values, mutated, replace_at

_sequences = itertools.count(100)  # each signed fuzz package is a later sending than the last


def receive(area, data: bytes, merge: bool = False) -> None:  # noqa: F811
    before = held(area.upper)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "goi.age"
        path.write_bytes(data)
        try:
            check = area.upper.receiving.check(path, PASS)
        except PackageError as e:
            assert str(e)
            assert held(area.upper) == before
            return
        if merge:
            area.upper.receiving.merge(check)


@settings(max_examples=examples(60), deadline=None)
@given(data=st.data())
def test_damaged_encrypted_files(area, data):  # noqa: F811
    package = _package(area)
    receive(area, data.draw(mutated(package)))


@settings(max_examples=examples(80), deadline=None)
@given(data=st.data())
def test_damaged_zip_inside_a_good_encryption(area, data):  # noqa: F811
    recipient = pyrage.x25519.Recipient.from_str(area.upper.keys.public().age_recipient)
    inner = pyrage.decrypt(_package(area), [_unlocked(area).identity])
    receive(area, pyrage.encrypt(data.draw(mutated(inner)), [recipient]))


MEMBERS = ["records/citizens.json", "records/enrolments.json", "summary.json"]


@settings(max_examples=examples(120), deadline=None)
@given(st.sampled_from(MEMBERS), st.lists(st.integers(0, 200), max_size=5), json_values)
def test_signed_packages_with_wrong_records(area, member, path, value):  # noqa: F811
    """A sender's program gone wrong: the signature is good, the records inside are not."""
    members = members_of(area)
    members[member] = json.dumps(replace_at(json.loads(members[member]), path, value)).encode()
    data = build(manifest_of(area, next(_sequences)), members, _unlocked(area).signer,
                 area.upper.keys.public().age_recipient)
    receive(area, data, merge=True)


@dataclass
class Unlocked:
    """Keys unlocked once: each unlocking is a deliberate second of scrypt."""
    package: bytes   # one real package of commune A
    signer: Signer   # commune A's signing key
    identity: pyrage.x25519.Identity  # the upper level's decryption key


_unlocked_for: dict[int, Unlocked] = {}


def _unlocked(area) -> Unlocked:  # noqa: F811
    if id(area) not in _unlocked_for:
        _unlocked_for[id(area)] = Unlocked(area.a.sending.export(YEAR, PASS)[1], area.a.keys.store.signer(PASS),
                                           area.upper.keys.store.identity(PASS))
    return _unlocked_for[id(area)]


def _package(area) -> bytes:  # noqa: F811
    return _unlocked(area).package


def test_the_unharmed_package_is_read(area):  # noqa: F811
    with zipfile.ZipFile(io.BytesIO(pyrage.decrypt(_package(area), [_unlocked(area).identity]))) as z:
        assert "manifest.json" in z.namelist()
