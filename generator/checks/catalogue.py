"""The codes found while a file is read and validated (generator/registry/): the catalogue's entries for
the codes that no rule module registers, because they are emitted before any rule runs.

These are not adjustable: a file that could not be read is an item missing from the site, whatever the
project's settings say.
"""

from __future__ import annotations

from generator.checks.base import RULES, Rule, rule
from generator.findings import Severity

_E = Severity.ERROR
_READ = "文件读不出来，这个文件里的事项就不会出现在网站上，它的其他问题也检查不到"
_FIELD = "字段不合格，整个事项文件都不能使用：页面、统计和开放数据都会缺少这个事项"


INPUT_CODES: set[str] = set()


def _input(code: str, summary: str, protects: str, fix: str, sources: tuple[str, ...] = ("domain",)) -> Rule:
    INPUT_CODES.add(code)
    return rule(code, _E, summary, protects=protects, fix=fix, sources=sources, adjustable=False)


# The file and its YAML (generator/registry/yamldoc.py, loader.py): rule 10 of docs/domain.md.
_input(
    "file.missing",
    "事项目录和 departments.yml 存在",
    "没有部门文件，所有事项都找不到实施主体",
    "检查 --items 参数，或创建 departments.yml",
)
_input("file.unreadable", "文件可以读取", _READ, "检查文件权限，或重新提交这个文件")
_input("file.encoding", "文件是 UTF-8 编码", _READ, "在编辑器中“另存为 UTF-8”后重新提交")
_input("file.empty", "文件有内容", "空文件不是任何事项，多半是误提交", "填写内容，或删除这个文件")
_input(
    "file.name",
    "文件名可以用作网址",
    "文件名就是事项的网址，中文、空格和大写字母会让网址难以分享",
    "改用小写字母、数字和连字符，扩展名为 .yml",
)
_input(
    "file.location",
    "事项文件放在部门文件夹中",
    "文件夹决定事项属于哪个部门、由谁审核",
    "把文件移到 items/<部门编号>/ 下",
)
_input("yaml.syntax", "YAML 格式正确", _READ, "检查提示行附近的缩进、冒号和引号")
_input("yaml.tab", "YAML 不用制表符缩进", _READ, "把 Tab 换成空格")
_input("yaml.duplicate-key", "同一个字段只写一次", "写了两次的字段，读出来的只有一个，另一个悄悄丢失", "删去多余的一个")
_input("yaml.bad-key", "键是文字", _READ, "检查这一行的缩进和冒号")
_input("yaml.alias", "不用锚点和别名", "别名可以让一个小文件展开成巨大的数据，拖垮构建", "把内容直接写出来")
_input("yaml.tag", "不用 YAML 标签", "标签会让文字被当成别的类型读入", "删去 !! 开头的标签，直接写文字或数字")
_input("yaml.too-deep", "嵌套不超过 16 层", "过深的嵌套多半是缩进错了，也可能拖垮构建", "检查缩进")
_input(
    "yaml.too-large", "文件不超过 512 KB、50,000 个条目", "一个事项不会有这么多内容，多半是误提交", "拆分或精简这个文件"
)
_input("yaml.multiple-documents", "一个文件一个 YAML 文档", "--- 之后的部分会被忽略", "删去 --- 分隔的第二部分")
_input("yaml.not-mapping", "文件最外层是“字段: 值”", _READ, "按模板（python -m generator new）改写")
_input("id.duplicate", "部门编号和一件事编号唯一", "重复编号的第二项被忽略", "改用另一个编号")
_input(
    "file.control",
    "文件中没有看不见的控制字符",
    "控制字符会让编辑器和登记册对行号的理解不同，文件不再读下去",
    "删去提示位置的控制字符（通常是从别处复制文字带来的）",
    ("project",),
)
_input(
    "file.symlink",
    "登记册中没有符号链接",
    "链接可以指向登记册之外的任何文件，把它发布出去",
    "换成文件或文件夹本身",
    ("project",),
)
_input(
    "file.not-regular",
    "登记册中只有普通文件和文件夹",
    "管道和设备文件读不出事项，还可能让检查停住",
    "删去它",
    ("project",),
)
rule(
    "file.hidden",
    Severity.WARNING,
    "登记册中没有隐藏的文件或文件夹",
    protects="隐藏的文件和文件夹不会被读取，放在里面的事项悄悄不发布",
    fix="里面如有事项，移到部门文件夹中；否则删去",
    sources=("project",),
)
# Text policies: the site escapes all text on output whatever these say; a project may lower them.
rule(
    "text.markup",
    _E,
    "文字中不含网页标记",
    protects="网页标记会原样显示成尖括号和字母，群众看不懂；页面始终把它当文字显示",
    fix="删去尖括号标记，只写纯文字",
    sources=("project",),
)
rule(
    "text.control",
    _E,
    "文字中不含看不见的控制字符",
    protects="控制字符会让表格、终端和订阅源显示错乱；页面和开放数据会把它们去掉",
    fix="删去引号里的转义写法（如 \\e、\\0、\\u2028）",
    sources=("project",),
)
# Validation against the models (generator/registry/validation.py): rules 1 and 10.
_input(
    "field.missing", "必填字段都已填写", _FIELD, "补上消息中的字段（python -m generator new 生成的模板列出全部字段）"
)
_input("field.blank", "必填字段不为空", _FIELD, "填写内容")
_input("field.unknown-key", "没有未知字段", "拼错的字段名会被当成没填，内容悄悄丢失", "按提示改正拼写")
_input("field.type", "字段的类型正确", _FIELD, "按消息写成文字、数字、列表或映射")
_input("field.enum", "取值在可选范围内", _FIELD, "从消息列出的选项中选一个")
_input("field.format", "字段的格式正确", _FIELD, "按消息中的格式改写")
_input("field.too-long", "文字不超过长度上限", _FIELD, "精简文字")
_input("field.too-few", "列表不少于最少项数", _FIELD, "补充列表项")
_input("field.too-many", "列表不超过最多项数", _FIELD, "精简列表")
_input("field.range", "数字在允许的范围内", _FIELD, "按消息改为范围内的数字")
_input("field.invalid", "字段的值有效", _FIELD, "按消息改正")
_input(
    "link.scheme",
    "链接以 http:// 或 https:// 开头",
    "其他协议的链接（javascript:、file:）可能被用来攻击访问者",
    "改用 http:// 或 https:// 链接",
    ("project",),
)
__all__ = ["INPUT_CODES", "RULES"]
