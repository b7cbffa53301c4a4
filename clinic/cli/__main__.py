"""`python -m clinic.cli ...`: the headless commands without the GUI entry point."""

from __future__ import annotations

from clinic.cli import main

raise SystemExit(main())
