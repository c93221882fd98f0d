"""Every citizen-facing phrase, written once: days and limits, visits, fees, channels, percentages,
dates and numbers, the Chinese way. Pages, structured data, exports, the finder and bulletins all
word things through here, so a guide and its JSON-LD can never say two different things."""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from generator.models import Fee, Item, OnlineDepth, TimeLimit, TimeUnit
from generator.models.brief import ItemBrief, TimeLimitBrief

# The area the site serves: schema.org areaServed, HSDS and CPSV-AP locations.
CITY = "示范市"
FREE = "不收费"
IMMEDIATE = "即办"
NO_STATUTORY_LIMIT = "法律未规定"


def chinese_date(value: datetime.date) -> str:
    """2026-10-15 → 2026年10月15日."""
    return f"{value.year}年{value.month}月{value.day}日"


def percent(fraction: float | None, digits: int = 1, missing: str = "—") -> str:
    """0.7142 → 71.4%; no base → `missing`."""
    return missing if fraction is None else f"{fraction * 100:.{digits}f}%"


def number(value: int) -> str:
    """20000 → 20,000 (grouping as on Chinese government statistics pages)."""
    return f"{value:,}"


def days(value: float | None, unit: TimeUnit | str = TimeUnit.WORKING_DAYS, *, spaced: bool = False) -> str:
    """5个工作日; `spaced` (5 个工作日) where the number stands among other words, as in messages."""
    if value is None:
        return NO_STATUTORY_LIMIT
    shown = int(value) if float(value).is_integer() else value
    return f"{shown} 个{unit}" if spaced else f"{shown}个{unit}"


def promised_text(item: Item | ItemBrief) -> str:
    limit = item.time_limit
    return f"{IMMEDIATE}（当场办结）" if limit.promised == 0 else days(limit.promised, limit.unit)


def promised_short(limit: TimeLimit | TimeLimitBrief) -> str:
    """The promised limit in a table cell: 即办 or 5个工作日."""
    return IMMEDIATE if limit.promised == 0 else days(limit.promised, limit.unit)


def special_procedure_parts(item: Item | ItemBrief) -> list[str]:
    """需要现场核查的，另加不超过 5 个工作日: one part per 特别程序, whose time the limits leave out."""
    return [
        f"需要{procedure.name}的，另加不超过 {days(procedure.time_limit, procedure.unit, spaced=True)}"
        for procedure in item.special_procedures
    ]


def time_sentence(item: Item | ItemBrief) -> str:
    """How long it takes, in one sentence with the 特别程序 the promised limit does not count:
    一般 5 个工作日办好；需要现场核查的，另加不超过 5 个工作日."""
    limit = item.time_limit
    usual = "材料齐全的当场办好" if limit.promised == 0 else f"一般 {days(limit.promised, limit.unit, spaced=True)}办好"
    return "；".join([usual, *special_procedure_parts(item)])


def limits_text(item: Item | ItemBrief) -> str:
    """承诺时限：5个工作日；法定时限：20个工作日."""
    limit = item.time_limit
    return f"承诺时限：{promised_text(item)}；法定时限：{days(limit.statutory, limit.unit)}"


def visits_text(visits: int) -> str:
    if visits == 0:
        return "零跑腿"
    if visits == 1:
        return "最多跑一次"
    return f"跑{visits}次"


def visits_group(visits: int) -> str:
    """The three groups of the visits chart: 零跑腿, 跑一次, 跑两次及以上. Not 最多跑一次 for the middle
    one: 最多跑一次 counts visits ≤ 1, the first two groups together (FIGURE_TERMS)."""
    return ("零跑腿", "跑一次")[visits] if visits < 2 else "跑两次及以上"


def online_channel(depth: OnlineDepth) -> str:
    return f"网上办理（{depth}）"


def window_channel(visits: int) -> str:
    return f"窗口办理（{visits_text(visits)}）"


def cut(item: Item | ItemBrief) -> tuple[int | None, float | None]:
    """(days cut, fraction cut) from statutory to promised; None without a statutory limit."""
    limit = item.time_limit
    if limit.statutory is None:
        return None, None
    saved = limit.statutory - limit.promised
    return saved, (saved / limit.statutory if limit.statutory else None)


