"""The plain way, for comparison: one generated Markdown page per guide and per checklist, kept out of
the navigation, through Material with its own search (Chinese segmented by jieba).

    write_plain_project(registry_dir, folder)   # then `mkdocs build` in folder
"""

from __future__ import annotations

from pathlib import Path

from generator import wording
from generator.checks import check_registry
from generator.site.model import build_model
from generator.views import ItemView

CONFIG = """site_name: 示范市政务服务网（Markdown 页面对照）
site_url: https://zwfw.shifan.gov.example/
docs_dir: docs
theme:
  name: material
  language: zh
  font: false
plugins:
  - search:
      lang: zh
not_in_nav: |
  /items/**
nav:
  - 首页: index.md
markdown_extensions:
  - tables
  - attr_list
"""


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def guide(view: ItemView) -> str:
    item = view.item
    lines = [
        f"# {view.title}",
        "",
        item.summary,
        "",
        f"{view.department.name} · {item.type} · {item.level}",
        "",
        "| 要点 | |",
        "|---|---|",
        f"| 承诺时限 | {wording.promised_text(item)} |",
        f"| 法定时限 | {wording.days(item.time_limit.statutory, item.time_limit.unit)} |",
        f"| 到现场次数 | {wording.visits_text(item.visits)} |",
        f"| 网上办理 | {item.online.depth} |",
        f"| 收费 | {_cell(wording.fee_text(item.fees))} |",
        "",
        "[打印材料清单](checklist/)",
        "",
        "## 受理条件",
        "",
        item.conditions,
        "",
        "## 申请材料",
        "",
        "| 序号 | 材料名称 | 份数 | 原件/复印件 | 形式 | 说明 |",
        "|---|---|---|---|---|---|",
    ]
    lines += [
        f"| {n} | {_cell(m.name)} | {m.copies} | {m.original} | {m.form} | {_cell(m.notes or '')} |"
        for n, m in enumerate(item.materials, 1)
    ]
    lines += ["", "## 办理流程", ""] + [f"{n}. {s.name}：{s.description}" for n, s in enumerate(item.steps, 1)]
    lines += ["", "## 办理地点", ""] + [f"- {w.place}，{w.address}，{w.hours}，{w.phone}" for w in view.windows]
    lines += ["", "## 办理结果", "", f"{item.result.name}（{item.result.type}）", "", "## 设定依据", ""]
    lines += [f"- {b.law}{b.article or ''}" for b in item.legal_basis]
    if item.faq:
        lines += ["", "## 常见问题", ""] + [f"**{q.q}**\n\n{q.a}\n" for q in item.faq]
    lines += ["", "## 咨询投诉", "", f"咨询电话：{item.contact.consult}，投诉电话：{item.contact.complaint}", ""]
    return "\n".join(lines)


def checklist(view: ItemView) -> str:
    lines = [f"# 材料清单：{view.title}", "", "| ☐ | 材料名称 | 份数 | 原件/复印件 |", "|---|---|---|---|"]
    lines += [f"| ☐ | {_cell(m.name)} | {m.copies} | {m.original} |" for m in view.item.materials]
    lines += ["", f"承诺时限：{wording.promised_text(view.item)}", ""]
    return "\n".join(lines)


def write_plain_project(registry_dir: Path, folder: Path) -> int:
    """The plain project for the registry at `registry_dir`; returns the number of items."""
    registry, _ = check_registry(registry_dir)
    model = build_model(registry, "https://zwfw.shifan.gov.example/")
    docs = folder / "docs"
    (docs / "items").mkdir(parents=True)
    (folder / "mkdocs.yml").write_text(CONFIG, encoding="utf-8")
    (docs / "index.md").write_text("# 办事指南\n\n按部门、按主题查找办事指南。\n", encoding="utf-8")
    for view in model.items:
        page = docs / "items" / view.ref
        (page / "checklist").mkdir(parents=True)
        (page / "index.md").write_text(guide(view), encoding="utf-8")
        (page / "checklist" / "index.md").write_text(checklist(view), encoding="utf-8")
    return len(model.items)
