"""The page cache: each item's guide and checklist as last written, under a key that changes whenever
anything the pages show or are made with changes: the item (the digest of its validated JSON), its
department, the items it links to and their departments, its 一件事, the templates, the theme's
shells, the site address, the generator's own code and the versions of the libraries that write
into the page. A build with a warm cache renders only the items whose key changed.
"""

from __future__ import annotations

import json
import os
import shutil
from importlib.metadata import version
from pathlib import Path

from generator.registry.digest import digest, folder_digest
from generator.views import ItemView

GENERATOR = Path(__file__).parent.parent
# Libraries whose output goes into a page as it is (the theme's own version shows in the shells).
LIBRARIES = ("jinja2", "markupsafe", "pydantic", "zxing-cpp")


class PageCache:
    def __init__(self, folder: Path, templates: Path, shells: dict[str, str], site_url: str):
        self.folder = folder
        self.context = digest(
            [folder_digest(GENERATOR, templates), site_url.encode()]
            + [f"{name} {version(name)}".encode() for name in LIBRARIES]
            + [part.encode() for kind in sorted(shells) for part in (kind, shells[kind])]
        )
        self._departments: dict[str, bytes] = {}

    def key(self, view: ItemView, kind: str) -> str:
        """The name of the item's page of `kind` in the cache. A checklist shows only its own item and
        department; a guide also shows its related items and its 一件事."""
        parts = [self.context, kind.encode(), view.record.digest, self._department(view)]
        if kind != "checklist":
            for related in view.related:
                parts += [related.record.digest, self._department(related)]
            parts += [f"{b.bundle.id}\n{b.bundle.name}\n{b.url}".encode() for b in view.bundles]
        return digest(parts).hex()

    def _department(self, view: ItemView) -> bytes:
        department = self._departments.get(view.department.id)
        if department is None:
            department = self._departments[view.department.id] = view.department.model_dump_json().encode()
        return department

    def _path(self, name: str) -> Path:
        return self.folder / name[:2] / f"{name}.html"

    def copy_to(self, name: str, target: Path) -> bool:
        """Write the cached page `name` to `target`; False when the cache does not hold it."""
        try:
            shutil.copyfile(self._path(name), target)
        except FileNotFoundError:
            return False
        return True

    def store(self, name: str, page: bytes) -> None:
        path = self._path(name)
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f"{path.name}.{os.getpid()}.part")  # a page is cached whole or not at all
        partial.write_bytes(page)
        os.replace(partial, path)

    def forget_unused(self, used: set[str]) -> None:
        """Pages not `used` by this build (old versions, removed items) leave the cache."""
        if not self.folder.is_dir():
            return
        for bucket in self.folder.iterdir():
            for path in bucket.iterdir() if bucket.is_dir() else []:
                if path.name.removesuffix(".html") not in used:
                    path.unlink()


class PreviousPages:
    """The item pages of the last build into the same site folder. The engine empties the folder
    before it builds, except for hidden entries; setting items/ aside under a hidden name keeps the
    pages, and a page whose key is the one it was written with stays as it is. The record of those
    keys lives in the cache and is removed while a build runs, so an interrupted build leaves none;
    it also names the items/ folder it describes (device and inode), so a folder that any other
    build has emptied and made again is not taken for it."""

    ASIDE = ".gov-items-previous"

    def __init__(self, cache_folder: Path, site_dir: Path):
        self.site_dir = site_dir
        name = digest([str(site_dir.resolve()).encode()]).hex()
        self.record = cache_folder / "sites" / f"{name}.json"
        self.keys: dict[str, str] = {}

    def set_aside(self) -> None:
        aside, items = self.site_dir / self.ASIDE, self.site_dir / "items"
        shutil.rmtree(aside, ignore_errors=True)
        try:
            record = json.loads(self.record.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            record = None
        self.forget()
        if isinstance(record, dict) and items.is_dir() and record.get("folder") == _identity(items):
            os.rename(items, aside)
            self.keys = record["keys"]

    def restore(self) -> None:
        """Put the set-aside pages back beside what the engine wrote under items/ (the shells have gone)."""
        aside, items = self.site_dir / self.ASIDE, self.site_dir / "items"
        if not aside.is_dir():
            return
        if items.is_dir() and not any(items.iterdir()):
            items.rmdir()
        if not items.exists():
            os.rename(aside, items)
            return
        for entry in aside.iterdir():
            if not (items / entry.name).exists():
                os.rename(entry, items / entry.name)
        shutil.rmtree(aside)

    def unchanged(self, url: str, key: str, target: Path) -> bool:
        return self.keys.get(url) == key and target.is_file()

    def remove_others(self, refs: set[str]) -> None:
        """Pages of items the registry no longer publishes."""
        items = self.site_dir / "items"
        for department in items.iterdir() if items.is_dir() else []:
            for folder in department.iterdir() if department.is_dir() else []:
                if f"{department.name}/{folder.name}" not in refs:
                    shutil.rmtree(folder)
            if department.is_dir() and not any(department.iterdir()):
                department.rmdir()

    def save(self, keys: dict[str, str]) -> None:
        items = self.site_dir / "items"
        if not items.is_dir():
            return
        self.record.parent.mkdir(parents=True, exist_ok=True)
        self.record.write_text(json.dumps({"folder": _identity(items), "keys": keys}, sort_keys=True), encoding="utf-8")

    def forget(self) -> None:
        self.record.unlink(missing_ok=True)


def _identity(folder: Path) -> list[int]:
    status = folder.stat()
    return [status.st_dev, status.st_ino]
