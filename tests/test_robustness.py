"""Whatever bytes a file holds, the registry check answers with findings that name a file and a line."""

import tempfile
from pathlib import Path

from conftest import FIXTURES, ITEM_TEXT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.checks import check_registry

DEPARTMENTS = (FIXTURES / "departments.yml").read_text(encoding="utf-8")
YAML_PIECES = st.sampled_from(
    [
        ":",
        "- ",
        "  ",
        "\n",
        "[",
        "]",
        "{",
        "}",
        "&a ",
        "*a",
        "!!",
        "'",
        '"',
        "#",
        "|",
        ">",
        "---",
        "name",
        "visits",
        "materials",
        "0",
        "-1",
        "1e9",
        "~",
        "null",
        "true",
        "2026-13-45",
        "<b>",
        "\t",
        "\u200b",
        "營",
        "\x00",
    ]
)


def _check(content: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "items"
        (root / "alpha").mkdir(parents=True)
        (root / "departments.yml").write_text(DEPARTMENTS, encoding="utf-8")
        (root / "alpha" / "fuzz.yml").write_bytes(content)
        _, report = check_registry(root, workers=1)
        for finding in report.findings:
            assert finding.path and finding.line >= 1 and finding.column >= 1 and finding.code and finding.message


FAST = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(st.binary(max_size=2000))
def test_random_bytes(content):
    _check(content)


@FAST
@given(st.lists(YAML_PIECES, max_size=80))
def test_random_yaml_like_text(pieces):
    _check("".join(pieces).encode("utf-8", "surrogatepass"))


@FAST
@given(st.data())
def test_mutated_valid_item(data):
    text = list(ITEM_TEXT)
    for _ in range(data.draw(st.integers(1, 8))):
        position = data.draw(st.integers(0, len(text) - 1))
        action = data.draw(st.sampled_from(["delete", "insert", "replace"]))
        piece = data.draw(YAML_PIECES)
        if action == "delete":
            del text[position]
        elif action == "insert":
            text.insert(position, piece)
        else:
            text[position] = piece
    _check("".join(text).encode("utf-8", "surrogatepass"))
