"""`synth`: a valid, varied synthetic registry of any size, for benchmarks and scale tests."""

from __future__ import annotations

import datetime
import random
from pathlib import Path

import yaml

from generator.models import (
    Audience,
    CrossRegion,
    ItemType,
    Level,
    MaterialForm,
    MaterialKind,
    MaterialSource,
    Necessity,
    OnlineDepth,
    Original,
)
from generator.models.topics import BUSINESS_THEMES, LIFE_EVENTS, SHARED_THEMES
from generator.registry.credit_code import complete

_Dumper: type = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # the C emitter where PyYAML has libyaml

ITEMS_PER_DEPARTMENT = 500
_SUBJECTS = [
    "食品",
    "药品",
    "医疗器械",
    "特种设备",
    "道路运输",
    "建筑工程",
    "排污",
    "危险化学品",
    "出版物",
    "网络文化",
    "旅行社",
    "娱乐场所",
    "人力资源服务",
    "民办学校",
    "养老机构",
    "殡葬",
    "燃气",
    "供水",
    "户外广告",
    "林木采伐",
    "取水",
    "渔业捕捞",
    "种子",
    "兽药",
    "饲料",
    "农药",
    "测绘",
    "文物",
    "消防",
    "烟草",
]
# Each action with its item type and its result (name after the subject, result type): a name ending in 证
# is a 证照, a 决定书 a 批文, as the quality rules require.
_ACTIONS = [
    ("经营许可", ItemType.LICENSING, "经营许可证", "证照"),
    ("登记", ItemType.CONFIRMATION, "登记证", "证照"),
    ("备案", ItemType.OTHER_POWER, "备案回执", "其他"),
    ("资格认定", ItemType.CONFIRMATION, "资格认定决定书", "批文"),
    ("补贴发放", ItemType.BENEFIT, "补贴发放结果", "其他"),
    ("证明开具", ItemType.PUBLIC_SERVICE, "证明", "其他"),
    ("信息查询", ItemType.PUBLIC_SERVICE, "信息查询结果", "其他"),
    ("年度检查", ItemType.INSPECTION, "年度检查结果", "其他"),
]
_SUBS = ["新办", "变更", "延续", "注销", "补证"]
_MATERIALS = [
    "申请书",
    "营业执照",
    "法定代表人身份证件",
    "经营场所使用证明",
    "设施设备清单",
    "专业技术人员资格证书",
    "安全管理制度",
    "平面布局图",
    "检验检测报告",
    "应急预案",
    "授权委托书",
    "承诺书",
    "工作人员健康证明",
    "项目可行性研究报告",
    "租赁合同",
    "验收报告",
]
# Topics on the side of the item's audience (generator/models/topics.py): life events for persons only,
# business themes for organisations only, either for both.
_PERSON_TOPICS = list(LIFE_EVENTS[:6] + SHARED_THEMES)
_BUSINESS_TOPICS = list(BUSINESS_THEMES[:5] + SHARED_THEMES)
_TOPICS = sorted(set(_PERSON_TOPICS + _BUSINESS_TOPICS))
_ORGANISATIONS = [a.value for a in Audience if not a.is_person]
_LAWS = [
    "《中华人民共和国行政许可法》",
    "《中华人民共和国行政处罚法》",
    "《优化营商环境条例》",
    "《中华人民共和国食品安全法》",
]


def _department(index: int) -> dict:
    return {
        "id": f"dept{index:03d}",
        "name": f"示范市第{index}部门",
        "short_name": f"第{index}部门",
        "credit_code": complete(f"11990100MB{index:05d}0X"),
        "address": f"示范市市民中心 {index} 号窗口区",
        "hours": "周一至周五 9:00—17:00",
        "phone": f"0000-8{index:07d}",
        "complaint_phone": "12345",
        "website": f"https://dept{index:03d}.shifan.gov.example/",
        "maintainers": [f"@shifan-gov/dept{index:03d}"],
    }


