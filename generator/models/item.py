"""One government service item (政务服务事项) and its parts."""

from typing import Annotated

from pydantic import Field

from generator.models.base import (
    CalendarDate,
    HttpLink,
    ItemRef,
    LinkOrFile,
    Phone,
    RegistryModel,
    ShortText,
    Text,
    field,
    is_link,
)
from generator.models.department import ServiceLinks
from generator.models.enums import (
    Audience,
    CrossRegion,
    Delivery,
    Handling,
    ItemType,
    Level,
    MaterialForm,
    MaterialKind,
    MaterialSource,
    Necessity,
    OnlineDepth,
    Original,
    Payment,
    ResultType,
    Status,
    Submission,
    TimeUnit,
)
from generator.models.situations import Condition, Situation, when_field

Days = Annotated[int, Field(ge=0, le=3650)]
FractionalDays = Annotated[float, Field(ge=0, le=3650)]


class LegalBasis(RegistryModel):
    law: ShortText = field("法律法规名称", "法律、法规、规章或规范性文件的全称，如《中华人民共和国行政许可法》。")
    article: ShortText | None = field("条款", "条款号，如“第二十九条”；不确定时省略，不要编造。", None)
    text: Text | None = field("条款内容", "条款原文或摘要。", None)


class Material(RegistryModel):
    name: ShortText = field("材料名称", "申请人需要提交的材料的名称，写具体，不写“其他材料”。")
    kind: MaterialKind = field("材料类型", "证件证书证明、申请表格文书或其他。")
    form: MaterialForm = field("材料形式", "纸质、电子或纸质或电子。")
    copies: int = field("份数", "需要提交的份数。", 1, ge=1, le=99)
    original: Original = field("原件/复印件", "原件、复印件、原件和复印件、原件或复印件。")
    necessity: Necessity = field("必要性", "必要、非必要，或容缺后补（可先受理、后补交）。")
    source: MaterialSource = field("来源渠道", "申请人自备、政府部门核发或其他。")
    shared: bool = field("免提交", "窗口通过数据共享获取，申请人无需提交。", False)
    situation: Text | None = field("适用情形", "只在某种情形下才需要时填写，如“委托代理人办理的”。", None)
    notes: Text | None = field("备注", "填写说明；政府部门核发且未共享的材料须在此说明原因。", None)
    template: HttpLink | None = field("空白表格", "空白表格或样表的下载地址（http/https）。", None)
    when: Condition = when_field()


class Step(RegistryModel):
    name: ShortText = field("环节名称", "申请人经历的环节，如“申请”“受理”“领取结果”。")
    actor: ShortText | None = field("办理人员", "谁来办这个环节，如“申请人”“窗口工作人员”。", None)
    time: ShortText | None = field("环节时间", "这个环节需要的时间，如“即时”“3个工作日”。", None)
    description: Text = field("环节说明", "申请人在这个环节要做什么。")
    when: Condition = when_field()


class WorkflowStep(RegistryModel):
    name: ShortText = field("经办环节", "后台业务经办环节，如“受理”“审查”“决定”。")
    actor: ShortText = field("经办岗位", "负责这个环节的岗位。")
    time_limit: FractionalDays = field("环节时限", "这个环节的时限（天，与办理时限同单位）。")


class TimeLimit(RegistryModel):
    statutory: Days | None = field("法定时限", "法律法规规定的办理时限（天）；法律未规定时省略。", None)
    promised: Days = field("承诺时限", "向社会承诺的办理时限（天）；0 表示即办。")
    unit: TimeUnit = field("时限单位", "工作日或自然日。")
    note: Text | None = field("时限说明", "关于时限的补充说明。", None)


class SpecialProcedure(RegistryModel):
    name: ShortText = field("特别程序名称", "如听证、现场核查、专家评审、公示；其时间不计入法定时限。")
    time_limit: Days = field("特别程序时限", "特别程序需要的时间（天）。")
    unit: TimeUnit = field("时限单位", "工作日或自然日。")
    note: Text | None = field("说明", "特别程序的适用情形等。", None)


class Online(RegistryModel):
    depth: OnlineDepth = field("网办深度", "不可网办、网上咨询、网上预审、网上受理或全程网办。")
    url: HttpLink | None = field("网办地址", "网上办理入口（http/https）；可网上预审、受理或全程网办时必填。", None)


class Form(RegistryModel):
    name: ShortText = field("表单名称", "申请表、登记表等表单的名称。")
    url: HttpLink | None = field("表单地址", "表单的下载或在线填写地址（http/https）。", None)
    file: ShortText | None = field(
        "表单文件", "登记册中的表单文件，相对于本事项文件所在目录，如 forms/申请表.docx。", None
    )


class Fee(RegistryModel):
    name: ShortText = field("收费项目", "收费项目名称。")
    standard: ShortText = field("收费标准", "收费金额或标准，如“每件 100 元”。")
    basis: Text = field("收费依据", "收费的法律依据或价格文件。")
    payment: list[Payment] = field("缴费方式", "网上支付、窗口缴费、银行代收，可以多选；收费的事项须写明。", [])
    when: Condition = when_field()


class Result(RegistryModel):
    name: ShortText = field("结果名称", "办理结果的名称，如“食品经营许可证”。")
    type: ResultType = field("结果类型", "证照、批文、其他或无。")
    sample: LinkOrFile | None = field(
        "审批结果样本",
        "去掉个人信息的结果样本：下载地址（http/https），或登记册中的文件（相对于本事项文件所在目录，如 samples/许可证样本.pdf）；"
        "证照和批文须提供。",
        None,
    )

    @property
    def sample_url(self) -> str | None:
        """The sample's address when it is a link (a file of the registry is not published)."""
        return self.sample if self.sample and is_link(self.sample) else None


