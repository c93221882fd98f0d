"""The rules of DOMAIN.md, each a small check with a stable code; `run_checks` applies them all."""

from generator.checks import codes, contacts, content, materials, references, time_limits, unified, visits  # noqa: F401
from generator.checks.base import ITEM_CHECKS, REGISTRY_CHECKS, RULES, Rule
from pathlib import Path

from generator.findings import Finding, Report
from generator.registry import Registry, load_registry


def run_checks(registry: Registry) -> list[Finding]:
    findings: list[Finding] = []
    for record in registry.items:
        for check in ITEM_CHECKS:
            findings.extend(check(record, registry))
    for check in REGISTRY_CHECKS:
        findings.extend(check(registry))
    return findings


__all__ = ["RULES", "Rule", "check_registry", "run_checks"]


def check_registry(root: Path, workers: int | None = None) -> tuple[Registry, Report]:
    """Load the registry at `root` and apply every rule: the one entry point for CLI and site."""
    registry, findings = load_registry(root, workers)
    findings += run_checks(registry)
    return registry, Report(findings).sorted()