def _material(rng: random.Random, name: str, first: bool, tolerance_allowed: bool) -> dict:
    kind = MaterialKind.APPLICATION_FORM if first else rng.choice([MaterialKind.CERTIFICATE, MaterialKind.OTHER])
    shared = not first and rng.random() < 0.3
    necessity = Necessity.REQUIRED
    if not first and tolerance_allowed and rng.random() < 0.25:
        necessity = Necessity.TOLERANCE
    elif not first and rng.random() < 0.15:
        necessity = Necessity.OPTIONAL
    material = {
        "name": name,
        "kind": kind.value,
        "form": rng.choice(list(MaterialForm)).value,
        "copies": rng.choice([1, 1, 1, 2]),
        "original": rng.choice(list(Original)).value,
        "necessity": necessity.value,
        "source": (MaterialSource.GOVERNMENT if shared else MaterialSource.APPLICANT).value,
        "shared": shared,
    }
    if rng.random() < 0.2:
        material["situation"] = "委托他人办理的"
    return material


def synthetic_item(rng: random.Random, number: int, department: dict, catalog_code: str | None = None) -> dict:
    subject = rng.choice(_SUBJECTS)
    action, item_type, result_name, result_type = rng.choice(_ACTIONS)
    statutory = rng.choice([5, 10, 15, 20, 20, 30, 60])
    immediate = rng.random() < 0.25
    promised = 0 if immediate else rng.randint(1, statutory)
    visits = rng.choice([0, 0, 0, 1, 1, 2])
    depth = (
        OnlineDepth.FULLY_ONLINE
        if visits == 0 and rng.random() < 0.7
        else rng.choice([OnlineDepth.OFFLINE, OnlineDepth.PRE_REVIEW, OnlineDepth.ONLINE_ACCEPTANCE])
    )
    delivery = ["窗口领取", "邮寄送达"] if visits == 0 or rng.random() < 0.5 else ["窗口领取"]
    catalog_code = catalog_code or f"99{number:010d}"
    names = rng.sample(_MATERIALS[1:], rng.randint(1, 11))
    materials = [_material(rng, name, i == 0, len(names) > 2) for i, name in enumerate(["申请书"] + names)]
    first_step = min(promised, 1)
    audience = rng.choice(
        [["自然人"], rng.sample(_ORGANISATIONS, rng.randint(1, 3)), ["自然人", rng.choice(_ORGANISATIONS)]]
    )
    topics = _PERSON_TOPICS if audience == ["自然人"] else _BUSINESS_TOPICS if "自然人" not in audience else _TOPICS
    item = {
        "name": f"{subject}{action}",
        "sub_name": rng.choice(_SUBS),
        "catalog_code": catalog_code,
        "code": department["credit_code"] + Level.CITY.digit + catalog_code,
        "type": item_type.value,
        "department": department["id"],
        "level": Level.CITY.value,
        "audience": audience,
        "summary": f"从事{subject}相关活动的单位和个人办理{action}。",
        "topics": rng.sample(topics, rng.randint(1, 2)),
        "keywords": [f"{subject}{action}", f"办{subject}", f"{subject}证"],
        "legal_basis": [{"law": rng.choice(_LAWS)}],
        "conditions": f"申请人符合{subject}管理的有关规定，具备相应的场所、设备和人员。",
        "materials": materials,
        "steps": [
            {"name": "申请", "actor": "申请人", "description": "网上或窗口提交申请材料。"},
            {
                "name": "受理",
                "actor": "窗口工作人员",
                "time": "即时",
                "description": "材料齐全的当场受理，不齐全的一次性告知。",
            },
            {"name": "决定", "actor": "审批人员", "description": "作出决定并送达结果。"},
        ],
        "workflow": [
            {"name": "受理", "actor": "窗口受理人员", "time_limit": 0},
            {"name": "审查", "actor": "审查人员", "time_limit": first_step},
            {"name": "决定", "actor": "审批负责人", "time_limit": promised - first_step},
        ],
        "time_limit": {"statutory": statutory, "promised": promised, "unit": "工作日"},
        "handling": "即办件" if immediate else "承诺件",
        "visits": visits,
        "online": {"depth": depth.value, "url": f"https://zwfw.shifan.gov.example/items/{number}"},
        "delivery": delivery,
        "forms": [{"name": f"{subject}{action}申请书", "url": f"https://zwfw.shifan.gov.example/forms/{number}.docx"}],
        "fees": []
        if rng.random() < 0.8
        else [
            {
                "name": "工本费",
                "standard": "每证 10 元",
                "basis": "《行政事业性收费标准管理办法》",
                "payment": ["网上支付", "窗口缴费"],
            }
        ],
        "result": {"name": f"{subject}{result_name}", "type": result_type},
        "contact": {"consult": department["phone"], "complaint": "12345"},
        "cross_region": rng.choice(list(CrossRegion)).value,
        "commitment": rng.random() < 0.3,
        "status": "在用" if rng.random() < 0.97 else "暂停",
        "updated": datetime.date(2026, 1, 1) + datetime.timedelta(days=number % 300),
    }
    if visits:
        item["visit_reason"] = "需要现场核验原件并领取纸质证书。"
    if rng.random() < 0.2:
        item["special_procedures"] = [{"name": "现场核查", "time_limit": 5, "unit": "工作日"}]
    if result_type != "其他":
        item["result"]["sample"] = f"https://zwfw.shifan.gov.example/samples/{number}.pdf"
    if item_type is ItemType.LICENSING or rng.random() < 0.5:
        item["faq"] = [{"q": f"{subject}{action}可以网上办吗？", "a": "可以在示范市政务服务网提交申请。"}]
    return item


