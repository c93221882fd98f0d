"""Project settings for the registry (registry.yml beside mkdocs.yml): what a city decides for itself,
written down with its reasons, and read the same way by `check`, the site build and `import`."""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Any

from pydantic import field_validator, model_validator

from generator.models.base import RegistryModel, ShortText, Text, field


class RuleLevel(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    OFF = "off"


class RuleSetting(RegistryModel):
    severity: RuleLevel = field("级别", "error（错误，阻止发布）、warning（警告）或 off（不检查）。")
    reason: Text = field("理由", "为什么这样调整：写给以后维护的人看。")

    @field_validator("severity", mode="before")
    @classmethod
    def _unquoted_off(cls, value: Any) -> Any:
        return RuleLevel.OFF if value is False else value  # YAML reads a bare `off` as false


class CodeFormat(StrEnum):
    NATIONAL = "national"
    PATTERN = "pattern"


class CodeSettings(RegistryModel):
    format: CodeFormat = field(
        "实施编码格式",
        "national：全国组成规则（统一社会信用代码 + 行使层级数字 + 基本编码，31 位）；"
        "pattern：本省格式，由 pattern 给出。",
        CodeFormat.NATIONAL,
    )
    pattern: ShortText | None = field(
        "编码格式",
        "format 为 pattern 时，实施编码须完整符合的正则表达式（Python 语法），如四川省地方实施编码"
        "（地方基本编码-行政区划代码-000-统一社会信用代码-数字-业务办理项）："
        "^([0-9A-Z][0-9A-Z-]*)-(\\d{12})-000-([0-9A-Z]{18})-(\\d)-(\\d{2})$",
        None,
    )
    credit_group: int | None = field(
        "信用代码分组",
        "pattern 中第几个括号分组是实施主体的统一社会信用代码（四川格式为 3）；写了就核对它与部门的信用代码一致。",
        None,
        ge=1,
        le=20,
    )
    reason: Text | None = field("理由", "不用全国组成规则的原因，如“四川省事项管理系统的本地实施编码”。", None)

    @model_validator(mode="after")
    def _pattern_given(self) -> CodeSettings:
        if self.format is CodeFormat.PATTERN:
            if not self.pattern:
                raise ValueError("format 为 pattern 时须写 pattern：实施编码的正则表达式")
            try:
                re.compile(self.pattern)
            except re.error as error:
                raise ValueError(f"pattern 不是有效的正则表达式（{error}）") from error
            if self.credit_group and self.credit_group > re.compile(self.pattern).groups:
                raise ValueError(
                    f"credit_group 为 {self.credit_group}，pattern 中却只有 {re.compile(self.pattern).groups} 个分组"
                )
            if not self.reason:
                raise ValueError("format 为 pattern 时须写 reason：为什么不用全国组成规则")
        return self


class TopicSettings(RegistryModel):
    person: list[ShortText] = field(
        "面向自然人的主题", "本地的人生事件主题，补充全国主题分类和本项目的主题表（generator/models/topics.py）。", []
    )
    business: list[ShortText] = field("面向法人的主题", "本地的企业主题，补充全国主题分类和本项目的主题表。", [])


class Settings(RegistryModel):
    rules: dict[str, RuleSetting] = field(
        "规则级别", "按规则代码调整级别或关闭，每项写明理由；代码见 python -m generator rules。", {}
    )
    codes: CodeSettings = field("实施编码", "实施编码按哪种格式检查。", CodeSettings())
    topics: TopicSettings = field(
        "主题",
        "本地增加的主题及其服务对象，供“服务对象与主题一致”规则 (topics.audience-mismatch) 使用。",
        TopicSettings(),
    )
