"""Runs the stages over many documents, pages spread across worker processes."""
