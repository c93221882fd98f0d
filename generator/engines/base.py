"""An engine: how to derive its configuration and how to run it on a docs folder."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from generator.engines.project import ProjectConfig

_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


class EngineFailed(Exception):
    """The engine exited with an error: the message holds its output, without colours."""


@dataclass
class Engine:
    project: ProjectConfig
    folder: Path  # the engine's own folder: derived configuration, docs and site

    name: ClassVar[str] = ""
    title: ClassVar[str] = ""
    module: ClassVar[str] = ""  # python -m <module>

    @property
    def docs(self) -> Path:
        return self.folder / "docs"

    @property
    def site(self) -> Path:
        return self.folder / "site"

    def write_config(self, generated: list[str]) -> Path:
        """The derived configuration; `generated`: the folders of the pages the registry adds."""
        raise NotImplementedError

    def command(self, config: Path, strict: bool) -> list[str]:
        return [sys.executable, "-m", self.module, "build", "-f", str(config), *(["--strict"] if strict else [])]

    def run(self, config: Path, strict: bool) -> str:
        """Render the docs folder into the site folder; its output, or EngineFailed."""
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true", NO_COLOR="1")
        result = subprocess.run(
            self.command(config, strict), cwd=self.folder, capture_output=True, text=True, env=env, check=False
        )
        output = _ANSI.sub("", result.stdout + result.stderr)
        if result.returncode != 0:
            raise EngineFailed(output.strip())
        return output
