"""The visible signatures of a signed PDF: each signer's appearance at their signature block
(name, office, organisation, time, "Đã ký số"), then the organisation's seal where a unit
key is configured (Decree 30 electronic documents carry both), and the check of each.

The block is found on the PDF's last pages by the signer's printed name (LibreOffice splits
Vietnamese text into runs per font subset, so names are compared by their ASCII letters).
"""

from __future__ import annotations

import io
import re
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from flask import current_app

from governance.documents import signing

FONTS = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
)
BOX_WIDTH, BOX_HEIGHT = 170.0, 52.0  # points: ~6 × 1.8 cm, between the office and the name
FALLBACK = (330.0, 110.0, 330.0 + BOX_WIDTH, 110.0 + BOX_HEIGHT)
_ASCII = re.compile(r"[^A-Za-z]")


@dataclass(frozen=True)
class Stamp:
    field: str  # "Signature-chair"
    name: str  # the person, as printed under the block
    office: str  # "TM. HỘI ĐỒNG NHÂN DÂN CHỦ TỊCH"
    organisation: str
    at: datetime  # local time of signing


def _skeleton(text: str) -> str:
    return _ASCII.sub("", text)


def locate(pdf: bytes, name: str) -> tuple[int, tuple[float, float, float, float]]:
    """(page index, box) of the room above the last printing of `name`."""
    from pypdf import PdfReader

    wanted = _skeleton(name)
    reader = PdfReader(io.BytesIO(pdf))
    for index in reversed(range(len(reader.pages))):
        hits: list[tuple[float, float, float]] = []

        def visit(text, cm, tm, _font, size, hits=hits):
            if wanted and _skeleton(text) == wanted:
                x = tm[4] * cm[0] + cm[4]
                y = tm[5] * cm[3] + cm[5]
                hits.append((x, y, size or 14.0))

        reader.pages[index].extract_text(visitor_text=visit)
        if hits:
            x, y, size = hits[-1]
            centre = x + len(name) * size * 0.24  # half the name's width, roughly
            bottom = y + size * 1.1
            return index, (
                centre - BOX_WIDTH / 2,
                bottom,
                centre + BOX_WIDTH / 2,
                bottom + BOX_HEIGHT,
            )
    return len(reader.pages) - 1, FALLBACK


FONT_SIZE = 7
_scaled: dict[str, str] = {}


def _font_path() -> str | None:
    """A font with Vietnamese glyphs, rescaled to 1000 units per em: pyHanko writes glyph
    widths in font units, which only PDF's 1000-unit glyph space reads right. The rescaled
    copy is derived data, made once per process in a temporary file."""
    configured = current_app.config.get("SIGNATURE_FONT")
    for candidate in (configured, *FONTS):
        if candidate and Path(candidate).is_file():
            return _scaled.get(candidate) or _rescale(candidate)
    return None


def _rescale(path: str) -> str:
    from fontTools.ttLib import TTFont
    from fontTools.ttLib.scaleUpem import scale_upem

    font = TTFont(path)
    if font["head"].unitsPerEm != 1000:
        scale_upem(font, 1000)
    with tempfile.NamedTemporaryFile(
        prefix="hoinghi-stamp-", suffix=".ttf", delete=False
    ) as handle:
        font.save(handle)
    _scaled[path] = handle.name
    return handle.name


def _style(seal: bool):
    from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
    from pyhanko.pdf_utils.text import TextBoxStyle
    from pyhanko.stamp import TextStampStyle

    path = _font_path()
    font = GlyphAccumulatorFactory(path, font_size=FONT_SIZE) if path else None
    box = TextBoxStyle(font=font, font_size=FONT_SIZE) if font else TextBoxStyle()
    text = (
        "%(organisation)s\nĐóng dấu số: %(time)s"
        if seal
        else "Đã ký số: %(name)s\n%(office)s\n%(organisation)s\nThời gian ký: %(time)s"
    )
    colour = (0.75, 0.0, 0.0) if seal else (0.0, 0.2, 0.6)
    return TextStampStyle(stamp_text=text, text_box_style=box, border_width=1, border_color=colour)


def sign_visible(
    pdf: bytes, key: signing.SigningKey, stamp: Stamp, reason: str, location: str, seal=False
) -> bytes:
    """One more PAdES signature, drawn at the stamp's block (incremental: earlier ones stay)."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers
    from pyhanko.sign.fields import SigFieldSpec, SigSeedSubFilter

    page, box = locate(pdf, stamp.name)
    if seal:  # the seal overlaps the left third of the signature, as a stamp on paper does
        left, bottom = box[0] - BOX_WIDTH * 0.45, box[1] - 6
        box = (left, bottom, left + BOX_WIDTH * 0.8, bottom + BOX_HEIGHT)
    meta = signers.PdfSignatureMetadata(
        field_name=stamp.field,
        md_algorithm="sha256",
        subfilter=SigSeedSubFilter.PADES,
        reason=reason,
        location=location,
        name=stamp.name if not seal else stamp.organisation,
    )
    pdf_signer = signers.PdfSigner(
        meta,
        signer=signing.pyhanko_signer(key),
        stamp_style=_style(seal),
        new_field_spec=SigFieldSpec(sig_field_name=stamp.field, on_page=page, box=box),
    )
    params = {
        "name": stamp.name,
        "office": stamp.office,
        "organisation": stamp.organisation,
        "time": stamp.at.strftime("%H:%M %d/%m/%Y"),
    }
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    out = signing.outside_event_loop(pdf_signer.sign_pdf, writer, appearance_text_params=params)
    return out.getvalue()


def sign_document_pdf(pdf: bytes, stamps: list[Stamp], unit, reason: str, location: str) -> bytes:
    """Every person's signature in order, then the organisation's seal if configured."""
    key = signing.key_for(unit.code, unit.name)
    if not stamps:  # signed before signatures were recorded per person
        return signing.sign_pdf(pdf, key, reason, location)
    for stamp in stamps:
        pdf = sign_visible(pdf, key, stamp, reason, location)
    seal = signing.seal_key_for(unit.code)
    if seal is not None and stamps:
        last = stamps[-1]
        seal_stamp = Stamp(
            field="Seal", name=last.name, office="", organisation=unit.name, at=last.at
        )
        pdf = sign_visible(pdf, seal, seal_stamp, reason, location, seal=True)
    return pdf


def widgets(pdf: bytes) -> list[dict]:
    """Each signature field of the PDF: its name, page and rectangle (for checks and tests)."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    found = []
    for index, page in enumerate(reader.pages):
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            if annot.get("/FT") == "/Sig" or annot.get("/Parent", {}).get("/FT") == "/Sig":
                rect = [float(v) for v in annot.get("/Rect", [0, 0, 0, 0])]
                found.append({"field": str(annot.get("/T", "")), "page": index, "rect": rect})
    return found
