"""A smaller ICU data library for the Linux bundle.

Qt Core links ICU, whose data library (libicudata.so.NN, 31 MB) holds every locale's names, currencies, units,
time zones and collations, the dictionaries of Chinese, Japanese, Thai, Lao, Khmer and Burmese word breaking,
transliterators and some 200 legacy code pages. The program needs ICU only for what Qt asks of it in a
Vietnamese window (collation, case mapping, normalisation, break rules): this keeps the data of the root,
Vietnamese and English locales and everything that is not a locale's, and drops the rest (31 MB -> about 4 MB).

The data is taken out of the library PySide6 ships (its one symbol, icudtNN_dat), filtered with ICU's own
packaging tool (icupkg, Debian's icu-devtools) and linked back into a library of the same soname with gcc.
Windows' Qt uses the system's ICU, so there is nothing to do there.

    python installer/icu_data.py LIBICUDATA OUTDIR     # prints the path of the smaller library
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

# the locales kept, with their parents (ICU falls back vi_VN -> vi -> root)
KEPT_LOCALES = frozenset({"root", "vi", "vi_VN", "en", "en_US"})
# the legacy code pages kept: Vietnamese (windows-1258) and Western European (windows-1252) text
KEPT_CODE_PAGES = frozenset({"ibm-1258_P100-1997", "ibm-5348_P100-1997"})
# an item named for a locale: a language subtag of 2-3 letters, then script/region/variant parts (but the
# index of the locales)
_LOCALE = re.compile(r"(?!res_index$)[a-z]{2,3}(_[A-Za-z0-9]*)*")


def dropped(item: str) -> bool:
    """Whether the data item (e.g. 'icudt73l/coll/de.res') stays out of the smaller library."""
    parts = item.split("/")
    if parts[0].startswith("icudt"):
        parts = parts[1:]
    stem, _, kind = parts[-1].rpartition(".")
    if parts[0] == "translit" or kind == "dict":
        return True
    if kind == "cnv":
        return stem not in KEPT_CODE_PAGES
    return kind == "res" and _LOCALE.fullmatch(stem) is not None and stem not in KEPT_LOCALES


def _data_symbol(library: Path) -> tuple[str, int, int]:
    """The library's data symbol: its name, file offset and size."""
    symbols = subprocess.run(["nm", "-D", "-S", "--defined-only", str(library)], check=True, capture_output=True,
                             text=True).stdout
    name, address, size = next((f[3], int(f[0], 16), int(f[1], 16)) for f in map(str.split, symbols.splitlines())
                               if len(f) == 4 and re.fullmatch(r"icudt\d+_dat", f[3]))
    # the file offset of a virtual address: through the section that holds it
    sections = subprocess.run(["readelf", "-S", "-W", str(library)], check=True, capture_output=True,
                              text=True).stdout
    for line in sections.splitlines():
        fields = line.replace("[ ", "[").split()
        if len(fields) > 5 and fields[0].startswith("[") and fields[1] == ".rodata":
            start, offset = int(fields[3], 16), int(fields[4], 16)
            return name, offset + address - start, size
    raise RuntimeError(f"{library}: no .rodata section")


def smaller_library(library: Path, workdir: Path) -> Path:
    """Builds workdir/<library's name>: the same soname and symbol with the filtered data."""
    workdir.mkdir(parents=True, exist_ok=True)
    symbol, offset, size = _data_symbol(library)
    # icupkg names the items after the package file: the whole and the smaller one share the name
    (workdir / "whole").mkdir(exist_ok=True)
    package = workdir / "whole" / f"{symbol.removesuffix('_dat')}l.dat"
    with open(library, "rb") as whole:
        whole.seek(offset)
        package.write_bytes(whole.read(size))
    items = subprocess.run(["icupkg", "-l", str(package)], cwd=workdir, check=True, capture_output=True,
                           text=True).stdout.split()
    (workdir / "dropped.txt").write_text("\n".join(i for i in items if dropped(i)) + "\n")
    smaller = workdir / package.name
    subprocess.run(["icupkg", "--ignore-deps", "-r", "dropped.txt", str(package), smaller.name], cwd=workdir,
                   check=True, capture_output=True)
    # the data as the library's one read-only symbol, aligned as ICU's own build aligns it
    (workdir / "data.S").write_text(
        f'\t.section .rodata\n\t.balign 16\n\t.globl {symbol}\n\t.type {symbol}, @object\n{symbol}:\n'
        f'\t.incbin "{smaller.name}"\n\t.size {symbol}, . - {symbol}\n\t.section .note.GNU-stack,"",@progbits\n')
    out = workdir / library.name
    subprocess.run(["gcc", "-shared", "-nostdlib", f"-Wl,-soname,{library.name}", "-o", out.name, "data.S"],
                   cwd=workdir, check=True, capture_output=True)
    return out


def tools_missing() -> list[str]:
    return [tool for tool in ("icupkg", "gcc", "nm", "readelf") if shutil.which(tool) is None]


if __name__ == "__main__":
    print(smaller_library(Path(sys.argv[1]), Path(sys.argv[2])))
