"""Reading spreadsheets into rows that remember where they came from.

A source is an .xlsx workbook, a .csv file or a folder of them. Every row keeps its place
(`workbook.xlsx!Sheet!row`, `file.csv:row`) so a finding points at the cell a person opens.
What Excel does to data is said, never silently repaired: merged cells (the value is used for
every row of the range), formulas (the saved result is used; without one the cell is empty),
dates kept as serial numbers, and codes that lost their leading zeros (see `values.py`).
"""

from __future__ import annotations

import csv
import html
import io
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from generator.findings import Finding, Severity

TABLE_SUFFIXES = (".xlsx", ".csv")
MAX_SOURCE_BYTES = 200 * 1024 * 1024
HEADER_SCAN_ROWS = 20  # title rows above the header row are common in 实施清单 workbooks


class SourceError(Exception):
    """A source that cannot be read at all: the import stops before writing anything."""

    def __init__(self, finding: Finding):
        super().__init__(finding.message)
        self.finding = finding


@dataclass(slots=True)
class Cell:
    value: Any  # str, int, float, bool, datetime.date/datetime or None
    column: int  # 1-based
    formula: str | None = None  # the formula text, when the cell holds one
    merged_from: str | None = None  # "A4:A9" when the value comes from a merged range


@dataclass(slots=True)
class Row:
    table: Table
    number: int  # the row number a spreadsheet program shows (CSV: the line the record starts on)
    values: list[Cell]  # the row's cells in column order (the table's list: a city's rows are not copied)

    def cell(self, header: str) -> Cell | None:
        """The cell under `header` (the last column of that name), or None when the row has none."""
        index = self.table.index.get(header)
        return self.values[index] if index is not None and index < len(self.values) else None

    def named(self) -> Iterator[tuple[str, Cell]]:
        """(header, cell) for every column with a header."""
        for header, index in self.table.index.items():
            if index < len(self.values):
                yield header, self.values[index]

    def place(self) -> str:
        return self.table.place(self.number)

    def finding(self, code: str, severity: Severity, message: str, header: str = "") -> Finding:
        cell = self.cell(header) if header else None
        column = cell.column if cell is not None else self.table.column_of(header)
        return Finding(self.place(), self.number, column, code, severity, header, message)


@dataclass
class Table:
    """One sheet of a workbook or one CSV file."""

    file: str  # the name shown in findings (the source's path as given)
    sheet: str | None  # None for a CSV file
    raw: list[tuple[int, list[Cell]]] = field(default_factory=list)  # (row number, cells) of non-blank rows
    headers: list[str] = field(default_factory=list)
    header_row: int = 0
    rows: list[Row] = field(default_factory=list)
    encoding: str | None = None
    index: dict[str, int] = field(default_factory=dict)  # header → its column (0-based; the last of a name)

    @property
    def name(self) -> str:
        """The table's own name: the sheet, or the file name without its suffix."""
        return self.sheet if self.sheet is not None else PurePosixPath(self.file).stem

    def place(self, row: int) -> str:
        return f"{self.file}!{self.sheet}!{row}" if self.sheet is not None else f"{self.file}:{row}"

    def column_of(self, header: str) -> int:
        return self.headers.index(header) + 1 if header in self.headers else 0

    def finding(
        self, row: int, code: str, severity: Severity, message: str, header: str = "", column: int = 0
    ) -> Finding:
        return Finding(self.place(row), row, column or self.column_of(header), code, severity, header, message)

    def use_header_row(self, number: int, cells: list[Cell]) -> None:
        """Take row `number` as the header row: every later non-blank row becomes a Row."""
        self.header_row = number
        self.headers = [normalise_header(cell.value) for cell in cells]
        self.index = {name: index for index, name in enumerate(self.headers) if name}
        columns = sorted(set(self.index.values()))
        self.rows = []
        for row_number, row_cells in self.raw:
            if row_number <= number:
                continue
            if any(i < len(row_cells) and not blank(row_cells[i].value) for i in columns):
                self.rows.append(Row(self, row_number, row_cells))


_SPACES = re.compile(r"\s+")


