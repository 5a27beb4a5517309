"""Benchmarks: ``python -m bench`` prints runs/s, ratios and peak memory as a markdown table."""
