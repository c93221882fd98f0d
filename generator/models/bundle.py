"""一件事一次办: bundles of items from several departments (items/bundles.yml), and the life-event paths that
lead through several items and bundles in order (items/paths.yml)."""

from typing import Annotated

from pydantic import Field

from generator.models.base import HttpLink, Identifier, ItemRef, Phone, RegistryModel, ShortText, Text, field
from generator.models.situations import Situation


class Channel(RegistryModel):
    url: HttpLink | None = field("网上申请地址", "一件事的网上联办入口（http/https），一张表单申请全部事项。", None)
    place: ShortText = field("联办窗口", "受理整件事的综合窗口，如“市民中心一楼一件事综合窗口”。")
    address: ShortText = field("地址", "联办窗口的详细地址。")
    hours: ShortText = field("办理时间", "联办窗口的办公时间。")
    phone: Phone = field("咨询电话", "一件事的咨询电话。")


class BundleStep(RegistryModel):
    name: ShortText = field("步骤名称", "这一步做什么，如“住院期间在线填报”。")
    items: list[ItemRef] = field("本步事项", "这一步办理的成员事项（部门/文件名）。", min_length=1)
    action: Text = field("申请人要做的事", "申请人在这一步要做什么、先做什么，如“出院前到医院窗口核对签字”。")


class Bundle(RegistryModel):
    id: Identifier = field("一件事编号", "小写字母、数字和连字符，也是页面地址，如 open-a-business。")
    name: ShortText = field("一件事名称", "如“开办企业一件事”。")
    lead: ShortText = field("牵头部门", "牵头部门的编号。")
    items: list[ItemRef] = field("包含事项", "按办理顺序列出的事项编号（部门/文件名）。", min_length=2)
    stage: ShortText = field("人生阶段", "人生事件或企业阶段，如“出生”“开办企业”。")
    promised: Annotated[int, Field(ge=0, le=3650)] = field("承诺时限", "整件事的承诺办结时限（工作日）。")
    visits: Annotated[int, Field(ge=0, le=10)] = field(
        "到现场次数", "办完整件事申请人需要到现场的次数：0 为零跑腿，1 为最多跑一次。"
    )
    summary: Text = field("一句话说明", "这件事一次办好能办成什么。")
    form: ShortText | None = field(
        "联办申请表",
        "一件事用一张表申请时填写它的名称（一表申请）：成员事项的申请表格文书不再分别填写，合并清单只列这一张。",
        None,
    )
    channel: Channel | None = field("联办渠道", "一次申请的入口：网上申请地址和综合窗口（地址、时间、电话）。", None)
    steps: list[BundleStep] = field(
        "办理顺序", "先办什么、再办什么：每一步的成员事项和申请人要做的事；每个成员事项出现在一步中。", []
    )
    keywords: list[ShortText] = field(
        "检索词", "群众说起这件事时会用的词，如“生孩子”“开公司”，最多 40 个。", [], max_length=40
    )
    situations: list[Situation] = field(
        "办理情形",
        "影响成员事项材料的问题；与成员事项中同名的办理情形是同一个问题，选项须一致。",
        [],
        max_length=12,
    )


class BundlesFile(RegistryModel):
    bundles: list[Bundle] = field("一件事", "一件事一次办的列表。", [])


class PathStep(RegistryModel):
    name: ShortText = field("步骤名称", "这一步办成什么，如“领营业执照”。")
    action: Text = field("要做的事", "这一步做什么、为什么先做它，如“食品经营许可要用营业执照，所以先办执照”。")
    items: list[ItemRef] = field("事项", "这一步可以办的事项（部门/文件名）；几个事项时，按自己的情况选一个。", [])
    bundles: list[Identifier] = field("一件事", "这一步可以一次办好的一件事（一件事编号）。", [])


class LifePath(RegistryModel):
    id: Identifier = field("路径编号", "小写字母、数字和连字符，也是页面地址，如 open-a-restaurant。")
    name: ShortText = field("路径名称", "人生事件或要办成的事，如“开饭店”“生孩子”。")
    summary: Text = field("一句话说明", "走完这条路径能办成什么。")
    stage: ShortText | None = field("主题", "显示在哪个主题页上，如“开办企业”“出生”。", None)
    keywords: list[ShortText] = field(
        "检索词", "群众说起这件事时会用的词，如“开餐馆”“生娃”，最多 40 个。", [], max_length=40
    )
    steps: list[PathStep] = field("步骤", "按顺序排列的步骤，至少两步。", min_length=2, max_length=20)


class PathsFile(RegistryModel):
    paths: list[LifePath] = field("办事路径", "人生事件的分步办事路径。", [])
