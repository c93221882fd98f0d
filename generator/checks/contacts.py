"""Rule 9 of docs/domain.md: a complaint must reach someone other than the desk it is about."""

from generator.checks.base import finding, item_check, registry_check, rule
from generator.findings import Severity

SAME_PHONE = rule(
    "contact.same-phone",
    Severity.ERROR,
    "咨询电话和投诉电话不同",
    protects="投诉打到被投诉的窗口，等于没有投诉渠道",
    fix="投诉电话 (contact.complaint / complaint_phone) 填写监督投诉电话，如 12345",
    sources=("domain", "zj-quality-check"),
)


def _digits(phone: str) -> str:
    return "".join(c for c in phone if c.isdigit())


@item_check
def consult_and_complaint_differ(record, registry):
    contact = record.item.contact
    if _digits(contact.consult) == _digits(contact.complaint):
        yield finding(
            record,
            ("contact", "complaint"),
            SAME_PHONE,
            f"投诉电话 (contact.complaint) 与咨询电话 (contact.consult) 都是 {contact.consult}："
            "投诉要由另一个部门受理，请填写监督投诉电话（如 12345）",
        )


@registry_check
def department_phones_differ(registry):
    source = registry.departments_source
    for department in registry.departments.values():
        if _digits(department.phone) == _digits(department.complaint_phone):
            yield source.at(
                ("departments", registry.department_index[department.id], "complaint_phone"),
                SAME_PHONE.code,
                SAME_PHONE.severity,
                f"{department.name}的投诉电话 (complaint_phone) 与咨询电话 (phone) 相同：请填写监督投诉电话（如 12345）",
            )
