"""The public sources the rules follow, cited by key in each rule's `sources`.

A provincial platform's item-quality check is the model for most of the quality rules: what it reports
per department is what a department here should never be told by the province after publishing.
The file-index numbers name files of a public code index where the scripts were read; the scripts name
neither their repository nor their author.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Source:
    title: str
    where: str
    note: str = ""


SOURCES: dict[str, Source] = {
    "domain": Source("本项目领域规则", "docs/domain.md", "“The registry”和“Rules the build enforces”两节"),
    "zj-quality-check": Source(
        "浙江政务服务网事项质量检查脚本（温州，按区县、部门输出错误清单）",
        "公开 Python 脚本，读取 zjzwfw.gov.cn/zjservice/item/detail 的办事指南；公开代码索引文件 35171139249"
        "（较早版本 35066520876、35188288096）",
        "逐条输出 ERROR_CODE，如“审批结果名称和审批结果类型不对应”“办理地址不精确”“工作时间不规范”",
    ),
    "dezhou-template": Source(
        "德州市《“办事指南”格式范本》",
        "https://www.doczj.com/doc/5e11022890.html",
        "“要求精确到科室、窗口”“办理时间：周X至周X 上午XX:XX-下午XX:XX（法定节假日是否办公要明确说明）”"
        "“不收费：统一按‘不收费’填写，不准填‘无’”“申请表格类材料要求能够提供空表及样表的表格下载”",
    ),
    "jiangsu-guide-rule": Source(
        "江苏省《“不见面审批”事项办事指南编写规范》",
        "https://renrendoc.com/paper/365834224.html",
        "“不得出现兜底条款，如‘法律、法规规定的其他条件’”",
    ),
    "jiangsu-no-meeting": Source(
        "江苏省政府办公厅转发《“不见面审批”标准化指引》（2018 年）",
        "http://www.0375edu.org.cn/policy/234350.htm",
        "不见面审批：网上申请、邮政寄递，从受理到送达办理结果全过程与申请人“不见面”",
    ),
    "national-topics": Source(
        "全国一体化政务服务平台主题分类字典（面向自然人 NATUREPERSONTHEME、面向法人 LEGALPERSONTHEME）",
        "公开代码索引文件 13454805100（平台对接代码中的字典常量）",
    ),
    "national-list-fields": Source(
        "政务服务事项实施清单数据表（ml_matter_info）的字段",
        "公开代码索引文件 4109201543",
        "含“审批结果样本”“是否支持网上支付”“必须现场办理原因说明”“网办地址”“面向自然人/法人事项主题分类”",
    ),
    "province-entry-forms": Source(
        "省级平台事项录入表单",
        "公开代码索引文件 4566815910、4820565403",
        "“必须现场办理原因说明”只在到现场次数不为 0 时填写；网办地址必填并校验",
    ),
    "licensing-law": Source(
        "《中华人民共和国行政许可法》",
        "https://flk.npc.gov.cn/",
        "第三十二条（受理）、第三十四条（审查）、第三十七条（决定）、第四十二条（一般二十日内作出决定）、"
        "第四十五条（听证、检验、专家评审等时间不计算在期限内）",
    ),
    "one-thing": Source(
        "《国务院关于进一步优化政务服务提升行政效能推动“高效办成一件事”的指导意见》",
        "国发〔2024〕3号",
        "一件事：一次告知、一表申请、一套材料、一窗（端）受理、一网办理；减时间、减环节、减材料、减跑动",
    ),
    "gov-uk-step-by-step": Source(
        "GOV.UK Design System: Step by step navigation",
        "https://design-system.service.gov.uk/patterns/step-by-step-navigation/",
        "一件要分几步办成的事：按顺序列出每一步和每一步要办的事项，每个事项的页面说明它是第几步",
    ),
    "project": Source("本项目的约定", "README.md", "没有找到公开的检查规则，按本项目网站和登记册的需要设定"),
}
