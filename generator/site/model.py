"""What the site shows, computed once from the registry: items with their department, topics,
audiences, bundles with merged materials, and the figures by department."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from generator.models import Bundle, Department, Item, Material, Window
from generator.registry import ItemRecord, Registry
from generator.site import formatting
from generator.stats import Figures, compute, figures_for


@dataclass
class ItemView:
    record: ItemRecord
    department: Department
    bundles: list[BundleView] = field(default_factory=list)
    related: list[ItemView] = field(default_factory=list)

    @property
    def item(self) -> Item:
        return self.record.item

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
        item = self.item
        return f"{item.name}（{item.sub_name}）" if item.sub_name else item.name

    @property
    def windows(self) -> list[Window]:
        """The item's own windows, or the department's hall."""
        if self.item.windows:
            return list(self.item.windows)
        d = self.department
        return [Window(place=f"{d.name}办事窗口", address=d.address, hours=d.hours, phone=d.phone)]

    @property
    def is_personal(self) -> bool:
        return any(audience.is_person for audience in self.item.audience)

    @property
    def is_business(self) -> bool:
        return any(not audience.is_person for audience in self.item.audience)

    @property
    def cut_days(self) -> int | None:
        return formatting.cut(self.item)[0]

    @property
    def cut_fraction(self) -> float | None:
        return formatting.cut(self.item)[1]

    @property
    def required_materials(self) -> list[Material]:
        """What the applicant brings: shared (免提交) materials are not asked for."""
        return [m for m in self.item.materials if not m.shared]


@dataclass
class MergedMaterial:
    """One material of a bundle, asked for once even when several member items need it."""

    material: Material
    needed_by: list[ItemView]


@dataclass
class BundleView:
    bundle: Bundle
    lead: Department | None
    members: list[ItemView]

    @property
    def url(self) -> str:
        return f"bundles/{self.bundle.id}/"

    @property
    def merged_materials(self) -> list[MergedMaterial]:
        merged: dict[str, MergedMaterial] = {}
        for member in self.members:
            for material in member.required_materials:
                entry = merged.setdefault(material.name, MergedMaterial(material, []))
                if member not in entry.needed_by:
                    entry.needed_by.append(member)
        return list(merged.values())

    @property
    def separate_material_count(self) -> int:
        """Materials the member items would ask for if each were done on its own."""
        return sum(len(member.required_materials) for member in self.members)

    @property
    def separate_promised_days(self) -> int:
        return sum(member.item.time_limit.promised for member in self.members)


@dataclass
class DepartmentView:
    department: Department
    items: list[ItemView]
    figures: Figures

    @property
    def id(self) -> str:
        return self.department.id

    @property
    def url(self) -> str:
        return f"departments/{self.id}/"

    @property
    def time_limits_url(self) -> str:
        return f"time-limits/{self.id}/"


@dataclass
class TopicView:
    name: str
    items: list[ItemView]
    bundles: list[BundleView]

    @property
    def url(self) -> str:
        return f"topics/{self.name}/"


@dataclass
class SiteModel:
    site_url: str
    items: list[ItemView]
    departments: list[DepartmentView]
    topics: list[TopicView]
    bundles: list[BundleView]
    figures: Figures

    @property
    def personal_items(self) -> list[ItemView]:
        return [view for view in self.items if view.is_personal]

    @property
    def business_items(self) -> list[ItemView]:
        return [view for view in self.items if view.is_business]

    def absolute(self, url: str) -> str:
        return self.site_url.rstrip("/") + "/" + url


def build_model(registry: Registry, site_url: str) -> SiteModel:
    order = {department_id: index for index, department_id in enumerate(registry.departments)}
    published = sorted(registry.published, key=lambda r: (order.get(r.item.department, 0), r.item.catalog_code, r.ref))
    views = [ItemView(record, registry.departments[record.item.department]) for record in published]
    by_ref = {view.ref: view for view in views}
    for view in views:
        view.related = [by_ref[ref] for ref in view.item.related if ref in by_ref]

    bundles = []
    for bundle in registry.bundles:
        members = [by_ref[ref] for ref in bundle.items if ref in by_ref]
        bundle_view = BundleView(bundle, registry.departments.get(bundle.lead), members)
        bundles.append(bundle_view)
        for member in members:
            member.bundles.append(bundle_view)

    by_department: dict[str, list[ItemView]] = defaultdict(list)
    for view in views:
        by_department[view.department.id].append(view)
    departments = [
        DepartmentView(department, by_department[department.id], figures_for([v.item for v in by_department[department.id]], 1, 0))
        for department in registry.departments.values()
        if by_department[department.id]
    ]

    by_topic: dict[str, list[ItemView]] = defaultdict(list)
    for view in views:
        for topic in view.item.topics:
            by_topic[topic].append(view)
    bundles_by_stage: dict[str, list[BundleView]] = defaultdict(list)
    for bundle_view in bundles:
        bundles_by_stage[bundle_view.bundle.stage].append(bundle_view)
    topics = [
        TopicView(name, by_topic[name], bundles_by_stage.get(name, []))
        for name in sorted(by_topic, key=lambda name: (-len(by_topic[name]), name))
    ]
    return SiteModel(site_url, views, departments, topics, bundles, compute(registry))
