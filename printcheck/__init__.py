"""``make print-check``: every printed form and workbook, for every court profile, through
LibreOffice to PDF and checked as paper (see :mod:`printcheck.run`)."""
