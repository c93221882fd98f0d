"""Page addresses and links between them (directory URLs, relative like MkDocs writes them)."""

import posixpath


def relative(target: str, current: str) -> str:
    """Link from the page at `current` ("items/a/b/") to `target` ("departments/a/"), both site-relative."""
    if target.startswith(("http://", "https://", "#")):
        return target
    path, _, anchor = target.partition("#")
    base = current.rstrip("/") or "."
    link = posixpath.relpath(path.rstrip("/") or ".", base)
    if path.endswith("/") or not path:
        link = "./" if link == "." else link + "/"
    return link + (f"#{anchor}" if anchor else "")
