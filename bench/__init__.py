"""Benchmarks: run each as ``.venv/bin/python -m bench.<name>``; they print figures and assert nothing."""
