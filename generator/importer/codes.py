"""The code values of the national exchange tables (`up_task_*`), in one table, each with its source.

The exchange tables write most enumerations as codes (`task_type` 01 = 行政许可). No public text of
the national data specification (ZWFW C0109) was found, so every code here was checked against
what could be read, and only codes that two independent sources agree on are *confirmed*:

  GB39046  GB/T 39046—2020《政务服务平台基础数据规范》附录A 代码集 (the only normative source found)
  POI2     a Shandong 省级政务 Excel → `up_task` importer (label → code switch functions)
  ESUI     a 事项实施清单 editor whose form fields mirror the `up_task` columns
  SCGA     1,135 real 四川政务服务网 guide links of 广安区 carrying `taskType=`
  GDSV     a field survey of a Guangdong 政务服务网 item data set (code → text pairs checked on data)
  GXIM     a Guangxi item importer
  EPSD     a sync job from the Shandong province item library, with code comments
  MAPX     constants mapping external codes to a local dictionary
  JSMAT    web-form dictionaries of material and audience codes

A code that sources disagree on, or that only one source gives, is *unconfirmed*: importing it is a
finding naming the column and what the sources say, and the value is left out, never guessed.
Exporting writes a confirmed code where there is one and otherwise the registry's Chinese word,
which a person at the receiving platform can read and map; the import reads both back.
"""

from __future__ import annotations

from dataclasses import dataclass

# Separators seen in multi-valued code columns: `^` (POI2, EPSD) and `,` (GDSV). Which one the
# national exchange uses is not confirmed; both are read, `^` is written.
MULTI_SEPARATORS = "^,，、;；|"
MULTI_WRITE = "^"


@dataclass(frozen=True)
class CodeSet:
    column: str  # the exchange column, e.g. task_type
    label: str  # its Chinese name
    confirmed: dict[str, str]  # code → the registry's value (the Chinese word of the enumeration)
    unconfirmed: dict[str, str]  # code → what the sources say about it
    source: str
    multiple: bool = False
    width: int = 0  # codes written zero-padded to this width (task_type: 01); read with or without

    def _key(self, code: str) -> str:
        return code.zfill(self.width) if self.width and code.isdigit() else code

    def decode(self, raw: str, words: frozenset[str] = frozenset()) -> tuple[str | None, str | None]:
        """(registry value, None) or (None, the reason it cannot be read). `words`: the registry's own
        values for this field, which the import also accepts (what `encode` writes when no code is confirmed)."""
        text = raw.strip()
        if text in words:
            return text, None
        key = self._key(text)
        if key in self.confirmed:
            return self.confirmed[key], None
        if key in self.unconfirmed:
            return None, f"代码 {text} 未能确认：{self.unconfirmed[key]}"
        known = "、".join(f"{code} {value}" for code, value in self.confirmed.items())
        return None, f"代码“{text}”不是{self.label}的代码（已确认的代码：{known or '无'}）"

    def encode(self, value: str) -> str:
        for code, word in self.confirmed.items():
            if word == value:
                return code
        return value


def _flags(column: str, label: str) -> CodeSet:
    return CodeSet(column, label, {"1": "是", "0": "否"}, {}, "GB39046（“1-是,0-否”）、ESUI、GDSV")


