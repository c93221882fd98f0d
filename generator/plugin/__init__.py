"""The MkDocs adapter (registered as the `registry` plugin): translates MkDocs' events into calls of the core."""

from generator.plugin.plugin import RegistryPlugin

__all__ = ["RegistryPlugin"]
