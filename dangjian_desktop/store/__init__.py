"""The database: connection, tables, schema steps, file checks, backups, the one-writer lock, the session."""