def fee_headline(fees: Sequence[Fee]) -> str:
    return "收费" if fees else FREE


def fee_text(fees: Sequence[Fee]) -> str:
    """不收费, or each fee with its standard: 工本费：每证 20 元；…"""
    if not fees:
        return FREE
    return "；".join(f"{fee.name}：{fee.standard}" for fee in fees)


def fee_line(fee: Fee) -> str:
    """One fee in full: 工本费：每证 20 元（依据：…）。缴费方式：…"""
    payment = f"。缴费方式：{'、'.join(fee.payment)}" if fee.payment else ""
    return f"{fee.name}：{fee_standard(fee)}{payment}"


def fee_standard(fee: Fee) -> str:
    return f"{fee.standard}（依据：{fee.basis}）"


def file_size(size: int) -> str:
    """Bytes as a download size: 812.4 KB, 12.3 MB."""
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / 1024 / 1024:.1f} MB"


def processing_time(days: int) -> str:
    """ISO 8601 duration; working days are written as days (schema.org has no working-day unit)."""
    return f"P{days}D"


# The figures (generator.stats.figures): one label and one meaning per name, and the base each is
# counted over, worded with its numbers by `figure_basis`. The figures page, the home page, bulletins,
# `stats --json` and the terminal table all say them with these words.
@dataclass(frozen=True)
class FigureTerm:
    label: str
    unit: str  # 项, 个, 件, 份, 个工作日, 个自然日, or % for a share
    means: str  # what it counts
    basis: str  # over what, with the numbers: formatted with `figure_basis`


_OVER_ITEMS = "共 {items} 项在用事项"
_TIMED = "{timed_items} 个按工作日计、有法定时限的事项"
_CALENDAR = "{calendar_timed_items} 个按自然日计、有法定时限的事项"
_TOLERANT = "{tolerance_items} 个允许容缺受理的事项"