class Window(RegistryModel):
    place: ShortText = field("办理地点", "窗口名称，如“市民中心二楼市场监管窗口”。")
    address: ShortText = field("地址", "详细地址。")
    hours: ShortText = field("办理时间", "窗口的办公时间。")
    phone: Phone | None = field("窗口电话", "窗口咨询电话。", None)


class Contact(RegistryModel):
    consult: Phone = field("咨询电话", "办事咨询电话。")
    complaint: Phone = field("投诉电话", "投诉监督电话，须与咨询电话不同。")


class Question(RegistryModel):
    q: Text = field("问题", "群众常问的问题。")
    a: Text = field("解答", "问题的解答。")


class Item(RegistryModel):
    name: ShortText = field("事项名称", "主项名称，与基本目录一致（八统一）。")
    sub_name: ShortText | None = field(
        "子项名称", "子项或业务办理项，如“新办”“变更”“注销”；没有子项时省略（八统一）。", None
    )
    catalog_code: ShortText = field("基本编码", "基本目录中的 12 位事项编码。")
    code: ShortText = field("实施编码", "31 位：实施主体统一社会信用代码 + 行使层级数字 + 基本编码。")
    type: ItemType = field("事项类型", "行政许可、公共服务等。")
    department: ShortText = field("实施主体", "实施部门的编号，须在 departments.yml 中登记。")
    level: Level = field("行使层级", "国家级、省级、市级、县级或乡镇级。")
    audience: list[Audience] = field("服务对象", "自然人、企业法人等，至少一项。", min_length=1)
    summary: Text = field("一句话说明", "用群众听得懂的话说明这个事项是办什么的。")
    topics: list[ShortText] = field(
        "主题", "人生事件或企业主题，如“出生”“开办企业”“退休”，最多 10 个。", [], max_length=10
    )
    keywords: list[ShortText] = field(
        "检索词", "群众实际会搜的词，如“开公司”“办身份证”，最多 40 个。", [], max_length=40
    )
    related: list[ItemRef] = field("相关事项", "相关事项的编号（部门/文件名），如 scjgj/food-business-license。", [])
    legal_basis: list[LegalBasis] = field("设定依据", "适用的法律法规，至少一条（八统一）。", min_length=1)
    conditions: Text = field("受理条件", "申请人需要满足的条件。")
    situations: list[Situation] = field(
        "办理情形",
        "窗口会问的问题及选项（如是否委托他人办理、经营类型），材料、流程和收费用“适用于”(when) 引用；"
        "页面据此只给申请人看适用于自己的材料。",
        [],
        max_length=12,
    )
    materials: list[Material] = field("申请材料", "需要提交的材料（八统一）；确无材料时留空并填写无需材料的理由。")
    no_materials_reason: Text | None = field("无需材料理由", "申请材料为空时必须说明理由。", None)
    steps: list[Step] = field("办事流程", "申请人经历的环节（八统一）。", min_length=1)
    workflow: list[WorkflowStep] = field(
        "业务经办流程", "后台经办环节及时限，时限之和不超过承诺时限（八统一）。", min_length=1
    )
    time_limit: TimeLimit = field("办理时限", "法定时限和承诺时限（八统一）。")
    handling: Handling = field("办件类型", "即办件（承诺时限为 0）或承诺件。")
    special_procedures: list[SpecialProcedure] = field("特别程序", "听证、现场核查等，不计入法定时限。", [])
    visits: int = field("到现场次数", "申请人需要到现场的次数：0 为零跑腿，1 为最多跑一次。", ge=0, le=10)
    visit_reason: Text | None = field("到现场原因", "需要到现场时必须说明原因。", None)
    online: Online = field("网上办理", "网办深度和入口。")
    submission: list[Submission] = field(
        "材料提交方式",
        "网上提交、窗口提交、邮寄提交，可以多选；不填时按网办深度和到现场次数推定。",
        [],
    )
    delivery: list[Delivery] = field("结果送达", "窗口领取、邮寄送达、网上下载。", min_length=1)
    forms: list[Form] = field("表单内容", "需要填写的申请表单（八统一）；无表单时写 []。")
    fees: list[Fee] = field("收费", "收费项目；不收费时写 []。")
    result: Result = field("办理结果", "办理结果的名称和类型。")
    windows: list[Window] = field("办理地点", "办理窗口；不填时使用部门的地址和办公时间。", [])
    contact: Contact = field("咨询与投诉", "咨询电话和投诉电话。")
    links: ServiceLinks | None = field(
        "网上服务", "本事项的在线预约、办件进度查询和好差评网址；没写的用部门的（departments.yml）。", None
    )
    cross_region: CrossRegion = field("通办范围", "全国通办、跨省通办、全省通办、全市通办或本级办理。")
    commitment: bool = field("告知承诺制", "是否可以用书面承诺代替证明材料或条件。", False)
    faq: list[Question] = field("常见问题", "群众常问的问题和解答。", [])
    status: Status = field("事项状态", "在用、暂停或取消；只有“在用”的事项会发布。")
    updated: CalendarDate = field("更新日期", "最近一次更新的日期，如 2026-11-01。")

    @property
    def published(self) -> bool:
        return self.status is Status.ACTIVE
