"""QR codes as inline SVG, made at build time (no script, no network).

Encoded by zxing-cpp (C++): segno's pure-Python encoder took 3–6 ms a code, over a minute of a
20,000-item build. The encoder picks the mask by the standard's penalty rules; error correction M.
"""

import re
from html import escape

import zxingcpp

SCALE = 3  # pixels per module: about 2 cm printed, scannable from a sheet on a counter
BORDER = 2  # quiet-zone modules; the page around the code is white as well


def qr_svg(url: str, title: str) -> str:
    code = zxingcpp.create_barcode(url, zxingcpp.BarcodeFormat.QRCode, ec_level="M")
    modules = memoryview(code.to_image(scale=1, add_quiet_zones=False))  # type: ignore[arg-type]  # 0 = dark
    size = len(modules)
    width = (size + 2 * BORDER) * SCALE
    return (
        f'<svg width="{width}" height="{width}" viewBox="0 0 {size + 2 * BORDER} {size + 2 * BORDER}" '
        f'class="gov-qr" role="img" xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>'
        f'<path stroke="#000" d="{_rows(modules.tobytes(), size)}"/></svg>'
    )


_DARK_RUN = re.compile(rb"\x00+")


def _rows(modules: bytes, size: int) -> str:
    """One horizontal stroke per run of dark modules, each row at its module's middle."""
    segments = []
    for y in range(size):
        end = None  # where the row's last stroke stopped
        for run in _DARK_RUN.finditer(modules, y * size, (y + 1) * size):
            start = run.start() - y * size
            move = f"M{start + BORDER} {y + BORDER}.5" if end is None else f"m{start - end} 0"
            end = run.end() - y * size
            segments.append(f"{move}h{end - start}")
    return "".join(segments)
