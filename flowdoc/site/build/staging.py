"""The staging folder flowdoc builds from, and putting a built site into place.

Pages are written into a persistent staging ``docs`` folder under flowdoc's cache folder
(:func:`staging_dir`), rewriting only pages whose content changed and deleting stale ones
(:func:`stage`); mkdocs builds into a temporary folder that then replaces the output folder
(:func:`swap_into_place`), so a failed build leaves the previous site intact. A build killed
outright (SIGKILL, power loss) leaves the previous site in place too; the folders it left beside
it are removed, or put back, by the next build (:func:`remove_stale_builds`).
"""

from __future__ import annotations

import ctypes
import hashlib
import os
import re
import shutil
import time
from pathlib import Path

STAMP = ".flowdoc-stamp"

def stage(docs: Path, files: dict[str, bytes], keep: set[str] | None = None) -> tuple[list, list, list]:
    """Make ``docs`` hold exactly ``files`` (plus ``keep``), rewriting only what changed.

    Returns the relative paths (written, unchanged, removed)."""
    docs.mkdir(parents=True, exist_ok=True)
    written: list[str] = []
    unchanged: list[str] = []
    removed: list[str] = []
    for rel, content in files.items():
        target = docs / rel
        try:
            if target.stat().st_size == len(content) and target.read_bytes() == content:
                unchanged.append(rel)
                continue
        except FileNotFoundError:
            pass
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.tmp")
        tmp.write_bytes(content)
        os.replace(tmp, target)
        written.append(rel)
    wanted = set(files) | (keep or set())
    for path in sorted(docs.rglob("*"), reverse=True):
        rel = path.relative_to(docs).as_posix()
        if path.is_file() and rel not in wanted and not rel.startswith(".flowdoc"):
            path.unlink()
            removed.append(rel)
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return written, unchanged, removed


CALLTREE_START = "<!-- flowdoc:calltree-start -->"
CALLTREE_END = "<!-- flowdoc:calltree-end -->"
CALLTREE_SLOT = '<div class="flowdoc-calltree-slot"></div>'


def side_file(rel: str) -> str:
    folder, _, name = rel.rpartition("/")
    return f"{folder}/.{name[:-3]}.calltree.html" if folder else f".{name[:-3]}.calltree.html"


def split_side_html(rel: str, text: str) -> dict[str, bytes]:
    """Move a page's call tree (pure HTML, up to a few hundred KB) into a hidden side file that the
    mkdocs hook :func:`flowdoc.site.hooks.on_page_content` puts back after Markdown: Markdown has nothing to do in
    it and parsing it as raw HTML would double the time of a real-tree build."""
    head, start, rest = text.partition(CALLTREE_START)
    if not start:
        return {rel: text.encode("utf-8")}
    body, end, tail = rest.partition(CALLTREE_END)
    return {rel: (head + CALLTREE_SLOT + tail).encode("utf-8"), side_file(rel): body.strip().encode("utf-8")}


def _current_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _normal_permissions(folder: Path) -> None:
    """mkdtemp makes the folder ``drwx------``: give the site the permissions any folder and file
    created per the umask would have, so a web server running as another user can read it."""
    mask = _current_umask()
    dir_mode, file_mode = 0o777 & ~mask, 0o666 & ~mask
    os.chmod(folder, dir_mode)
    for root, dirs, names in os.walk(folder):
        for name in dirs:
            os.chmod(os.path.join(root, name), dir_mode)
        for name in names:
            os.chmod(os.path.join(root, name), file_mode)


def building_prefix(output: Path) -> str:
    """The name prefix of a build's temporary folder beside ``output``; it carries the process id,
    so that a later build can tell a killed build's folder from a running one's."""
    return f".{output.name}.building-{os.getpid()}-"


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one step (Linux ``renameat2(RENAME_EXCHANGE)``); False where the
    system or file system cannot, and the caller renames twice instead."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    return renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0


def swap_into_place(built: Path, output: Path) -> None:
    """Make ``built`` the site at ``output``. With an atomic exchange there is no moment without
    a site; otherwise a kill between the two renames leaves the old site as ``.NAME.old-PID``,
    which :func:`remove_stale_builds` puts back."""
    _normal_permissions(built)
    if output.exists() and _exchange(built, output):
        shutil.rmtree(built, ignore_errors=True)  # the previous site, now at the temporary name
        return
    old = None
    if output.exists():
        old = output.with_name(f".{output.name}.old-{os.getpid()}")
        os.replace(output, old)
    os.replace(built, output)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True


def remove_stale_builds(output: Path) -> list[Path]:
    """Clean up after builds into ``output`` that were killed: their temporary folders are
    removed, and a previous site caught between the two renames of a swap is put back when
    ``output`` is missing. Folders of builds still running are left alone. Returns what was done."""
    pattern = re.compile(rf"\.{re.escape(output.name)}\.(building|old)-(\d+)(-.*)?")
    done = []
    for folder in sorted(output.parent.iterdir()) if output.parent.is_dir() else []:
        match = pattern.fullmatch(folder.name)
        if match is None or not folder.is_dir() or _alive(int(match.group(2))):
            continue
        if match.group(1) == "old" and not os.path.lexists(output):
            os.replace(folder, output)
        else:
            shutil.rmtree(folder, ignore_errors=True)
        done.append(folder)
    return done


def replaceable(output: Path) -> bool:
    """An empty folder, a site flowdoc built, or an mkdocs build output (plain `mkdocs build`)."""
    if not output.is_dir():
        return False
    if (output / STAMP).is_file() or not any(output.iterdir()):
        return True
    return (output / "sitemap.xml").is_file() and (output / "404.html").is_file()


def staging_dir(output: Path) -> Path:
    """The persistent staging folder of the site built into ``output``: under flowdoc's cache
    folder, keyed by the output's absolute path, so nothing is left beside the output folder."""
    from flowdoc.store.cache import default_cache_dir

    key = hashlib.sha256(str(Path(output).resolve()).encode("utf-8")).hexdigest()[:16]
    return default_cache_dir() / "site-staging" / f"{Path(output).name or 'site'}-{key}"


STAGING_OWNER = ".flowdoc-output"
STAGING_KEEP_SECONDS = 24 * 3600


def prune_staging(keep: Path, now: float | None = None) -> list[Path]:
    """Delete staging folders whose site folder is gone and that were not used for a day (sites
    built into temporary folders would otherwise pile up in the cache). Returns what was removed."""
    now = time.time() if now is None else now
    removed = []
    for folder in sorted(keep.parent.glob("*")) if keep.parent.is_dir() else []:
        if folder == keep or not folder.is_dir():
            continue
        try:
            owner = Path((folder / STAGING_OWNER).read_text(encoding="utf-8").strip())
            idle = now - (folder / STAGING_OWNER).stat().st_mtime
        except OSError:
            owner, idle = None, now - folder.stat().st_mtime
        if idle > STAGING_KEEP_SECONDS and (owner is None or not owner.exists()):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed
