"""The figures the reform office quotes, defined once (figures), and their table for the terminal (table)."""
