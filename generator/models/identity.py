"""The site's identity as a Chinese government site shows it in its footer (《政府网站发展指引》, 国办发
〔2017〕47号): who runs it (主办单位, 承办单位), its 网站标识码, its ICP 备案号 and 公安机关备案号 linked to the
registries where they can be checked, 联系我们, and where a reader reports an error on a page (纠错).
Written in mkdocs.yml under `extra.gov`; the registry's own links (在线预约, 办件进度查询, 好差评) are
`ServiceLinks` on departments and items."""

from __future__ import annotations

import re
from typing import Annotated, Any
from urllib.parse import quote

from pydantic import AfterValidator, ConfigDict, StringConstraints

from generator.models.base import RegistryModel, ShortText, field
from generator.text import mail_link, web_link

ICP_REGISTRY = "https://beian.miit.gov.cn/"
# The national police record registry finds a site by the 14-digit number of its 公网安备 record.
POLICE_REGISTRY = "https://beian.mps.gov.cn/#/query/webSearch"
# A page of this site, as its address below the site's root: contact/, about/contact/
_SITE_PAGE = re.compile(r"^[a-z0-9][a-z0-9_-]*(/[a-z0-9][a-z0-9_-]*)*/$")


def _http(value: str) -> str:
    # The same check as at output (web_link): http(s) with a host, no space, quote or angle bracket.
    if not value.startswith(("https://", "http://")) or web_link(value) is None:
        raise ValueError("http_link")
    return value


def _mail_or_http(value: str) -> str:
    if mail_link(value) is not None:
        return value
    try:
        return _http(value)
    except ValueError:
        raise ValueError("mail_or_http") from None


def _page_mail_or_http(value: str) -> str:
    if _SITE_PAGE.match(value):
        return value
    try:
        return _mail_or_http(value)
    except ValueError:
        raise ValueError("page_mail_or_http") from None


MailOrHttp = Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000), AfterValidator(_mail_or_http)]
Http = Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000), AfterValidator(_http)]
PageMailOrHttp = Annotated[
    str, StringConstraints(strip_whitespace=True, max_length=2000), AfterValidator(_page_mail_or_http)
]
SiteCode = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^[A-Za-z0-9]{10}$")]


def is_site_page(address: str) -> bool:
    """Whether a 联系我们 address is a page of this site (linked relative to each page) or an address."""
    return bool(_SITE_PAGE.match(address))


class SiteIdentity(RegistryModel):
    sponsor: ShortText = field("主办单位", "网站的主办单位，如“示范市人民政府办公室”。")
    organiser: ShortText | None = field("承办单位", "承担网站日常运行的单位，如“示范市大数据中心”。", None)
    site_code: SiteCode | None = field(
        "网站标识码", "政府网站普查时分配的 10 位网站标识码，如 0000000001（字母或数字）。", None
    )
    icp: ShortText | None = field("ICP 备案号", "工业和信息化部 ICP 备案号，如“示ICP备00000000号”。", None)
    icp_url: Http = field(
        "ICP 备案查询地址", "ICP 备案号链接到的查询网址；不填为工业和信息化部备案系统。", ICP_REGISTRY
    )
    police_record: ShortText | None = field(
        "公网安备号", "公安机关互联网站备案号，如“示公网安备 00000000000001号”。", None
    )
    police_record_url: Http | None = field(
        "公网安备查询地址",
        "公网安备号链接到的查询网址；不填时按备案号中的 14 位数字生成全国互联网安全管理服务平台的查询地址。",
        None,
    )
    contact: PageMailOrHttp | None = field(
        "联系我们",
        "“联系我们”链接到的地方：本站的页面（相对于网站根目录，如 contact/）、http(s) 网址，或 mailto: 电子邮箱。",
        None,
    )
    feedback: MailOrHttp | None = field(
        "纠错地址",
        "每篇办事指南的“纠错”链接到的地方：http(s) 网址（链接时附上 code=实施编码、url=页面地址，有网站标识码时还有 "
        "site_code）或 mailto: 电子邮箱（邮件主题写明事项名称和实施编码）。不填则不显示纠错链接。",
        None,
    )

    @property
    def police_record_link(self) -> str | None:
        """Where the 公网安备 number links: the configured address, or the national registry's search."""
        if self.police_record is None:
            return None
        if self.police_record_url is not None:
            return self.police_record_url
        digits = re.search(r"\d{14}", self.police_record)
        return f"{POLICE_REGISTRY}?code={quote(digits.group(), safe='')}" if digits else POLICE_REGISTRY


class _ExtraSettings(RegistryModel):
    """mkdocs.yml's `extra`: the theme's other settings are the theme's business."""

    model_config = ConfigDict(extra="allow", frozen=True, str_strip_whitespace=True)
    gov: SiteIdentity | None = field("网站标识", "主办单位、备案号、联系我们和纠错地址，显示在每页底部。", None)


class ProjectSettings(RegistryModel):
    """The part of mkdocs.yml this model reads: validated as a whole, so messages name `extra.gov.…`."""

    model_config = ConfigDict(extra="allow", frozen=True, str_strip_whitespace=True)
    extra: _ExtraSettings | None = field("其他设置", "mkdocs.yml 的 extra。", None)


def identity_of(settings: dict[str, Any]) -> SiteIdentity | None:
    """The identity in a validated mkdocs.yml mapping (ValidationError when it is wrong)."""
    parsed = ProjectSettings.model_validate({"extra": settings.get("extra")})
    return parsed.extra.gov if parsed.extra is not None else None
