"""The demo year: its data as a resource file and a short builder that writes it through the services."""
