"""`python -m iep_tui` runs the same entry point as the `iep-tui` script."""

from iep_tui.cli import main

raise SystemExit(main())
