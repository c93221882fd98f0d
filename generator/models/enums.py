"""Enumerations of the registry. Values are the Chinese words department staff write."""

from enum import StrEnum


class ItemType(StrEnum):
    LICENSING = "行政许可"
    PENALTY = "行政处罚"
    ENFORCEMENT = "行政强制"
    LEVY = "行政征收"
    BENEFIT = "行政给付"
    INSPECTION = "行政检查"
    CONFIRMATION = "行政确认"
    REWARD = "行政奖励"
    ADJUDICATION = "行政裁决"
    OTHER_POWER = "其他行政权力"
    PUBLIC_SERVICE = "公共服务"


class Level(StrEnum):
    NATIONAL = "国家级"
    PROVINCIAL = "省级"
    CITY = "市级"
    COUNTY = "县级"
    TOWNSHIP = "乡镇级"

    @property
    def digit(self) -> str:
        """The 行使层级 digit inside an 实施编码."""
        return str(list(Level).index(self) + 1)


class Audience(StrEnum):
    PERSON = "自然人"
    ENTERPRISE = "企业法人"
    INSTITUTION = "事业法人"
    SOCIAL_ORGANISATION = "社会组织法人"
    UNINCORPORATED_ENTERPRISE = "非法人企业"
    GOVERNMENT = "行政机关"
    OTHER = "其他组织"

    @property
    def is_person(self) -> bool:
        return self is Audience.PERSON


class TimeUnit(StrEnum):
    WORKING_DAYS = "工作日"
    CALENDAR_DAYS = "自然日"


class Handling(StrEnum):
    IMMEDIATE = "即办件"
    PROMISED = "承诺件"


class OnlineDepth(StrEnum):
    OFFLINE = "不可网办"
    CONSULTATION = "网上咨询"
    PRE_REVIEW = "网上预审"
    ONLINE_ACCEPTANCE = "网上受理"
    FULLY_ONLINE = "全程网办"

    @property
    def accepts_online(self) -> bool:
        """Whether the application itself can be filed online."""
        return self in (OnlineDepth.ONLINE_ACCEPTANCE, OnlineDepth.FULLY_ONLINE)


class Submission(StrEnum):
    """How the applicant hands the materials in."""

    ONLINE = "网上提交"
    WINDOW = "窗口提交"
    POST = "邮寄提交"


class Delivery(StrEnum):
    WINDOW = "窗口领取"
    POST = "邮寄送达"
    DOWNLOAD = "网上下载"


class Payment(StrEnum):
    ONLINE = "网上支付"
    WINDOW = "窗口缴费"
    BANK = "银行代收"


class ResultType(StrEnum):
    CERTIFICATE = "证照"
    APPROVAL = "批文"
    OTHER = "其他"
    NONE = "无"


class CrossRegion(StrEnum):
    NATIONWIDE = "全国通办"
    CROSS_PROVINCE = "跨省通办"
    PROVINCE_WIDE = "全省通办"
    CITY_WIDE = "全市通办"
    LOCAL = "本级办理"


class Status(StrEnum):
    ACTIVE = "在用"
    SUSPENDED = "暂停"
    CANCELLED = "取消"


class MaterialKind(StrEnum):
    CERTIFICATE = "证件证书证明"
    APPLICATION_FORM = "申请表格文书"
    OTHER = "其他"


class MaterialForm(StrEnum):
    PAPER = "纸质"
    ELECTRONIC = "电子"
    PAPER_OR_ELECTRONIC = "纸质或电子"


class Original(StrEnum):
    ORIGINAL = "原件"
    COPY = "复印件"
    BOTH = "原件和复印件"
    EITHER = "原件或复印件"


class Necessity(StrEnum):
    REQUIRED = "必要"
    OPTIONAL = "非必要"
    TOLERANCE = "容缺后补"


class MaterialSource(StrEnum):
    APPLICANT = "申请人自备"
    GOVERNMENT = "政府部门核发"
    OTHER = "其他"
