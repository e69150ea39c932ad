"""The office's decryption key on disk: strong enough, light enough for a 4 GB office PC, and the files
written by earlier versions (age's own passphrase format) still open."""

import json
import subprocess
import sys

import pyrage
import pytest

from desktop.exchange.keys import AGE_IDENTITY, IDENTITY, SCRYPT_N, KeyError_, KeyStore

PASSPHRASE = "mat-khau-dai-du"


def test_the_identity_is_sealed_with_the_documented_scrypt_cost(tmp_path):
    store = KeyStore(tmp_path / "khoa")
    keys = store.create(PASSPHRASE)
    doc = json.loads((tmp_path / "khoa" / IDENTITY).read_text(encoding="utf-8"))
    assert (doc["kdf"], doc["n"], doc["r"], doc["p"]) == ("scrypt", 2**18, 8, 1) and SCRYPT_N == 2**18
    assert "AGE-SECRET-KEY" not in (tmp_path / "khoa" / IDENTITY).read_text(encoding="utf-8")
    assert str(store.identity(PASSPHRASE).to_public()) == keys.age_recipient
    with pytest.raises(KeyError_, match="Mật khẩu khoá không đúng"):
        store.identity("mat-khau-sai-roi")
    doc["ciphertext"] = doc["ciphertext"][:-4] + "AAAA"
    (tmp_path / "khoa" / IDENTITY).write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(KeyError_):
        store.identity(PASSPHRASE)


def test_a_key_from_an_earlier_version_still_opens_and_is_kept_in_the_new_form(tmp_path):
    folder = tmp_path / "khoa"
    store = KeyStore(folder)
    keys = store.create(PASSPHRASE)
    identity = store.identity(PASSPHRASE)
    (folder / IDENTITY).unlink()  # as version 0.1 left it: only age's passphrase file
    (folder / AGE_IDENTITY).write_bytes(pyrage.passphrase.encrypt(
        f"# {keys.age_recipient}\n{identity}\n".encode(), PASSPHRASE, armored=True))
    with pytest.raises(KeyError_):
        store.identity("mat-khau-sai-roi")
    assert not (folder / IDENTITY).exists()  # a wrong passphrase writes nothing
    assert str(store.identity(PASSPHRASE)) == str(identity)
    assert (folder / IDENTITY).exists() and (folder / AGE_IDENTITY).exists()  # the old file is kept
    assert str(store.identity(PASSPHRASE)) == str(identity)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_unlocking_stays_under_400_mb(tmp_path):
    KeyStore(tmp_path / "khoa").create(PASSPHRASE)
    code = ("import sys; from pathlib import Path; from desktop.exchange.keys import KeyStore\n"
            f"KeyStore(Path(sys.argv[1])).identity({PASSPHRASE!r})\n"
            "print(open('/proc/self/status').read().split('VmHWM:')[1].split()[0])")
    peak_kb = int(subprocess.run([sys.executable, "-c", code, str(tmp_path / "khoa")], capture_output=True,
                                 text=True, check=True).stdout)
    assert peak_kb < 400 * 1024, peak_kb  # age's own format took a receive to 610 MB


def test_the_identity_exported_for_age_by_hand(tmp_path, capsys, monkeypatch):
    from desktop.__main__ import main

    monkeypatch.setenv("SO_CDHT_PASSPHRASE", PASSPHRASE)
    folder = str(tmp_path / "tinh")
    assert main(["--data-dir", folder, "setup", "--kind", "upper", "--province", "lam dong", "--clerk", "Trần B"]) == 0
    target = tmp_path / "identity.txt"
    assert main(["--data-dir", folder, "keys", "export-identity", str(target)]) == 0
    assert target.read_text(encoding="ascii").splitlines()[1].startswith("AGE-SECRET-KEY-1")
    assert target.stat().st_mode & 0o077 == 0  # this user only
    assert main(["--data-dir", folder, "keys", "export-identity", str(target)]) == 1  # never over a file
    assert "không ghi đè" in capsys.readouterr().err
