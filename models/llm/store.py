"""The models folder in the user data folder: installed and registered models, each described by
a small JSON record written only after its file was verified, so a half-written file (a
`.partial`) is never listed and never loaded."""

from __future__ import annotations

import json
import logging
import os
import re
from dataclasses import asdict, dataclass
from pathlib import Path

import platformdirs

from mentor.models.llm.catalog import BUILTIN

log = logging.getLogger(__name__)

_RECORD = ".json"
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")


def valid_name(name: str) -> bool:
    """A model name is also a file name: letters, digits, `.`, `_`, `-`."""
    return _NAME.fullmatch(name) is not None and not name.endswith((".json", ".partial"))


def models_folder() -> Path:
    """Next to Mentor's other data (the learner's progress): `<user data>/mentor/models`."""
    return platformdirs.user_data_path("mentor", appauthor=False) / "models"


@dataclass(frozen=True)
class InstalledModel:
    name: str
    path: str  # the GGUF file: in the models folder, or the user's own file when registered
    size: int
    sha256: str  # "" for a registered file (never read whole)
    architecture: str
    registered: bool  # the user's own file (`--file`): removing forgets it, never deletes it

    @property
    def file(self) -> Path:
        return Path(self.path)

    def is_intact(self) -> bool:
        """The file is still there with the size that was verified (cheap: no hashing)."""
        try:
            return self.file.stat().st_size == self.size
        except OSError:
            return False


class ModelStore:
    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or models_folder()

    def file_for(self, file_name: str) -> Path:
        return self.folder / file_name

    def partial_for(self, file_name: str) -> Path:
        return self.folder / f"{file_name}.partial"

    def downloads(self) -> Path:
        return self.folder / "downloads"

    def installed(self) -> list[InstalledModel]:
        """Every model whose record is readable and whose file is intact, best first: the
        catalog's order (1.5B before 0.5B), then the user's own files by name."""
        found = []
        for record in sorted(self.folder.glob(f"*{_RECORD}")):
            model = _read(record)
            if model is not None and model.is_intact():
                found.append(model)
        order = {entry.name: rank for rank, entry in enumerate(BUILTIN)}
        return sorted(found, key=lambda model: (order.get(model.name, len(order)), model.name))

    def unfinished(self) -> list[Path]:
        """The `.partial` files of installs that were interrupted (never loaded or listed)."""
        return sorted(self.folder.glob("*.partial"))

    def get(self, name: str) -> InstalledModel | None:
        return next((model for model in self.installed() if model.name == name), None)

    def best(self) -> InstalledModel | None:
        models = self.installed()
        return models[0] if models else None

    def add(self, model: InstalledModel) -> None:
        """Record a verified model (atomically: a reader sees the old record or the new)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        record = self._record(model.name)
        temporary = record.with_suffix(".json.tmp")
        temporary.write_text(json.dumps(asdict(model), indent=2), encoding="utf-8")
        os.replace(temporary, record)

    def remove(self, name: str) -> InstalledModel | None:
        """Forget a model; delete its file unless it is the user's own. None if unknown."""
        if not valid_name(name):
            return None
        record = self._record(name)
        model = _read(record) if record.exists() else None
        if model is None:
            return None
        record.unlink()
        if not model.registered:
            model.file.unlink(missing_ok=True)
        return model

    def _record(self, name: str) -> Path:
        return self.folder / f"{name}{_RECORD}"


def _read(record: Path) -> InstalledModel | None:
    try:
        data = json.loads(record.read_text(encoding="utf-8"))
        return InstalledModel(**data)
    except (OSError, ValueError, TypeError) as error:
        log.warning("ignoring the unreadable model record %s: %s", record, error)
        return None
