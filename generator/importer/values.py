"""Turning one spreadsheet cell into one registry value, or into the reason it cannot be one.

Each converter takes the cell as the spreadsheet gave it (text, number, date, boolean) and
returns a `Value`: the value, or `BLANK`, or `REFUSED` with findings. Nothing is guessed: a
time limit in 日 or 天 keeps its number and leaves its unit to the person; a code Excel turned
into a number gets its leading zeros back only when the number of digits says exactly how many.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, get_args

from pydantic import StringConstraints

from generator.findings import Severity
from generator.importer.codes import CODE_SETS, MULTI_SEPARATORS
from generator.importer.sources import Cell
from generator.models.situations import SituationName, SituationOption
from generator.registry.loader import MARKUP


class ValueType(StrEnum):
    TEXT = "text"  # free text; numbers become their digits
    CODE = "code"  # a code kept as text: leading zeros matter, numbers are suspicious
    INTEGER = "integer"  # 1, "1次", "一次"
    NUMBER = "number"  # a number of days that may have a fraction: 0.5, 3
    DAYS = "days"  # "5个工作日" → 5 and, with `unit`, the unit; "即办" → 0; "无" → none
    BOOLEAN = "boolean"  # 是/否, 1/0, 有/无, √/×
    CHOICE = "choice"  # one value of the field's enumeration (through `values` and `codes`)
    CHOICES = "choices"  # several, split on 、,;^ …
    LIST = "list"  # a list of texts, split on 、,; and line breaks
    DATE = "date"  # a date cell, an Excel serial number, 2026-10-15, 2026/10/15, 2026年10月15日
    LAWS = "laws"  # 设定依据 text → [{law, article, text}]
    FEES = "fees"  # "工本费：每证 10 元；…" or 不收费 → [{name, standard}]
    CONDITION = "condition"  # 适用于: "经营类型：餐饮服务，食品销售；委托办理：委托他人办理" → {情形名称: [选项…]}
    OPTIONS = "options"  # 办理情形的选项: one a line, "选项" or "选项：说明" → [选项 | {name, hint}]
    IGNORE = "ignore"  # a column the import knowingly leaves out (derived figures, links)


class _Blank:
    def __repr__(self) -> str:
        return "BLANK"


BLANK = _Blank()
REFUSED = object()


@dataclass
class Problem:
    code: str
    severity: Severity
    message: str


@dataclass
class Value:
    value: Any
    problems: list[Problem] = field(default_factory=list)
    unit: str | None = None  # for DAYS: the unit the text named


# The export's guard: a ' before text starting with = + - @ (and one more before text that itself starts
# with quotes and then one of them, so that taking one off gives back what the registry held).
_GUARDED = re.compile(r"^'+[=+\-@\t\r]")
_FORMULA_FIRST = frozenset("=+-@")
_LOOKS_LIKE_FORMULA = re.compile(
    r"^=\s*[A-Za-z_][A-Za-z0-9_.]*\s*\(|^=\s*[A-Za-z]{1,3}\$?\d|^[=+\-@]\s*(?:cmd|DDE|HYPERLINK|IMPORTXML|WEBSERVICE)\b",
    re.I,
)
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_DIGITS = re.compile(r"^\d+$")
_EXCEL_EPOCH = datetime.date(1899, 12, 30)
_CHINESE_NUMBERS = {
    "零": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "十": 10,
}
_TRUE = {"是", "1", "true", "yes", "y", "有", "√", "✓", "支持", "需要", "收费"}
_FALSE = {"否", "0", "false", "no", "n", "无", "×", "✗", "不支持", "不需要", "不收费", "免费"}
_NONE_WORDS = {"无", "—", "-", "/", "无法定时限", "无时限", "不适用"}
_IMMEDIATE_WORDS = {"即办", "即时", "即时办结", "当场办结", "立即办结", "当场", "即来即办"}
_DAYS = re.compile(r"^(\d+)\s*(?:个)?\s*(工作日|自然日|日|天)?$")
_DATE_TEXT = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$|^(\d{4})(\d{2})(\d{2})$")
_LIST_SPLIT = re.compile(r"[、,，;；\n|]+")
_LAW = re.compile(r"《[^《》]+》(?:[（(][^（）()《》]*[）)])?")
_ARTICLE = re.compile(
    r"^\s*(第[一二三四五六七八九十百千零〇\d]+条(?:第[一二三四五六七八九十百千零〇\d]+款)?(?:第[一二三四五六七八九十百千零〇\d（）()]+项)?)"
)
# A new entry starts on a new line, or after ；/。 where a numbered or 《named》 law follows: a ； inside a
# quoted article stays in its text.
_ENTRY_SPLIT = re.compile(r"\n+\s*|(?<=[；;。”」])\s*(?=(?:\d+[.、．]|[（(]\d+[)）]|[一二三四五六七八九十]+、)?\s*《)")
_ENTRY_NUMBER = re.compile(r"^\s*(?:\d+[.、．]|[（(]\d+[)）]|[一二三四五六七八九十]+、)\s*")
_FEE_SPLIT = re.compile(r"[；;\n]+")


def as_text(value: Any) -> str:
    if type(value) is str:
        return value
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat(sep=" ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def clean_text(text: str) -> str:
    """Text as the registry keeps it: no control characters, tabs as spaces, one kind of line break."""
    if text.isprintable():  # most cells: no line break, tab or control character to deal with
        return text.strip()
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    text = _CONTROL.sub("", text)
    return "\n".join(line.rstrip() for line in text.strip().split("\n"))


def raw_text(cell: Cell, quote_prefix: bool) -> tuple[str | None, list[Problem]]:
    """The cell's text, or None when it must not be imported (a formula, markup)."""
    problems: list[Problem] = []
    if cell.formula is not None:
        if cell.value is None or (isinstance(cell.value, str) and not cell.value.strip()):
            return None, [
                Problem(
                    "import.formula",
                    Severity.ERROR,
                    f"单元格是公式 ={_short(cell.formula)}，工作簿中没有保存它的结果：这一项没有导入。"
                    "请在 Excel 中把公式换成值（复制后“选择性粘贴—值”），再导入",
                )
            ]
        problems.append(
            Problem(
                "import.formula",
                Severity.WARNING,
                f"单元格是公式 ={_short(cell.formula)}：已按它保存的结果“{_short(as_text(cell.value))}”导入，"
                "公式本身不导入。请核对，最好把公式换成值",
            )
        )
    text = clean_text(as_text(cell.value)) if cell.value is not None else ""
    # The first character decides most cells at once: the patterns below are tried only where they can match.
    if quote_prefix and text[:1] == "'" and _GUARDED.match(text):
        text = text[1:]  # the export's guard against formula injection, taken off exactly once
    if text[:1] in _FORMULA_FIRST and _LOOKS_LIKE_FORMULA.match(text):
        return None, problems + [
            Problem(
                "import.formula-text",
                Severity.ERROR,
                f"单元格的文字“{_short(text)}”看起来是一个公式：为安全起见没有导入。请改成普通文字，或删去开头的 =",
            )
        ]
    if "<" in text and (match := MARKUP.search(text)):
        return None, problems + [
            Problem(
                "import.markup",
                Severity.ERROR,
                f"单元格中含有网页标记 {_short(match.group(0))}：登记册只收纯文字，这一项没有导入。请删去标记后再导入",
            )
        ]
    return text, problems


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def read_code(cell: Cell, text: str, length: int | None, label: str) -> Value:
    value = cell.value
    if isinstance(value, bool):
        return Value(
            REFUSED,
            [Problem("import.bad-value", Severity.ERROR, f"{label}是是/否值“{text}”：这一项没有导入，请填写编码")],
        )
    if isinstance(value, float) and not value.is_integer():
        return Value(
            REFUSED,
            [
                Problem(
                    "import.code-as-number",
                    Severity.ERROR,
                    f"{label}被 Excel 存成了小数 {value}：原来的编码已无法恢复。请把这一列设为“文本”格式，重新填写后导入",
                )
            ],
        )
    if isinstance(value, (int, float)):
        digits = str(int(value))
        if len(digits) > 15:
            return Value(
                REFUSED,
                [
                    Problem(
                        "import.code-as-number",
                        Severity.ERROR,
                        f"{label} {digits} 被 Excel 存成了数字，超过 15 位的部分已经丢失：请把这一列设为“文本”格式，"
                        "按原始编码重新填写后导入",
                    )
                ],
            )
        if length and len(digits) < length:
            fixed = digits.zfill(length)
            return Value(
                fixed,
                [
                    Problem(
                        "import.leading-zeros",
                        Severity.WARNING,
                        f"{label} {digits} 只有 {len(digits)} 位：Excel 把编码存成了数字，去掉了开头的 0，"
                        f"已按 {fixed} 导入。请把源表这一列设为“文本”格式并改为 {fixed}",
                    )
                ],
            )
        return Value(digits)
    if length and _DIGITS.match(text) and len(text) < length:
        fixed = text.zfill(length)
        return Value(
            text,
            [
                Problem(
                    "import.leading-zeros",
                    Severity.WARNING,
                    f"{label}“{text}”只有 {len(text)} 位，应为 {length} 位：可能是 Excel 去掉了开头的 0，"
                    f"原编码或为 {fixed}。请核对源表，改正后重新导入",
                )
            ],
        )
    return Value(text)