def normalise_header(value: Any) -> str:
    """Header text as compared with a mapping: no spaces or line breaks, no required-marks, ASCII brackets."""
    if value is None:
        return ""
    text = str(value).strip().lstrip("*＊").rstrip("*＊")
    text = _SPACES.sub("", text).replace("（", "(").replace("）", ")")
    return text


def blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


Progress = Callable[[str], None]


def read_sources(paths: list[Path], progress: Progress | None = None) -> tuple[list[Table], list[Finding]]:
    """Every table of every source, with the findings about the sources themselves (merged cells …)."""
    tables: list[Table] = []
    findings: list[Finding] = []
    files: list[Path] = []
    for path in paths:
        for file in _files(path):
            more_tables, more = read_file(file, progress)
            files.append(file)
            tables += more_tables
            findings += more
    if files and not any(table.raw for table in tables):
        what = "文件" if len(files) == 1 else f"这 {len(files)} 个文件都"
        raise SourceError(
            _file_finding(
                files[0],
                "import.source-empty",
                f"{what}没有内容（没有一个非空的单元格）：请检查是不是选错了文件，或重新导出后再导入",
            )
        )
    return tables, findings


def _files(path: Path) -> list[Path]:
    if path.is_dir():
        files = sorted(
            p for p in path.iterdir() if p.suffix.lower() in TABLE_SUFFIXES and not p.name.startswith(("~$", "."))
        )
        if not files:
            raise SourceError(
                _file_finding(
                    path, "import.source-empty", "文件夹中没有 .xlsx 或 .csv 文件：请指定实施清单所在的文件或文件夹"
                )
            )
        return files
    if not path.exists():
        raise SourceError(_file_finding(path, "import.source-missing", "找不到这个文件：请检查路径"))
    if path.suffix.lower() not in TABLE_SUFFIXES:
        hint = (
            "请在 Excel 中“另存为”.xlsx 工作簿"
            if path.suffix.lower() in (".xls", ".et", ".ods")
            else "只能导入 .xlsx 工作簿或 .csv 文件"
        )
        raise SourceError(
            _file_finding(path, "import.source-format", f"不支持 {path.suffix or '无扩展名'} 文件：{hint}")
        )
    return [path]


def _file_finding(path: Path, code: str, message: str) -> Finding:
    return Finding(path.as_posix(), 0, 0, code, Severity.ERROR, "", message)


def read_file(path: Path, progress: Progress | None = None) -> tuple[list[Table], list[Finding]]:
    try:
        size = path.stat().st_size
    except OSError as error:
        raise SourceError(_file_finding(path, "import.source-unreadable", f"无法读取（{error.strerror}）")) from error
    if size > MAX_SOURCE_BYTES:
        raise SourceError(
            _file_finding(
                path,
                "import.source-too-large",
                f"文件有 {size // 2**20} MB，超过 {MAX_SOURCE_BYTES // 2**20} MB：请按部门拆分后分别导入",
            )
        )
    if size == 0:  # a failed download or export: no workbook and no text to read
        return [Table(path.as_posix(), None)], []
    if path.suffix.lower() == ".csv":
        return read_csv(path)
    return read_xlsx(path, progress)


# CSV ------------------------------------------------------------------------------------------

ENCODINGS = (("utf-8-sig", "UTF-8（带 BOM）"), ("utf-8", "UTF-8"), ("gb18030", "GBK/GB18030"))


class EncodingProblem(ValueError):
    """Text that is in no encoding the import can tell: (line, what is wrong there)."""

    def __init__(self, line: int, problem: str):
        super().__init__(problem)
        self.line = line
        self.problem = problem


