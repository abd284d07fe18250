"""One service per record kind; each user action is one function, one transaction."""
