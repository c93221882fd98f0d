"""Writing an export's JSON: orjson's encoder, indented for people who open the file. The standard
library's encoder falls back to pure Python whenever it indents, which took most of a large export."""

from pathlib import Path

import orjson


def write_json(data: object, out: Path) -> None:
    out.write_bytes(orjson.dumps(data, option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE))
