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
