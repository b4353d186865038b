"""`python -m mentor.server.cli`: the same as the `mentor` command."""

from mentor.server.cli import main

raise SystemExit(main())
