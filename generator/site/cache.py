"""The page cache: each item's guide and checklist as last written, under a key that changes whenever
anything the pages show or are made with changes: the item (the digest of its validated JSON), its
department, the items it links to and their departments, its 一件事, the templates, the theme's
shells, the site address and identity, the generator's own code and the versions of the libraries that write
into the page. A build with a warm cache renders only the items whose key changed.
"""

from __future__ import annotations

import contextlib
import logging
import os
from importlib.metadata import version
from pathlib import Path

import orjson

from generator.files import write_bytes
from generator.models.identity import SiteIdentity
from generator.registry.digest import digest, folder_digest, local_signer
from generator.views import ItemView

GENERATOR = Path(__file__).parent.parent
# Libraries whose output goes into a page as it is (the theme's own version shows in the shells).
LIBRARIES = ("jinja2", "markupsafe", "pydantic", "zxing-cpp")
log = logging.getLogger("mkdocs.plugins.registry")


class PageCache:
    """Pages under a key of everything they are made from, each signed with this machine's secret
    (`registry.digest.local_signer`): a page whose bytes do not verify is made again, never published."""

    INDEX = "signatures.json"

    def __init__(
        self,
        folder: Path,
        overrides: Path | None,
        shells: dict[str, str],
        site_url: str,
        identity: SiteIdentity | None = None,
    ):
        self.folder = folder
        self.index = folder / self.INDEX
        self.signer = local_signer()
        self.signatures = self._load_index() if self.signer is not None else {}
        self.rejected = 0
        self.context = digest(
            [
                folder_digest(GENERATOR, *([overrides] if overrides is not None and overrides.is_dir() else [])),
                site_url.encode(),
                identity.model_dump_json().encode() if identity is not None else b"",  # the guides' 纠错 link
            ]
            + [f"{name} {version(name)}".encode() for name in LIBRARIES]
            + [part.encode() for kind in sorted(shells) for part in (kind, shells[kind])]
        )
        self._departments: dict[str, bytes] = {}

    def _load_index(self) -> dict[str, str]:
        try:
            index = orjson.loads(self.index.read_bytes())
        except (OSError, orjson.JSONDecodeError):
            return {}
        return (
            {k: v for k, v in index.items() if isinstance(k, str) and isinstance(v, str)}
            if isinstance(index, dict)
            else {}
        )

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

    def copy_to(self, name: str, target: Path, previous: Path | None = None) -> bool:
        """Put the page `name` at `target` if its bytes verify: from `previous` (the same page in the site
        being replaced, linked, not copied) or else from the cache (copied: the cache's files never
        become the site's, so a change to one never reaches the other). False leaves nothing at `target`."""
        if self.signer is None or name not in self.signatures:
            return False
        signature = bytes.fromhex(self.signatures[name])
        if previous is not None and self._verifies(name, signature, previous):
            try:
                os.link(previous, target)
                return True
            except OSError:
                pass
        try:
            page = self._path(name).read_bytes()
        except OSError:
            return False
        if not self.signer.verifies(signature, [name.encode(), page]):
            self.rejected += 1
            return False
        target.write_bytes(page)
        return True

    def _verifies(self, name: str, signature: bytes, path: Path) -> bool:
        assert self.signer is not None
        try:
            return (
                path.is_file()
                and not path.is_symlink()
                and self.signer.verifies(signature, [name.encode(), path.read_bytes()])
            )
        except OSError:
            return False

    def store(self, name: str, page: bytes) -> str | None:
        """Keep `page` under `name`; its signature, which the build hands to `save`, or None."""
        if self.signer is None:
            return None
        path = self._path(name)
        partial = path.with_name(f"{path.name}.{os.getpid()}.part")  # a page is cached whole or not at all
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            partial.write_bytes(page)
            os.replace(partial, path)
        except OSError:
            with contextlib.suppress(OSError):
                partial.unlink(missing_ok=True)
            return None
        return self.signer.sign([name.encode(), page]).hex()

    def save(self, used: dict[str, str]) -> None:
        """Record the signatures of the pages this build used (`name → signature`) and drop every other
        page: old versions and pages of items the registry no longer has."""
        if self.rejected:
            log.info(f"页面缓存中有 {self.rejected} 个页面校验不通过（被改动或已损坏），已重新生成")
        try:
            for bucket in self.folder.iterdir() if self.folder.is_dir() else []:
                for path in bucket.iterdir() if bucket.is_dir() else []:
                    if path.name.removesuffix(".html") not in used:
                        path.unlink()
            write_bytes(self.index, orjson.dumps(used, option=orjson.OPT_SORT_KEYS))
        except OSError as error:
            log.info(f"页面缓存无法更新（{error.strerror}）：下次构建会重新生成页面")
