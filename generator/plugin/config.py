"""The `registry` plugin's settings in mkdocs.yml, each documented where it is declared."""

from __future__ import annotations

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config, ValidationError


class _NonNegative(opt.Type):
    def __init__(self, default: int):
        super().__init__(int, default=default)

    def run_validation(self, value: object) -> int:
        number = super().run_validation(value)
        if number < 0:
            raise ValidationError(f"应为 0 或正整数，现在是 {number}")
        return number


class RegistryConfig(Config):
    enabled = opt.Type(bool, default=True)
    # The registry folder, relative to mkdocs.yml.
    registry_dir = opt.Type(str, default="items")
    # The old name of registry_dir (it hid the Config.items() method): still read, with a warning.
    items = opt.Deprecated(moved_to="registry_dir")
    # The project's settings (rule levels, the 实施编码 format), relative to mkdocs.yml; optional.
    settings = opt.Type(str, default="registry.yml")
    # Where bulletins live under docs_dir (Material's blog_dir).
    bulletins = opt.Type(str, default="bulletins")
    # Processes that write the item pages, exports and finder index; 0 is one per core.
    workers = _NonNegative(default=0)
    # Keep check results and item pages between builds (in cache_dir, beside mkdocs.yml): only what
    # changed is done again. Outside .cache/, which other tools empty as they please.
    cache = opt.Type(bool, default=True)
    cache_dir = opt.Type(str, default=".registry-cache")
