"""Which model the tutor uses and how: a GGUF file run in-process, or an OpenAI-compatible
endpoint. Plain values, no llama.cpp import: reading settings must stay cheap."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from mentor.models.llm.store import ModelStore

AUTO = "auto"


@dataclass(frozen=True)
class ModelConfig:
    """Everything that decides which model answers; two equal configs share one loaded model."""

    path: str = ""  # a GGUF file; "" = the best model `mentor model install` put in place
    gpu_layers: str | int = AUTO  # "auto": all layers if llama.cpp was built with GPU offload
    context_size: int = 2048
    threads: int = 0  # 0: llama.cpp's default
    endpoint: str = ""  # an OpenAI-compatible server (llama.cpp server, vLLM, Ollama)
    name: str = ""  # the model name to ask the endpoint for; a label for local files

    @property
    def uses_endpoint(self) -> bool:
        return bool(self.endpoint)

    def model_file(self) -> Path | None:
        """The GGUF file to load: the configured one, else the best installed model (the
        1.5B before the 0.5B, then the user's registered files), else None: static mode."""
        if self.path:
            return Path(self.path).expanduser()
        return installed_model_path()

    def with_installed_model(self) -> ModelConfig:
        """This config with the best installed model's path filled in when none is set, so a
        model installed while the editor runs makes a different config, and is used."""
        if self.path or self.uses_endpoint:
            return self
        installed = installed_model_path()
        return replace(self, path=str(installed)) if installed is not None else self

    def label(self) -> str:
        """A short name people recognise: the endpoint's model or the file's name."""
        if self.uses_endpoint:
            return f"{self.name or 'default model'} at {self.endpoint}"
        file = self.model_file()
        return self.name or (file.name if file else "no model")


def installed_model_path() -> Path | None:
    """The best model in the models folder; only verified, complete files are listed there."""
    best = ModelStore().best()
    return best.file if best is not None else None


def resolve_gpu_layers(setting: str | int, offload_supported: bool) -> int:
    """The `n_gpu_layers` to ask llama.cpp for: -1 means every layer.

    "auto" offloads everything when this llama.cpp build can (CUDA, Metal, Vulkan...), and
    runs on the CPU otherwise; a number is taken as given (0 = CPU only).
    """
    if setting == AUTO:
        return -1 if offload_supported else 0
    layers = int(setting)
    return layers if offload_supported else 0


def fallback_layers(requested: int, layer_count: int | None = None) -> list[int]:
    """The GPU layer counts to try, in order, when loading fails (the GPU may be out of memory):
    the request, then half as many layers again and again, then the CPU alone."""
    if requested == 0:
        return [0]
    attempts = [requested]
    layers = (layer_count if requested < 0 else requested) or 32  # 32: a typical 7B model
    while layers > 1:
        layers //= 2
        attempts.append(layers)
    attempts.append(0)
    return list(dict.fromkeys(attempts))
