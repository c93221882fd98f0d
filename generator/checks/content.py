"""What citizens need to find and use an item: words they search with, forms they can open."""

from generator.checks.base import finding, item_check, rule
from generator.findings import Severity
from generator.text import path_segment, terminal

TOPIC_NAME = rule(
    "topics.name",
    Severity.ERROR,
    "主题名称可以用作网址",
    protects="主题名称就是主题页的网址：带斜杠、点或冒号的名称能把页面写到网站之外，或冒充别的页面",
    fix="主题名称只用汉字、字母、数字和连字符，不带空格、标点或斜杠，如“开办企业”",
    sources=("project",),
)
NO_KEYWORDS = rule(
    "item.no-keywords",
    Severity.WARNING,
    "事项有群众常用的检索词",
    protects="群众搜的是“开饭店”“办身份证”，不是事项的正式名称；没有检索词就搜不到",
    fix="在 keywords 中写上群众实际会搜的说法",
    sources=("project",),
)
FORM_WITHOUT_SOURCE = rule(
    "form.no-source",
    Severity.ERROR,
    "表单给出下载地址或文件",
    protects="只列表单名称而不给表单，群众到了窗口才能拿到，多跑一次",
    fix="填写表单地址 (forms[].url) 或登记册中的表单文件 (forms[].file)",
    sources=("domain", "dezhou-template"),
)
FORM_FILE_MISSING = rule(
    "form.file-missing",
    Severity.ERROR,
    "表单文件存在于登记册中",
    protects="指向不存在的文件，页面上的下载是坏的",
    fix="把文件放进部门文件夹，并核对 forms[].file 的相对路径",
    sources=("project",),
)


@item_check
def has_keywords(record, registry):
    if not record.item.keywords:
        yield finding(
            record,
            ("name",),
            NO_KEYWORDS,
            "没有检索词 (keywords)：请写上群众实际会搜的说法，如“开公司”“办身份证”“公积金取钱”，让人搜得到",
        )


@item_check
def topics_make_addresses(record, registry):
    for index, topic in enumerate(record.item.topics):
        if path_segment(topic) is None:
            yield finding(
                record,
                ("topics", index),
                TOPIC_NAME,
                f"主题 (topics[{index}])“{terminal(topic)}”不能用作主题页的网址：主题名称只用汉字、字母、数字和连字符，"
                "不要带空格、标点或斜杠，如“开办企业”",
            )


@item_check
def forms_can_be_opened(record, registry):
    folder = (registry.root / record.department_id).resolve()
    for index, form in enumerate(record.item.forms):
        if not form.url and not form.file:
            yield finding(
                record,
                ("forms", index),
                FORM_WITHOUT_SOURCE,
                f"表单“{form.name}”(forms[{index}]) 既没有表单地址 (url) 也没有表单文件 (file)：请至少填写一项",
            )
        elif form.file:
            target = (folder / form.file).resolve()
            if not target.is_relative_to(folder) or not target.is_file():
                yield finding(
                    record,
                    ("forms", index, "file"),
                    FORM_FILE_MISSING,
                    f"表单文件 (forms[{index}].file)“{form.file}”在 items/{record.department_id}/ 下找不到："
                    "请把文件放进部门文件夹并核对路径",
                )
