"""The rules of the registry, each a small check with a stable code; `check_registry` applies them all."""

from generator.checks.runner import PARALLEL_THRESHOLD, RULES, Rule, check_registry

__all__ = ["PARALLEL_THRESHOLD", "RULES", "Rule", "check_registry"]