def read_integer(cell: Cell, text: str, label: str) -> Value:
    value = cell.value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if float(value).is_integer():
            return Value(int(value))
        return Value(REFUSED, [Problem("import.bad-number", Severity.ERROR, f"{label}“{text}”不是整数：请填写整数")])
    stripped = re.sub(r"\s*(次|个|份|件)$", "", text)
    if _DIGITS.match(stripped):
        return Value(int(stripped))
    if stripped in _CHINESE_NUMBERS:
        return Value(_CHINESE_NUMBERS[stripped])
    return Value(
        REFUSED, [Problem("import.bad-number", Severity.ERROR, f"{label}“{_short(text)}”不是数字：请填写整数，如 1")]
    )


def read_number(cell: Cell, text: str, label: str) -> Value:
    """A number that may have a fraction (0.5 个工作日); a whole number stays an integer, as an item file writes it."""
    value = cell.value
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        try:
            value = float(text)
        except ValueError:
            return Value(
                REFUSED,
                [Problem("import.bad-number", Severity.ERROR, f"{label}“{_short(text)}”不是数字：请填写数字，如 0.5")],
            )
    if value != value or value in (float("inf"), float("-inf")):  # NaN and infinities: float() reads them
        return Value(
            REFUSED,
            [Problem("import.bad-number", Severity.ERROR, f"{label}“{_short(text)}”不是数字：请填写数字，如 0.5")],
        )
    return Value(int(value) if float(value).is_integer() else float(value))


