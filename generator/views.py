"""An item as the public sees it, resolved against the rest of the registry: its department, its
windows (or the department's hall), its 一件事 and related items. Pages, exports, the finder and
structured data all read items through these views."""

from __future__ import annotations

from dataclasses import dataclass, field

from generator import wording
from generator.models import Bundle, Department, Item, Material, Window
from generator.registry.loader import ItemRecord


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
        return wording.cut(self.item)[0]

    @property
    def cut_fraction(self) -> float | None:
        return wording.cut(self.item)[1]

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
