"""Open Referral HSDS 3.0: every published item as a fully nested service (schema/compiled/service.json).

The file is one page of the HSDS API's `/services` listing (`total_items` … `contents`), so a
consumer of an HSDS feed can read it as it reads a live API; each entry of `contents` is a
complete service, with its organization, locations, phones, schedules, documents and costs.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from generator import wording
from generator.exports.jsonfile import write_json
from generator.models import Department, Fee, Item, Material, Window
from generator.registry.loader import Registry
from generator.views import ItemView
from generator.wording import CITY, fee_standard, fee_text, limits_text

# Fixed for good: every id in the exports is uuid5(NAMESPACE, kind/key…), so ids survive rebuilds.
NAMESPACE = uuid.UUID("fbae9acb-acd4-4aec-b150-aafd7f135ce3")
TIMEZONE = "+08:00"
UTC_OFFSET = 8
CURRENCY = "CNY"
# org-id.guide's scheme for the 统一社会信用代码.
CREDIT_CODE_SCHEME = "CN-USCC"

WEEKDAYS = {"一": "MO", "二": "TU", "三": "WE", "四": "TH", "五": "FR", "六": "SA", "日": "SU", "天": "SU"}
ORDER = list(dict.fromkeys(WEEKDAYS.values()))
DAYS = re.compile(r"^(周[一二三四五六日天](?:(?:至|到|、|和)周[一二三四五六日天])*)\s*(上午|下午)?\s*")
TIME_RANGE = re.compile(r"(\d{1,2}):(\d{2})\s*(?:—|–|－|-|~|～|至|到)+\s*(\d{1,2}):(\d{2})")
NOTE = re.compile(r"[（(]([^）)]*)[）)]")
YUAN = re.compile(r"(\d+(?:\.\d+)?)\s*元")


def stable_uuid(kind: str, *keys: str) -> str:
    """The same record always gets the same id: uuid5 over its kind and natural keys (codes, names).
    RFC 4122 section 4.3 written out: the uuid module's objects cost more than the hash at city scale."""
    digest = bytearray(hashlib.sha1(NAMESPACE.bytes + "/".join((kind, *keys)).encode()).digest()[:16])
    digest[6] = (digest[6] & 0x0F) | 0x50  # version 5
    digest[8] = (digest[8] & 0x3F) | 0x80  # RFC 4122 variant
    text = digest.hex()
    return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"


def fee_amount(fee: Fee) -> float | None:
    """The amount in 元 when the standard states exactly one (每证 20 元); None when it varies."""
    amounts = YUAN.findall(fee.standard)
    return float(amounts[0]) if len(amounts) == 1 else None


def weekdays(text: str) -> list[str]:
    """周一至周五 → MO…FR; 周六、周日 → SA, SU."""
    days_found: list[str] = []
    for part in re.split(r"、|和", text):
        ends = [WEEKDAYS[char] for char in re.findall(r"周([一二三四五六日天])", part)]
        if len(ends) == 2 and re.search("至|到", part):
            first, last = ORDER.index(ends[0]), ORDER.index(ends[1])
            days_found += ORDER[first : last + 1]
        else:
            days_found += ends
    return list(dict.fromkeys(days_found))


def parse_hours(text: str) -> list[tuple[list[str], str, str, str | None]]:
    """Opening hours as (weekdays, opens, closes, note) per time range; segments that do not read as
    "周X至周Y H:MM—H:MM，…" are left out (the full text goes into the description)."""
    parsed = []
    for segment in re.split(r"[；;]", text):
        segment = segment.strip()
        match = DAYS.match(segment)
        if not match:
            continue
        rest = segment[match.end() :]
        note = NOTE.search(rest)
        byday = weekdays(match.group(1))
        for h1, m1, h2, m2 in TIME_RANGE.findall(NOTE.sub("", rest)):
            parsed.append((byday, f"{int(h1):02d}:{m1}", f"{int(h2):02d}:{m2}", note.group(1) if note else None))
    return parsed


def schedules(hours: str, owner_id: str, **links: str) -> list[dict[str, Any]]:
    ranges = parse_hours(hours)
    if not ranges:
        return [{"id": stable_uuid("schedule", owner_id, "text"), **links, "description": hours}]
    result = []
    for index, (byday, opens, closes, note) in enumerate(ranges):
        schedule = {
            "id": stable_uuid("schedule", owner_id, str(index)),
            **links,
            "freq": "WEEKLY",
            "byday": ",".join(byday),
            "opens_at": opens + TIMEZONE,
            "closes_at": closes + TIMEZONE,
            "timezone": UTC_OFFSET,
            "description": hours,
        }
        if note:
            schedule["notes"] = note
        result.append(schedule)
    return result


def phone(number: str, owner: str, description: str, **links: str) -> dict[str, Any]:
    phone_id = stable_uuid("phone", owner, number, description)
    return {"id": phone_id, **links, "number": number, "type": "voice", "description": description}


def organization(department: Department) -> dict[str, Any]:
    org_id = stable_uuid("organization", department.credit_code)
    result: dict[str, Any] = {
        "id": org_id,
        "name": department.name,
        "description": f"{department.name}，办公地址：{department.address}，办公时间：{department.hours}。",
        "phones": [
            phone(department.phone, org_id, "咨询电话", organization_id=org_id),
            phone(department.complaint_phone, org_id, "投诉电话", organization_id=org_id),
        ],
        "organization_identifiers": [
            {
                "id": stable_uuid("organization-identifier", department.credit_code),
                "organization_id": org_id,
                "identifier_scheme": CREDIT_CODE_SCHEME,
                "identifier_type": "统一社会信用代码",
                "identifier": department.credit_code,
            }
        ],
    }
    if department.short_name:
        result["alternate_name"] = department.short_name
    if department.website:
        result["website"] = department.website
    return result


