"""QR codes as inline SVG, made at build time (no script, no network)."""

import segno


def qr_svg(url: str, title: str) -> str:
    code = segno.make(url, error="m", micro=False)
    return code.svg_inline(scale=3, border=2, title=title, svgclass="gov-qr", lineclass=None, dark="#000")
