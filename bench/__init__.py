"""Benchmarks: `make bench` runs them all and prints one table. Never part of `make test`."""
