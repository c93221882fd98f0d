"""Material for MkDocs, on MkDocs 1.6 or on ProperDocs 1.6 (the maintained fork, same API)."""

from __future__ import annotations

from pathlib import Path

import yaml

from generator.engines.base import Engine


class MkDocs(Engine):
    name = "mkdocs"
    title = "Material for MkDocs（MkDocs）"
    module = "mkdocs"

    def write_config(self, generated: list[str]) -> Path:
        """mkdocs.yml inherited (MkDocs merges mappings and replaces lists) with the docs and site
        folders of this build, the theme's folder by its full path, what the theme's overrides print
        (extra.gov_theme), and every plugin but the registry's: its work is done around the engine."""
        plugins = [
            {name: options} if options else name for name, options in self.project.plugins() if name != "registry"
        ]
        config: dict = {
            "INHERIT": str(self.project.path),
            "docs_dir": str(self.docs),
            "site_dir": str(self.site),
            "plugins": plugins,
            "not_in_nav": "\n".join(f"/{folder}/" for folder in generated),
            "watch": [],
            "extra": self.project.theme_extra,
        }
        if self.project.custom_dir is not None:
            config["theme"] = {"custom_dir": str(self.project.custom_dir)}
        path = self.folder / "mkdocs.yml"
        path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
        return path


class ProperDocs(MkDocs):
    name = "properdocs"
    title = "Material for MkDocs（ProperDocs）"
    module = "properdocs"
