"""What records are: the record kinds, their fields, validation and the rules of the party's work."""
