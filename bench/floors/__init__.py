"""Floors: what the same work costs with nothing of zhixing in the way.

Each floor is a plain script (sqlite3, python-calamine, openpyxl write-only, a minimal Textual app)
run in its own process, producing the same rows as the zhixing figure it is paired with; the
harness checks them equal before it reports a ratio. None of them imports zhixing's core; the
overdue floor loads only the pure citation formatter (``profiles/citations.py``, stdlib only)
from its file.
"""
