"""Use cases shared by the CLI and the TUI, so a command and a form cannot disagree."""