FIGURE_TERMS: dict[str, FigureTerm] = {
    "items": FigureTerm("在用事项", "项", "事项登记册中状态为“在用”、在本站公开办事指南的事项", "不含暂停和取消的事项"),
    "departments": FigureTerm("实施部门", "个", "至少有一个在用事项的实施部门", "按在用事项的实施主体计"),
    "bundles": FigureTerm(
        "一件事", "件", "“一件事一次办”：几个部门的事项合成一件事，一次申请、一次办好", "登记册中的全部一件事"
    ),
    "materials": FigureTerm(
        "申请材料", "份", "在用事项要求的申请材料，逐个事项计：几个事项都要的同一份材料计几次", "{items} 项在用事项"
    ),
    "immediate_items": FigureTerm("即办件", "项", "承诺时限为 0、材料齐全当场办结的事项", _OVER_ITEMS),
    "immediate_rate": FigureTerm("即办件占比", "%", "即办件占在用事项的比例", "{immediate_items} 项，" + _OVER_ITEMS),
    "zero_visit_items": FigureTerm("零跑腿", "项", "不用到现场（到现场次数为 0）就能办的事项", _OVER_ITEMS),
    "zero_visit_rate": FigureTerm(
        "零跑腿占比", "%", "零跑腿事项占在用事项的比例", "{zero_visit_items} 项，" + _OVER_ITEMS
    ),
    "at_most_one_visit_items": FigureTerm(
        "最多跑一次",
        "项",
        "到现场次数不超过 1 次的事项，含零跑腿的事项",
        "零跑腿 {zero_visit_items} 项、跑一次 {one_visit_items} 项，" + _OVER_ITEMS,
    ),
    "at_most_one_visit_rate": FigureTerm(
        "最多跑一次占比",
        "%",
        "最多跑一次（到现场不超过 1 次，含零跑腿）的事项占在用事项的比例",
        "{at_most_one_visit_items} 项，" + _OVER_ITEMS,
    ),
    "fully_online_items": FigureTerm("全程网办", "项", "从申请到取得结果都能在网上办完的事项", _OVER_ITEMS),
    "fully_online_rate": FigureTerm(
        "全程网办占比", "%", "全程网办事项占在用事项的比例", "{fully_online_items} 项，" + _OVER_ITEMS
    ),
    "timed_items": FigureTerm(
        "计入时限压减的事项",
        "项",
        "按工作日计、有法定时限的在用事项：时限压减比例只计这些事项",
        _OVER_ITEMS + "；按自然日计的 {calendar_timed_items} 项另计，没有法定时限的 {untimed_items} 项不计",
    ),
    "statutory_days_total": FigureTerm("法定时限合计", "个工作日", "法律法规规定的办理时限之和", _TIMED),
    "promised_days_total": FigureTerm("承诺时限合计", "个工作日", "向社会承诺的办理时限之和，即办件计 0 天", _TIMED),
    "time_compression": FigureTerm(
        "时限压减比例",
        "%",
        "承诺时限比法定时限缩短的比例：1 − 承诺时限合计 ÷ 法定时限合计",
        _TIMED
        + "，"
        + _OVER_ITEMS
        + "；按自然日计的 {calendar_timed_items} 项另计，没有法定时限的 {untimed_items} 项不计",
    ),
    "calendar_timed_items": FigureTerm(
        "按自然日计的事项",
        "项",
        "按自然日计、有法定时限的在用事项：它们的时限单独计算，不与工作日相加",
        _OVER_ITEMS,
    ),
    "calendar_statutory_days_total": FigureTerm(
        "法定时限合计（自然日）", "个自然日", "按自然日计的法定时限之和", _CALENDAR
    ),
    "calendar_promised_days_total": FigureTerm(
        "承诺时限合计（自然日）", "个自然日", "按自然日计的承诺时限之和，即办件计 0 天", _CALENDAR
    ),
    "calendar_time_compression": FigureTerm(
        "时限压减比例（自然日）", "%", "按自然日计的事项：1 − 承诺时限合计 ÷ 法定时限合计", _CALENDAR
    ),
    "tolerance_items": FigureTerm(
        "允许容缺受理的事项", "项", "有容缺后补材料的在用事项：缺少次要材料也可以先受理", _OVER_ITEMS
    ),
    "tolerance_item_materials": FigureTerm(
        "容缺事项的申请材料", "份", "允许容缺受理的事项要求的全部申请材料", _TOLERANT
    ),
    "tolerance_materials": FigureTerm("容缺后补材料", "份", "可以先受理、后补交的次要材料", _TOLERANT + "中"),
    "tolerance_material_ratio": FigureTerm(
        "容缺材料占比",
        "%",
        "容缺后补材料占允许容缺受理的事项全部申请材料的比例",
        "{tolerance_materials} 份，共 {tolerance_item_materials} 份（" + _TOLERANT + "的申请材料）",
    ),
}

NO_BASE = "无法计算"


def figure_number(name: str, values: Mapping[str, int | float | None]) -> str:
    """A figure as a bulletin writes it inline: 72.8% for a share, 1,234 for a count (the text gives the unit)."""
    value = values[name]
    if FIGURE_TERMS[name].unit == "%":
        return percent(value, missing=NO_BASE)
    return number(int(value or 0))


def figure_value(name: str, values: Mapping[str, int | float | None]) -> str:
    """A figure with its unit: 72.8%, 68 项, 567 个工作日."""
    shown = figure_number(name, values)
    unit = FIGURE_TERMS[name].unit
    return shown if unit == "%" else f"{shown} {unit}"


def figure_basis(name: str, values: Mapping[str, int | float | None]) -> str:
    """What a figure is counted over, with the numbers: 34 个按工作日计、有法定时限的事项，共 68 项在用事项；…"""
    counts = {key: value for key, value in values.items() if isinstance(value, int)}
    counts["untimed_items"] = counts["items"] - counts["timed_items"] - counts["calendar_timed_items"]
    counts["one_visit_items"] = counts["at_most_one_visit_items"] - counts["zero_visit_items"]
    return FIGURE_TERMS[name].basis.format(**{key: number(value) for key, value in counts.items()})


def month_text(value: datetime.date) -> str:
    """2026-11-01 → 2026年11月."""
    return f"{value.year}年{value.month}月"


