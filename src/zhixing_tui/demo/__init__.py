"""The demo generator: a court's database filled with realistic, synthetic enforcement cases.

A tool, not a use case: it builds data through the same rules and services the desk uses
(:mod:`zhixing_tui.demo.build` is the entry point, ``zhixing demo`` its command)."""