def decode(raw: bytes) -> tuple[str, str]:
    """The text and the name of the encoding it was in: UTF-8 with or without BOM, else GBK (as GB18030).

    Lines of UTF-8 Chinese followed by lines that are not UTF-8 are two files pasted together: read
    as GBK, the first part would become mojibake without a word, so that is a problem, not a guess."""
    if raw.startswith(b"\xef\xbb\xbf"):
        try:
            return raw[3:].decode("utf-8", errors="strict"), ENCODINGS[0][1]
        except UnicodeDecodeError as error:
            raise EncodingProblem(
                _line_at(raw[3:], error.start), "文件开头标明是 UTF-8 编码，从这一行起却不是"
            ) from error
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError as error:
            raise EncodingProblem(_line_at(raw, error.start), "文件开头标明是 UTF-16 编码，从这一行起却不是") from error
    try:
        return raw.decode("utf-8"), ENCODINGS[1][1]
    except UnicodeDecodeError as error:
        first_line = raw[: raw.find(b"\n") + 1 or len(raw)]
        if error.start >= len(first_line) and not first_line.isascii():
            raise EncodingProblem(
                _line_at(raw, error.start), "前面各行是 UTF-8 编码的中文，从这一行起却不是 UTF-8 编码"
            ) from error
    try:
        return raw.decode("gb18030"), ENCODINGS[2][1]
    except UnicodeDecodeError as error:
        raise EncodingProblem(_line_at(raw, error.start), "从这一行起既不是 UTF-8 也不是 GBK 编码") from error


def _line_at(raw: bytes, offset: int) -> int:
    return raw[:offset].count(b"\n") + 1


def read_csv(path: Path) -> tuple[list[Table], list[Finding]]:
    shown = path.as_posix()
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise SourceError(_file_finding(path, "import.source-unreadable", f"无法读取（{error.strerror}）")) from error
    try:
        text, encoding = decode(raw)
    except EncodingProblem as problem:
        raise SourceError(
            Finding(
                f"{shown}:{problem.line}",
                problem.line,
                0,
                "import.encoding",
                Severity.ERROR,
                "",
                f"{problem.problem}（可能是把不同编码的文件拼接在了一起）：没有导入任何内容，以免把中文读成乱码。"
                "请在 Excel 中打开后另存为“CSV UTF-8（逗号分隔）”，再导入",
            )
        ) from problem
    table = Table(shown, None, encoding=encoding)
    lines = io.StringIO(text, newline="")
    reader = csv.reader(lines, strict=True)
    start = 1
    try:
        for record in reader:
            cells = [Cell(value, index + 1) for index, value in enumerate(record)]
            if any(not blank(cell.value) for cell in cells):
                table.raw.append((start, cells))
            start = reader.line_num + 1
    except csv.Error as error:
        raise SourceError(
            Finding(
                table.place(start),
                start,
                0,
                "import.csv-quote",
                Severity.ERROR,
                "",
                f"CSV 格式错误（{_csv_problem(error)}）：从这一行开始的引号没有配对。请检查这一行的双引号，"
                '单元格里的双引号要写成两个（""）；没有导入任何内容',
            )
        ) from error
    return [table], []


def _csv_problem(error: csv.Error) -> str:
    text = str(error)
    if "unexpected end of data" in text:
        return "文件结束时引号仍未闭合"
    if "expected after" in text:
        return "引号后面应是逗号"
    return text


# xlsx -----------------------------------------------------------------------------------------

_CELL_FORMULA = re.compile(rb'<c r="([A-Z]{1,3})(\d+)"[^>]*?>\s*<f(?:\s[^>]*)?(?:/>|>(.*?)</f>)', re.S)
_SHEET = re.compile(rb'<sheet\b[^>]*?\bname="([^"]*)"[^>]*?\br:id="([^"]*)"', re.S)
_RELATION = re.compile(
    rb'<Relationship\b[^>]*?\bId="([^"]*)"[^>]*?\bTarget="([^"]*)"|<Relationship\b[^>]*?\bTarget="([^"]*)"[^>]*?\bId="([^"]*)"',
    re.S,
)


def column_number(letters: str) -> int:
    number = 0
    for char in letters:
        number = number * 26 + ord(char) - 64
    return number


def column_letters(number: int) -> str:
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _formulas(path: Path) -> dict[str, dict[tuple[int, int], str]]:
    """Formula text by sheet name and (row, column): calamine gives only the saved results."""
    found: dict[str, dict[tuple[int, int], str]] = {}
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        workbook = archive.read("xl/workbook.xml")
        relations = archive.read("xl/_rels/workbook.xml.rels") if "xl/_rels/workbook.xml.rels" in names else b""
        targets = {}
        for match in _RELATION.finditer(relations):
            rid, target = (match.group(1), match.group(2)) if match.group(1) else (match.group(4), match.group(3))
            target = target.decode()
            targets[rid.decode()] = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        for match in _SHEET.finditer(workbook):
            sheet = html.unescape(match.group(1).decode())
            member = targets.get(match.group(2).decode())
            if not member or member not in names:
                continue
            data = archive.read(member)
            if b"<f" not in data:
                continue
            found[sheet] = {
                (int(m.group(2)), column_number(m.group(1).decode())): html.unescape((m.group(3) or b"").decode())
                for m in _CELL_FORMULA.finditer(data)
            }
    return found


