"""Departments (实施主体) and their file, items/departments.yml."""

from __future__ import annotations

from generator.models.base import HttpLink, Identifier, Maintainer, Phone, RegistryModel, ShortText, field


class ServiceLinks(RegistryModel):
    """A department's or an item's own online services, each shown on its pages only when given."""

    booking: HttpLink | None = field("在线预约", "预约到窗口办理的网址（http/https）。", None)
    progress: HttpLink | None = field("办件进度查询", "申请人查询办件进度的网址（http/https）。", None)
    rating: HttpLink | None = field("好差评", "政务服务“好差评”评价本事项服务的网址（http/https）。", None)

    def over(self, fallback: ServiceLinks | None) -> ServiceLinks:
        """These links, each one not given taken from `fallback` (an item's over its department's)."""
        if fallback is None:
            return self
        return ServiceLinks(
            booking=self.booking or fallback.booking,
            progress=self.progress or fallback.progress,
            rating=self.rating or fallback.rating,
        )


class Department(RegistryModel):
    id: Identifier = field("部门编号", "小写字母、数字和连字符，也是事项文件夹的名称，如 scjgj。")
    name: ShortText = field("部门名称", "部门全称，如“示范市市场监督管理局”。")
    short_name: ShortText | None = field("部门简称", "页面上使用的简称，如“市场监管局”。", None)
    area: ShortText | None = field(
        "服务区域",
        "只服务本市一部分时填写，如“东区”；不填即全市。同一事项市、区都能办时，页面据此说明各自服务哪里。",
        None,
    )
    credit_code: ShortText = field("统一社会信用代码", "18 位，最后一位是校验码（GB 32100）。")
    address: ShortText = field("办公地址", "部门办事大厅的地址。")
    hours: ShortText = field("办公时间", "窗口的办公时间。")
    phone: Phone = field("咨询电话", "部门咨询电话。")
    complaint_phone: Phone = field("投诉电话", "部门投诉电话。")
    website: HttpLink | None = field("网站", "部门网站（http/https）。", None)
    links: ServiceLinks | None = field(
        "网上服务", "本部门的在线预约、办件进度查询和好差评网址；事项可以写自己的，没写的用部门的。", None
    )
    maintainers: list[Maintainer] = field(
        "维护人", "审核本部门事项修改的 GitHub 账号或团队，如 @shifan/scjgj。", [], min_length=0
    )

    @property
    def display_name(self) -> str:
        return self.short_name or self.name


class DepartmentsFile(RegistryModel):
    departments: list[Department] = field("部门", "实施部门列表。", min_length=1)
