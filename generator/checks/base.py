"""What a check is: a small function over one item or over the whole registry, with its codes.

Every code the project can emit is registered here with `rule(...)`: its severity, a Chinese title, what
it protects, how to fix it and the public sources it follows. `python -m generator rules` prints them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from generator.findings import Finding, Severity
from generator.registry.loader import ItemRecord, Registry

ItemCheck = Callable[[ItemRecord, Registry], Iterable[Finding]]
RegistryCheck = Callable[[Registry], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    """One kind of finding: its stable code, severity and what it protects."""

    code: str
    severity: Severity
    summary: str  # the Chinese title: what must hold
    protects: str = ""  # what goes wrong for a citizen, a department or the build without it
    fix: str = ""  # what the editor does about a finding
    sources: tuple[str, ...] = ()  # keys of generator.checks.sources.SOURCES
    adjustable: bool = True  # whether registry.yml may change its level or turn it off

    @property
    def group(self) -> str:
        return self.code.split(".", 1)[0]


RULES: dict[str, Rule] = {}
ITEM_CHECKS: list[ItemCheck] = []
REGISTRY_CHECKS: list[RegistryCheck] = []


def rule(
    code: str,
    severity: Severity,
    summary: str,
    *,
    protects: str,
    fix: str,
    sources: tuple[str, ...] = (),
    adjustable: bool = True,
) -> Rule:
    if code in RULES:
        raise ValueError(f"rule {code} registered twice")
    RULES[code] = Rule(code, severity, summary, protects, fix, sources, adjustable)
    return RULES[code]


def item_check(function: ItemCheck) -> ItemCheck:
    ITEM_CHECKS.append(function)
    return function


def registry_check(function: RegistryCheck) -> RegistryCheck:
    REGISTRY_CHECKS.append(function)
    return function


def finding(record: ItemRecord, loc: tuple, which: Rule, message: str) -> Finding:
    return record.source.at(loc, which.code, which.severity, message)