def edition_text(date: datetime.date | None, commit: str | None, *, modified: bool = False) -> str:
    """Which registry figures come from: 2026年12月2日更新的事项登记册（版本 621c571）."""
    if commit is not None and not modified and date is not None:
        return f"{chinese_date(date)}更新的事项登记册（版本 {commit[:7]}）"
    if modified:
        today = f"，{chinese_date(date)}" if date is not None else ""
        return f"事项登记册的当前内容（含尚未提交的修改{today}）"
    if date is not None:
        return f"事项登记册的当前内容（没有版本历史；事项最近更新于{chinese_date(date)}）"
    return "事项登记册的当前内容（没有版本历史）"


def edition_short(date: datetime.date | None, commit: str | None, *, modified: bool = False) -> str:
    """The same in a table cell: 22547be（2026年11月23日）."""
    if commit is not None and not modified and date is not None:
        return f"{commit[:7]}（{chinese_date(date)}）"
    return "当前内容（含尚未提交的修改）" if modified else "当前内容"


def edition_on_text(day: datetime.date, date: datetime.date, commit: str) -> str:
    """The registry as it stood on a day: 2026年11月30日有效的事项登记册（2026年11月23日更新，版本 22547be）."""
    if day == date:
        return edition_text(date, commit)
    return f"{chinese_date(day)}有效的事项登记册（{chinese_date(date)}更新，版本 {commit[:7]}）"


# ---- 办理情形, 一件事 and paths ----

WHOLE_CITY = "全市"
CASE_PARAMETER = "情形"  # the address keeps the chosen case: ?情形=经营类型:餐饮服务,委托办理:本人办理
ALL_CASES = "还没有选择情形：下面列出全部材料，只在某些情形下需要的都注明了适用情形。"
NO_ANSWER = "没有找到对应的事项"
NO_ANSWER_HINT = "可以换个说法再搜，或拨打 12345 政务服务便民热线问一问；也可以按主题、按部门查找。"
HOTLINE = "12345"


def condition_text(when: dict[str, list[str]]) -> str:
    """{经营类型: [餐饮服务]} → 经营类型为餐饮服务; several questions joined with “，且”."""
    return "，且".join(f"{name}为{'或'.join(options)}" for name, options in when.items())


def material_condition(situation: str | None, when: dict[str, list[str]]) -> str:
    """The 适用情形 a material shows: the department's own words, or its `when` said in words."""
    return situation or (condition_text(when) if when else "")


def case_text(answers: dict[str, list[str]]) -> str:
    """The chosen case in one line: 经营类型：餐饮服务；委托办理：本人办理 (as situations.js writes it)."""
    words = SITUATION_WORDS
    return words["caseJoin"].join(
        words["caseItem"].format(name=name, options=words["optionJoin"].join(options))
        for name, options in answers.items()
    )


def case_parameter(answers: dict[str, list[str]]) -> str:
    """The value of ?情形= for a chosen case (names hold no : or ,)."""
    return ",".join(f"{name}:{option}" for name, options in answers.items() for option in options)


def submission_text(mode: str, visits: int) -> str:
    """How the materials are handed in, for the checklist's 怎么交材料."""
    return {
        "网上提交": "网上提交：在网上办理入口填写申请、上传材料",
        "窗口提交": f"窗口提交：带齐材料到办理窗口（{visits_text(visits)}）",
        "邮寄提交": "邮寄提交：把纸质材料寄给办理窗口",
    }[mode]


def order_text(names: Sequence[str]) -> str:
    """先办甲，再办乙，最后办丙."""
    if len(names) < 2:
        return f"办理{names[0]}" if names else ""
    if len(names) == 2:
        return f"先办{names[0]}，再办{names[1]}"
    middle = "".join(f"，再办{name}" for name in names[1:-1])
    return f"先办{names[0]}{middle}，最后办{names[-1]}"


def path_step_text(path_name: str, number: int, total: int) -> str:
    """这是『开饭店』的第 2 步（共 3 步）."""
    return f"这是『{path_name}』的第 {number} 步（共 {total} 步）"


def joint_form_note(form: str) -> str:
    return f"一表申请：用这一张“{form}”代替各事项的申请表，填一次，各部门共用。"