def write_synthetic_registry(out: Path, count: int, seed: int = 1, division: int = 0, shared: int = 0) -> None:
    """`division` > 0: one division of a synthetic province, with departments (ids and credit codes) of
    its own and catalogue codes of its own, except for its first `shared` items: those are the same
    catalogue items in every division, identical in the eight unified fields (八统一)."""
    rng = random.Random(seed)
    first = division * 100
    departments = [_department(first + i) for i in range(1, max(10, -(-count // ITEMS_PER_DEPARTMENT)) + 1)]
    out.mkdir(parents=True, exist_ok=True)
    _dump(out / "departments.yml", {"departments": departments})
    refs: list[str] = []
    for number in range(count):
        department = departments[number % len(departments)]
        if number < shared:
            item = synthetic_item(random.Random(f"catalogue-{number}"), number, department)
        elif division:
            item = synthetic_item(rng, number, department, f"9{division:03d}{number:08d}")
        else:
            item = synthetic_item(rng, number, department)
        slug = f"item-{number:06d}"
        folder = out / department["id"]
        folder.mkdir(exist_ok=True)
        _dump(folder / f"{slug}.yml", item)
        if item["status"] == "在用":
            refs.append(f"{department['id']}/{slug}")
    bundles = [
        {
            "id": f"bundle-{i:03d}",
            "name": f"第{i}件一件事",
            "lead": departments[i % len(departments)]["id"],
            "items": refs[i * 3 : i * 3 + 3],
            "stage": rng.choice(_TOPICS),
            "promised": 0,
            "visits": 0,
            "summary": "多个部门的事项一次申请、一次办好。",
            "channel": {
                "url": f"https://zwfw.example.gov.example/one-thing/bundle-{i:03d}",
                "place": "市民中心一件事综合窗口",
                "address": "示范市市民中心一楼",
                "hours": "周一至周五 9:00—12:00，13:30—17:00",
                "phone": "0000-80000000",
            },
            "steps": [
                {"name": "一次申请", "items": refs[i * 3 : i * 3 + 3], "action": "在网上填一张表，同时申请这几个事项。"}
            ],
        }
        for i in range(min(20, len(refs) // 3))
    ]
    _dump(out / "bundles.yml", {"bundles": bundles})


def _dump(path: Path, data: dict) -> None:
    path.write_text(yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False), encoding="utf-8")
