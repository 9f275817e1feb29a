"""The Textual app: screens, panes, modals and their .tcss."""
