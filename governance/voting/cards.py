"""QR codes for the personal voting cards (segno: pure Python, SVG, no network)."""

from __future__ import annotations

import io

import segno
from markupsafe import Markup


def qr_svg(text: str, scale: int = 4) -> Markup:
    """An inline SVG of the QR code (medium error correction: survives a photocopy)."""
    out = io.BytesIO()
    segno.make(text, error="m").save(
        out, kind="svg", scale=scale, xmldecl=False, svgns=True, nl=False, omitsize=False
    )
    return Markup(out.getvalue().decode())  # segno's own markup, the text is encoded
