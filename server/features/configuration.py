"""Settings: from `initializationOptions`, then `workspace/configuration` (pull) or
`workspace/didChangeConfiguration` (push); a bad value falls back with a visible message."""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Mapping
from typing import Any

from lsprotocol import types as lsp

from mentor.server.client import ClientSupport
from mentor.server.core import MentorServer
from mentor.server.documents import use_lsp_lines
from mentor.server.errors import guarded
from mentor.server.feature import Feature
from mentor.server.publishing import republish_all
from mentor.server.settings import parse_settings
from mentor.server.status import publish_status

SECTION = "mentor"
CONFIGURATION_TIMEOUT_S = 5.0
# VS Code's client stops waiting for the answer to `shutdown` after 2 s and kills the server.
FINISH_TIMEOUT_S = 1.5


class ConfigurationFeature(Feature):
    """The LSP lifecycle and the settings; it calls the other features' `initialized`,
    `settings_changed` and `shutdown` hooks."""

    def register(self) -> None:
        self.server.feature(lsp.INITIALIZE)(initialize)
        self.server.feature(lsp.INITIALIZED)(initialized)
        self.server.feature(lsp.SHUTDOWN)(shutdown)
        self.server.feature(lsp.WORKSPACE_DID_CHANGE_CONFIGURATION)(did_change_configuration)


@guarded
def initialize(server: MentorServer, params: lsp.InitializeParams) -> None:
    server.client = ClientSupport.from_capabilities(params.capabilities, params.client_info)
    server.event_loop = asyncio.get_running_loop()
    use_lsp_lines(server.workspace)
    options = params.initialization_options
    server.workspace_trusted = (
        isinstance(options, Mapping) and options.get("workspaceTrusted") is True
    )
    client_policy = options.get("policy") if isinstance(options, Mapping) else None
    if isinstance(client_policy, Mapping):
        if server.policy_from_file:
            # The teacher's file (`--policy`) is the whole policy: nothing a client sends is
            # merged with it, in any key form.
            server.log("a policy file is in force: the policy in initializationOptions is ignored")
        else:  # an editor extension that bakes a policy in and does not pass `--policy`
            server.policy = dict(client_policy)
    server.initialization_options = _section(options)


@guarded
async def initialized(server: MentorServer, params: lsp.InitializedParams) -> None:
    pulled = await _pull(server) if server.client.configuration else None
    before = server.settings
    _apply(server, pulled)
    if server.settings != before:  # documents opened meanwhile were checked with the defaults
        republish_all(server)
    publish_status(server)
    await server.await_features("initialized")


@guarded
async def shutdown(server: MentorServer, params: None) -> None:
    """The editor is closing: let the features finish their work (the learner's last snapshots),
    within the time an editor waits for the answer."""
    steps = [_finishing(server, feature) for feature in server.features]
    if steps:
        _, late = await asyncio.wait(
            [asyncio.ensure_future(step) for step in steps], timeout=FINISH_TIMEOUT_S
        )
        for step in late:
            step.cancel()
        if late:
            server.log(f"shutdown: {len(late)} feature(s) did not finish in time")
    # Only `exit` comes next. Python's last garbage collection over the server's objects
    # (jedi's caches, the rules, a loaded model) took 0.8 s after it, which an editor waits for
    # when it restarts the server; nothing in them needs it, so they are left out of it.
    gc.freeze()


@guarded
async def did_change_configuration(
    server: MentorServer, params: lsp.DidChangeConfigurationParams
) -> None:
    if server.client.configuration:
        _apply(server, await _pull(server))
    else:
        _apply(server, _section(params.settings))
    republish_all(server)
    server.call_features("settings_changed")
    publish_status(server)


async def _finishing(server: MentorServer, feature: Feature) -> None:
    try:
        await feature.shutdown()
    except Exception as error:  # one feature's failure must not keep the others from finishing
        server.log(f"{type(feature).__name__}.shutdown failed: {type(error).__name__}: {error}")


async def _pull(server: MentorServer) -> Any:
    request = lsp.ConfigurationParams(items=[lsp.ConfigurationItem(section=SECTION)])
    try:
        answer = await asyncio.wait_for(
            server.workspace_configuration_async(request), CONFIGURATION_TIMEOUT_S
        )
    except (asyncio.TimeoutError, Exception) as error:  # an editor that cannot answer
        server.log(f"workspace/configuration failed ({error!r}); using initializationOptions")
        return None
    return answer[0] if answer else None


def _apply(server: MentorServer, configured: Any) -> None:
    """Settings = initializationOptions overlaid with the editor's current configuration, and
    the teacher's policy over both (every key form of each is read the same way)."""
    result = parse_settings(
        server.initialization_options, server.policy, overlay=_section(configured)
    )
    server.apply_settings(result)


def _section(raw: Any) -> Any:
    """The `mentor` object, whether the client sent it bare or inside {"mentor": {...}}."""
    if isinstance(raw, Mapping) and isinstance(raw.get(SECTION), Mapping):
        return raw[SECTION]
    return raw
