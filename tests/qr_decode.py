"""Reading back the QR codes the site draws: the SVG's strokes are painted onto a bitmap and decoded
by zxing-cpp's reader, as a phone's camera would see the printed code."""

import re

import zxingcpp


def decode_svg(svg: str) -> zxingcpp.Barcode | None:
    side = int(re.search(r'viewBox="0 0 (\d+) ', svg, re.I).group(1))
    path = re.search(r' d="([^"]+)"', svg).group(1)
    pixels = bytearray(b"\xff" * side * side)
    x = y = 0.0
    for command, a, b in re.findall(r"([Mmh])(-?[\d.]+)(?: (-?[\d.]+))?", path):
        if command == "M":
            x, y = float(a), float(b)
        elif command == "m":
            x, y = x + float(a), y + float(b)
        else:
            start = int(y) * side + int(x)
            pixels[start : start + int(a)] = b"\x00" * int(a)
            x += float(a)
    return zxingcpp.read_barcode(memoryview(bytes(pixels)).cast("B", (side, side)))
