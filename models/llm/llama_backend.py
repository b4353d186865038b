"""The model in-process: llama-cpp-python on a GGUF file, on the GPU when the build can."""

from __future__ import annotations

import contextlib
import ctypes
import io
import logging
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import psutil

from mentor.models.llm.backend import (
    BackendInfo,
    ChatMessage,
    GenerationOptions,
    ModelUnavailable,
)
from mentor.models.llm.config import ModelConfig, fallback_layers, resolve_gpu_layers
from mentor.models.llm.gguf_file import check_gguf

log = logging.getLogger(__name__)
llama_log = logging.getLogger("mentor.llama_cpp")

NO_MODEL = (
    "no tutor model is installed: run `mentor model install` (Qwen2.5-Coder-1.5B, 1.1 GB; "
    "`mentor model install qwen2.5-coder-0.5b` on a slow machine), or set mentor.model.path to "
    "a GGUF file or mentor.model.endpoint to a classroom server"
)
# Besides the weights, llama.cpp needs the KV cache and scratch buffers (~0.3 GB at 2048 tokens
# for a 1.5B model); a model that does not fit would swap the student's machine to a halt.
_LOAD_OVERHEAD = 512 << 20


class LlamaCppBackend:
    """One GGUF model loaded by llama.cpp. Only the engine's worker thread may call it."""

    def __init__(self, config: ModelConfig) -> None:
        self.config = config
        file = config.model_file()
        self.info = BackendInfo(
            backend="llama.cpp",
            model=config.name or (file.name if file else "none"),
            model_id=model_file_id(file),
        )
        self._llm: Any = None

    def load(self, progress: Callable[[str], None]) -> None:
        path = self.config.model_file()
        if path is None:
            raise ModelUnavailable(NO_MODEL)
        check_gguf(path)
        llama_cpp = _import_llama_cpp()
        offload = bool(llama_cpp.llama_supports_gpu_offload())
        requested = resolve_gpu_layers(self.config.gpu_layers, offload)
        if requested == 0:  # on the CPU the whole file lives in main memory
            check_memory(path)
        self.info.gpu_offload_supported = offload
        if not offload and self.config.gpu_layers not in ("auto", 0):
            self.info.notes.append("this llama.cpp build has no GPU offload: running on the CPU")
        failures = []
        resident_before = psutil.Process().memory_info().rss
        for layers in fallback_layers(requested):
            progress(f"loading {path.name} ({_where(layers)})")
            try:
                self._llm = self._open(llama_cpp, path, layers)
            except (ValueError, RuntimeError, MemoryError, OSError) as error:
                # llama.cpp reports a full GPU and a broken file alike: retry with fewer layers.
                log.warning("loading %s with %s failed: %s", path, _where(layers), error)
                failures.append(f"{_where(layers)}: {error}")
                continue
            if failures:
                self.info.notes.append(
                    f"loaded with {_where(layers)} after {len(failures)} failed attempt(s) "
                    "(the GPU may be short of memory)"
                )
            self.info.gpu_layers = layers
            break
        else:
            raise ModelUnavailable(
                f"llama.cpp could not load {path.name} ({failures[-1]}); "
                "the file may be incomplete or not a model llama.cpp supports"
            )
        self.info.context_size = self._llm.n_ctx()
        self.info.memory_bytes = max(0, psutil.Process().memory_info().rss - resident_before)
        fmt = self._llm.chat_format or "llama-2"
        self.info.chat_template = (
            "the model's own (GGUF tokenizer.chat_template)"
            if fmt.startswith("chat_template")
            else f"{fmt} (guessed from the GGUF metadata)"
        )

    def _open(self, llama_cpp: Any, path: Path, layers: int) -> Any:
        options: dict[str, Any] = {"n_ctx": self.config.context_size, "n_gpu_layers": layers}
        if self.config.threads > 0:
            options["n_threads"] = self.config.threads
        # verbose=False would redirect file descriptors 1 and 2 while loading, which would
        # swallow the LSP messages other threads write to stdout. Keep the descriptors and
        # catch llama-cpp-python's own prints (to sys.stderr) here instead.
        printed = io.StringIO()
        with contextlib.redirect_stderr(printed):
            model = llama_cpp.Llama(model_path=str(path), verbose=True, **options)
        llama_log.debug("%s", printed.getvalue())
        _quiet_python_logger()
        model.verbose = False  # no more prints while generating (it only gates prints now)
        return model

    def stream(self, messages: list[ChatMessage], options: GenerationOptions) -> Iterator[str]:
        if self._llm is None:
            raise ModelUnavailable("the model is not loaded")
        request: dict[str, Any] = {
            "stream": True,
            "max_tokens": options.max_tokens,
            "temperature": options.temperature,
        }
        if options.json_schema is not None:
            request["response_format"] = {"type": "json_object", "schema": options.json_schema}
        chunks = self._start(messages, request)
        try:
            for chunk in chunks:
                text = chunk["choices"][0]["delta"].get("content")
                if text:
                    yield text
        finally:
            chunks.close()  # stops llama.cpp between two tokens

    def _start(self, messages: list[ChatMessage], request: dict[str, Any]) -> Any:
        try:
            return self._llm.create_chat_completion(messages=list(messages), **request)
        except Exception as error:  # jinja2's TemplateError: e.g. "System role not supported"
            if messages and messages[0]["role"] == "system" and "system" in str(error).lower():
                return self._llm.create_chat_completion(
                    messages=merge_system_message(messages), **request
                )
            raise

    def close(self) -> None:
        if self._llm is not None:
            with contextlib.suppress(Exception):
                self._llm.close()
            self._llm = None


