"""The catalogue's entries for the findings of `import`: problems of a source table (a workbook or CSV
file), placed at its sheet, row and column. They describe the source, not the registry, so no
registry.yml setting changes them."""

from __future__ import annotations

from generator.checks.base import rule
from generator.findings import Severity

_E, _W = Severity.ERROR, Severity.WARNING
_SKIPPED = "这一行或这一项没有导入，网站上就缺少它"


def _entry(code: str, severity: Severity, summary: str, protects: str, fix: str) -> None:
    rule(f"import.{code}", severity, summary, protects=protects, fix=fix, sources=("project",), adjustable=False)


# The source as a whole
_entry("source-missing", _E, "要导入的文件存在", "找不到的文件什么也导入不了", "检查命令中的路径")
_entry(
    "source-unreadable",
    _E,
    "要导入的文件能读取",
    "读不出的文件什么也导入不了",
    "检查文件权限；工作簿用 Excel 打开后另存为 .xlsx",
)
_entry("source-format", _E, "导入的是 .xlsx 或 .csv 文件", "其他格式读不出表格", "在 Excel 中另存为 .xlsx 或 CSV")
_entry(
    "source-too-large",
    _E,
    "要导入的文件大小在上限之内",
    "过大的文件多半不是实施清单，也会拖垮导入",
    "按部门拆分文件后分批导入",
)
_entry(
    "source-empty",
    _E,
    "要导入的文件或文件夹有内容",
    "空文件、没有填写的模板、没有表格的文件夹里都没有事项",
    "检查是不是选错了文件或文件夹，或重新导出",
)
_entry(
    "encoding",
    _E,
    "CSV 文件通篇是同一种可以识别的编码（UTF-8 或 GBK）",
    "认错编码会把中文变成乱码：前面是 UTF-8、后面是别的编码（两个文件拼在一起）时什么也不导入，不猜",
    "在 Excel 中打开后另存为“CSV UTF-8（逗号分隔）”",
)
_entry("csv-quote", _E, "CSV 文件的引号成对", "缺一个引号，后面的多行会被读成一个单元格", "在提示的行补上或删去引号")
_entry(
    "no-mapping",
    _E,
    "表头能对应到一种映射",
    "认不出表头，就不知道哪一列是哪个字段",
    "用 --mapping 指定映射文件，或按常见表头改写表头",
)
_entry("empty-sheet", _W, "工作表中有数据", "空工作表里没有事项", "检查是不是选错了工作表；不需要的话可以忽略")
_entry(
    "unmapped-table",
    _W,
    "每张表都能对应到映射中的一类数据",
    "认不出的表不会导入",
    "要导入的话在映射的 tables 中写明这张表或改正表头；不需要的话可以忽略",
)
_entry(
    "unmapped-column",
    _W,
    "每一列都能对应到映射中的字段",
    "认不出的列不会导入，其中的内容会丢失",
    "要导入的话在映射的 columns 中写明这一列；不需要的话可以忽略",
)
_entry("missing-column", _E, "必需的列都在", "缺少必需的列，整张表都无法导入", "在表头中加上提示的列")
# Cells
_entry(
    "merged-cells", _W, "单元格没有合并", "合并的单元格只有第一格有值，其余各行会缺这一项", "取消合并，把值填到每一行"
)
_entry(
    "formula",
    _E,
    "单元格是值，不是公式",
    "没有保存结果的公式读不出值；有结果的公式以结果导入",
    "把公式复制后“粘贴为值”",
)
_entry(
    "formula-text",
    _E,
    "文字不以公式符号开头",
    "以 = + - @ 开头的文字在表格软件中会被当成公式执行",
    "删去开头的符号，或在前面加一个单引号",
)
_entry("markup", _E, "单元格中没有网页标记", "网页标记不是办事指南的内容", "删去尖括号标记，只写纯文字")
_entry(
    "bad-value",
    _E,
    "是否类的列写“是”或“否”，编码列不是是/否值",
    "读不出的值不会导入，这一项会空着",
    "改为“是”或“否”，或在映射的 values 中写明它表示是还是否；编码列填写编码",
)
_entry(
    "unknown-value",
    _E,
    "取值在可选范围内（登记册的中文值、映射的 values 或已确认的国家代码）",
    "认不出的值和编码不会被猜测，这一项会空着",
    "按提示改为可选的值，或在映射的 values 中写明它对应的值",
)
_entry(
    "unconfirmed-code",
    _E,
    "编码值有公开来源确认",
    "来源不一致或找不到来源的代码不会被猜测",
    "在映射的 values 中写明这个代码在本省的含义，或直接填写中文",
)
_entry(
    "several-values",
    _E,
    "只能填一个值的单元格只有一个值",
    "多个值中只能取一个，取哪一个都可能错",
    "只保留一个值；在几个层级实施的，每个层级是一个事项，各有实施编码",
)
_entry(
    "bad-condition",
    _E,
    "适用于写成“情形名称：选项，选项；情形名称：选项”",
    "读不出的适用于不会导入：新事项的这一条材料、环节或收费会对所有情形都适用，不再只给需要的人看",
    "按“经营类型：餐饮服务，食品销售；委托办理：委托他人办理”的样子改写；名称中不能有空格、冒号、逗号、分号和 = & # ? /",
)
_entry(
    "bad-options",
    _E,
    "办理情形的选项一行一个，写成“选项”或“选项：说明”",
    "读不出的选项不会导入，这个问题就没有选项可选",
    "一行写一个选项；选项中不能有空格、冒号、逗号、分号和 = & # ? /；说明有几行时，后面的行以两个空格开头",
)
_entry("bad-number", _E, "数字列是数字", "读不出的数字不会导入", "填写整数，如 1")
_entry(
    "bad-days",
    _E,
    "时限能读出天数和单位",
    "读不出的时限不会导入，办理时限会空着",
    "写成“5个工作日”“20个自然日”“即办”或“无”",
)
_entry(
    "unclear-unit",
    _W,
    "时限写明工作日或自然日",
    "写“日”“天”的时限分不清工作日和自然日：只导入天数，时限单位空着，由 check 指出",
    "写成“5个工作日”或“5个自然日”",
)
_entry(
    "mixed-units",
    _E,
    "法定时限和承诺时限的单位相同",
    "两个时限共用一个单位：单位不同时两个时限都不导入，以免按错的单位公示",
    "把两个时限换算成同一种单位",
)
_entry("bad-date", _E, "日期列是日期", "读不出的日期不会导入", "写成 2026-10-15 的形式")
_entry(
    "date-serial",
    _W,
    "日期以日期格式保存",
    "Excel 把日期存成了序号，已按 Excel 的规则换算",
    "核对换算出的日期；以后把这一列设为日期格式",
)
_entry(
    "code-as-number",
    _E,
    "编码以文本保存",
    "Excel 把长编码存成了数字，超过 15 位的部分已经丢失",
    "把这一列设为“文本”格式，重新填写后导入",
)
_entry(
    "leading-zeros",
    _W,
    "编码的前导 0 没有丢失",
    "Excel 吃掉了编码开头的 0，已按位数补回",
    "核对补回的编码；以后把这一列设为“文本”格式",
)
_entry(
    "code-format",
    _E,
    "实施编码符合 registry.yml 中的格式",
    "格式不符的编码对不上部门和平台",
    "按提示在 registry.yml 中写明本省格式，或改正编码",
)
# Rows and items
_entry(
    "missing-code",
    _E,
    "每一行都有实施编码（部门表：部门编号）",
    "没有实施编码的行无法和别的表、和已有事项对应；没有部门编号的部门无法登记",
    "填写这一行的实施编码或部门编号",
)
_entry(
    "duplicate-code",
    _E,
    "每个实施编码只出现一次",
    "同一编码的几行内容不同，不知道哪一行是对的",
    "核对这几行，删去或改正重复的一行",
)
_entry("repeated-row", _W, "同一行没有重复出现", "完全相同的重复行已合并为一行", "删去重复的行")
_entry(
    "orphan-row",
    _E,
    "材料、收费、问答和补充信息的行对应到事项表中的事项",
    "对不上事项的行不会导入",
    "核对这一行的实施编码",
)
_entry(
    "fee-conflict",
    _E,
    "是否收费与收费标准一致",
    "写着不收费却有收费标准（或相反），不知道哪一个是对的：收费不导入，新事项的收费留给 check 追问",
    "核对是否收费和收费标准，改正其中一个",
)
_entry(
    "unknown-department",
    _E,
    "每一行的实施主体都能对应到部门",
    "找不到部门的事项无法放进部门文件夹",
    "填写实施主体，或先在 departments.yml 中登记这个部门",
)
_entry(
    "bad-department",
    _E,
    "部门编号可以用作文件夹名",
    "部门编号就是文件夹名和网址的一部分",
    "把源表的部门编号或映射 departments.ids 中的编号改为小写字母、数字和连字符",
)
_entry(
    "new-department",
    _W,
    "新部门已登记",
    "导入新登记的部门，信息可能不全",
    "在 departments.yml 中补全新部门的地址、电话和维护人",
)
_entry(
    "duplicate-department",
    _E,
    "部门表中每个部门编号只出现一次",
    "同一部门的几行内容不同，不知道哪一行是对的：部门按第一次出现的那一行登记",
    "核对这几行，删去或改正重复的一行",
)
_entry(
    "department-updated",
    _W,
    "部门表与 departments.yml 一致",
    "部门表中的地址、电话等与登记册不同，已按部门表更新 departments.yml 中这些字段，其余内容不变",
    "核对 departments.yml 中更新的字段；不该改的话恢复原值，并改正源表",
)
_entry(
    "department-moved",
    _W,
    "事项的实施主体没有变",
    "实施主体变了，文件仍留在原部门文件夹中",
    "核对实施主体；确实变了的话把文件移到新部门的文件夹，并改正其中的 department",
)
_entry(
    "bad-slug",
    _W,
    "文件名可以用作网址",
    "不合格的文件名已改为由名称生成的文件名",
    "在源表的事项编号（部门编号/文件名）或文件名列中改用小写字母、数字和连字符",
)
_entry(
    "slug-taken",
    _W,
    "文件名不与别的事项重复",
    "重名的事项已在文件名后加上区分的后缀",
    "需要的话在源表的事项编号或文件名列中给它另起一个文件名",
)
_entry(
    "unreadable-item",
    _E,
    "已有的事项文件和部门文件可以读取",
    "读不出的已有文件不会被导入覆盖，以免丢失手工修改；部门文件读不出时什么也不导入",
    "先改正这个文件（python -m generator check），再导入",
)
