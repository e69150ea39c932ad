"""A reportlab canvas that writes each page into the file as soon as the page is finished.

reportlab keeps every page (its dictionary and uncompressed drawing) until `save`, then joins the whole
file in memory: 85,000 self-assessment sheets took 1.2 GB. Here a finished page and its content stream are
formatted, written and dropped at once; what pages share (fonts, which know their subset only at the end,
forms, the page tree, the catalogue) is written by `save` after them, so memory does not grow with the
number of pages. Object order in a PDF is free: the cross-reference table gives each object's place.
Written against reportlab 5.x's pdfdoc (pinned in pyproject.toml); tests/print/test_streamed.py reads
the result back with pypdf and poppler."""

from __future__ import annotations

from typing import BinaryIO

from reportlab.pdfbase import pdfdoc
from reportlab.pdfgen.canvas import Canvas

from desktop import PRODUCER
from desktop.print.fonts import SERIF, register_fonts, vn


class _Output:
    """Bytes into the file, counting where each lands."""

    def __init__(self, out: BinaryIO) -> None:
        self.out, self.offset = out, 0

    def add(self, data: bytes | str) -> int:
        data = pdfdoc.pdfdocEnc(data)
        at = self.offset
        self.out.write(data)
        self.offset += len(data)
        return at


class _StreamedDocument(pdfdoc.PDFDocument):
    def start(self, out: BinaryIO) -> None:
        self._output = _Output(out)
        self._output.add(pdfdoc.PDFFile(self._pdfVersion).format(self))  # the header reportlab writes

    def addPage(self, page: pdfdoc.PDFPage) -> None:  # noqa: N802 (reportlab's name)
        super().addPage(page)
        name = page.__InternalName__
        first = self.objectcounter + 1
        self._write(name)  # registers the page's content stream (and, on the first page, the page tree)
        for number in range(first, self.objectcounter + 1):
            oid = self.numberToId[number]
            if isinstance(self.idToObject[oid], pdfdoc.PDFStream):
                self._write(oid)
        self.Pages.pages[-1] = pdfdoc.PDFObjectReference(name)

    def _write(self, oid: str) -> None:
        self.idToOffset[oid] = self._output.add(pdfdoc.PDFIndirectObject(oid, self.idToObject[oid]).format(self))
        self.idToObject[oid] = None  # the name stays registered; the object is gone

    def format(self) -> bytes:
        """What the pages share, then the cross-reference table and the trailer; returns nothing more to
        write (reportlab's SaveToFile writes what this returns)."""
        self.encrypt.prepare(self)
        catalogue, info = self.Reference(self.Catalog), self.Reference(self.info)
        number = 1
        while number in self.numberToId:  # objects may be registered while others are formatted
            oid = self.numberToId[number]
            if oid not in self.idToOffset:
                self._write(oid)
            number += 1
        ids = [self.numberToId[n] for n in range(1, number)]
        xref = pdfdoc.PDFCrossReferenceTable()
        xref.addsection(0, ids)
        at = self._output.add(xref.format(self))
        self._output.add(pdfdoc.PDFTrailer(startxref=at, Size=len(ids) + 1, Root=catalogue, Info=info,
                                           Encrypt=None, ID=self.ID()).format(self))
        return b""


class StreamedCanvas(Canvas):
    """A Canvas writing into `out` page by page; call save() at the end, as with any canvas."""

    def __init__(self, out: BinaryIO, pagesize: tuple[float, float], title: str, subject: str = "") -> None:
        register_fonts()
        super().__init__(out, pagesize=pagesize, pageCompression=1, initialFontName=SERIF)
        self._doc.__class__ = _StreamedDocument
        self._doc.start(out)
        self.setTitle(vn(title))
        self.setSubject(vn(subject or title))  # else reportlab's "unspecified"
        self.setAuthor(PRODUCER)
        self.setCreator(PRODUCER)
