"""The site's identity (mkdocs.yml `extra.gov`, `generator.models.identity`): read and checked the same way
by `python -m generator build` and the MkDocs plugin, a mistake reported at its line in mkdocs.yml; handed to
the theme (its footer, skip link and 404 page) as `extra.gov_theme`, every address checked again at output;
and each guide's 纠错 link, which carries the item's 实施编码."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode, urlsplit, urlunsplit

import yaml
from pydantic import ValidationError

from generator import wording
from generator.findings import Finding, Severity
from generator.findings.reporters import finding_line
from generator.models.identity import ProjectSettings, SiteIdentity, identity_of, is_site_page
from generator.registry.labels import key_path
from generator.registry.validation import describe_error
from generator.text import json_for_script, mail_link, web_link

THEME_KEY = "gov_theme"  # extra.gov_theme: what the theme's overrides print
# The site's root as the theme prints it unescaped (Zensical's escaping writes "/" as "&#x2f;").
_ROOT = re.compile(r"^/(?:[A-Za-z0-9._~-]+/)*$")


class IdentityError(Exception):
    """`extra.gov` in mkdocs.yml is wrong: the message has a line per mistake, at its place in the file."""


def load_identity(config_file: Path, settings: Mapping[str, Any]) -> SiteIdentity | None:
    """The identity in `settings` (mkdocs.yml as read), or None when the project sets none."""
    try:
        return identity_of(dict(settings))
    except ValidationError as error:
        places = _places(config_file)
        lines = []
        for problem in error.errors(include_url=False):
            loc = tuple(problem["loc"])
            code, message = describe_error(ProjectSettings, dict(problem))
            line = places.get(loc) or places.get(loc[:-1]) or places.get(loc[:1]) or 1
            lines.append(finding_line(Finding(str(config_file), line, 1, code, Severity.ERROR, key_path(loc), message)))
        raise IdentityError("\n".join(lines)) from None


def _places(config_file: Path) -> dict[tuple, int]:
    """The line of every key under `extra` in mkdocs.yml; nothing when the file cannot be read."""
    try:
        root = yaml.compose(config_file.read_text(encoding="utf-8"), Loader=yaml.SafeLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}
    places: dict[tuple, int] = {}

    def walk(node: yaml.Node, path: tuple) -> None:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                here = (*path, key.value)
                places[here] = key.start_mark.line + 1
                walk(value, here)

    if isinstance(root, yaml.MappingNode):
        for key, value in root.value:
            if key.value == "extra":
                places[("extra",)] = key.start_mark.line + 1
                walk(value, ("extra",))
    return places


def theme_values(identity: SiteIdentity | None, site_url: str) -> dict[str, Any]:
    """What the theme's overrides print: the identity's texts and checked addresses, the words of the
    skip link, the footer and the 404 page, and the site's root as a path (the 404 page is served at
    any address, so its links start from the root, the same whichever engine writes it)."""
    root = urlsplit(site_url).path
    values: dict[str, Any] = {
        "words": dict(wording.THEME_WORDS),
        "script_words": json_for_script(wording.SCRIPT_WORDS),
        "root": root if _ROOT.match(root) else "/",
    }
    if identity is None:
        return values
    contact = identity.contact
    values.update(
        sponsor=identity.sponsor,
        organiser=identity.organiser,
        site_code=identity.site_code,
        icp=identity.icp,
        icp_url=web_link(identity.icp_url),
        police_record=identity.police_record,
        police_record_url=web_link(identity.police_record_link),
        contact=contact if contact is None or is_site_page(contact) else (web_link(contact) or mail_link(contact)),
        contact_page=bool(contact and is_site_page(contact)),
    )
    return values


def correction_link(identity: SiteIdentity | None, name: str, code: str, page_url: str) -> str | None:
    """The 纠错 link of a guide: to the configured address with the item's 实施编码 and the page's address
    (in the query, or in a mail's subject and body); None when no address is configured."""
    if identity is None or identity.feedback is None:
        return None
    if mail_link(identity.feedback):
        subject = wording.correction_subject(name, code)
        body = wording.correction_body(page_url)
        return f"{identity.feedback}?subject={quote(subject)}&body={quote(body)}"
    address = web_link(identity.feedback)
    if address is None:
        return None
    parts = urlsplit(address)
    fields = {"code": code, "url": page_url}
    if identity.site_code:
        fields["site_code"] = identity.site_code
    query = "&".join(part for part in (parts.query, urlencode(fields)) if part)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, query, parts.fragment))
