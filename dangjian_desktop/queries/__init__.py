"""Read-only questions asked of the records: lists, figures, the meeting grid, reminders, the overview."""
