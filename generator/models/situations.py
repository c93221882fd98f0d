"""办理情形: the questions a clerk asks at the window (是否委托他人办理？经营类型？), their options, and which
options a material, a step or a fee applies to. A guide asks the questions and shows each applicant only
what applies to their case; a page without an answer shows everything, each with its condition."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import Annotated, cast

from pydantic import BeforeValidator, StringConstraints, field_validator

from generator.models.base import RegistryModel, ShortText, field

# Names are written into page addresses (?情形=经营类型:餐饮服务): no separators, no spaces.
SituationName = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=20, pattern=r"^[^\s:：,，;；=&#?/]+$")
]


def _listed(value: object) -> object:
    """`经营类型: 餐饮服务` is read as `经营类型: [餐饮服务]`."""
    if isinstance(value, dict):
        return {key: [options] if isinstance(options, str) else options for key, options in value.items()}
    return value


Condition = Annotated[dict[SituationName, list[SituationName]], BeforeValidator(_listed)]


def when_field() -> Condition:
    return field(
        "适用于",
        "只在某些办理情形下适用时填写：情形名称: [选项…]，如 经营类型: [餐饮服务]；列出几个情形时须都符合。"
        "不填即所有情形都适用。",
        {},
    )


class SituationOption(RegistryModel):
    name: SituationName = field("选项", "简短的选项，如“餐饮服务”“委托他人办理”，也写进网址：不含空格、冒号和逗号。")
    hint: ShortText | None = field("选项说明", "帮助申请人判断属于哪一项，如“饭店、小吃店、单位食堂”。", None)


class Situation(RegistryModel):
    name: SituationName = field(
        "情形名称", "简短的名称，如“经营类型”“委托办理”；材料、流程和收费的“适用于”(when) 用它引用这个问题。"
    )
    question: ShortText = field("问题", "窗口工作人员会问的问题，如“您开的是饭店还是食品店？”。")
    options: list[SituationOption | SituationName] = field(
        "选项", "至少两个；只写文字时就是选项本身，也可以写成 {name, hint}。", min_length=2, max_length=12
    )
    multiple: bool = field("可多选", "几个选项可以同时成立时为 true（页面用复选框），如经营项目；默认单选。", False)

    @field_validator("options", mode="after")
    @classmethod
    def _as_options(cls, value: list) -> list:
        return [SituationOption(name=option) if isinstance(option, str) else option for option in value]

    @property
    def choices(self) -> list[SituationOption]:
        return cast(list[SituationOption], self.options)

    @property
    def option_names(self) -> list[str]:
        return [option.name for option in self.choices]


Answers = Mapping[str, Collection[str]]


def applies(when: Mapping[str, Sequence[str]], answers: Answers) -> bool:
    """Whether something with condition `when` applies to an applicant who answered `answers`
    (情形名称 → the options chosen). A question left unanswered hides nothing."""
    for name, options in when.items():
        chosen = answers.get(name)
        if chosen and not any(option in chosen for option in options):
            return False
    return True


__all__ = ["Answers", "Condition", "Situation", "SituationName", "SituationOption", "applies", "when_field"]
