"""Command line: `python -m generator build|serve|check|rules|report|stats|schema|new|synth|diff|export|import|codeowners|
partition|portal`."""

from __future__ import annotations

import argparse
import datetime
import json
import os
import sys
from pathlib import Path
from typing import NoReturn

from generator.checks import check_registry
from generator.files import describe, write_text
from generator.findings import Report
from generator.findings.reporters import RENDERERS, render_text
from generator.registry.loader import Registry

DEFAULT_ITEMS = Path("items")
DEFAULT_SETTINGS = Path("registry.yml")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # argparse's own exit code for usage errors is 2, kept
        self.print_usage(sys.stderr)
        self.exit(2, f"用法错误：{message}\n")


def _scope(registry: Registry) -> str:
    return (
        f"已检查 {registry.item_files} 个事项、{len(registry.departments)} 个部门、{len(registry.bundles)} 件一件事："
    )


def _load(args: argparse.Namespace, strict: bool) -> tuple[Registry, Report]:
    registry, report = check_registry(args.items, settings_file=args.settings)
    report = report.relative_to(Path.cwd())
    return registry, (report.strict() if strict else report)


def _refuse(registry: Registry, report: Report, consequence: str) -> int:
    """A command that needs a sound registry shows its errors and stops."""
    sys.stderr.write(render_text(Report(report.errors), _scope(registry)))
    sys.stderr.write(f"登记册有错误，{consequence}：请先修正上面的错误。\n")
    return 1


def cmd_check(args: argparse.Namespace) -> int:
    registry, report = _load(args, args.strict)
    sys.stdout.write(RENDERERS[args.format](report, _scope(registry)))
    return 0 if report.ok else 1


