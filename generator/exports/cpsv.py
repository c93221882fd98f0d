"""EU CPSV-AP 3.2.0 as JSON-LD: every published item as a cpsv:PublicService, conforming to the
3.2.0 SHACL shapes.

| registry | CPSV-AP |
|---|---|
| item | cpsv:PublicService (dct:type 事项类型, dct:audience 服务对象, cv:thematicArea 主题) |
| department | cv:PublicOrganisation (cv:hasCompetentAuthority) |
| legal_basis | eli:LegalResource per law, cpsv:Rule per cited article |
| conditions + materials | one cv:Requirement supported by a cv:Evidence per material |
| fees | cv:Cost (CNY; 不收费 is a cost of 0) |
| online, windows | cv:Channel with cv:processingTime (promised limit) and opening hours |
| contact | cv:ContactPoint (咨询, 投诉) |
| result | cv:Output |
| bundle (一件事) | cv:Event, also cv:LifeEvent or cv:BusinessEvent (cv:isGroupedBy) |

The shapes require code-list values to be typed, so every concept is written as a node of its own
(`skos:Concept`, `dct:Location`, `dct:LinguisticSystem`). Services, departments and bundles are named
by their page on the site (`…#service` as in the schema.org block); everything else by
`urn:uuid:` from the same stable uuid5 as the HSDS export.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from generator import wording
from generator.exports.hsds import fee_amount, material_keys, stable_uuid
from generator.exports.jsonfile import write_json
from generator.models import Audience, Bundle, Department, Item, Material, OnlineDepth
from generator.registry.loader import ItemRecord, Registry
from generator.views import ItemView
from generator.wording import CITY, FREE, fee_line, limits_text, processing_time

LANGUAGE = "zh-CN"
CONTEXT = {
    "cpsv": "http://purl.org/vocab/cpsv#",
    "cv": "http://data.europa.eu/m8g/",
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "eli": "http://data.europa.eu/eli/ontology#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "locn": "http://www.w3.org/ns/locn#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "time": "http://www.w3.org/2006/time#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
# EU Publications Office authority tables: the shared names for Chinese and the yuan.
CHINESE = "http://publications.europa.eu/resource/authority/language/ZHO"
YUAN = "http://publications.europa.eu/resource/authority/currency/CNY"


def text(value: str) -> dict[str, str]:
    return {"@value": value, "@language": LANGUAGE}


def ref(iri: str) -> dict[str, str]:
    return {"@id": iri}


def urn(kind: str, *keys: str) -> str:
    return "urn:uuid:" + stable_uuid(kind, *keys)


class Nodes:
    """The nodes of the export by @id; a node added twice (a department, a law, a concept) is kept once."""

    def __init__(self, site_url: str | None) -> None:
        self.base = site_url.rstrip("/") + "/" if site_url else None
        self.seen: set[str] = set()
        self.fresh: list[dict[str, Any]] = []  # added since the last take()

    def add(self, node: dict[str, Any]) -> dict[str, str]:
        if node["@id"] not in self.seen:
            self.seen.add(node["@id"])
            self.fresh.append(node)
        return ref(node["@id"])

    def take(self) -> list[dict[str, Any]]:
        """The nodes added since the last call, to be written: a service's nodes are complete once
        its item is done, so the graph never needs to be held whole."""
        fresh, self.fresh = self.fresh, []
        return fresh

    def page(self, path: str, fragment: str, kind: str, key: str) -> str:
        return f"{self.base}{path}#{fragment}" if self.base else urn(kind, key)

    def service_iri(self, record: ItemRecord) -> str:
        return self.page(f"items/{record.ref}/", "service", "service", record.item.code)

    def concept(self, scheme: str, label: str) -> dict[str, str]:
        scheme_ref = self.add(
            {"@id": urn("concept-scheme", scheme), "@type": "skos:ConceptScheme", "skos:prefLabel": text(scheme)}
        )
        return self.add(
            {
                "@id": urn("concept", scheme, label),
                "@type": "skos:Concept",
                "skos:prefLabel": text(label),
                "skos:inScheme": scheme_ref,
            }
        )

    def city(self) -> dict[str, str]:
        return self.add({"@id": urn("location", CITY), "@type": "dct:Location", "locn:geographicName": text(CITY)})

    def organisation(self, department: Department) -> dict[str, str]:
        node: dict[str, Any] = {
            "@id": self.page(f"departments/{department.id}/", "organisation", "organization", department.credit_code),
            "@type": "cv:PublicOrganisation",
            "skos:prefLabel": text(department.name),
            "dct:identifier": department.credit_code,
            "dct:spatial": self.city(),
        }
        if department.short_name:
            node["skos:altLabel"] = text(department.short_name)
        if department.website:
            node["foaf:homepage"] = ref(department.website)
        return self.add(node)

    def hours(self, description: str) -> dict[str, str]:
        return self.add(
            {"@id": urn("hours", description), "@type": "time:TemporalEntity", "dct:description": text(description)}
        )

    def document(self, url: str) -> dict[str, str]:
        return self.add({"@id": url, "@type": "foaf:Document"})


def legal(graph: Nodes, item: Item) -> tuple[list[dict], list[dict]]:
    """The laws (eli:LegalResource, one per law across the registry) and the rules citing them."""
    laws, rules = [], []
    for index, basis in enumerate(item.legal_basis, start=1):
        law = graph.add(
            {"@id": urn("legal-resource", basis.law), "@type": "eli:LegalResource", "dct:title": text(basis.law)}
        )
        cited = basis.law + (basis.article or "")
        rules.append(
            graph.add(
                {
                    "@id": urn("rule", item.code, str(index)),
                    "@type": "cpsv:Rule",
                    "dct:identifier": f"{item.code}-R{index}",
                    "dct:title": text(cited),
                    "dct:description": text(basis.text or cited),
                    "cpsv:implements": law,
                }
            )
        )
        if law not in laws:
            laws.append(law)
    return laws, rules


def material_description(material: Material) -> str:
    parts = [
        material.kind.value,
        material.form.value,
        material.original.value,
        f"{material.copies} 份",
        material.necessity.value,
        f"来源：{material.source}",
    ]
    if material.shared:
        parts.append("免提交：窗口通过数据共享获取")
    if condition := wording.material_condition(material.situation, material.when):
        parts.append(f"适用情形：{condition}")
    if material.notes:
        parts.append(material.notes)
    return "；".join(parts)


def requirement(graph: Nodes, view: ItemView) -> tuple[dict, list[dict]]:
    """The 受理条件 as one requirement and each material as evidence supporting it."""
    item = view.item
    requirement_id = urn("requirement", item.code)
    evidence = []
    for index, (material, key) in enumerate(zip(item.materials, material_keys(item), strict=True), start=1):
        node: dict[str, Any] = {
            "@id": urn("evidence", key),
            "@type": "cv:Evidence",
            "dct:identifier": f"{item.code}-M{index}",
            "dct:title": text(material.name),
            "dct:description": text(material_description(material)),
            "dct:type": graph.concept("材料类型", material.kind.value),
            "cv:supportsRequirement": ref(requirement_id),
        }
        if material.template:
            node["foaf:page"] = graph.document(material.template)
        evidence.append(graph.add(node))
    conditions = item.conditions + ("（实行告知承诺制：可用书面承诺代替部分证明材料或条件）" if item.commitment else "")
    node = {
        "@id": requirement_id,
        "@type": "cv:Requirement",
        "dct:identifier": f"{item.code}-REQ",
        "dct:title": text(f"{view.title}受理条件"),
        "dct:description": text(conditions),
        "cv:hasSupportingEvidence": evidence,
    }
    return graph.add(node), evidence


def costs(graph: Nodes, item: Item) -> list[dict]:
    currency = graph.add({"@id": YUAN, "@type": "skos:Concept"})
    if not item.fees:
        return [
            graph.add(
                {
                    "@id": urn("cost", item.code, "free"),
                    "@type": "cv:Cost",
                    "dct:identifier": f"{item.code}-C0",
                    "dct:description": text(FREE),
                    "cv:hasValue": {"@value": "0", "@type": "xsd:double"},
                    "cv:currency": currency,
                }
            )
        ]
    result = []
    for index, fee in enumerate(item.fees, start=1):
        node: dict[str, Any] = {
            "@id": urn("cost", item.code, fee.name),
            "@type": "cv:Cost",
            "dct:identifier": f"{item.code}-C{index}",
            "dct:description": text(fee_line(fee)),
            "cv:currency": currency,
        }
        if (amount := fee_amount(fee)) is not None:
            node["cv:hasValue"] = {"@value": str(amount), "@type": "xsd:double"}
        result.append(graph.add(node))
    return result


def channels(graph: Nodes, view: ItemView) -> list[dict]:
    item = view.item
    limit = item.time_limit
    # ISO 8601 has no working days: the duration counts the days, the description says which kind.
    timing = limits_text(item)
    duration = {"@value": processing_time(limit.promised), "@type": "xsd:duration"}
    result = []
    if item.online.depth is not OnlineDepth.OFFLINE and item.online.url:
        result.append(
            graph.add(
                {
                    "@id": urn("channel", item.code, "online"),
                    "@type": "cv:Channel",
                    "dct:identifier": f"{item.code}-ONLINE",
                    "dct:type": graph.concept("办理渠道", "网上办理"),
                    "dct:description": text(f"网上办理（{item.online.depth}）：{item.online.url}。{timing}"),
                    "foaf:page": graph.document(item.online.url),
                    "cv:processingTime": duration,
                }
            )
        )
    for index, window in enumerate(view.windows, start=1):
        place = f"{window.place}，{window.address}" + (f"，电话 {window.phone}" if window.phone else "")
        result.append(
            graph.add(
                {
                    "@id": urn("channel", item.code, window.place, window.address),
                    "@type": "cv:Channel",
                    "dct:identifier": f"{item.code}-W{index}",
                    "dct:type": graph.concept("办理渠道", "窗口办理"),
                    "dct:description": text(f"{place}。到现场次数：{item.visits}。{timing}"),
                    "cv:openingHours": graph.hours(window.hours),
                    "cv:processingTime": duration,
                }
            )
        )
    return result


def contact_points(graph: Nodes, item: Item) -> list[dict]:
    return [
        graph.add(
            {
                "@id": urn("contact-point", item.code, role),
                "@type": "cv:ContactPoint",
                "dct:description": text(role),
                "cv:telephone": number,
            }
        )
        for role, number in (("咨询电话", item.contact.consult), ("投诉电话", item.contact.complaint))
    ]


def event(graph: Nodes, bundle: Bundle, members: list[ItemRecord]) -> dict[str, str]:
    """一件事 as a life event when every item in it serves natural persons (出生, 退休, 买房), else as a
    business event (开办企业): the bundle itself does not say which it is."""
    personal = all(Audience.PERSON in record.item.audience for record in members)
    return graph.add(
        {
            "@id": graph.page(f"bundles/{bundle.id}/", "event", "event", bundle.id),
            "@type": ["cv:Event", "cv:LifeEvent" if personal else "cv:BusinessEvent"],
            "dct:identifier": bundle.id,
            "dct:title": text(bundle.name),
            "dct:description": text(bundle.summary),
            "dct:type": graph.concept("人生阶段", bundle.stage),
            "cv:hasRelatedService": [ref(graph.service_iri(record)) for record in members],
        }
    )


def public_service(graph: Nodes, view: ItemView, related: list[str], events: list[dict]) -> None:
    item = view.item
    node: dict[str, Any] = {"@id": graph.service_iri(view.record), "@type": "cpsv:PublicService"}
    graph.add(node)
    laws, rules = legal(graph, item)
    condition, evidence = requirement(graph, view)
    properties = {
        "dct:identifier": item.code,
        "dct:title": text(view.title),
        "dct:description": text(item.summary),
        "dct:type": graph.concept("事项类型", item.type.value),
        "dct:audience": [graph.concept("服务对象", audience.value) for audience in item.audience],
        "cv:thematicArea": [graph.concept("主题", topic) for topic in item.topics],
        "dcat:keyword": [text(keyword) for keyword in item.keywords],
        "dct:spatial": graph.city(),
        "dct:language": graph.add({"@id": CHINESE, "@type": "dct:LinguisticSystem"}),
        "dct:modified": {"@value": item.updated.isoformat(), "@type": "xsd:date"},
        "cv:hasCompetentAuthority": graph.organisation(view.department),
        "cv:hasLegalResource": laws,
        "cpsv:follows": rules,
        "cv:holdsRequirement": [condition],
        "cpsv:hasInput": evidence,
        "cv:hasCost": costs(graph, item),
        "cv:processingTime": {"@value": processing_time(item.time_limit.promised), "@type": "xsd:duration"},
        "cv:hasChannel": channels(graph, view),
        "cv:contactPoint": contact_points(graph, item),
        "cv:relatedService": [ref(iri) for iri in related],
        "cv:isGroupedBy": events,
    }
    node.update({key: value for key, value in properties.items() if value != []})
    node["cpsv:produces"] = graph.add(
        {
            "@id": urn("output", item.code),
            "@type": "cv:Output",
            "dct:identifier": f"{item.code}-OUT",
            "dct:title": text(item.result.name),
            "dct:type": graph.concept("结果类型", item.result.type.value),
        }
    )


def document(registry: Registry, site_url: str | None = None) -> dict[str, Any]:
    """The JSON-LD document: one @graph (an iterator) with every published service and the nodes
    they point at."""
    return {"@context": CONTEXT, "@graph": _nodes(registry, site_url)}


def _nodes(registry: Registry, site_url: str | None) -> Iterator[dict[str, Any]]:
    graph = Nodes(site_url)
    published = {record.ref: record for record in registry.published}
    events_of: dict[str, list[dict]] = {ref_: [] for ref_ in published}
    for bundle in registry.bundles:
        members = [published[ref_] for ref_ in bundle.items if ref_ in published]
        if members:
            bundle_ref = event(graph, bundle, members)
            for record in members:
                events_of[record.ref].append(bundle_ref)
    yield from graph.take()
    for record in published.values():
        view = ItemView(record, registry.departments[record.brief.department])
        related = [graph.service_iri(published[ref_]) for ref_ in record.item.related if ref_ in published]
        public_service(graph, view, related, events_of[record.ref])
        yield from graph.take()


def write(registry: Registry, out: Path, site_url: str | None = None) -> None:
    write_json(document(registry, site_url), out)
