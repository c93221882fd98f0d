"""What the site shows, computed once from the registry: items with their department, topics,
audiences, bundles with merged materials, and the figures by department."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from generator.models import Department
from generator.models.identity import SiteIdentity
from generator.registry.loader import Registry
from generator.stats.editions import Edition
from generator.stats.figures import Figures, compute, figures_for
from generator.text import path_segment
from generator.views import BundleView, ItemView, PathStepView, PathView


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
    segment: str  # the topic's address: path_segment(name)
    items: list[ItemView]
    bundles: list[BundleView]
    paths: list[PathView] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"topics/{self.segment}/"


@dataclass
class SiteModel:
    site_url: str
    items: list[ItemView]
    departments: list[DepartmentView]
    topics: list[TopicView]
    bundles: list[BundleView]
    figures: Figures
    edition: Edition  # the registry the figures and tables were computed from
    paths: list[PathView] = field(default_factory=list)
    identity: SiteIdentity | None = None  # mkdocs.yml extra.gov: the footer, and each guide's 纠错 link

    @property
    def personal_items(self) -> list[ItemView]:
        return [view for view in self.items if view.is_personal]

    @property
    def business_items(self) -> list[ItemView]:
        return [view for view in self.items if view.is_business]

    def absolute(self, url: str) -> str:
        return self.site_url.rstrip("/") + "/" + url


def build_model(
    registry: Registry, site_url: str, edition: Edition | None = None, identity: SiteIdentity | None = None
) -> SiteModel:
    """`edition`: which registry this is (generator.stats.editions); unknown when not given."""
    order = {department_id: index for index, department_id in enumerate(registry.departments)}
    published = sorted(registry.published, key=lambda r: (order.get(r.brief.department, 0), r.catalog_code, r.ref))
    views = [ItemView(record, registry.departments[record.brief.department]) for record in published]
    by_ref = {view.ref: view for view in views}
    for view in views:
        view.related = [by_ref[ref] for ref in view.brief.related if ref in by_ref]

    bundles = []
    for bundle in registry.bundles:
        members = [by_ref[ref] for ref in bundle.items if ref in by_ref]
        bundle_view = BundleView(bundle, registry.departments.get(bundle.lead), members)
        bundles.append(bundle_view)
        for member in members:
            member.bundles.append(bundle_view)

    by_catalog: dict[str, list[ItemView]] = defaultdict(list)
    for view in views:
        by_catalog[view.record.catalog_code].append(view)
    for view in views:
        view.siblings = [other for other in by_catalog[view.record.catalog_code] if other is not view]
    paths = _paths(registry, by_ref, {bundle_view.bundle.id: bundle_view for bundle_view in bundles})

    by_department: dict[str, list[ItemView]] = defaultdict(list)
    for view in views:
        by_department[view.department.id].append(view)
    departments = [
        DepartmentView(
            department, by_department[department.id], figures_for([v.brief for v in by_department[department.id]], 1, 0)
        )
        for department in registry.departments.values()
        if by_department[department.id]
    ]

    # Topics are grouped by their address, so two spellings of one address are one topic, never two pages.
    by_topic: dict[str, list[ItemView]] = defaultdict(list)
    names: dict[str, str] = {}
    for view in views:
        seen = set()
        for topic in view.brief.topics:
            if (segment := path_segment(topic)) is not None and segment not in seen:
                seen.add(segment)
                names.setdefault(segment, topic)
                by_topic[segment].append(view)
    bundles_by_stage: dict[str, list[BundleView]] = defaultdict(list)
    for bundle_view in bundles:
        if (segment := path_segment(bundle_view.bundle.stage)) is not None:
            bundles_by_stage[segment].append(bundle_view)
    paths_by_stage: dict[str, list[PathView]] = defaultdict(list)
    for path_view in paths:
        if path_view.path.stage and (segment := path_segment(path_view.path.stage)) is not None:
            paths_by_stage[segment].append(path_view)
    topics = [
        TopicView(
            names[segment],
            segment,
            by_topic[segment],
            bundles_by_stage.get(segment, []),
            paths_by_stage.get(segment, []),
        )
        for segment in sorted(by_topic, key=lambda segment: (-len(by_topic[segment]), names[segment]))
    ]
    return SiteModel(
        site_url, views, departments, topics, bundles, compute(registry), edition or Edition(None), paths, identity
    )


def _paths(registry: Registry, items: dict[str, ItemView], bundles: dict[str, BundleView]) -> list[PathView]:
    """Life-event paths with their steps resolved; each item and bundle learns which step of which path it is."""
    found = []
    for path in registry.paths:
        steps = [
            PathStepView(
                step.name,
                step.action,
                [items[ref] for ref in step.items if ref in items],
                [bundles[bundle_id] for bundle_id in step.bundles if bundle_id in bundles],
            )
            for step in path.steps
        ]
        view = PathView(path, steps)
        found.append(view)
        for number, step in enumerate(steps, start=1):
            members: list[ItemView | BundleView] = [*step.items, *step.bundles]
            for member in members:
                if all(known is not view for known, _ in member.paths):
                    member.paths.append((view, number))
    return found
