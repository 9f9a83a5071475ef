"""The version of the package: recorded in every run report and database row."""

__version__ = "0.1.0"
