"""`python -m ui` starts the app like the `clinic` command."""

from ui.main import main

raise SystemExit(main())
