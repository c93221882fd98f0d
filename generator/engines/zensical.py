"""Zensical, Material's successor. It reads mkdocs.yml and the theme's overrides, but runs no plugin of
the project's (it ignores them without a word, even with --strict): everything the registry adds is
done around it. Its docs and site folders must lie inside the folder of its configuration."""

from __future__ import annotations

from pathlib import Path

import yaml

from generator.engines.base import Engine


class Zensical(Engine):
    name = "zensical"
    title = "Zensical"
    module = "zensical"

    def write_config(self, generated: list[str]) -> Path:
        """mkdocs.yml inherited (Zensical merges mappings and appends lists) with: this build's folders,
        the classic look (Material's), Material's search off (the site has its own finder) and no
        "Made with" line."""
        theme: dict = {"variant": "classic"}
        if self.project.custom_dir is not None:
            theme["custom_dir"] = str(self.project.custom_dir)
        config = {
            "INHERIT": str(self.project.path),
            "docs_dir": "docs",
            "site_dir": "site",
            "theme": theme,
            "plugins": [{"search": {"enabled": False}}],
            "extra": {"generator": False, **self.project.theme_extra},
        }
        path = self.folder / "zensical.yml"
        path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
        return path
