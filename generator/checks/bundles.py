"""一件事 and 办事路径: a bundle has one channel, members in 在用, an order that covers its members, a promised
limit below doing the members one by one, and questions that mean the same as its members'; a path's
steps name items and bundles that exist."""

from __future__ import annotations

from generator.checks.base import registry_check, rule
from generator.checks.references import _suggest
from generator.checks.situations import duplicates
from generator.findings import Finding, Severity
from generator.models import Situation
from generator.registry.loader import Registry

CHANNEL_MISSING = rule(
    "bundle.channel-missing",
    Severity.ERROR,
    "一件事有联办渠道",
    protects="没有一个申请入口，一件事就还是几件事：群众不知道到哪里一次申请",
    fix="在 bundles.yml 中填写 channel：网上申请地址、联办窗口、地址、办理时间和咨询电话",
    sources=("one-thing",),
)
NO_PUBLISHED_MEMBERS = rule(
    "bundle.no-published-members",
    Severity.ERROR,
    "一件事至少有一个在用的成员事项",
    protects="成员事项都已暂停或取消，一件事页面上没有一件能办的事",
    fix="把成员事项恢复为在用，或删去这件一件事",
    sources=("domain", "one-thing"),
)
NO_TIME_GAIN = rule(
    "bundle.no-time-gain",
    Severity.WARNING,
    "一件事的承诺时限短于分别办理的合计",
    protects="合起来办并不更快，群众看不到一件事的好处，页面也不能说它省时间",
    fix="压减整件事的承诺时限 (promised)，或核对成员事项的承诺时限",
    sources=("one-thing",),
)
ORDER_MISMATCH = rule(
    "bundle.order-mismatch",
    Severity.ERROR,
    "办理顺序恰好包含每个成员事项一次",
    protects="漏掉的事项在顺序中找不到，重复或不是成员的事项让群众办错、办重",
    fix="让 steps 中的事项与 items 一一对应：每个成员事项出现在一步中",
    sources=("one-thing", "gov-uk-step-by-step"),
)
STEPS_MISSING = rule(
    "bundle.steps-missing",
    Severity.WARNING,
    "一件事写明办理顺序",
    protects="不知道先办什么、每一步要做什么，群众只能逐个打电话问",
    fix="填写 steps：每一步的成员事项和申请人要做的事",
    sources=("one-thing", "gov-uk-step-by-step"),
)
SITUATION_MISMATCH = rule(
    "bundle.situation-mismatch",
    Severity.ERROR,
    "一件事的办理情形与成员事项中同名情形的选项一致",
    protects="一件事页面上的选项在成员事项里没有，选了以后材料清单会错",
    fix="让一件事的选项与成员事项同名情形的选项相同，或给一件事的问题另起名称",
    sources=("domain",),
)
SITUATION_MISSING = rule(
    "bundle.situation-missing",
    Severity.WARNING,
    "成员事项的材料随之变化的办理情形，一件事也问到",
    protects="一件事不问这个情形，合并清单就不能按申请人的情况收窄，只能全部列出",
    fix="在一件事的 situations 中登记同名、同选项的问题",
    sources=("domain",),
)
SITUATION_UNUSED = rule(
    "bundle.situation-unused",
    Severity.WARNING,
    "一件事的每个办理情形都在成员事项中用到",
    protects="没有成员事项用到的问题，回答了也不改变清单，只是让申请人白白多答一题",
    fix="删去这个问题，或改成成员事项中的情形名称",
    sources=("domain",),
)
PATH_UNKNOWN = rule(
    "path.unknown-reference",
    Severity.ERROR,
    "办事路径的每一步引用的事项和一件事存在",
    protects="路径上的一步指向不存在的页面，群众走到一半就断了",
    fix="写成“部门编号/文件名”或 bundles.yml 中的一件事编号",
    sources=("gov-uk-step-by-step",),
)
PATH_EMPTY_STEP = rule(
    "path.empty-step",
    Severity.ERROR,
    "办事路径的每一步都有要办的事项或一件事",
    protects="一步里没有可办的事项，群众不知道这一步去哪里办",
    fix="在这一步填写 items 或 bundles",
    sources=("gov-uk-step-by-step",),
)
PATH_UNPUBLISHED = rule(
    "path.item-unpublished",
    Severity.WARNING,
    "办事路径引用的事项处于在用状态",
    protects="暂停或取消的事项不发布，路径上这一步会少一个可办的事项",
    fix="从路径中移除它，或把事项恢复为在用",
    sources=("gov-uk-step-by-step",),
)


def _at(source, loc: tuple, which, message: str) -> Finding:
    return source.at(loc, which.code, which.severity, message)


@registry_check
def bundles_are_whole(registry: Registry):
    source = registry.bundles_source
    if source is None:
        return
    by_ref = registry.by_ref()
    for bundle in registry.bundles:
        position = registry.bundle_index[bundle.id]
        here = ("bundles", position)
        members = [by_ref[ref] for ref in bundle.items if ref in by_ref]
        published = [record for record in members if record.published]
        if bundle.channel is None:
            yield _at(
                source,
                (*here, "id"),
                CHANNEL_MISSING,
                f"一件事“{bundle.name}”没有联办渠道 (channel)：请填写网上申请地址、联办窗口、地址、办理时间和咨询电话",
            )
        if len(members) < len(bundle.items):
            continue  # a member that does not exist is ref.bundle-item: its order, limits and questions wait for it
        if members and not published:
            yield _at(
                source,
                (*here, "items"),
                NO_PUBLISHED_MEMBERS,
                f"一件事“{bundle.name}”的成员事项都不在用，页面上没有一件能办的事：请恢复成员事项，或删去这件一件事",
            )
        separate = sum(record.item.time_limit.promised for record in published)
        if len(published) > 1 and bundle.promised > 0 and bundle.promised >= separate:
            yield _at(
                source,
                (*here, "promised"),
                NO_TIME_GAIN,
                f"一件事“{bundle.name}”的承诺时限 {bundle.promised} 个工作日，不短于成员事项分别办理的合计 {separate} 个工作日："
                "请压减整件事的承诺时限",
            )
        yield from _order(source, here, bundle)
        yield from _questions(source, here, bundle, published)


