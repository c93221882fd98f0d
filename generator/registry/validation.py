"""Validating a YAML document against a model; pydantic's errors become findings at their place."""

from __future__ import annotations

import difflib
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from generator.findings import Finding, Severity
from generator.registry.labels import field_names, field_ref, key_path, model_at
from generator.registry.yamldoc import YamlDocument

M = TypeVar("M", bound=BaseModel)

_PATTERN_HINTS = {
    "id": "只能用小写字母、数字和连字符（-），以字母或数字开头，如 scjgj",
    "related": "应写成“部门编号/文件名”，如 scjgj/food-business-license",
    "items": "应写成“部门编号/文件名”，如 scjgj/food-business-license",
    "phone": "电话号码只能包含数字、空格、括号、+、- 和“转”，如 0000-12345678",
    "consult": "电话号码只能包含数字、空格、括号、+、- 和“转”，如 0000-12345678",
    "complaint": "电话号码只能包含数字、空格、括号、+、- 和“转”，如 0000-12345678",
    "complaint_phone": "电话号码只能包含数字、空格、括号、+、- 和“转”，如 0000-12345678",
    "maintainers": "应写成 GitHub 账号（@用户名）、团队（@组织/团队）或电子邮箱，如 @shifan/scjgj",
    "site_code": '网站标识码是 10 位字母或数字，写在引号里，如 site_code: "0000000001"',
}


def _shown(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 40 else text[:40] + "…"


def describe_error(model: type[BaseModel], error: dict[str, Any]) -> tuple[str, str]:
    """(code, Chinese message) for one pydantic error."""
    loc = tuple(error["loc"])
    kind = error["type"]
    ctx = error.get("ctx") or {}
    ref = field_ref(model, loc)
    value = error.get("input")
    if kind == "missing":
        return "field.missing", f"缺少必填字段 {ref}：请补上这一项"
    if kind == "extra_forbidden":
        parent = model_at(model, loc[:-1])
        name = str(loc[-1])
        close = difflib.get_close_matches(name, field_names(parent), n=1, cutoff=0.6)
        if close:
            suggestion = field_ref(model, loc[:-1] + (close[0],))
            return "field.unknown-key", f"未知字段 {name}：是不是想写 {suggestion}？请改正拼写"
        allowed = "、".join(field_names(parent))
        return "field.unknown-key", f"未知字段 {name}：这里可以写的字段有 {allowed}"
    if kind == "string_too_short" or (kind == "string_pattern_mismatch" and not str(value).strip()):
        return "field.blank", f"{ref} 不能为空：请填写内容"
    if kind == "string_too_long":
        return "field.too-long", f"{ref} 太长（超过 {ctx.get('max_length')} 个字）：请精简"
    if kind == "string_pattern_mismatch":
        hint = _PATTERN_HINTS.get(str(loc[-1]) if isinstance(loc[-1], str) else str(loc[-2]), "请检查格式")
        return "field.format", f"{ref} 的值“{_shown(value)}”格式不对：{hint}"
    if kind == "string_type":
        return "field.type", f"{ref} 应为文字，现在是 {_type_name(value)}：请直接写文字"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return "field.type", f"{ref} 应为整数，现在是“{_shown(value)}”：请写一个整数，如 5"
    if kind in ("float_type", "float_parsing"):
        return "field.type", f"{ref} 应为数字，现在是“{_shown(value)}”：请写一个数字，如 2 或 0.5"
    if kind in ("bool_type", "bool_parsing"):
        return "field.type", f"{ref} 应为 true（是）或 false（否），现在是“{_shown(value)}”"
    if kind == "enum":
        options = ctx.get("expected", "").replace("'", "").replace(" or ", ", ")
        return "field.enum", f"{ref} 的值“{_shown(value)}”不在可选范围内：请从 {options} 中选一个"
    if kind == "list_type":
        return "field.type", f"{ref} 应为列表（每一项以“- ”开头），现在是 {_type_name(value)}"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return "field.type", f"{ref} 应为映射（“字段: 值”的形式），现在是 {_type_name(value)}"
    if kind == "too_short":
        return "field.too-few", f"{ref} 至少要有 {ctx.get('min_length')} 项：请补充"
    if kind == "too_long":
        return "field.too-many", f"{ref} 最多 {ctx.get('max_length')} 项：请精简"
    if kind in ("greater_than_equal", "greater_than"):
        return "field.range", f"{ref} 的值 {_shown(value)} 太小：不能小于 {ctx.get('ge', ctx.get('gt'))}"
    if kind in ("less_than_equal", "less_than"):
        return "field.range", f"{ref} 的值 {_shown(value)} 太大：不能大于 {ctx.get('le', ctx.get('lt'))}"
    if kind.startswith(("date", "datetime")):
        return "field.type", f"{ref} 应为日期，现在是“{_shown(value)}”：请写成 2026-11-01 的形式"
    if kind == "value_error" and "http_link" in str(error.get("msg")):
        return "link.scheme", f"{ref} 的链接“{_shown(value)}”无效：链接只能以 http:// 或 https:// 开头，且不含空格"
    if kind == "value_error" and "page_mail_or_http" in str(error.get("msg")):
        return "link.scheme", (
            f"{ref} 的值“{_shown(value)}”无效：请写本站页面的地址（相对于网站根目录，以 / 结尾，如 contact/）、"
            "http:// 或 https:// 开头的网址，或 mailto: 开头的一个电子邮箱"
        )
    if kind == "value_error" and "mail_or_http" in str(error.get("msg")):
        return "link.scheme", (
            f"{ref} 的值“{_shown(value)}”无效：请写 http:// 或 https:// 开头的网址，或 mailto: 开头的一个电子邮箱，"
            "不含空格、引号和尖括号"
        )
    if kind == "value_error" and "link_or_file" in str(error.get("msg")):
        return "field.format", (
            f"{ref} 的值“{_shown(value)}”既不是链接也不是登记册中的文件：请写 https:// 开头的链接，"
            "或相对于事项文件夹的路径，如 samples/许可证样本.pdf"
        )
    return "field.invalid", f"{ref} 的值“{_shown(value)}”无效（{error.get('msg')}）"


def _type_name(value: Any) -> str:
    if isinstance(value, dict):
        return "映射"
    if isinstance(value, list):
        return "列表"
    if isinstance(value, bool):
        return "是/否"
    if isinstance(value, (int, float)):
        return "数字"
    if value is None:
        return "空值"
    return "文字"


def validate(model: type[M], doc: YamlDocument, path: str) -> tuple[M | None, list[Finding]]:
    try:
        return model.model_validate(doc.data), []
    except ValidationError as exc:
        findings = []
        for error in exc.errors(include_url=False):
            loc = tuple(error["loc"])
            code, message = describe_error(model, dict(error))
            line, column = doc.locate(loc, key=error["type"] == "extra_forbidden")
            findings.append(Finding(path, line, column, code, Severity.ERROR, key_path(loc), message))
        return None, findings


def at(doc: YamlDocument, path: str, loc: tuple, code: str, severity: Severity, message: str) -> Finding:
    """A finding placed at the value of `loc` in `doc`."""
    line, column = doc.locate(loc)
    return Finding(path, line, column, code, severity, key_path(loc), message)
