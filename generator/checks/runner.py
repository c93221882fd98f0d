"""The rules of docs/domain.md and the provincial quality checks (docs/rules.md), each a small check with a
stable code; `check_registry` applies them all.

Item checks run right after each file is loaded (in worker processes for a large registry), so the
places of a file's values can be dropped once its own checks are done; registry-wide checks run last.
"""

from __future__ import annotations

from pathlib import Path

from generator.checks import (  # noqa: F401
    bundles,
    catalogue,
    codes,
    contacts,
    content,
    delivery,
    materials,
    permits,
    placeholders,
    references,
    results,
    situations,
    steps,
    time_limits,
    topics,
    unified,
    visits,
    windows,
)
from generator.checks.base import ITEM_CHECKS, REGISTRY_CHECKS, RULES, Rule
from generator.checks.cache import CheckCache
from generator.checks.levels import setting_findings, with_levels
from generator.findings import Finding, Report, Severity
from generator.registry.digest import digest, folder_digest
from generator.registry.loader import (
    ItemRecord,
    Registry,
    item_ref,
    load_bundles,
    load_departments,
    load_item_file,
    load_paths,
    load_settings_file,
)
from generator.registry.tree import item_files
from generator.workers import Pool, paused_gc, worker_count

PARALLEL_THRESHOLD = 400
Result = tuple[ItemRecord | None, list[Finding]]
# Places kept after a file's own checks: what registry-wide checks still point at.
KEPT_PLACES = ("related",)


def check_item_file(path: Path, registry: Registry) -> tuple[ItemRecord | None, list[Finding]]:
    record, findings = load_item_file(path, str(path))
    if record is not None:
        for check in ITEM_CHECKS:
            findings.extend(check(record, registry))
        record.source.doc.compact(KEPT_PLACES)
    return record, findings


_worker_registry: Registry | None = None  # set before the workers fork


def _check_batch(paths: list[str]) -> list[Result]:
    assert _worker_registry is not None
    with paused_gc():
        return [check_item_file(Path(path), _worker_registry) for path in paths]


def _check_items(files: list[Path], registry: Registry, workers: int, cache: CheckCache | None) -> list[Result]:
    """Each file's record and findings, in the order of `files`: from the cache where it holds them."""
    if cache is None:
        return _check_files(files, registry, workers)
    outcomes: list[Result | None] = [cache.get(path) for path in files]
    todo = [index for index, outcome in enumerate(outcomes) if outcome is None]
    for index, outcome in zip(todo, _check_files([files[i] for i in todo], registry, workers), strict=True):
        outcomes[index] = outcome
        cache.put(files[index], outcome)
    cache.save()
    return [outcome for outcome in outcomes if outcome is not None]


def _check_files(files: list[Path], registry: Registry, workers: int) -> list[Result]:
    global _worker_registry
    if workers <= 1 or len(files) < PARALLEL_THRESHOLD:
        with paused_gc():
            return [check_item_file(path, registry) for path in files]
    paths = [str(path) for path in files]
    size = max(50, len(paths) // (workers * 8))
    batches = [paths[i : i + size] for i in range(0, len(paths), size)]
    _worker_registry = registry
    try:
        with Pool(workers) as run, paused_gc():
            return [result for results in run([(_check_batch, (batch,)) for batch in batches]) for result in results]
    finally:
        _worker_registry = None


def check_registry(
    root: Path, workers: int | None = None, cache: Path | None = None, settings_file: Path | None = None
) -> tuple[Registry, Report]:
    """Load the registry at `root` and apply every rule: the one entry point for CLI and site.
    `cache`: a file that keeps each item file's results for the next check (see checks/cache.py).
    `settings_file`: the project's registry.yml (rule levels, the 实施编码 format), if it has one."""
    registry = Registry(root)
    registry.settings, settings_source, findings = load_settings_file(settings_file)
    findings += setting_findings(registry.settings, settings_source)
    if not root.is_dir():
        missing = Finding(str(root), 1, 1, "file.missing", Severity.ERROR, "", "找不到事项目录：请检查 --items 参数")
        return registry, Report(findings + [missing])
    registry.departments, registry.department_index, registry.departments_source, more = load_departments(root)
    findings += more
    registry.bundles, registry.bundle_index, registry.bundles_source, more = load_bundles(root)
    findings += more
    registry.paths, registry.path_index, registry.paths_source, more = load_paths(root)
    findings += more
    files, more = item_files(root)
    findings += more
    registry.item_files = len(files)
    registry.item_refs = frozenset(item_ref(path) for path in files)
    check_cache = None
    if cache:
        context = [folder_digest(Path(__file__).parent.parent), registry.settings.model_dump_json().encode()]
        check_cache = CheckCache(cache, root, registry.item_refs, digest(context))
    for record, item_findings in _check_items(files, registry, worker_count(workers), check_cache):
        findings += item_findings
        if record is not None:
            registry.items.append(record)
    for check in REGISTRY_CHECKS:
        findings.extend(check(registry))
    return registry, Report(with_levels(findings, registry.settings.rules)).sorted()


__all__ = ["RULES", "Rule", "check_registry"]
