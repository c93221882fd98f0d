"""Writing an export's JSON: orjson's encoder, indented for people who open the file (the standard
library's encoder falls back to pure Python whenever it indents, which took most of a large export).

A top-level value that is an iterator is written entry by entry as a list, so a city's export never
sits in memory whole: only the entry being written does.
"""

from collections.abc import Iterator
from pathlib import Path

import orjson


def write_json(document: dict, out: Path) -> None:
    with out.open("wb") as stream:
        stream.write(b"{")
        for number, (key, value) in enumerate(document.items()):
            stream.write((b",\n  " if number else b"\n  ") + orjson.dumps(key) + b": ")
            if not isinstance(value, Iterator):
                stream.write(_indented(value, 2))
                continue
            stream.write(b"[")
            empty = True
            for entry in value:
                stream.write((b"\n    " if empty else b",\n    ") + _indented(entry, 4))
                empty = False
            stream.write(b"]" if empty else b"\n  ]")
        stream.write(b"\n}\n")


def _indented(value: object, depth: int) -> bytes:
    return orjson.dumps(value, option=orjson.OPT_INDENT_2).replace(b"\n", b"\n" + b" " * depth)
