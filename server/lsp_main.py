"""`mentor-lsp`: start the language server on stdio (default) or TCP."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from mentor.server.version import VERSION


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="mentor-lsp", description="Mentor, a Python language server that teaches."
    )
    transport = parser.add_mutually_exclusive_group()
    transport.add_argument("--stdio", action="store_true", help="talk over stdin/stdout (default)")
    transport.add_argument("--tcp", metavar="HOST:PORT", help="listen on a TCP address instead")
    parser.add_argument(
        "--policy", metavar="FILE", help="a teacher's policy file whose locked settings win"
    )
    parser.add_argument("--log-file", help="write the server's log here (default: stderr)")
    parser.add_argument(
        "--log-level", default="WARNING", choices=["DEBUG", "INFO", "WARNING", "ERROR"]
    )
    parser.add_argument("--version", action="version", version=f"mentor-lsp {VERSION}")
    args = parser.parse_args(argv)

    address = None
    if args.tcp:
        host, _, port = args.tcp.rpartition(":")
        if not host or not port.isdigit():
            parser.error(f"--tcp expects HOST:PORT, got {args.tcp!r}")
        address = (host, int(port))

    # stdout carries the protocol: logs go to stderr or a file, never stdout.
    handler = (
        logging.FileHandler(args.log_file) if args.log_file else logging.StreamHandler(sys.stderr)
    )
    logging.basicConfig(
        handlers=[handler],
        level=getattr(logging, args.log_level),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )

    from mentor.models.assignments import assignments_from_policy
    from mentor.server.app import create_server
    from mentor.server.policy import PolicyError, locked_settings, read_policy
    from mentor.server.transport import TolerantReader

    server = create_server()
    if args.policy:
        path = Path(args.policy)
        try:
            whole = read_policy(path)
            server.policy = locked_settings(whole, path)
            server.policy_from_file = True
        except PolicyError as error:
            print(f"mentor-lsp: {error}", file=sys.stderr)
            return 2
        # A bad assignment is dropped (the others stay); `mentor policy check` lists why.
        server.assignments, problems = assignments_from_policy(whole, path.parent)
        for problem in problems:
            logging.getLogger("mentor").warning("the teacher's policy: %s", problem)
    if address is not None:
        server.start_tcp(*address)
        return 0
    reader = TolerantReader(sys.stdin.buffer, server.report_bad_bytes)
    server.start_io(reader)
    return 1 if reader.broken else 0  # an editor restarts a server that ends with an error


if __name__ == "__main__":
    raise SystemExit(main())
