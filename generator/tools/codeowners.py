"""`.github/CODEOWNERS` from each department's maintainers, so a pull request reaches its reviewers."""

from __future__ import annotations

from generator.models import Department

HEADER = "# 由 python -m generator codeowners 根据 items/departments.yml 生成，请勿手工修改。\n"


def codeowners(departments: list[Department], items_path: str, default_owner: str) -> str:
    lines = [
        HEADER,
        f"* {default_owner}",
        f"/{items_path}/departments.yml {default_owner}",
        f"/{items_path}/bundles.yml {default_owner}",
    ]
    for department in departments:
        owners = " ".join(department.maintainers) or default_owner
        lines.append(f"/{items_path}/{department.id}/ {owners}")
    return "\n".join(lines) + "\n"