def _order(source, here: tuple, bundle):
    if not bundle.steps:
        yield _at(
            source,
            (*here, "items"),
            STEPS_MISSING,
            f"一件事“{bundle.name}”没有写办理顺序 (steps)：请写明每一步办哪些事项、申请人要做什么",
        )
        return
    members = set(bundle.items)
    seen: set[str] = set()
    for number, step in enumerate(bundle.steps):
        for index, ref in enumerate(step.items):
            if ref not in members or ref in seen:
                why = (
                    "已在前面的步骤中出现" if ref in seen else f"不是一件事的成员事项 (items)：{_suggest(ref, members)}"
                )
                yield _at(
                    source,
                    (*here, "steps", number, "items", index),
                    ORDER_MISMATCH,
                    f"一件事“{bundle.name}”第 {number + 1} 步的事项“{ref}”{why}",
                )
            seen.add(ref)
    for ref in bundle.items:
        if ref not in seen:
            yield _at(
                source,
                (*here, "steps"),
                ORDER_MISMATCH,
                f"一件事“{bundle.name}”的成员事项“{ref}”不在办理顺序 (steps) 的任何一步中：请把它写进相应的一步",
            )


def _questions(source, here: tuple, bundle, published):
    for place, message in duplicates(bundle.situations):
        yield _at(source, (*here, "situations", *place), SITUATION_MISMATCH, f"一件事“{bundle.name}”中，{message}")
    asked: dict[str, tuple[int, Situation]] = {q.name: (i, q) for i, q in enumerate(bundle.situations)}
    used: set[str] = set()
    for record in published:
        item = record.item
        conditioned = {name for entry in (*item.materials, *item.steps, *item.fees) for name in entry.when}
        for question in item.situations:
            if question.name in asked:
                used.add(question.name)
                index, mine = asked[question.name]
                if set(mine.option_names) != set(question.option_names):
                    yield _at(
                        source,
                        (*here, "situations", index, "options"),
                        SITUATION_MISMATCH,
                        f"一件事“{bundle.name}”的办理情形“{question.name}”的选项（{'、'.join(mine.option_names)}）"
                        f"与成员事项“{record.ref}”的（{'、'.join(question.option_names)}）不同：请改成一致",
                    )
            elif question.name in conditioned:
                yield _at(
                    source,
                    (*here, "situations") if bundle.situations else (*here, "items"),
                    SITUATION_MISSING,
                    f"成员事项“{record.ref}”的材料随办理情形“{question.name}”变化，一件事“{bundle.name}”却没有问："
                    "请在一件事的 situations 中登记同名、同选项的问题",
                )
    for name, (index, _) in asked.items():
        if name not in used:
            yield _at(
                source,
                (*here, "situations", index, "name"),
                SITUATION_UNUSED,
                f"一件事“{bundle.name}”的办理情形“{name}”在成员事项中都没有：请删去它，或改成成员事项中的情形名称",
            )


@registry_check
def paths_resolve(registry: Registry):
    source = registry.paths_source
    if source is None:
        return
    by_ref = registry.by_ref()
    bundles = {bundle.id for bundle in registry.bundles}
    for path in registry.paths:
        position = registry.path_index[path.id]
        for number, step in enumerate(path.steps):
            here = ("paths", position, "steps", number)
            if not step.items and not step.bundles:
                yield _at(
                    source,
                    (*here, "name"),
                    PATH_EMPTY_STEP,
                    f"办事路径“{path.name}”第 {number + 1} 步“{step.name}”没有事项 (items) 也没有一件事 (bundles)：请填写这一步要办的事",
                )
            for index, ref in enumerate(step.items):
                record = by_ref.get(ref)
                if record is None:
                    yield _at(
                        source,
                        (*here, "items", index),
                        PATH_UNKNOWN,
                        f"办事路径“{path.name}”第 {number + 1} 步的事项“{ref}”不存在：{_suggest(ref, by_ref)}"
                        "请写成“部门编号/文件名”",
                    )
                elif not record.published:
                    yield _at(
                        source,
                        (*here, "items", index),
                        PATH_UNPUBLISHED,
                        f"办事路径“{path.name}”第 {number + 1} 步的事项“{ref}”状态为{record.item.status}，不会发布："
                        "请从路径中移除它，或恢复事项为在用",
                    )
            for index, bundle_id in enumerate(step.bundles):
                if bundle_id not in bundles:
                    yield _at(
                        source,
                        (*here, "bundles", index),
                        PATH_UNKNOWN,
                        f"办事路径“{path.name}”第 {number + 1} 步的一件事“{bundle_id}”不存在：{_suggest(bundle_id, bundles)}"
                        "请填写 bundles.yml 中的一件事编号",
                    )
