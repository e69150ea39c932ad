"""The QR codes the program draws are read back by a real decoder (zxing-cpp), from the module matrix
and from pages rendered by poppler at a printer's and a screen's resolution."""

import shutil
import subprocess

import pytest
import zxingcpp
from PIL import Image, ImageOps

from desktop.print.qr import QUIET_ZONE, modules

PAYLOADS = ["7d0f6d4e-95c1-4c58-9a8e-0f1c2b3a4d5e",
            "CDHT1|23059|2026|CDHT-23059-2026-00017|Nguyễn Thị Hường|1985|49/QĐ-HKH|" + "A" * 90]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_modules_read_back_as_the_payload(payload):
    code = modules(payload)
    pixels = bytes(memoryview(zxingcpp.create_barcode(payload, zxingcpp.BarcodeFormat.QRCode, ec_level="M")
                              .to_image(scale=1, add_quiet_zones=False)))
    assert [code.dark(x, y) for y in range(code.size) for x in range(code.size)] == [p == 0 for p in pixels]
    picture = Image.new("L", (code.size, code.size), 255)
    picture.putdata([0 if code.dark(x, y) else 255 for y in range(code.size) for x in range(code.size)])
    picture = ImageOps.expand(picture.resize((code.size * 4, code.size * 4), Image.NEAREST), QUIET_ZONE * 4, 255)
    [found] = zxingcpp.read_barcodes(picture)
    assert found.format == zxingcpp.BarcodeFormat.QRCode and found.text == payload


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils (scripts/setup.sh) renders the page")
@pytest.mark.parametrize("dpi", [96, 200, 600])
def test_a_printed_page_scans(tmp_path, dpi):
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas

    from desktop.print.qr import draw_qr

    pdf = tmp_path / "qr.pdf"
    c = Canvas(str(pdf), pagesize=A4)
    draw_qr(c, PAYLOADS[1], 24 * mm, 26 * mm, 26 * mm)  # where and how big the certificate draws it
    draw_qr(c, PAYLOADS[0], 150 * mm, 200 * mm, 22 * mm)  # and the self-assessment sheet
    c.save()
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", "-singlefile", str(pdf), str(tmp_path / "page")], check=True)
    found = {b.text for b in zxingcpp.read_barcodes(Image.open(tmp_path / "page.png"))}
    assert found == set(PAYLOADS)
