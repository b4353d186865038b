"""A model on another machine: any OpenAI-compatible server (llama.cpp's server, vLLM, Ollama).

Student code goes over the network only to the endpoint a teacher configured.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable, Iterator
from typing import Any

import httpx

from mentor.models.llm.backend import (
    BackendInfo,
    ChatMessage,
    GenerationOptions,
    ModelUnavailable,
)
from mentor.models.llm.config import ModelConfig

log = logging.getLogger(__name__)

API_KEY_VARIABLE = "MENTOR_ENDPOINT_API_KEY"  # a secret stays out of settings files
CONNECT_TIMEOUT_S = 5.0
READ_TIMEOUT_S = 120.0  # a busy classroom server may queue a request for a while


class EndpointBackend:
    """Chat completions streamed over HTTP (server-sent events)."""

    def __init__(self, config: ModelConfig) -> None:
        self.base_url = api_base(config.endpoint)
        self.model = config.name
        self.info = BackendInfo(
            backend="endpoint",
            model=config.name or "the endpoint's default",
            model_id=f"endpoint:{self.base_url}:{config.name or 'default'}",
        )
        headers = {}
        if os.environ.get(API_KEY_VARIABLE):
            headers["Authorization"] = f"Bearer {os.environ[API_KEY_VARIABLE]}"
        self._client = httpx.Client(
            base_url=self.base_url,
            headers=headers,
            timeout=httpx.Timeout(READ_TIMEOUT_S, connect=CONNECT_TIMEOUT_S),
        )
        # vLLM, Ollama and llama.cpp's C++ server take OpenAI's `json_schema` form;
        # llama-cpp-python's server takes `json_object` with a schema. Learn which on first use.
        self._schema_forms = ["json_schema", "json_object"]

    def load(self, progress: Callable[[str], None]) -> None:
        progress(f"connecting to {self.base_url}")
        try:
            # The client's timeouts: a box that is down fails in CONNECT_TIMEOUT_S, a busy one
            # (llama-cpp-python's server answers /models only between generations) is waited for.
            response = self._client.get("/models")
            response.raise_for_status()
            served = [entry.get("id", "") for entry in response.json().get("data", [])]
        except (httpx.HTTPError, ValueError, AttributeError) as error:
            raise ModelUnavailable(
                f"cannot reach the model endpoint {self.base_url}: {error}"
            ) from error
        if not self.model:
            if not served:
                raise ModelUnavailable(f"the endpoint {self.base_url} serves no model")
            self.model = served[0]
        elif served and self.model not in served:
            raise ModelUnavailable(
                f"the endpoint {self.base_url} does not serve {self.model!r} "
                f"(it serves {', '.join(served)})"
            )
        self.info.model = self.model
        self.info.chat_template = "applied by the server"

    def stream(self, messages: list[ChatMessage], options: GenerationOptions) -> Iterator[str]:
        body: dict[str, Any] = {
            "model": self.model,
            "messages": list(messages),
            "stream": True,
            "max_tokens": options.max_tokens,
            "temperature": options.temperature,
        }
        if options.json_schema is None:
            yield from self._post(body)
            return
        refusals = []
        for form in list(self._schema_forms):
            body["response_format"] = response_format(form, options.json_schema)
            try:
                yield from self._post(body)
            except _Rejected as rejected:
                log.info("the endpoint rejected response_format %s: %s", form, rejected)
                refusals.append(f"{form}: {rejected}")
                continue
            self._schema_forms = [form]  # remember what this server accepts
            return
        raise ModelUnavailable(
            f"the endpoint {self.base_url} refused a JSON schema ({'; '.join(refusals)})"
        )

    def _post(self, body: dict[str, Any]) -> Iterator[str]:
        try:
            with self._client.stream("POST", "/chat/completions", json=body) as response:
                if response.is_error and "response_format" in body:
                    # Servers refuse a form they do not know in their own ways: 400, 422, and
                    # llama-cpp-python's 500. The other form is tried before giving up.
                    detail = response.read().decode("utf-8", errors="replace")[:200]
                    raise _Rejected(f"{response.status_code}: {detail}")
                response.raise_for_status()
                # Leaving this block closes the connection, which stops the server's generation.
                yield from _content(response.iter_lines())
        except httpx.HTTPError as error:
            raise ModelUnavailable(f"the model endpoint {self.base_url} failed: {error}") from error

    def close(self) -> None:
        self._client.close()


class _Rejected(Exception):
    """The server refused this request's form (not the endpoint's fault)."""


def api_base(endpoint: str) -> str:
    """`http://box:8080`, `http://box:8080/` and `http://box:8080/v1` all mean the same API."""
    base = endpoint.rstrip("/")
    return base if base.endswith("/v1") else f"{base}/v1"


def response_format(form: str, schema: dict[str, Any]) -> dict[str, Any]:
    if form == "json_schema":
        return {"type": "json_schema", "json_schema": {"name": "answer", "schema": schema}}
    return {"type": "json_object", "schema": schema}


def _content(lines: Iterator[str]) -> Iterator[str]:
    """The text pieces of an OpenAI chat-completion event stream."""
    for line in lines:
        if not line.startswith("data:"):
            continue
        data = line[len("data:") :].strip()
        if data == "[DONE]":
            return
        try:
            event = json.loads(data)
        except json.JSONDecodeError:
            log.warning("skipping an unreadable event from the endpoint: %.80s", data)
            continue
        if "error" in event:
            raise ModelUnavailable(f"the model endpoint reported: {event['error']}")
        for choice in event.get("choices", []):
            text = (choice.get("delta") or {}).get("content")
            if text:
                yield text
