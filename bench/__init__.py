"""Benchmark: a ten-year database and the timings the app must meet on an old office PC."""
