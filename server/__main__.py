"""`python -m mentor.server` starts the language server, like `mentor-lsp`."""

from mentor.server.lsp_main import main

raise SystemExit(main())
