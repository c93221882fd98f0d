"""An item as the public sees it, resolved against the rest of the registry: its department, its
windows (or the department's hall), its 一件事 and related items. Pages, exports, the finder and
structured data all read items through these views."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from generator import wording
from generator.models import (
    Bundle,
    Department,
    Item,
    LifePath,
    Material,
    MaterialForm,
    MaterialKind,
    MaterialSource,
    Necessity,
    Original,
    ServiceLinks,
    Situation,
    Submission,
    Window,
)
from generator.models.brief import ItemBrief
from generator.registry.loader import ItemRecord


def when_json(conditions: list[dict[str, list[str]]]) -> str:
    """Conditions for the page's script (data-when): it applies when any of them does; [] never hides."""
    return json.dumps(conditions, ensure_ascii=False, separators=(",", ":"))


@dataclass(eq=False)  # one view per item: compared by identity, never field by field through its links
class ItemView:
    record: ItemRecord
    department: Department
    bundles: list[BundleView] = field(default_factory=list)
    related: list[ItemView] = field(default_factory=list)
    siblings: list[ItemView] = field(default_factory=list)  # the same catalogue item at another level or area
    paths: list[tuple[PathView, int]] = field(default_factory=list)  # (path, 1-based step) this item is part of

    @property
    def item(self) -> Item:
        """The full item: validated again (in a worker) where its own pages are written."""
        return self.record.item

    @property
    def brief(self) -> ItemBrief:
        """What lists, tables and the finder show: read these where every item is gone through."""
        return self.record.brief

    @property
    def ref(self) -> str:
        return self.record.ref

    @property
    def url(self) -> str:
        return f"items/{self.ref}/"

    @property
    def checklist_url(self) -> str:
        return f"items/{self.ref}/checklist/"

    @property
    def department_url(self) -> str:
        return f"departments/{self.department.id}/"

    @property
    def title(self) -> str:
        brief = self.brief
        return f"{brief.name}（{brief.sub_name}）" if brief.sub_name else brief.name

    @property
    def windows(self) -> list[Window]:
        """The item's own windows, or the department's hall."""
        if self.item.windows:
            return list(self.item.windows)
        d = self.department
        return [Window(place=f"{d.name}办事窗口", address=d.address, hours=d.hours, phone=d.phone)]

    @property
    def service_links(self) -> ServiceLinks:
        """在线预约, 办件进度查询 and 好差评: the item's own, each one it lacks from its department."""
        return (self.item.links or ServiceLinks()).over(self.department.links)

    @property
    def is_personal(self) -> bool:
        return any(audience.is_person for audience in self.brief.audience)

    @property
    def is_business(self) -> bool:
        return any(not audience.is_person for audience in self.brief.audience)

    @property
    def cut_days(self) -> int | None:
        return wording.cut(self.brief)[0]

    @property
    def cut_fraction(self) -> float | None:
        return wording.cut(self.brief)[1]

    @property
    def required_materials(self) -> list[Material]:
        """What the applicant brings: shared (免提交) materials are not asked for."""
        return [m for m in self.item.materials if not m.shared]

    @property
    def questions(self) -> list[Situation]:
        return list(self.item.situations)

    @property
    def area(self) -> str:
        """Where this implementer serves: 全市, or its district."""
        return wording.area_text(self.department.area)

    @property
    def submission(self) -> list[Submission]:
        """How the materials are handed in: as declared, or from the online depth and the visits."""
        item = self.item
        if item.submission:
            return list(item.submission)
        modes = []
        if item.online.depth.accepts_online and item.online.url:
            modes.append(Submission.ONLINE)
        if item.visits > 0 or not item.online.depth.accepts_online:
            modes.append(Submission.WINDOW)
        return modes or [Submission.ONLINE]


@dataclass
class MergedMaterial:
    """One material of a bundle, listed once with every member that needs it; each use keeps its own
    condition, notes, copies and marks (一次录入，大家共用)."""

    name: str
    uses: list[tuple[ItemView, Material]]
    joint_form: bool = False  # the bundle's one application form, standing in for the members' forms

    @property
    def needed_by(self) -> list[ItemView]:
        found: list[ItemView] = []
        for member, _ in self.uses:
            if all(known is not member for known in found):
                found.append(member)
        return found

    @property
    def shared(self) -> bool:
        """免提交 only when no member asks the applicant for it."""
        return all(material.shared for _, material in self.uses)

    @property
    def brought(self) -> list[Material]:
        return [material for _, material in self.uses if not material.shared]

    @property
    def necessity(self) -> Necessity:
        """The strictest need among the members that ask for it: 必要, then 容缺后补, then 非必要."""
        needs = {material.necessity for material in self.brought or [m for _, m in self.uses]}
        for need in (Necessity.REQUIRED, Necessity.TOLERANCE, Necessity.OPTIONAL):
            if need in needs:
                return need
        return Necessity.REQUIRED

    @property
    def copies(self) -> int:
        return max(material.copies for material in self.brought or [m for _, m in self.uses])

    @property
    def original(self) -> str:
        return "、".join(dict.fromkeys(str(m.original) for m in self.brought or [m for _, m in self.uses]))

    @property
    def conditions(self) -> list[dict[str, list[str]]]:
        """It applies when any member's use does; a use without a condition always applies."""
        found = [dict(material.when) for _, material in self.uses]
        return [] if any(not when for when in found) else found

    @property
    def when_json(self) -> str:
        return when_json(self.conditions)