def cmd_rules(args: argparse.Namespace) -> int:
    from generator.checks.describe import RENDERERS as RULE_RENDERERS
    from generator.checks.describe import catalogue

    sys.stdout.write(RULE_RENDERERS[args.format](catalogue()))
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from generator.changes.git import GitError, checked_registry_at, repository_root
    from generator.quality.model import QualityReport, measure
    from generator.quality.render import render_json, render_markdown
    from generator.quality.xlsx import write_xlsx

    shown = args.items.as_posix().rstrip("/") or "."
    registry, report = check_registry(args.items, settings_file=args.settings)
    quality = QualityReport(shown, measure(registry, report, shown))
    if args.since is not None:
        try:
            old_registry, old_report = checked_registry_at(
                repository_root(args.items), args.since, args.items, args.settings
            )
        except GitError as error:
            sys.stderr.write(f"{error}\n")
            return 1
        quality.since = args.since
        quality.before = measure(old_registry, old_report, shown, under_root=True)
    if args.format == "xlsx":
        out = args.out or Path("quality-report.xlsx")
        write_xlsx(quality, out)
        print(f"已写入 {out.as_posix()}")
        return 0
    text = (render_json if args.format == "json" else render_markdown)(quality)
    if args.out is None:
        sys.stdout.write(text)
    else:
        write_text(args.out, text)
        print(f"已写入 {args.out.as_posix()}")
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    from generator.stats.editions import FigureHistory
    from generator.stats.table import figures_json, render_table

    registry, report = _load(args, strict=False)
    if not report.ok:
        return _refuse(registry, report, "统计数字不可靠")
    history = FigureHistory.of(registry)
    dated = history.current if args.at is None else history.on(args.at)
    if dated.fallback is not None:
        sys.stderr.write(f"得不到 {args.at.isoformat()} 的统计数字：{dated.fallback}\n")
        return 1
    if args.json:
        sys.stdout.write(json.dumps(figures_json(dated), ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(render_table(dated))
    return 0


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}”不是日期：请写成 2026-09-18 这样") from None


def cmd_schema(args: argparse.Namespace) -> int:
    from generator.tools.schema import write_schemas

    for path in write_schemas(args.out):
        print(path.as_posix())
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    from generator.tools.scaffold import ScaffoldError, write_new_item

    try:
        path = write_new_item(args.items, args.department, args.slug)
    except ScaffoldError as error:
        sys.stderr.write(f"{error}\n")
        return 1
    print(f"已创建 {path.as_posix()}：请逐项填写，然后运行 python -m generator check")
    return 0


def cmd_synth(args: argparse.Namespace) -> int:
    from generator.tools.synth import write_synthetic_registry

    if args.out.exists() and any(args.out.iterdir()):
        sys.stderr.write(f"{args.out} 不是空目录：请换一个目录，以免覆盖已有文件\n")
        return 1
    write_synthetic_registry(args.out, args.items, seed=args.seed, division=args.division, shared=args.shared)
    print(f"已在 {args.out.as_posix()} 生成 {args.items} 个事项")
    return 0


def cmd_diff(args: argparse.Namespace) -> int:
    from generator.changes import render as change_report
    from generator.changes.compare import compare
    from generator.changes.git import GitError, bundles_of, items_by_ref, registry_at, repository_root

    try:
        repo = repository_root(args.items)
        old = registry_at(repo, args.base, args.items)
        new = registry_at(repo, args.head, args.items) if args.head else check_registry(args.items)[0]
    except GitError as error:
        sys.stderr.write(f"{error}\n")
        return 1
    report = compare(items_by_ref(old), items_by_ref(new), bundles_of(old), bundles_of(new))
    if args.bulletin:
        return _write_bulletin(report, args.content)
    render = {
        "json": change_report.render_json,
        "markdown": change_report.render_markdown,
        "text": change_report.render_text,
    }
    sys.stdout.write(render[args.format](report))
    return 0


def _write_bulletin(report, content: Path) -> int:
    import datetime

    from generator.changes.render import bulletin_draft

    today = datetime.date.today()
    slug = f"registry-changes-{today.isoformat()}"
    path = content / "bulletins" / "posts" / f"{slug}.md"
    if os.path.lexists(path):
        sys.stderr.write(f"{path.as_posix()} 已经存在：不会覆盖，请先编辑或改名\n")
        return 1
    write_text(path, bulletin_draft(report, today, slug))
    print(f"已起草 {path.as_posix()}：请核对、修改后提交")
    return 0


def cmd_codeowners(args: argparse.Namespace) -> int:
    from generator.registry.loader import load_departments
    from generator.tools.codeowners import codeowners

    departments, _, _, findings = load_departments(args.items)
    if findings:
        sys.stderr.write(render_text(Report(findings).relative_to(Path.cwd())))
        return 1
    items_path = args.items.as_posix().strip("/")
    write_text(args.out, codeowners(list(departments.values()), items_path, args.default_owner))
    print(f"已写入 {args.out.as_posix()}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from generator.exports import FORMATS, export

    registry, report = _load(args, strict=False)
    if not report.ok:
        return _refuse(registry, report, "不能导出")
    if args.format == "national-exchange":
        from generator.exports import national

        for path in national.write(registry, args.out or Path("national-exchange")):
            print(path.as_posix())
        return 0
    out = args.out or Path(FORMATS[args.format].file_name)
    if args.format == "csv" and (out.is_dir() or out.suffix.lower() != ".csv"):
        from generator.exports import table  # a folder: items.csv and one file per other sheet

        for path in table.write_csv_set(registry, out, args.site_url):
            print(path.as_posix())
        return 0
    for path in export(registry, args.format, out, args.site_url):
        print(path.as_posix())
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from generator.importer.run import Progress, as_json, render_text, run_import

    progress = Progress(sys.stderr.isatty() and args.format == "text")
    result = run_import(args.sources, args.items, args.mapping, args.dry_run, args.settings, progress)
    result.source_findings = Report(result.source_findings).relative_to(Path.cwd()).findings
    result.check_findings = Report(result.check_findings).relative_to(Path.cwd()).findings
    if args.format == "json":
        sys.stdout.write(json.dumps(as_json(result), ensure_ascii=False, indent=2) + "\n")
        sys.stderr.write(render_text(result, args.dry_run).splitlines()[-1] + "\n")
    else:
        sys.stdout.write(render_text(result, args.dry_run))
    return result.exit_code


def cmd_build(args: argparse.Namespace) -> int:
    from generator.engines import ENGINES
    from generator.engines.build import build_site

    result = build_site(args.config, ENGINES[args.engine], strict=args.strict, site_dir=args.site_dir)
    return 0 if result.ok else 1


def cmd_serve(args: argparse.Namespace) -> int:
    from generator.engines import ENGINES
    from generator.engines.serve import serve

    return serve(args.config, ENGINES[args.engine], args.address)


def cmd_partition(args: argparse.Namespace) -> int:
    from generator.portal.config import load_portal_config
    from generator.portal.export import ExportError, export_partition
    from generator.text import terminal

    portal, findings = load_portal_config(args.portal)
    if portal is None:
        sys.stderr.write(render_text(Report(findings).relative_to(Path.cwd())))
        return 2
    try:
        exported = export_partition(args.config, args.site, portal, args.code)
    except ExportError as error:
        sys.stderr.write(terminal(str(error)) + "\n")
        return 1
    sizes = "，".join(f"{name} {size:,} 字节" for name, size in exported.sizes.items())
    print(f"已导出 {exported.folder.as_posix()}：{exported.items} 个事项，{exported.documents} 个文档（{sizes}）")
    return 0


def cmd_portal(args: argparse.Namespace) -> int:
    from generator.engines.build import say_on_stderr
    from generator.portal.build import build_portal
    from generator.text import terminal

    result = build_portal(args.config, args.site_dir, say_on_stderr)
    report = result.report.relative_to(Path.cwd())
    if args.strict:
        report = report.strict()
    scope = f"已检查 {result.read} 个地区的导出和跨地区八统一：" if result.read else ""
    sys.stdout.write(RENDERERS[args.format](report, scope))
    if args.json is not None:
        write_text(args.json, RENDERERS["json"](report))
    if not result.written:
        sys.stderr.write(terminal(str(result.problem)) + "\n")
        return 2
    return 0 if report.ok else 1


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m generator", description="政务服务事项登记册：检查、统计、生成网站。")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    def items_option(sub: argparse.ArgumentParser) -> None:
        sub.add_argument("--items", type=Path, default=DEFAULT_ITEMS, help="事项登记册目录（默认 items）")
        sub.add_argument(
            "--settings",
            type=Path,
            default=DEFAULT_SETTINGS,
            help="项目设置文件：规则级别、实施编码格式（默认 registry.yml）",
        )

    def engine_options(sub: argparse.ArgumentParser) -> None:
        from generator.engines import DEFAULT_ENGINE, ENGINES

        sub.add_argument(
            "-f", "--config", type=Path, default=Path("mkdocs.yml"), help="网站设置文件（默认 mkdocs.yml）"
        )
        sub.add_argument(
            "--engine", choices=list(ENGINES), default=DEFAULT_ENGINE, help=f"生成网站的引擎（默认 {DEFAULT_ENGINE}）"
        )

    build = commands.add_parser("build", help="检查登记册并生成整个网站（成功后才替换原来的网站）")
    engine_options(build)
    build.add_argument("--strict", action="store_true", help="警告也视为错误")
    build.add_argument("-d", "--site-dir", type=Path, help="网站输出目录（默认为设置文件中的 site_dir）")
    build.set_defaults(run=cmd_build)

    serve = commands.add_parser("serve", help="在本机预览网站：修改文件后自动重新生成并刷新浏览器")
    engine_options(serve)
    serve.add_argument("-a", "--address", default="127.0.0.1:8000", help="地址和端口（默认 127.0.0.1:8000）")
    serve.set_defaults(run=cmd_serve)

    check = commands.add_parser("check", help="检查登记册，报告每个问题的文件、行和改法")
    items_option(check)
    check.add_argument("--format", choices=sorted(RENDERERS), default="text", help="输出格式")
    check.add_argument("--strict", action="store_true", help="把警告也当作错误")
    check.set_defaults(run=cmd_check)

    rules = commands.add_parser("rules", help="规则目录：每个代码的级别、保护什么、怎么改、依据")
    rules.add_argument("--format", choices=["text", "json", "markdown"], default="text", help="输出格式")
    rules.set_defaults(run=cmd_rules)

    report = commands.add_parser("report", help="质量报告：每个部门的事项数、各规则的错误和警告、没有问题的事项占比")
    items_option(report)
    report.add_argument("--format", choices=["markdown", "xlsx", "json"], default="markdown", help="输出格式")
    report.add_argument("--since", metavar="REV", help="与这个 git 版本相比（如 origin/main）：哪些部门变好了、变差了")
    report.add_argument("--out", type=Path, help="输出文件（xlsx 默认 quality-report.xlsx；其他格式默认输出到屏幕）")
    report.set_defaults(run=cmd_report)

    stats = commands.add_parser("stats", help="改革成效统计数字（只计在用事项）")
    items_option(stats)
    stats.add_argument("--json", action="store_true", help="输出 JSON：数据来源、每个数字和它的含义")
    stats.add_argument(
        "--at", type=_date, metavar="DATE", help="按这一天的事项登记册计算（取自 git 历史），如 2026-09-18"
    )
    stats.set_defaults(run=cmd_stats)

    schema = commands.add_parser("schema", help="生成编辑器使用的 JSON Schema")
    schema.add_argument("--out", type=Path, default=Path("schemas"), help="输出目录（默认 schemas）")
    schema.set_defaults(run=cmd_schema)

    new = commands.add_parser("new", help="新建一个事项文件（包含所有字段和中文说明）")
    items_option(new)
    new.add_argument("department", help="部门编号，如 scjgj")
    new.add_argument("slug", help="文件名（也是网址），如 food-business-license")
    new.set_defaults(run=cmd_new)

    synth = commands.add_parser("synth", help="生成用于性能测试的合成登记册")
    synth.add_argument("--items", type=positive_count, required=True, help="事项数量")
    synth.add_argument("--out", type=Path, required=True, help="输出目录")
    synth.add_argument("--seed", type=int, default=1, help="随机种子")
    synth.add_argument(
        "--division", type=int, default=0, help="省内第几个地区（部门和基本编码各地不同）；0 为单独一个城市"
    )
    synth.add_argument("--shared", type=int, default=0, help="前多少个事项是各地区共有的基本目录事项（八统一字段相同）")
    synth.set_defaults(run=cmd_synth)
    diff = commands.add_parser("diff", help="两个版本之间，对群众办事有什么变化")
    items_option(diff)
    diff.add_argument("base", help="比较的起点（git 版本，如 origin/main）")
    diff.add_argument("head", nargs="?", help="比较的终点（git 版本）；不写则为当前工作区")
    diff.add_argument("--format", choices=["markdown", "text", "json"], default="markdown", help="输出格式")
    diff.add_argument("--bulletin", action="store_true", help="在 content/bulletins/posts/ 起草一篇改革动态")
    diff.add_argument("--content", type=Path, default=Path("content"), help="网站内容目录（默认 content）")
    diff.set_defaults(run=cmd_diff)

    export = commands.add_parser(
        "export", help="导出开放数据：json、csv、xlsx、hsds、cpsv-ap；national-exchange 为国家平台交换表"
    )
    items_option(export)
    export.add_argument(
        "--format",
        required=True,
        choices=["json", "csv", "xlsx", "hsds", "cpsv-ap", "national-exchange"],
        help="导出格式",
    )
    export.add_argument(
        "--out",
        type=Path,
        help="输出文件（默认为该格式的标准文件名；national-exchange 为文件夹；csv 给文件夹时写出全部表格，每张一个文件）",
    )
    export.add_argument("--site-url", default="https://zwfw.shifan.gov.example/", help="办事指南网址，用于数据中的链接")
    export.set_defaults(run=cmd_export)

    importer = commands.add_parser("import", help="从实施清单表格（xlsx、csv）或国家交换表导入事项")
    items_option(importer)
    importer.add_argument(
        "sources", nargs="+", type=Path, metavar="SOURCE", help=".xlsx 工作簿、.csv 文件或放着它们的文件夹"
    )
    importer.add_argument(
        "--mapping", help="映射：own-export、national-exchange、common-headers 或映射文件；不写时按表头识别"
    )
    importer.add_argument("--dry-run", action="store_true", help="只报告将要新建、更新、不变、跳过的事项，不写任何文件")
    importer.add_argument("--format", choices=["text", "json"], default="text", help="输出格式")
    importer.set_defaults(run=cmd_import)

    owners = commands.add_parser("codeowners", help="根据各部门维护人生成 .github/CODEOWNERS")
    items_option(owners)
    owners.add_argument("--out", type=Path, default=Path(".github/CODEOWNERS"), help="输出文件")
    owners.add_argument("--default-owner", default="@shifan-gov/reform-office", help="登记册公共文件的审核人")
    owners.set_defaults(run=cmd_codeowners)

    partition = commands.add_parser("partition", help="地区网站生成后，导出门户需要的数据（写入网站的 partition/）")
    partition.add_argument(
        "-f", "--config", type=Path, default=Path("mkdocs.yml"), help="这个地区的网站设置文件（默认 mkdocs.yml）"
    )
    partition.add_argument("--site", type=Path, required=True, help="这个地区生成好的网站目录")
    partition.add_argument("--portal", type=Path, default=Path("portal.yml"), help="门户设置文件（默认 portal.yml）")
    partition.add_argument("--code", required=True, help="这个地区在门户设置中的区划代码，如 510104")
    partition.set_defaults(run=cmd_partition)

    portal = commands.add_parser("portal", help="汇总各地区网站：门户首页、合并的搜索索引和跨地区八统一检查")
    portal.add_argument("--config", type=Path, default=Path("portal.yml"), help="门户设置文件（默认 portal.yml）")
    portal.add_argument("-d", "--site-dir", type=Path, default=Path("portal"), help="门户输出目录（默认 portal）")
    portal.add_argument("--format", choices=sorted(RENDERERS), default="text", help="检查结果的输出格式")
    portal.add_argument("--json", type=Path, help="另把检查结果以 JSON 写入这个文件")
    portal.add_argument("--strict", action="store_true", help="把警告也当作错误")
    portal.set_defaults(run=cmd_portal)
    return parser


def positive_count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}”不是整数") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"应为大于 0 的整数，现在是 {value}")
    return value


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except OSError as error:
        # Paths are the user's: a folder that is missing, read-only or full is a usage problem, told in one line.
        sys.stderr.write(f"{describe(error)}。请检查路径和权限后再试。\n")
        return 2
    except KeyboardInterrupt:
        sys.stderr.write("已中断：没有写出不完整的文件。\n")
        return 130