def service_at_location(window: Window, service_id: str, org_id: str, item: Item) -> dict[str, Any]:
    # HSDS addresses require a postal code and a province, which the registry does not hold: the
    # address stays text in the location's description rather than being padded with guesses.
    location_id = stable_uuid("location", window.place, window.address)
    link_id = stable_uuid("service-at-location", item.code, location_id)
    location = {
        "id": location_id,
        "location_type": "physical",
        "organization_id": org_id,
        "name": window.place,
        "description": f"{window.address}（{CITY}）",
    }
    result: dict[str, Any] = {
        "id": link_id,
        "service_id": service_id,
        "location_id": location_id,
        "description": f"{window.place}，{window.address}",
        "schedules": schedules(window.hours, link_id, service_at_location_id=link_id),
        "location": location,
    }
    if window.phone:
        result["phones"] = [phone(window.phone, link_id, "窗口电话", service_at_location_id=link_id)]
    return result


def required_document(material: Material, service_id: str, key: str) -> dict[str, Any]:
    details = [material.original.value, f"{material.copies} 份", material.form.value, material.necessity.value]
    if condition := wording.material_condition(material.situation, material.when):
        details.append(f"适用情形：{condition}")
    if material.notes:
        details.append(material.notes)
    document: dict[str, Any] = {
        "id": stable_uuid("required-document", key),
        "service_id": service_id,
        "document": f"{material.name}（{'；'.join(details)}）",
    }
    if material.template:
        document["uri"] = material.template
    return document


def material_keys(item: Item) -> list[str]:
    """A key per material from its name and situation; a repeated name gets #2, #3 so ids stay unique."""
    seen: dict[str, int] = {}
    keys = []
    for material in item.materials:
        base = f"{item.code}/{material.name}/{material.situation or ''}"
        seen[base] = seen.get(base, 0) + 1
        keys.append(base if seen[base] == 1 else f"{base}#{seen[base]}")
    return keys


def cost_option(fee: Fee, service_id: str, code: str) -> dict[str, Any]:
    option: dict[str, Any] = {
        "id": stable_uuid("cost-option", code, fee.name),
        "service_id": service_id,
        "option": fee.name,
        "currency": CURRENCY,
        "amount_description": fee_standard(fee),
    }
    if (amount := fee_amount(fee)) is not None:
        option["amount"] = amount
    return option


def application_process(item: Item) -> str:
    steps = [f"{number}. {step.name}：{step.description}" for number, step in enumerate(item.steps, start=1)]
    steps.append(f"{limits_text(item)}。")
    if item.online.url:
        steps.append(f"网上办理（{item.online.depth}）：{item.online.url}")
    return "\n".join(steps)


def service(view: ItemView, site_url: str | None = None) -> dict[str, Any]:
    item, department = view.item, view.department
    service_id = stable_uuid("service", item.code)
    org = organization(department)
    result: dict[str, Any] = {
        "id": service_id,
        "organization_id": org["id"],
        "name": view.title,
        "description": item.summary,
        "status": "active",
        "application_process": application_process(item),
        "fees_description": fee_text(item.fees),
        "eligibility_description": item.conditions,
        "assured_date": item.updated.isoformat(),
        "last_modified": f"{item.updated.isoformat()}T00:00:00{TIMEZONE}",
        "organization": org,
        "phones": [
            phone(item.contact.consult, service_id, "咨询电话", service_id=service_id),
            phone(item.contact.complaint, service_id, "投诉电话", service_id=service_id),
        ],
        "service_at_locations": [service_at_location(window, service_id, org["id"], item) for window in view.windows],
        "service_areas": [
            {
                "id": stable_uuid("service-area", item.code),
                "service_id": service_id,
                "name": CITY,
                "description": f"通办范围：{item.cross_region}",
            }
        ],
        "required_documents": [
            required_document(material, service_id, key)
            for material, key in zip(item.materials, material_keys(item), strict=True)
            if not material.shared  # 免提交: the office fetches it itself, the applicant brings nothing
        ],
        "cost_options": [cost_option(fee, service_id, item.code) for fee in item.fees],
    }
    if item.sub_name:
        result["alternate_name"] = item.name
    if site_url:
        result["url"] = site_url.rstrip("/") + "/" + view.url
    return result


def services(registry: Registry, site_url: str | None = None) -> list[dict[str, Any]]:
    """Every published item as an HSDS service, in registry order."""
    return list(_services(registry, site_url))


def _services(registry: Registry, site_url: str | None) -> Iterator[dict[str, Any]]:
    for record in registry.published:
        yield service(ItemView(record, registry.departments[record.brief.department]), site_url)


def page(registry: Registry, site_url: str | None = None) -> dict[str, Any]:
    """The services as the single page of an HSDS API `/services` response (contents: an iterator)."""
    count = len(registry.published)
    return {
        "total_items": count,
        "total_pages": 1,
        "page_number": 1,
        "size": count,
        "first_page": True,
        "last_page": True,
        "empty": not count,
        "contents": _services(registry, site_url),
    }


def write(registry: Registry, out: Path, site_url: str | None = None) -> None:
    write_json(page(registry, site_url), out)