def read_xlsx(path: Path, progress: Progress | None = None) -> tuple[list[Table], list[Finding]]:
    from python_calamine import CalamineError, CalamineWorkbook

    shown = path.as_posix()
    try:
        workbook = CalamineWorkbook.from_path(str(path))
        formulas = _formulas(path)
    except (CalamineError, zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise SourceError(
            _file_finding(
                path,
                "import.source-unreadable",
                f"不是有效的 .xlsx 工作簿（{type(error).__name__}）：请用 Excel 打开后另存为 .xlsx",
            )
        ) from error
    tables: list[Table] = []
    findings: list[Finding] = []
    try:
        for name in workbook.sheet_names:
            if progress:
                progress(f"读取 {shown}!{name}")
            table = Table(shown, name)
            sheet = workbook.get_sheet_by_name(name)
            rows = sheet.to_python(skip_empty_area=False)
            merged = _merged_values(sheet, rows, table, findings)
            sheet_formulas = formulas.get(name, {})
            for index, values in enumerate(rows):
                number = index + 1
                cells = [Cell(_clean(value), column + 1) for column, value in enumerate(values)]
                for (_row, column), source in merged.get(number, {}).items():
                    while len(cells) < column:
                        cells.append(Cell(None, len(cells) + 1))
                    cells[column - 1] = Cell(source[0], column, merged_from=source[1])
                if sheet_formulas:
                    for cell in cells:
                        formula = sheet_formulas.get((number, cell.column))
                        if formula is not None:
                            cell.formula = formula
                if any(not blank(cell.value) or cell.formula is not None for cell in cells):
                    table.raw.append((number, cells))
            tables.append(table)
    except CalamineError as error:
        raise SourceError(
            _file_finding(path, "import.source-unreadable", f"工作簿读取失败（{error}）：请用 Excel 打开后另存为 .xlsx")
        ) from error
    finally:
        workbook.close()
    return tables, findings


def _clean(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    if value == "":
        return None
    return value


def _merged_values(
    sheet: Any, rows: list[list[Any]], table: Table, findings: list[Finding]
) -> dict[int, dict[tuple[int, int], tuple[Any, str]]]:
    """For each row, the cells a merged range covers and the value of the range (its top-left cell)."""
    fill: dict[int, dict[tuple[int, int], tuple[Any, str]]] = {}
    for (top, left), (bottom, right) in sheet.merged_cell_ranges or []:
        value = rows[top][left] if top < len(rows) and left < len(rows[top]) else None
        ref = f"{column_letters(left + 1)}{top + 1}:{column_letters(right + 1)}{bottom + 1}"
        if blank(value) or (top == bottom and left == right):
            continue
        for row in range(top, bottom + 1):
            for column in range(left, right + 1):
                fill.setdefault(row + 1, {})[(row + 1, column + 1)] = (_clean(value), ref)
        if bottom > top:
            findings.append(
                table.finding(
                    top + 1,
                    "import.merged-cells",
                    Severity.WARNING,
                    f"合并单元格 {ref}：其中的值“{_short(value)}”已用于第 {top + 1}—{bottom + 1} 行；"
                    "请核对这些行确实共用这个值，最好取消合并并在每一行填写",
                    column=left + 1,
                )
            )
    return fill


def _short(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 30 else text[:30] + "…"


def choose_header_row(table: Table, score: Callable[[list[str]], int]) -> int:
    """The row among the first ones whose cells best match the mapping's headers (0 when none does)."""
    best, best_score = 0, 0
    for number, cells in table.raw[:HEADER_SCAN_ROWS]:
        value = score([normalise_header(cell.value) for cell in cells])
        if value > best_score:
            best, best_score = number, value
    if best:
        cells = next(cells for number, cells in table.raw if number == best)
        table.use_header_row(best, cells)
    return best
