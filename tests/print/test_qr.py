"""The QR codes the program draws are read back by a real decoder (zxing-cpp), from the module matrix
and from a printed certificate page."""

import shutil
import subprocess

import pytest
import zxingcpp
from PIL import Image

from desktop.print.qr import QUIET_ZONE, dark_runs

PAYLOADS = ["7d0f6d4e-95c1-4c58-9a8e-0f1c2b3a4d5e",
            "CDHT1|23059|2026|CDHT-23059-2026-00017|Nguyễn Thị Hường|1985|49/QĐ-HKH|" + "A" * 90]


def picture(payload: str, scale: int = 4) -> Image.Image:
    count, runs = dark_runs(payload)
    side = (count + 2 * QUIET_ZONE) * scale
    img = Image.new("L", (side, side), 255)
    for r, c, n in runs:
        img.paste(0, ((c + QUIET_ZONE) * scale, (r + QUIET_ZONE) * scale,
                      (c + QUIET_ZONE + n) * scale, (r + QUIET_ZONE + 1) * scale))
    return img


@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_runs_read_back_as_the_payload(payload):
    [found] = zxingcpp.read_barcodes(picture(payload))
    assert found.format == zxingcpp.BarcodeFormat.QRCode and found.text == payload


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils (scripts/setup.sh) renders the page")
def test_a_printed_page_scans(tmp_path):
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas

    from desktop.print.qr import draw_qr

    pdf = tmp_path / "qr.pdf"
    c = Canvas(str(pdf), pagesize=A4)
    draw_qr(c, PAYLOADS[1], 24 * mm, 26 * mm, 26 * mm)  # where and how big the certificate draws it
    c.save()
    subprocess.run(["pdftoppm", "-r", "200", "-png", "-singlefile", str(pdf), str(tmp_path / "page")], check=True)
    [found] = zxingcpp.read_barcodes(Image.open(tmp_path / "page.png"))
    assert found.text == PAYLOADS[1]
