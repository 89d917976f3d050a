"""Imports: cases, 案款 arrivals and the staff roster from the national system's spreadsheets,
all with one error discipline (row, field, reason; all or nothing)."""
