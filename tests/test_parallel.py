"""A registry large enough to be checked in worker processes gives exactly what one process gives."""

from generator.checks import PARALLEL_THRESHOLD, check_registry
from generator.tools.synth import write_synthetic_registry


def test_one_and_two_workers_agree(tmp_path):
    root = tmp_path / "items"
    write_synthetic_registry(root, PARALLEL_THRESHOLD + 50, seed=3)
    broken = next(root.glob("dept001/*.yml"))
    broken.write_text(broken.read_text(encoding="utf-8") + "visit: 1\n", encoding="utf-8")
    single, single_report = check_registry(root, workers=1)
    parallel, parallel_report = check_registry(root, workers=2)
    assert parallel_report.findings == single_report.findings
    assert [f.code for f in parallel_report.findings] == ["field.unknown-key"]
    assert [r.ref for r in parallel.items] == [r.ref for r in single.items]
    assert all(p.item == s.item for p, s in zip(parallel.items, single.items, strict=True))


def test_remembered_results_equal_a_fresh_check(tmp_path):
    root = tmp_path / "items"
    write_synthetic_registry(root, 60, seed=5)
    files = sorted(root.glob("*/*.yml"))
    broken, edited, related = files[3], files[10], files[20]
    broken.write_text(broken.read_text(encoding="utf-8") + "visit: 1\n", encoding="utf-8")
    related.write_text(
        related.read_text(encoding="utf-8") + f"related: [{files[0].parent.name}/{files[0].stem}]\n", encoding="utf-8"
    )
    cache = tmp_path / "checked.jsonl"
    _, first = check_registry(root, workers=1, cache=cache)
    assert cache.is_file()

    # An edit, and a related item that no longer exists: only a fresh check can see either.
    edited.write_text(edited.read_text(encoding="utf-8").replace("visits: ", "visits: 9 #", 1), encoding="utf-8")
    files[0].unlink()

    remembered, warm = check_registry(root, workers=1, cache=cache)
    fresh, cold = check_registry(root, workers=1)
    assert warm.findings == cold.findings
    assert {"field.unknown-key", "ref.related"} <= {f.code for f in cold.findings}
    assert [r.item for r in remembered.items] == [r.item for r in fresh.items]
    assert first.findings != cold.findings


def test_an_unchanged_file_is_not_loaded_again(tmp_path, monkeypatch):
    import generator.checks.runner

    root = tmp_path / "items"
    write_synthetic_registry(root, 30, seed=7)
    cache = tmp_path / "checked.jsonl"
    _, first = check_registry(root, workers=1, cache=cache)
    edited = sorted(root.glob("*/*.yml"))[5]
    edited.write_text(edited.read_text(encoding="utf-8") + "# 已核对\n", encoding="utf-8")
    loaded = []
    original = generator.checks.runner.load_item_file
    monkeypatch.setattr(
        generator.checks.runner, "load_item_file", lambda path, shown: loaded.append(path) or original(path, shown)
    )
    _, second = check_registry(root, workers=1, cache=cache)
    assert loaded == [edited]
    assert second.findings == first.findings


def test_the_main_process_of_a_build_parses_only_bundle_and_path_members(tmp_path, monkeypatch):
    """Items are validated in worker processes; the process that holds the whole registry keeps what
    lists, tables and figures show of each, so its memory and time do not grow with whole items."""
    from generator.finder.documents import extra_documents
    from generator.site.build import BuildOptions, SiteBuild
    from generator.site.sitemap import write_sitemap

    root = tmp_path / "items"
    write_synthetic_registry(root, PARALLEL_THRESHOLD + 100, seed=11)
    parsed = items_validated_from_json(monkeypatch)
    options = BuildOptions(root, None, None, "https://zwfw.example.gov.cn/", "政务服务网", workers=2)
    build = SiteBuild.prepare(options, tmp_path / "site")
    model = build.model
    extra_documents(model.items, model.bundles, model.paths)
    (tmp_path / "site").mkdir(exist_ok=True)
    write_sitemap(tmp_path / "site", model)
    build.exports.abandon()

    members = {member.item.code for bundle in model.bundles for member in bundle.members}
    members |= {m.item.code for path in model.paths for step in path.steps for m in step.members}
    assert len(model.items) > PARALLEL_THRESHOLD
    assert set(parsed) <= members
    assert len(parsed) <= len(members) < len(model.items) // 5


def test_an_export_validates_each_item_once_for_all_its_sheets(tmp_path, monkeypatch):
    """The workbook's dozen sheets are written in one pass over the items: an export process keeps few
    items validated at once, and validating each again per sheet made the workbook take minutes."""
    from generator.exports.table import write_xlsx
    from generator.registry.loader import keep_parsed

    root = tmp_path / "items"
    write_synthetic_registry(root, PARALLEL_THRESHOLD + 50, seed=13)
    registry, _ = check_registry(root, workers=2)
    parsed = items_validated_from_json(monkeypatch)
    keep_parsed(16)
    try:
        write_xlsx(registry, tmp_path / "items.xlsx")
    finally:
        keep_parsed(None)
    published = {record.code for record in registry.published}
    assert len(parsed) > len(published) // 2  # most were let go after the check
    assert len(parsed) == len(set(parsed)) and set(parsed) <= published


def items_validated_from_json(monkeypatch) -> list[str]:
    """The codes of the items this process validates from JSON from now on, in order."""
    from generator.models import Item

    parsed: list[str] = []
    original = Item.model_validate_json.__func__  # type: ignore[attr-defined]

    def counting(cls, data, *args, **kwargs):
        item = original(cls, data, *args, **kwargs)
        parsed.append(item.code)
        return item

    monkeypatch.setattr(Item, "model_validate_json", classmethod(counting))
    return parsed
