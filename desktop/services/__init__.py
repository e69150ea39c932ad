"""Use cases the window and the command line share: one transaction each, the audit written here."""
