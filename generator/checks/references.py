"""Rule 7 of docs/domain.md: every reference resolves — departments, related items, bundle members and leads."""

import difflib

from generator.checks.base import finding, item_check, registry_check, rule
from generator.findings import Severity

UNKNOWN_DEPARTMENT = rule(
    "ref.department",
    Severity.ERROR,
    "实施主体在 departments.yml 中登记",
    protects="没有登记的部门没有地址、电话和办公时间，页面无法显示去哪里办",
    fix="填写已登记的部门编号，或先在 departments.yml 中登记这个部门",
    sources=("domain",),
    adjustable=False,
)
WRONG_FOLDER = rule(
    "ref.department-folder",
    Severity.ERROR,
    "事项文件放在其实施主体的文件夹中",
    protects="文件夹决定网址和审核人（CODEOWNERS），放错了会由别的部门审核",
    fix="把文件移到 items/<实施主体>/，或改正 department",
    sources=("domain",),
    adjustable=False,
)
UNKNOWN_RELATED = rule(
    "ref.related",
    Severity.ERROR,
    "相关事项存在",
    protects="指向不存在的事项，页面上是一个坏链接",
    fix="写成“部门编号/文件名”，文件名不带 .yml",
    sources=("domain",),
    adjustable=False,
)
UNKNOWN_BUNDLE_ITEM = rule(
    "ref.bundle-item",
    Severity.ERROR,
    "一件事包含的事项存在",
    protects="一件事的材料清单由成员事项合并而来，缺一个成员，清单就不全",
    fix="在 bundles.yml 中写成“部门编号/文件名”，或删去已不存在的事项",
    sources=("domain",),
    adjustable=False,
)
UNKNOWN_BUNDLE_LEAD = rule(
    "ref.bundle-lead",
    Severity.ERROR,
    "一件事的牵头部门已登记",
    protects="牵头部门是一件事的受理窗口，未登记就没有地址和电话",
    fix="lead 填写 departments.yml 中的部门编号",
    sources=("domain",),
    adjustable=False,
)
UNPUBLISHED_BUNDLE_ITEM = rule(
    "bundle.item-unpublished",
    Severity.WARNING,
    "一件事包含的事项处于在用状态",
    protects="暂停或取消的事项不发布，一件事页面会少一个环节",
    fix="从一件事中移除它，或把事项恢复为在用",
    sources=("domain",),
)


def _suggest(name: str, candidates) -> str:
    """A close existing name, for a typo; item references are only compared within a department or slug."""
    if "/" in name:
        folder, slug = name.split("/", 1)
        candidates = [c for c in candidates if c.startswith(folder + "/") or c.endswith("/" + slug)]
    close = difflib.get_close_matches(name, list(candidates), n=1, cutoff=0.75)
    return f"是不是 {close[0]}？" if close else ""


@item_check
def department_exists(record, registry):
    department = record.item.department
    if department not in registry.departments:
        yield finding(
            record,
            ("department",),
            UNKNOWN_DEPARTMENT,
            f"实施主体 (department)“{department}”没有在 departments.yml 中登记：{_suggest(department, registry.departments)}"
            "请填写已登记的部门编号，或先在 departments.yml 中登记这个部门",
        )
    elif department != record.department_id:
        yield finding(
            record,
            ("department",),
            WRONG_FOLDER,
            f"实施主体 (department) 是 {department}，文件却在 {record.department_id}/ 文件夹中："
            f"请把文件移到 items/{department}/，或改正实施主体",
        )


@item_check
def related_items_exist(record, registry):
    refs = registry.item_refs
    for index, ref in enumerate(record.item.related):
        if ref not in refs:
            yield finding(
                record,
                ("related", index),
                UNKNOWN_RELATED,
                f"相关事项 (related[{index}])“{ref}”不存在：{_suggest(ref, refs)}请写成“部门编号/文件名”，文件名不带 .yml",
            )


@registry_check
def bundle_references_resolve(registry):
    source = registry.bundles_source
    if source is None:
        return
    by_ref = registry.by_ref()
    for bundle in registry.bundles:
        position = registry.bundle_index[bundle.id]
        if bundle.lead not in registry.departments:
            yield source.at(
                ("bundles", position, "lead"),
                UNKNOWN_BUNDLE_LEAD.code,
                UNKNOWN_BUNDLE_LEAD.severity,
                f"一件事“{bundle.name}”的牵头部门 (lead)“{bundle.lead}”没有登记："
                f"{_suggest(bundle.lead, registry.departments)}请填写 departments.yml 中的部门编号",
            )
        for index, ref in enumerate(bundle.items):
            loc = ("bundles", position, "items", index)
            record = by_ref.get(ref)
            if record is None:
                yield source.at(
                    loc,
                    UNKNOWN_BUNDLE_ITEM.code,
                    UNKNOWN_BUNDLE_ITEM.severity,
                    f"一件事“{bundle.name}”包含的事项 (items[{index}])“{ref}”不存在：{_suggest(ref, by_ref)}"
                    "请写成“部门编号/文件名”，文件名不带 .yml",
                )
            elif not record.published:
                yield source.at(
                    loc,
                    UNPUBLISHED_BUNDLE_ITEM.code,
                    UNPUBLISHED_BUNDLE_ITEM.severity,
                    f"一件事“{bundle.name}”包含的事项“{ref}”状态为{record.item.status}，不会在网站上发布："
                    "请从一件事中移除它，或恢复事项为在用",
                )
