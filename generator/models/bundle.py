"""一件事一次办: bundles of items from several departments, items/bundles.yml."""

from typing import Annotated

from pydantic import Field

from generator.models.base import Identifier, ItemRef, RegistryModel, ShortText, Text, field


class Bundle(RegistryModel):
    id: Identifier = field("一件事编号", "小写字母、数字和连字符，也是页面地址，如 open-a-business。")
    name: ShortText = field("一件事名称", "如“开办企业一件事”。")
    lead: ShortText = field("牵头部门", "牵头部门的编号。")
    items: list[ItemRef] = field("包含事项", "按办理顺序列出的事项编号（部门/文件名）。", min_length=2)
    stage: ShortText = field("人生阶段", "人生事件或企业阶段，如“出生”“开办企业”。")
    promised: Annotated[int, Field(ge=0, le=3650)] = field("承诺时限", "整件事的承诺办结时限（工作日）。")
    summary: Text = field("一句话说明", "这件事一次办好能办成什么。")


class BundlesFile(RegistryModel):
    bundles: list[Bundle] = field("一件事", "一件事一次办的列表。", [])