def gain_days(saved: float, unit: TimeUnit | str = TimeUnit.WORKING_DAYS) -> str:
    return f"少等 {days(saved, unit, spaced=True)}"


def gain_materials(saved: int) -> str:
    return f"少交 {saved} 份材料"


def gain_visits(saved: int) -> str:
    return f"少跑 {saved} 次"


def area_text(area: str | None) -> str:
    """服务区域：全市 or 东区."""
    return area or WHOLE_CITY


# What the 我的情况 widget says; the page's script gets these very strings (situations.js only fills numbers).
SITUATION_WORDS = {
    "count": "需要准备 {bring} 份材料",
    "shared": "，另有 {shared} 份免提交（部门共享获取，不用带）",
    "hidden": "；按您的情况，{hidden} 份不适用，已隐藏",
    "case": "您的情况：",
    "all": ALL_CASES,
    "copied": "链接已复制，可以发给窗口或家人",
    "ticked": "已备齐 {ticked} / {total} 份",
    "caseItem": "{name}：{options}",
    "caseJoin": "；",
    "optionJoin": "、",
}


def material_count(bring: int, shared: int = 0, hidden: int = 0) -> str:
    """需要准备 5 份材料，另有 2 份免提交（…）——as the page says before any answer, and the script after."""
    words = SITUATION_WORDS
    text = words["count"].format(bring=bring)
    if shared:
        text += words["shared"].format(shared=shared)
    if hidden:
        text += words["hidden"].format(hidden=hidden)
    return text + "。"


# What the finder says around its results; docs.json carries these strings to finder.js.
FINDER_WORDS = {
    "noAnswer": NO_ANSWER,
    "noAnswerHint": NO_ANSWER_HINT,
    "hotline": HOTLINE,
    "hotlineLabel": f"拨打 {HOTLINE} 咨询",
    "topics": "按主题找",
    "departments": "按部门找",
    "closest": "也可以看看一件事：",
    "corrected": "没有找到“{query}”，下面是“{corrected}”的结果。",
    "lifeEvents": "一次办好",
    "faq": "常见问题",
    "faqOf": "常见问题 · {item}",
    "leadOnly": "找到了一次办好的一件事或分步办事指南：点开看每一步办哪些事项。",
    "found": "找到 {count} 个事项。",
    "foundShown": "找到 {count} 个事项，显示前 {limit} 条。",
    "noneFound": "没有找到匹配的事项：换个说法试试，或拨打 12345 咨询。",
    "prompt": "请输入要办的事，例如：营业执照、公积金取钱、生孩子。",
    "suggestions": "搜索建议",
    "suggested": "{count} 条建议，按上下方向键选择，按回车打开；按回车不选则到“我要办”查看全部结果。",
    "suggestedNone": "没有找到建议：按回车到“我要办”换个说法查找。",
    "moreItems": "查看全部 {count} 个事项，按部门、主题筛选",
    "moreNone": "没有找到：到“我要办”换个说法试试",
    "checklist": "材料清单",
}


# Terms of art (名词解释): each explained where it first appears on a page (a disclosure, `site.terms`) and
# all of them on the 名词解释 page. `key` is the term's anchor on that page.
@dataclass(frozen=True)
class Term:
    key: str
    word: str
    means: str