def read_days(cell: Cell, text: str, label: str) -> Value:
    value = cell.value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if float(value).is_integer() and value >= 0:
            return Value(int(value))
        return Value(
            REFUSED, [Problem("import.bad-number", Severity.ERROR, f"{label}“{text}”不是整天数：请填写整数天数")]
        )
    compact = re.sub(r"\s+", "", text)
    if compact in _IMMEDIATE_WORDS:
        return Value(0)
    if compact in _NONE_WORDS:
        return Value(None)
    match = _DAYS.match(compact)
    if not match:
        return Value(
            REFUSED,
            [
                Problem(
                    "import.bad-days",
                    Severity.ERROR,
                    f"{label}“{_short(text)}”读不出天数：请写成“5个工作日”“20个自然日”“即办”或“无”",
                )
            ],
        )
    number, unit = int(match.group(1)), match.group(2)
    if unit in ("工作日", "自然日"):
        return Value(number, unit=unit)
    problems = []
    if unit:
        problems.append(
            Problem(
                "import.unclear-unit",
                Severity.WARNING,
                f"{label}“{text}”的单位“{unit}”不能区分工作日和自然日：已导入天数 {number}，时限单位没有填写，请补上",
            )
        )
    return Value(number, problems)


def read_boolean(text: str, label: str) -> Value:
    key = text.strip().lower()
    if key in _TRUE:
        return Value(True)
    if key in _FALSE:
        return Value(False)
    return Value(
        REFUSED,
        [
            Problem(
                "import.bad-value",
                Severity.ERROR,
                f"{label}“{_short(text)}”不是“是”或“否”：这一项没有导入。请改为“是”或“否”，"
                "或在映射的 values 中写明它表示是还是否",
            )
        ],
    )


