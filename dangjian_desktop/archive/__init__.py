"""The year archive: every printout, the records and the attachments of a year in one zip."""
