"""Modal screens: entry forms returning typed results, confirmations, export, day counts."""
