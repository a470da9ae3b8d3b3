"""Fault-injection tests and the backup/restore drill (issue 11, item 6). See docs/operations.md."""
