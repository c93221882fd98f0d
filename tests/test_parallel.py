"""A registry large enough to be checked in worker processes gives exactly what one process gives."""

from generator.checks import PARALLEL_THRESHOLD, check_registry
from generator.synth import write_synthetic_registry


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
