"""The database as a whole: online backup and restore of a SQLite court database."""
