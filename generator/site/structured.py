"""schema.org GovernmentService for a guide (JSON-LD), so search engines and portals can read it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from generator.models import Audience, OnlineDepth, ResultType
from generator.wording import CITY, FREE, fee_standard, online_channel, processing_time, window_channel

if TYPE_CHECKING:
    from generator.views import ItemView


def government_service(view: ItemView, url: str) -> dict[str, Any]:
    item, department = view.item, view.department
    provider = {"@type": "GovernmentOrganization", "name": department.name, "identifier": department.credit_code}
    if department.website:
        provider["url"] = department.website
    channels: list[dict[str, Any]] = []
    if item.online.depth is not OnlineDepth.OFFLINE and item.online.url:
        channels.append(
            {
                "@type": "ServiceChannel",
                "name": online_channel(item.online.depth),
                "serviceUrl": item.online.url,
                "processingTime": processing_time(item.time_limit.promised),
                "availableLanguage": "zh-CN",
            }
        )
    for window in view.windows:
        office: dict[str, Any] = {
            "@type": "GovernmentOffice",
            "name": window.place,
            "address": {
                "@type": "PostalAddress",
                "streetAddress": window.address,
                "addressLocality": CITY,
                "addressCountry": "CN",
            },
        }
        if window.phone:
            office["telephone"] = window.phone
        channels.append(
            {
                "@type": "ServiceChannel",
                "name": window_channel(item.visits),
                "processingTime": processing_time(item.time_limit.promised),
                "serviceLocation": office,
                "servicePhone": {"@type": "ContactPoint", "telephone": item.contact.consult, "contactType": "咨询"},
            }
        )
    offers = (
        [{"@type": "Offer", "price": "0", "priceCurrency": "CNY", "description": FREE}]
        if not item.fees
        else [
            {"@type": "Offer", "name": fee.name, "description": fee_standard(fee), "priceCurrency": "CNY"}
            for fee in item.fees
        ]
    )
    audiences = [
        {"@type": "Audience" if a is Audience.PERSON else "BusinessAudience", "audienceType": str(a)}
        for a in item.audience
    ]
    service: dict[str, Any] = {
        "@type": "GovernmentService",
        "@id": url + "#service",
        "identifier": item.code,
        "name": view.title,
        "description": item.summary,
        "url": url,
        "serviceType": str(item.type),
        "provider": provider,
        "areaServed": {"@type": "AdministrativeArea", "name": CITY},
        "jurisdiction": {"@type": "AdministrativeArea", "name": CITY},
        "audience": audiences,
        "offers": offers,
        "availableChannel": channels,
    }
    if item.result.type is not ResultType.NONE:
        output_type = "GovernmentPermit" if item.result.type is ResultType.CERTIFICATE else "Thing"
        service["serviceOutput"] = {"@type": output_type, "name": item.result.name}
    return {
        "@context": "https://schema.org",
        "@type": "WebPage",
        "@id": url,
        "url": url,
        "name": view.title,
        "inLanguage": "zh-CN",
        "dateModified": item.updated.isoformat(),
        "mainEntity": service,
    }
