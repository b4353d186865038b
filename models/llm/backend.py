"""What every way of running a model offers the engine: load, stream a chat answer, close."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol, TypedDict


class ChatMessage(TypedDict):
    role: Literal["system", "user", "assistant"]
    content: str


class ModelUnavailable(Exception):
    """The model cannot be used; the message says why in words a teacher can act on."""


@dataclass(frozen=True)
class GenerationOptions:
    max_tokens: int = 256
    temperature: float = 0.2
    json_schema: dict[str, Any] | None = None  # constrain the answer to this JSON schema


@dataclass
class BackendInfo:
    """What `mentor model check` and `mentor.modelStatus` report about a backend."""

    backend: str  # "llama.cpp" or "endpoint"
    model: str  # a file name or an endpoint's model
    model_id: str  # part of every cache key: another model never answers from this one's cache
    gpu_layers: int | None = None  # the layers llama.cpp offloaded (-1: all); None: not local
    gpu_offload_supported: bool | None = None
    chat_template: str = ""  # where the prompt format came from
    context_size: int | None = None
    # What loading added to the process's resident memory (psutil RSS after - before); None:
    # nothing local was loaded (an endpoint).
    memory_bytes: int | None = None
    notes: list[str] = field(default_factory=list)  # e.g. "fell back to 16 GPU layers"


class Backend(Protocol):
    """A model the engine's single worker thread drives. Not required to be thread-safe."""

    info: BackendInfo

    def load(self, progress: Callable[[str], None]) -> None:
        """Make the model ready (blocking). Raises ModelUnavailable with a clear message."""

    def stream(self, messages: list[ChatMessage], options: GenerationOptions) -> Iterator[str]:
        """The answer, piece by piece. Closing the iterator stops the generation."""

    def close(self) -> None:
        """Release the model (memory, GPU, connections)."""