_CODE_SETS = [
    CodeSet(
        "task_type",
        "事项类型",
        {
            "01": "行政许可",
            "02": "行政处罚",
            "03": "行政强制",
            "04": "行政征收",
            "05": "行政给付",
            "06": "行政检查",
            "07": "行政确认",
            "08": "行政奖励",
            "09": "行政裁决",
            "10": "其他行政权力",
            "20": "公共服务",
        },
        {
            "00": "GB39046 中为“行政权力事项”上级节点，不是具体事项类型",
            "11": "GB39046 留作扩展（如政府内部审批），无对应的登记册类型",
            "21": "广东数据中 21 为公共服务、20 为其他行政权力，与 GB39046 等来源的 20 公共服务冲突",
        },
        "GB39046 附录A、POI2、SCGA（不补零的 1、5、7、8、9、10、20）",
        width=2,
    ),
    CodeSet(
        "task_state",
        "事项状态",
        {},
        {"1": "只有 ESUI 一个来源（1 在用）", "2": "只有 ESUI 一个来源（2 暂停）", "3": "只有 ESUI 一个来源（3 取消）"},
        "无已确认的代码：只有 ESUI；POI2 把同一列用于审核流程状态",
    ),
    CodeSet(
        "use_level",
        "行使层级",
        {"1": "国家级", "2": "省级", "3": "市级", "4": "县级", "5": "乡镇级"},
        {"6": "GB39046 为村（社区）级，ESUI 为分级管理，二者冲突", "7": "只有 GB39046 一个来源（分级管理）"},
        "GB39046 附录A.2、ESUI、GDSV",
        multiple=True,
    ),
    CodeSet(
        "server_type",
        "服务对象",
        {"1": "自然人", "2": "企业法人", "3": "事业法人", "4": "社会组织法人"},
        {
            "5": "POI2、JSMAT 为非法人企业，GB39046 为行政机关，二者冲突",
            "6": "POI2、JSMAT 为行政机关，GB39046 为其他组织，二者冲突",
            "7": "只有 ESUI 把其他组织编为 7",
            "9": "POI2、JSMAT 为其他组织，GB39046 没有 9，来源冲突",
        },
        "GB39046 附录A.4、POI2、ESUI、JSMAT",
        multiple=True,
    ),
    CodeSet(
        "project_type",
        "办件类型",
        {"1": "即办件", "2": "承诺件"},
        {"9": "GB39046 为“其他”，登记册没有对应的办件类型", "3": "一个地方系统为“其他”，与 GB39046 的 9 冲突"},
        "GB39046 附录A.6、POI2、ESUI",
    ),
    CodeSet(
        "anticipate_type",
        "法定办结时限单位",
        {},
        {
            "1": "只有一个地方表单把 1 编为自然日；GB39046 中时限单位是文字",
            "2": "只有一个地方表单把 2 编为工作日；GB39046 中时限单位是文字",
        },
        "无已确认的代码：GB39046 中为文字（工作日、自然日）",
    ),
    CodeSet(
        "promise_type",
        "承诺办结时限单位",
        {},
        {
            "1": "只有一个地方表单把 1 编为自然日；GB39046 中时限单位是文字",
            "2": "只有一个地方表单把 2 编为工作日；GB39046 中时限单位是文字",
        },
        "无已确认的代码：GB39046 中为文字（工作日、自然日）",
    ),
    # The registry's five depths are the project's own scale, not a code set of any source: only
    # the three whose words match a confirmed code are mapped (the deepest listed code wins).
    CodeSet(
        "online_handle_depth",
        "网上办理深度",
        {"1": "网上咨询", "3": "网上预审", "4": "网上受理"},
        {
            "2": "互联网收件（EPSD、MAPX）在登记册的网办深度中没有对应",
            "5": "互联网办理只有 EPSD 一个来源",
            "6": "办理结果信息反馈（EPSD、MAPX）在登记册的网办深度中没有对应",
            "7": "电子证照反馈只有 EPSD 一个来源",
            "8": "EPSD 为“其他”，MAPX 为 9，二者冲突",
            "9": "MAPX 为“其他”，EPSD 为 8，二者冲突",
        },
        "EPSD、MAPX（两者可能同出山东厂商，均非规范性文件）",
        multiple=True,
    ),
    CodeSet(
        "handle_area",
        "通办范围",
        {"1": "全国通办"},
        {code: "MAPX 与 ESUI 的 2—6 含义冲突（跨省/全省、跨市/全市……）" for code in ("2", "3", "4", "5", "6")},
        "MAPX、ESUI（只有 1 全国一致）",
    ),
    CodeSet(
        "result_type",
        "审批结果类型",
        {},
        {
            "1": "ESUI 为证照，GDSV 用 10",
            "2": "ESUI 为批文，GDSV 用 20",
            "3": "ESUI 为其他，GDSV 用 30",
            "4": "只有 ESUI（无）",
            "10": "GDSV 为证照，ESUI 用 1",
            "20": "GDSV 为批文，ESUI 用 2",
            "30": "GDSV 为其他，ESUI 用 3",
        },
        "无已确认的代码：ESUI 的 1—4 与 GDSV 的 10/20/30 冲突",
    ),
    CodeSet(
        "is_need",
        "材料必要性",
        {"1": "必要", "2": "非必要", "3": "容缺后补"},
        {},
        "GDSV（与广东实际数据核对）、JSMAT",
    ),
    CodeSet(
        "material_type",
        "材料类型",
        {},
        {
            "1": "GDSV、JSMAT 为证件证书证明，GXIM、ESUI 为原件：这一列表示什么本身有冲突",
            "2": "GDSV、JSMAT 为申请表格文书，GXIM、ESUI 为复印件",
            "3": "GDSV、JSMAT 为其他，GXIM、ESUI 为原件和复印件",
            "4": "只有 GXIM（原件或复印件）",
        },
        "无已确认的代码：来源对这一列的含义有冲突",
    ),
    CodeSet(
        "material_format",
        "材料形式",
        {"1": "纸质", "2": "电子"},
        {"3": "GDSV 为纸质/电子化，GXIM 为纸质和电子，二者不同", "4": "只有 GXIM（纸质或电子）"},
        "GDSV、GXIM、ESUI、JSMAT",
    ),
    CodeSet(
        "source_type",
        "来源渠道",
        {"10": "申请人自备", "20": "政府部门核发", "99": "其他"},
        {"30": "只有一个来源把 30 编为中介机构出具"},
        "GDSV、GXIM 及两个独立的实现",
    ),
    _flags("is_fee", "是否收费"),
    _flags("is_online", "是否网办"),
    _flags("is_express", "是否支持物流快递"),
    _flags("is_desc", "是否允许减免"),
]

CODE_SETS: dict[str, CodeSet] = {code_set.column: code_set for code_set in _CODE_SETS}


def code_set(name: str) -> CodeSet:
    return CODE_SETS[name]
