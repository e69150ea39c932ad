"""The bundle's smaller ICU data library (installer/icu_data.py): what it keeps, and that Qt sorts and
upper-cases Vietnamese with it as with the whole one."""

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location("icu_data", ROOT / "installer" / "icu_data.py")
icu_data = importlib.util.module_from_spec(spec)
spec.loader.exec_module(icu_data)


@pytest.mark.parametrize("item", [
    "icudt73l/root.res", "icudt73l/vi.res", "icudt73l/vi_VN.res", "icudt73l/en.res", "icudt73l/coll/vi.res",
    "icudt73l/coll/root.res", "icudt73l/coll/ucadata.icu", "icudt73l/brkitr/word.brk", "icudt73l/brkitr/root.res",
    "icudt73l/nfkc.nrm", "icudt73l/uts46.nrm", "icudt73l/cnvalias.icu", "icudt73l/ibm-1258_P100-1997.cnv",
    "icudt73l/supplementalData.res", "icudt73l/likelySubtags.res", "icudt73l/pool.res", "icudt73l/res_index.res",
    "icudt73l/zone/vi.res", "icudt73l/curr/pool.res", "icudt73l/zoneinfo64.res", "icudt73l/metadata.res",
])
def test_the_data_qt_needs_for_vietnamese_stays(item):
    assert not icu_data.dropped(item)


@pytest.mark.parametrize("item", [
    "icudt73l/zu.res", "icudt73l/zh_Hant_TW.res", "icudt73l/yue_Hant_HK.res", "icudt73l/coll/de.res",
    "icudt73l/coll/de__PHONEBOOK.res", "icudt73l/lang/fr.res", "icudt73l/brkitr/cjdict.dict",
    "icudt73l/brkitr/thaidict.dict", "icudt73l/translit/root.res", "icudt73l/gb18030.cnv", "icudt73l/ibm-943_P15A-2003.cnv",
])
def test_other_locales_dictionaries_and_code_pages_go(item):
    assert icu_data.dropped(item)


QT_WITH_ICU = """
import functools
from PySide6.QtCore import QCollator, QCoreApplication, QLocale
app = QCoreApplication([])
vi = QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam)
words = ["Ưng", "Đức", "Dung", "Ánh", "Anh", "Ẩn", "Ơn", "Oanh", "Ô", "Uyên", "Bình"]
print(" ".join(sorted(words, key=functools.cmp_to_key(QCollator(vi).compare))))
print(vi.toUpper("đường nguyễn trãi"))
print(next(line.split()[-1] for line in open("/proc/self/maps") if "libicudata" in line))
"""


@pytest.mark.skipif(sys.platform != "linux" or bool(icu_data.tools_missing()), reason="Linux, icupkg and gcc")
def test_qt_collates_and_upper_cases_vietnamese_with_the_smaller_library(tmp_path):
    import PySide6

    whole = next((Path(PySide6.__file__).parent / "Qt" / "lib").glob("libicudata.so.*"))
    smaller = icu_data.smaller_library(whole, tmp_path)
    assert smaller.stat().st_size < whole.stat().st_size / 5
    # ahead of the RUNPATH ($ORIGIN) that would find the whole library beside libicuuc
    env = dict(os.environ, LD_LIBRARY_PATH=str(tmp_path), QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-c", QT_WITH_ICU], env=env, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    order, upper, loaded = out.stdout.splitlines()
    assert order == "Anh Ánh Ẩn Bình Dung Đức Oanh Ô Ơn Uyên Ưng"
    assert upper == "ĐƯỜNG NGUYỄN TRÃI"
    assert Path(loaded) == smaller
    assert "Could not create collator" not in out.stderr