def check_memory(path: Path) -> None:
    """Refuse a model that cannot fit in the memory that is free now."""
    needed = path.stat().st_size + _LOAD_OVERHEAD
    available = psutil.virtual_memory().available
    if needed > available:
        raise ModelUnavailable(
            f"{path.name} needs about {needed / 1e9:.1f} GB of memory and {available / 1e9:.1f} "
            "GB is free: close other programs, or use a smaller model "
            "(`mentor model install qwen2.5-coder-0.5b`)"
        )


def model_file_id(file: Path | None) -> str:
    """Names a model file for cache keys without reading gigabytes: its name and size."""
    if file is None:
        return "gguf:none"
    try:
        return f"gguf:{file.name}:{file.stat().st_size}"
    except OSError:
        return f"gguf:{file.name}:missing"


def merge_system_message(messages: list[ChatMessage]) -> list[ChatMessage]:
    """For chat templates without a system role: the instructions open the first user turn."""
    system, first, *rest = messages
    merged: ChatMessage = {"role": "user", "content": f"{system['content']}\n\n{first['content']}"}
    return [merged, *rest]


def _where(layers: int) -> str:
    if layers == 0:
        return "CPU only"
    return "all layers on the GPU" if layers < 0 else f"{layers} layers on the GPU"


def _import_llama_cpp() -> Any:
    # llama.cpp's OpenMP threads spin while they wait by default. On a student's laptop the
    # editor and the server share the cores, and spinning threads that lose their core stall
    # the whole batch: prompt evaluation measured 5-10x slower here. Must be set before the
    # OpenMP runtime loads, i.e. before the first import of llama_cpp.
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    try:
        import llama_cpp
    except ImportError as error:
        raise ModelUnavailable(
            "llama-cpp-python is not installed (pip install 'mentor-lsp[llm]')"
        ) from error
    except OSError as error:  # the shared library would not load (CUDA runtime missing...)
        raise ModelUnavailable(f"llama-cpp-python's library would not load: {error}") from error
    _route_llama_cpp_logs(llama_cpp)
    return llama_cpp


_log_callback: Any = None


def _route_llama_cpp_logs(llama_cpp: Any) -> None:
    """Send llama.cpp's C-level log to Python logging (debug) rather than to stderr."""
    global _log_callback
    if _log_callback is not None:
        return

    @llama_cpp.llama_log_callback
    def forward(level: int, text: bytes, user_data: ctypes.c_void_p) -> None:
        llama_log.debug("%s", text.decode("utf-8", errors="replace").rstrip())

    _log_callback = forward  # keep a reference: ctypes would free it otherwise
    llama_cpp.llama_log_set(_log_callback, ctypes.c_void_p(0))


def _quiet_python_logger() -> None:
    # Llama(verbose=True) turns llama-cpp-python's own logger up; its timings stay in our log.
    logging.getLogger("llama-cpp-python").setLevel(logging.ERROR)