TERMS: dict[str, Term] = {
    term.word: term
    for term in (
        Term("statutory", "法定时限", "法律、法规规定部门办结这件事的最长时间，从受理申请之日起算。"),
        Term(
            "promised",
            "承诺时限",
            "部门向社会公开承诺办结的时间，不超过法定时限，通常更短；从受理申请之日起算。",
        ),
        Term(
            "cut",
            "压减",
            "承诺时限比法定时限少的天数和比例。例如法定 20 个工作日、承诺 5 个工作日，压减 15 个工作日，即压减 75%。",
        ),
        Term("working-days", "工作日", "不算周六、周日和法定节假日的天数；“自然日”则连周末和节假日一起算。"),
        Term("immediate", "即办件", "材料齐全、符合条件的，窗口当场办结，不用等。"),
        Term("committed", "承诺件", "不能当场办结的事项：受理后，部门在承诺时限内办好。"),
        Term("zero-visits", "零跑腿", "不用到现场：在网上申请，结果网上下载或邮寄送达。"),
        Term("one-visit", "最多跑一次", "材料齐全、符合条件的，最多到现场一次就能办好（也包括零跑腿的事项）。"),
        Term("fully-online", "全程网办", "从申请、受理到取得结果，全部在网上办完，不用到现场。"),
        Term(
            "cross-region",
            "通办范围",
            "可以在哪里申请：例如“全市通办”是在本市任何一个政务服务中心都能办，“跨省通办”是在外省也能办。",
        ),
        Term(
            "commitment",
            "告知承诺制",
            "部门把要求告诉申请人，申请人书面承诺符合要求，就可以不交某些证明材料；部门事后核查，承诺不实的要承担责任。",
        ),
        Term(
            "tolerance",
            "容缺后补",
            "缺少次要材料时，窗口可以先受理，申请人在约定的时间内补交；申请表和主要材料不能容缺。",
        ),
        Term(
            "tolerant-acceptance",
            "容缺受理",
            "缺少次要材料时，窗口先受理申请，申请人在约定时间内补交（补交的叫“容缺后补”材料）；申请表和主要材料不能容缺。",
        ),
        Term("shared", "免提交", "部门通过数据共享自己取得的材料，申请人不用带，也不用复印。"),
        Term("special", "特别程序", "听证、现场核查、专家评审、公示等环节，所需时间不计入办理时限。"),
        Term("bundle", "一件事一次办", "几个部门的事项合成一件事：一次申请、一套材料、一个窗口办好。"),
        Term(
            "code",
            "实施编码",
            "每个事项在政务服务事项目录中的编号，全国唯一；咨询、投诉和纠错时报这个编号，对方就知道是哪一个事项。",
        ),
    )
}
TERM_MORE = "更多名词解释"


def correction_subject(name: str, code: str) -> str:
    """The subject of a 纠错 mail: which guide, by name and 实施编码."""
    return f"纠错：{name}（实施编码 {code}）"


def correction_body(page_url: str) -> str:
    return f"页面：{page_url}\n哪里有错：\n应该是："


# The guide's links to the department's online services (ServiceLinks), shown only when set.
SERVICE_LINKS = {
    "booking": "在线预约",
    "progress": "办件进度查询",
    "rating": "好差评：评价本事项的服务",
}
CORRECTION = "纠错"
CORRECTION_HINT = "发现本页信息有误？"
BREADCRUMBS = "您的位置"
HOME_TITLE = "首页"

# What the theme's overrides say (skip link, footer, 404 page), given to the theme as extra.gov_theme.words.
THEME_WORDS = {
    "skip": "跳到正文",
    "sponsor": "主办单位",
    "organiser": "承办单位",
    "site_code": "网站标识码",
    "contact": "联系我们",
    "site_map": "网站地图",
    "glossary": "名词解释",
    "site_links": "网站信息",
    "not_found_title": "没有找到这个页面",
    "not_found": "网址可能输错了，或者这个页面已经移到别处。说说您要办的事，搜一搜：",
    "search_label": "要办的事",
    "search_placeholder": "如：营业执照、公积金取钱、生孩子",
    "search": "搜索",
    "not_found_ways": "也可以从这里找：",
    "home": HOME_TITLE,
    "departments": "按部门找",
    "topics": "按主题找",
    "bundles": "一件事一次办",
    "hotline": f"不会找？拨打 {HOTLINE} 政务服务便民热线问一问。",
}
# What gov.js says (the page carries them as JSON: extra.gov_theme.script_words).
SCRIPT_WORDS = {
    "menu": "导航菜单",
    "large": "大字号",
    "normal": "标准字号",
    "toLarge": "切换为大字号",
    "toNormal": "切换为标准字号",
    "searchLabel": "搜索事项和信息",
    "searchPlaceholder": "我要办……",
    "search": "搜索",
    # said when the finder's index could not be read
    "unavailable": "搜索暂时不可用：请按部门或主题查找。",
    "headerError": f"搜索暂时不可用：请稍后再试，或按部门、主题查找，也可拨打 {HOTLINE}。",
    "moreError": "到“我要办”页面查找",
}