def read_date(cell: Cell, text: str, label: str) -> Value:
    value = cell.value
    if isinstance(value, datetime.datetime):
        return Value(value.date())
    if isinstance(value, datetime.date):
        return Value(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 1 <= value < 2958466:
        date = _EXCEL_EPOCH + datetime.timedelta(days=int(value))
        return Value(
            date,
            [
                Problem(
                    "import.date-serial",
                    Severity.WARNING,
                    f"{label}是数字 {as_text(value)}（Excel 的日期序号），已按 {date.isoformat()} 导入："
                    "请把源表这一列设为“日期”格式",
                )
            ],
        )
    match = _DATE_TEXT.match(text.strip())
    if match:
        year, month, day = (int(g) for g in (match.groups()[:3] if match.group(1) else match.groups()[3:]))
        try:
            return Value(datetime.date(year, month, day))
        except ValueError:
            pass
    return Value(
        REFUSED,
        [Problem("import.bad-date", Severity.ERROR, f"{label}“{_short(text)}”不是日期：请写成 2026-10-15 的形式")],
    )


def translate(
    text: str, values: dict[str, str], codes: str | None, words: frozenset[str], label: str, column: str
) -> tuple[str | None, Problem | None]:
    """One enumerated value: the mapping's own table first, then the national code set, then the words."""
    key = text.strip()
    if key in values:
        return values[key], None
    if key in words:
        return key, None
    if codes:
        decoded, reason = CODE_SETS[codes].decode(key, words)
        if decoded is not None:
            return decoded, None
        if reason and "未能确认" in reason:
            return None, Problem(
                "import.unconfirmed-code",
                Severity.ERROR,
                f"{label}（{column}）的{reason}。没有导入这一项：请在映射的 values 中写明这个代码对应的值，或直接填写中文",
            )
    options = "、".join(sorted(words)) if words else ""
    return None, Problem(
        "import.unknown-value",
        Severity.ERROR,
        f"{label}“{_short(key)}”不在可选范围内"
        + (f"：请改为 {options} 之一" if options else "")
        + "，或在映射的 values 中写明它对应的值",
    )


def split_list(text: str, separators: str | None) -> list[str]:
    pattern = re.compile("[" + re.escape(separators) + "\n]+") if separators else _LIST_SPLIT
    return [part.strip() for part in pattern.split(text) if part.strip()]


def split_codes(text: str) -> list[str]:
    return split_list(text, MULTI_SEPARATORS)


def read_laws(text: str) -> list[dict[str, str]]:
    """`《A法》第三条：……；《B条例》` → [{law: 《A法》, article: 第三条, text: ……}, {law: 《B条例》}]."""
    laws: list[dict[str, str]] = []
    for entry in (part.strip() for part in _ENTRY_SPLIT.split(text)):
        entry = _ENTRY_NUMBER.sub("", entry).strip().rstrip("；;").strip()
        if not entry:
            continue
        match = _LAW.search(entry)
        if not match:
            name, sep, rest = entry.partition("：")
            if len(name) > 200:
                laws.append({"law": name[:60] + "…", "text": entry})
            else:
                laws.append(
                    {"law": name.strip(), "text": rest.strip()} if sep and rest.strip() else {"law": name.strip()}
                )
            continue
        law = {"law": match.group(0)}
        rest = entry[match.end() :]
        article = _ARTICLE.match(rest)
        if article:
            law["article"] = article.group(1)
            rest = rest[article.end() :]
        rest = rest.lstrip("：:，, ").strip()
        if rest:
            law["text"] = rest
        laws.append(law)
    return laws


def read_fees(text: str) -> Value:
    """The export's 收费 column: 不收费, or `name：standard` joined by ；."""
    if text.strip() in _FALSE | {"无", "不收费", "免费", "否"}:
        return Value([])
    fees: list[dict[str, str]] = []
    for entry in (part.strip() for part in _FEE_SPLIT.split(text)):
        if not entry:
            continue
        name, sep, standard = entry.partition("：")
        if not sep:
            name, sep, standard = entry.partition(":")
        if sep:
            fees.append({"name": name.strip(), "standard": standard.strip()})
        elif fees:  # a standard that itself has a ；: the export joins fees with ； too
            fees[-1]["standard"] += "；" + entry
        else:
            fees.append({"standard": entry})
    return Value(fees)


# 办理情形 in cells. A name of a question or an option (SituationName) holds no white space and none of
# : ： , ， ; ； = & # ? /, so these separate names without doubt; 、 may be part of a name and separates
# nothing. An option's hint is ShortText, which may hold line breaks: its lines after the first are
# written indented, and no option line can begin with white space.
_NAME_RULE = next(arg for arg in get_args(SituationName) if isinstance(arg, StringConstraints)).pattern
assert isinstance(_NAME_RULE, str)
_NAME = re.compile(_NAME_RULE)  # the model's own rule for a name
HINT_INDENT = "  "
_CONDITION_SPLIT = re.compile(r"[；;\n]")
_OPTION_SPLIT = re.compile(r"[，,]")
_NAME_END = re.compile(r"[：:]")
_CONDITION_FORM = (
    "请写成“情形名称：选项，选项；情形名称：选项”，如“经营类型：餐饮服务，食品销售；委托办理：委托他人办理”"
    "（名称中不能有空格、冒号、逗号、分号和 = & # ? /）；所有情形都适用时留空"
)
_OPTIONS_FORM = (
    "请一行写一个选项，写成“选项”或“选项：说明”（选项中不能有空格、冒号、逗号、分号和 = & # ? /）；"
    "说明有几行时，后面的行以两个空格开头"
)


def condition_text(when: Mapping[str, Sequence[str]]) -> str:
    """{经营类型: [餐饮服务, 食品销售], 委托办理: [委托他人办理]} → 经营类型：餐饮服务，食品销售；委托办理：委托他人办理."""
    return "；".join(f"{name}：{'，'.join(options)}" for name, options in when.items())


def options_text(options: Sequence[SituationOption]) -> str:
    """One option a line: 选项, or 选项：说明 with the hint's further lines indented."""
    lines: list[str] = []
    for option in options:
        if option.hint is None:
            lines.append(option.name)
        else:
            first, *more = option.hint.split("\n")
            lines += [f"{option.name}：{first}", *(HINT_INDENT + line for line in more)]
    return "\n".join(lines)


def _named(part: str) -> tuple[str, str | None]:
    """`name：rest` → (name, rest); (part, None) without a colon."""
    found = _NAME_END.search(part)
    return (part[: found.start()].strip(), part[found.end() :]) if found else (part.strip(), None)


def _flaw(name: str) -> str:
    """Why `name` is no name of a question or an option: empty, or the first character it cannot hold."""
    if not name:
        return "是空的"
    bad = next((char for char in name if not _NAME.match(char)), "")
    return f"中不能有{'空格' if bad.isspace() else f'“{bad}”'}" if bad else "不合规则"


def _one_line(text: str) -> str:
    return _short(text.replace("\n", "↵"))


def read_condition(text: str, label: str) -> Value:
    """适用于: 情形名称：选项，选项；… → {情形名称: [选项…]}; entries may also be one a line."""
    when: dict[str, list[str]] = {}
    for part in (piece.strip() for piece in _CONDITION_SPLIT.split(text)):
        if not part:
            continue
        name, rest = _named(part)
        options = [option.strip() for option in _OPTION_SPLIT.split(rest or "") if option.strip()]
        if rest is None:
            reason = f"“{_short(part)}”中没有“情形名称：”"
        elif not _NAME.match(name):
            reason = f"情形名称“{_short(name)}”{_flaw(name)}"
        elif not options:
            reason = f"情形“{name}”后面没有写选项"
        elif bad := next((option for option in options if not _NAME.match(option)), None):
            reason = f"选项“{_short(bad)}”{_flaw(bad)}"
        elif name in when:
            reason = f"情形“{name}”写了两次，应把它的选项写在一起"
        else:
            when[name] = options
            continue
        return Value(
            REFUSED,
            [
                Problem(
                    "import.bad-condition",
                    Severity.ERROR,
                    f"{label}“{_one_line(text)}”读不出：{reason}。这一格没有导入：已有的事项保留原来的适用于，新事项的这一条暂时对所有情形都适用。"
                    + _CONDITION_FORM,
                )
            ],
        )
    return Value(when)


def read_options(text: str, label: str) -> Value:
    """办理情形的选项: 选项 or 选项：说明, one a line (a hint's further lines indented) → [选项…], or when some
    option has a hint [{name, hint}…], as item files write them."""
    options: list[str | dict[str, str | None]] = []
    blank_lines = 0
    for line in text.split("\n"):
        if not line.strip():
            blank_lines += 1  # kept only inside a hint: between options it means nothing
            continue
        if line[0].isspace():
            last = options[-1] if options else None
            if not isinstance(last, dict):
                return _bad_options(text, label, f"“{_short(line.strip())}”一行以空格开头，上面却不是带说明的选项")
            more = line[len(HINT_INDENT) :] if line.startswith(HINT_INDENT) else line.lstrip()
            last["hint"] = f"{last['hint']}{chr(10) * (blank_lines + 1)}{more}"
        else:
            name, hint = _named(line)
            if not _NAME.match(name):
                return _bad_options(text, label, f"选项“{_short(name)}”{_flaw(name)}（一行只写一个选项）")
            options.append({"name": name, "hint": hint.strip()} if hint and hint.strip() else name)
        blank_lines = 0
    if any(isinstance(option, dict) for option in options):  # hint: None takes away a hint the file has
        options = [{"name": option, "hint": None} if isinstance(option, str) else option for option in options]
    return Value(options)


def _bad_options(text: str, label: str, reason: str) -> Value:
    return Value(
        REFUSED,
        [
            Problem(
                "import.bad-options",
                Severity.ERROR,
                f"{label}“{_one_line(text)}”读不出：{reason}。这一格没有导入：已有的事项保留原来的选项，新事项由 check 指出缺少的选项。"
                + _OPTIONS_FORM,
            )
        ],
    )
