"""Rendering page bodies from the site model through the Jinja templates shipped in site/templates/;
a project overrides any of them with a file of the same name in its theme folder's registry/ (custom_dir)."""

from __future__ import annotations

from pathlib import Path

import jinja2
from markupsafe import Markup

from generator import wording
from generator.changes.render import KIND_TITLES
from generator.models import Necessity, OnlineDepth
from generator.models.identity import is_site_page
from generator.site.charts import Bar, bar_chart
from generator.site.identity import correction_link
from generator.site.model import SiteModel
from generator.site.pages import PageSpec
from generator.site.qr import qr_svg
from generator.site.shell import export_size_marker
from generator.site.structured import government_service
from generator.site.terms import GLOSSARY_URL, PageTerms
from generator.site.urls import relative
from generator.text import json_for_script, mail_link, plain, web_link
from generator.views import when_json

TEMPLATES = Path(__file__).parent / "templates"


def phone_link(number: str) -> Markup:
    """A phone number a phone can dial, kept on one line."""
    digits = "".join(c for c in number if c.isdigit() or c == "+")
    return Markup('<a class="gov-tel" href="tel:{}">{}</a>').format(digits, number)


def _plain(value: object) -> object:
    """What a template prints, without control characters (markup the templates made is left alone)."""
    if type(value) is str and not value.isprintable():  # isprintable: one C pass, true for almost all text
        return plain(value)
    return value


class Renderer:
    def __init__(self, overrides: Path | None, model: SiteModel):
        self.model = model
        folders = [overrides] if overrides is not None and overrides.is_dir() else []
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader([str(folder) for folder in [*folders, TEMPLATES]]),
            autoescape=True,  # text is text: whatever a department typed is shown, never interpreted
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            finalize=_plain,
        )
        self.env.filters.update(
            chinese_date=wording.chinese_date,
            percent=wording.percent,
            number=wording.number,
            days=wording.days,
            visits_text=wording.visits_text,
            promised_text=wording.promised_text,
            fee_text=wording.fee_text,
            fee_headline=wording.fee_headline,
            fee_line=wording.fee_line,
            promised_short=wording.promised_short,
            time_sentence=wording.time_sentence,
            special_procedure_parts=wording.special_procedure_parts,
            web_link=web_link,
            mail_link=mail_link,
            condition_text=wording.condition_text,
            when_json=lambda when: when_json([dict(when)] if when else []),
        )
        self.env.globals.update(
            site=model,
            FREE=wording.FREE,
            IMMEDIATE=wording.IMMEDIATE,
            Necessity=Necessity,
            OnlineDepth=OnlineDepth,
            bar_chart=bar_chart,
            Bar=Bar,
            qr_svg=qr_svg,
            kinds=KIND_TITLES,
            tel=phone_link,
            export_size=export_size_marker,
            FIGURE_TERMS=wording.FIGURE_TERMS,
            figure_value=wording.figure_value,
            figure_basis=wording.figure_basis,
            material_condition=wording.material_condition,
            material_count=wording.material_count,
            submission_text=wording.submission_text,
            situation_words=Markup(json_for_script(wording.SITUATION_WORDS)),
            CASE_PARAMETER=wording.CASE_PARAMETER,
            ALL_CASES=wording.ALL_CASES,
            TERMS=wording.TERMS,
            is_site_page=is_site_page,
            SERVICE_LINKS=wording.SERVICE_LINKS,
            CORRECTION=wording.CORRECTION,
            CORRECTION_HINT=wording.CORRECTION_HINT,
            BREADCRUMBS=wording.BREADCRUMBS,
            HOME_TITLE=wording.HOME_TITLE,
            correction_link=lambda view: correction_link(
                model.identity, view.title, view.brief.code, model.absolute(view.url)
            ),
        )

    def render(self, page: PageSpec, **extra: object) -> str:
        template = self.env.get_template(page.fragment)

        def link(target: str) -> str:
            return relative(target, page.url)

        terms = PageTerms(link(GLOSSARY_URL))
        return template.render(page=page, link=link, term=terms, **page.context, **extra)

    def structured_data(self, page: PageSpec) -> str | None:
        """JSON-LD for the page's <head>, for guides."""
        view = page.context.get("view")
        if page.kind != "guide" or view is None:
            return None
        return json_for_script(government_service(view, self.model.absolute(view.url)))
