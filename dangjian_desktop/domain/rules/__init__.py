"""Each rule once, as a Python predicate and the matching query expression side by side."""
