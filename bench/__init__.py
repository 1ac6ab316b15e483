"""Benchmarks: `make bench` runs every bench_*.py module (numbers go into README.md)."""