def merge_materials(members: list[ItemView], form: str | None = None) -> list[MergedMaterial]:
    """Members' materials merged by identity (the same name, whitespace aside); with a joint `form`, the
    members' application forms that every case needs give way to it (一表申请)."""
    merged: dict[str, MergedMaterial] = {}
    if form:
        joint = Material(
            name=form,
            kind=MaterialKind.APPLICATION_FORM,
            form=MaterialForm.PAPER_OR_ELECTRONIC,
            original=Original.ORIGINAL,
            necessity=Necessity.REQUIRED,
            source=MaterialSource.APPLICANT,
            notes=wording.joint_form_note(form),
        )
        merged[form] = MergedMaterial(form, [(member, joint) for member in members], joint_form=True)
    for member in members:
        for material in member.item.materials:
            if form and material.kind is MaterialKind.APPLICATION_FORM and not (material.situation or material.when):
                continue  # the joint form stands for it; a form only some cases need stays on the list
            key = "".join(material.name.split())
            merged.setdefault(key, MergedMaterial(material.name, [])).uses.append((member, material))
    return list(merged.values())


@dataclass
class BundleStepView:
    name: str
    action: str
    members: list[ItemView]


@dataclass(eq=False)
class BundleView:
    bundle: Bundle
    lead: Department | None
    members: list[ItemView]
    paths: list[tuple[PathView, int]] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"bundles/{self.bundle.id}/"

    @property
    def checklist_url(self) -> str:
        return f"bundles/{self.bundle.id}/checklist/"

    @property
    def title(self) -> str:
        return self.bundle.name

    @property
    def merged_materials(self) -> list[MergedMaterial]:
        return merge_materials(self.members, self.bundle.form)

    @property
    def brought_count(self) -> int:
        """Materials the applicant brings for the whole bundle (免提交 ones are not counted)."""
        return sum(1 for entry in self.merged_materials if not entry.shared)

    @property
    def separate_material_count(self) -> int:
        """Materials the member items would ask for if each were done on its own."""
        return sum(len(member.required_materials) for member in self.members)

    @property
    def separate_promised_days(self) -> int:
        return sum(member.item.time_limit.promised for member in self.members)

    @property
    def separate_visits(self) -> int:
        return sum(member.item.visits for member in self.members)

    @property
    def gains(self) -> list[tuple[str, str, str]]:
        """(what, how much less) for each true gain over doing the members one by one; none, no card."""
        found = []
        if (saved := self.separate_promised_days - self.bundle.promised) > 0:
            found.append(
                (
                    "时间",
                    wording.gain_days(saved),
                    f"分别办理合计 {wording.days(self.separate_promised_days, spaced=True)}",
                )
            )
        if (saved := self.separate_material_count - self.brought_count) > 0:
            found.append(("材料", wording.gain_materials(saved), f"分别办理要交 {self.separate_material_count} 份"))
        if (saved := self.separate_visits - self.bundle.visits) > 0:
            found.append(("跑动", wording.gain_visits(saved), f"分别办理要跑 {self.separate_visits} 次"))
        return found

    @property
    def steps(self) -> list[BundleStepView]:
        """The order of the members: as declared, or one member a step in the order of `items`."""
        by_ref = {member.ref: member for member in self.members}
        if not self.bundle.steps:
            return [BundleStepView(member.title, "", [member]) for member in self.members]
        return [
            BundleStepView(step.name, step.action, [by_ref[ref] for ref in step.items if ref in by_ref])
            for step in self.bundle.steps
        ]

    @property
    def order_text(self) -> str:
        return wording.order_text(["、".join(m.item.name for m in step.members) for step in self.steps if step.members])

    @property
    def questions(self) -> list[Situation]:
        return list(self.bundle.situations)


@dataclass
class PathStepView:
    name: str
    action: str
    items: list[ItemView]
    bundles: list[BundleView]


@dataclass(eq=False)
class PathView:
    path: LifePath
    steps: list[PathStepView]

    @property
    def url(self) -> str:
        return f"paths/{self.path.id}/"

    @property
    def title(self) -> str:
        return self.path.name

    def step_text(self, number: int) -> str:
        return wording.path_step_text(self.path.name, number, len(self.steps))
