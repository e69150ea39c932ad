"""The installer files agree with the program: version, names, icon (the Windows build itself cannot run
here; CI builds and checks the Linux bundle)."""

import re
from pathlib import Path

from desktop import __version__

ROOT = Path(__file__).resolve().parents[2]


def test_inno_setup_script_matches_the_bundle():
    iss = (ROOT / "installer" / "so-cdht.iss").read_text(encoding="utf-8-sig")
    assert re.search(r'#define AppVersion "([^"]+)"', iss).group(1) == __version__
    assert r'Source: "..\dist\so-cdht\*"' in iss  # the folder the spec's COLLECT makes
    assert (ROOT / "resources" / "icons" / "so-cdht.ico").is_file() and r"..\resources\icons\so-cdht.ico" in iss
    spec = (ROOT / "installer" / "so-cdht.spec").read_text(encoding="utf-8")
    for exe in re.findall(r'#define (?:AppExe|CliExe) "([^"]+)\.exe"', iss):
        assert f'name="{exe}"' in spec
    assert 'COLLECT(*executables, a.binaries, a.datas, name="so-cdht"' in spec


def test_uninstall_keeps_the_data():
    iss = (ROOT / "installer" / "so-cdht.iss").read_text(encoding="utf-8-sig")
    assert "[UninstallDelete]" not in iss and "LOCALAPPDATA" in iss
