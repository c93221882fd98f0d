"""Page addresses and links between them (directory URLs, relative like MkDocs writes them)."""

from functools import lru_cache


def relative(target: str, current: str) -> str:
    """Link from the page at `current` ("items/a/b/") to `target` ("departments/a/"), both site-relative."""
    if target.startswith(("http://", "https://", "#")):
        return target
    path, _, anchor = target.partition("#")
    link = _relative_path(path, current)
    return link + (f"#{anchor}" if anchor else "")


@lru_cache(maxsize=65536)
def _relative_path(path: str, current: str) -> str:
    """posixpath.relpath for site addresses, on the names alone: it runs for every link of every page."""
    here = [part for part in current.split("/") if part]
    there = [part for part in path.split("/") if part]
    common = 0
    while common < min(len(here), len(there)) and here[common] == there[common]:
        common += 1
    parts = [".."] * (len(here) - common) + there[common:]
    link = "/".join(parts) or "."
    if path.endswith("/") or not path:
        link = "./" if link == "." else link + "/"
    return link
