"""Benchmarks at prefecture and region scale (issue 10). Not part of the test suite: see README.md."""
