"""Extraction of cities, clusters, dates, amounts and deliberation records (its own issue)."""
