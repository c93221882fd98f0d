"""What a check is: a small function over one item or over the whole registry, with its codes."""

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
    summary: str


RULES: dict[str, Rule] = {}
ITEM_CHECKS: list[ItemCheck] = []
REGISTRY_CHECKS: list[RegistryCheck] = []


def rule(code: str, severity: Severity, summary: str) -> Rule:
    RULES[code] = Rule(code, severity, summary)
    return RULES[code]


def item_check(function: ItemCheck) -> ItemCheck:
    ITEM_CHECKS.append(function)
    return function


def registry_check(function: RegistryCheck) -> RegistryCheck:
    REGISTRY_CHECKS.append(function)
    return function


def finding(record: ItemRecord, loc: tuple, which: Rule, message: str) -> Finding:
    return record.source.at(loc, which.code, which.severity, message)

