"""What the build needs to know of mkdocs.yml, read without running anything it names: the pages,
theme and blog settings and the registry plugin's options. The engines read the file themselves."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.models.identity import SiteIdentity
from generator.site.identity import THEME_KEY, IdentityError, load_identity, theme_values


class ConfigError(Exception):
    """mkdocs.yml cannot be used; the message says why, in Chinese."""


class _Loader(yaml.SafeLoader):
    """YAML with MkDocs' python tags (e.g. the toc slugify function) read as nothing: never run."""


_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)


@dataclass
class ProjectConfig:
    path: Path
    data: dict[str, Any]
    registry: dict[str, Any] = field(default_factory=dict)  # the registry plugin's options
    blog: dict[str, Any] = field(default_factory=dict)  # the blog plugin's options
    identity: SiteIdentity | None = None  # extra.gov: the site's identity, checked

    @classmethod
    def load(cls, path: Path) -> ProjectConfig:
        try:
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
        except (OSError, yaml.YAMLError) as error:
            raise ConfigError(f"{path} 无法读取：{error}") from None
        if not isinstance(data, dict):
            raise ConfigError(f"{path} 应为“字段: 值”形式的设置")
        config = cls(path.resolve(), data)
        try:
            config.identity = load_identity(path, data)
        except IdentityError as error:
            raise ConfigError(f"{error}\n网站标识（extra.gov）有误，网站没有生成") from None
        for name, options in config.plugins():
            if name == "registry":
                config.registry = options
            elif name == "blog":
                config.blog = options
        return config

    @property
    def theme_extra(self) -> dict[str, Any]:
        """What the engine's configuration adds to `extra` for the theme's overrides."""
        return {THEME_KEY: theme_values(self.identity, self.site_url)}

    @property
    def root(self) -> Path:
        return self.path.parent

    def plugins(self) -> list[tuple[str, dict[str, Any]]]:
        entries = self.data.get("plugins") or []
        found: list[tuple[str, dict[str, Any]]] = []
        for entry in entries if isinstance(entries, list) else []:
            if isinstance(entry, str):
                found.append((entry, {}))
            elif isinstance(entry, dict) and len(entry) == 1:
                name, options = next(iter(entry.items()))
                found.append((str(name), options if isinstance(options, dict) else {}))
        return found

    def path_of(self, key: str, default: str) -> Path:
        return (self.root / str(self.data.get(key) or default)).resolve()

    @property
    def docs_dir(self) -> Path:
        return self.path_of("docs_dir", "docs")

    @property
    def site_dir(self) -> Path:
        return self.path_of("site_dir", "site")

    @property
    def custom_dir(self) -> Path | None:
        theme = self.data.get("theme")
        folder = theme.get("custom_dir") if isinstance(theme, dict) else None
        return (self.root / str(folder)).resolve() if folder else None

    @property
    def site_url(self) -> str:
        return str(self.data.get("site_url") or "http://localhost:8000/")

    @property
    def site_name(self) -> str:
        return str(self.data.get("site_name") or "")

    def nav_titles(self) -> dict[str, str]:
        """Page source → the title the navigation gives it."""
        titles: dict[str, str] = {}

        def walk(entries: Any) -> None:
            for entry in entries if isinstance(entries, list) else []:
                if isinstance(entry, dict):
                    for title, target in entry.items():
                        if isinstance(target, str):
                            titles[target] = str(title)
                        else:
                            walk(target)

        walk(self.data.get("nav"))
        return titles

    def option(self, key: str, default: Any) -> Any:
        """A registry plugin option, under its name or its deprecated one."""
        if key in self.registry:
            return self.registry[key]
        return self.registry.get("items", default) if key == "registry_dir" else default
