"""The engines that render the site's theme around the project's pages: Material for MkDocs on MkDocs or
on ProperDocs (its maintained fork), and Zensical. Each runs as a subprocess on a docs folder and a
configuration derived from mkdocs.yml; what the registry adds is done by `python -m generator build`
before and after (generator/engines/build.py), the same for every engine."""

from generator.engines.base import Engine, EngineFailed
from generator.engines.mkdocs import MkDocs, ProperDocs
from generator.engines.zensical import Zensical

ENGINES: dict[str, type[Engine]] = {engine.name: engine for engine in (ProperDocs, MkDocs, Zensical)}
# Material runs clean on ProperDocs, byte for byte as on MkDocs apart from the generator tag, and
# ProperDocs is maintained; MkDocs 1.x is not.
DEFAULT_ENGINE = ProperDocs.name

__all__ = ["DEFAULT_ENGINE", "ENGINES", "Engine", "EngineFailed"]
