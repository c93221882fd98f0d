"""The topics (主题) an item can carry, each on the side of the people it serves: life events for natural
persons, business themes for legal persons. Defined once here; registry.yml can add local topics.

The national lists are the 全国一体化政务服务平台's topic dictionaries (主题分类: 面向自然人 and 面向法人,
codes 005…170, 998, 999), read from a platform integration's constants (see generator/checks/sources.py,
"national-topics"). The project's own life events and business themes (出生, 开办企业, 餐饮经营…) are the
words the site's topic pages and 一件事 stages use; which side each is on is this project's decision.
"""

from __future__ import annotations

from enum import StrEnum

# 面向自然人 (NATUREPERSONTHEME), in code order; 085 is written 社会保障（社会保险、社会救助） there.
NATIONAL_PERSON_TOPICS = (
    "生育收养",
    "户籍办理",
    "民族宗教",
    "教育科研",
    "入伍服役",
    "就业创业",
    "设立变更",
    "准营准办",
    "抵押质押",
    "职业资格",
    "行政缴费",
    "婚姻登记",
    "优待抚恤",
    "规划建设",
    "住房保障",
    "社会保障",
    "证件办理",
    "交通出行",
    "旅游观光",
    "出境入境",
    "消费维权",
    "公共安全",
    "司法公证",
    "知识产权",
    "环保绿化",
    "文化体育",
    "公用事业",
    "医疗卫生",
    "离职退休",
    "死亡殡葬",
    "地方特色分类",
    "其他",
)
# 面向法人 (LEGALPERSONTHEME), in code order.
NATIONAL_BUSINESS_TOPICS = (
    "设立变更",
    "准营准办",
    "资质认证",
    "年检年审",
    "税收财务",
    "人力资源",
    "社会保障",
    "投资审批",
    "融资信贷",
    "抵押质押",
    "商务贸易",
    "招标拍卖",
    "海关口岸",
    "涉外服务",
    "农林牧渔",
    "国土和规划建设",
    "交通运输",
    "环保绿化",
    "应对气候变化",
    "水务气象",
    "医疗卫生",
    "科技创新",
    "文体教育",
    "知识产权",
    "民族宗教",
    "质量技术",
    "检验检疫",
    "安全生产",
    "公安消防",
    "司法公证",
    "公用事业",
    "法人注销",
    "档案文物",
    "地方特色分类",
    "其他",
)
# The project's life events (人生事件): what a person goes through.
LIFE_EVENTS = (
    "出生",
    "上学",
    "户籍",
    "落户",
    "身份证",
    "居住",
    "结婚生育",
    "婚姻家庭",
    "住房",
    "买房",
    "农村住房",
    "失业",
    "职业培训",
    "劳动维权",
    "个体经营",
    "驾驶证",
    "出入境",
    "退休",
    "养老服务",
    "社会救助",
    "身后事",
)
# The project's business themes (企业主题): what an organisation goes through.
BUSINESS_THEMES = (
    "企业变更",
    "企业注销",
    "工程建设",
    "房地产开发",
    "餐饮经营",
    "住宿服务",
    "生活服务",
    "金融服务",
    "社会组织",
)
# Themes of both: starting a business is also a person's step (个体工商户), taxes and employment concern both.
SHARED_THEMES = ("开办企业", "就业", "纳税", "医疗", "生态环境")


class TopicSide(StrEnum):
    PERSON = "自然人"
    BUSINESS = "法人"


def topic_sides(
    extra_person: tuple[str, ...] = (), extra_business: tuple[str, ...] = ()
) -> dict[str, frozenset[TopicSide]]:
    """Each known topic and the sides it serves; `extra_*` are the project's additions from registry.yml."""
    sides: dict[str, set[TopicSide]] = {}
    for names, side in (
        (NATIONAL_PERSON_TOPICS + LIFE_EVENTS + SHARED_THEMES + extra_person, TopicSide.PERSON),
        (NATIONAL_BUSINESS_TOPICS + BUSINESS_THEMES + SHARED_THEMES + extra_business, TopicSide.BUSINESS),
    ):
        for name in names:
            sides.setdefault(name, set()).add(side)
    return {name: frozenset(found) for name, found in sides.items()}


def topics_of(side: TopicSide, sides: dict[str, frozenset[TopicSide]] | None = None) -> list[str]:
    """The topics that serve `side` (and only it, or both), in the order above."""
    sides = sides or topic_sides()
    return [name for name, found in sides.items() if side in found]
