"""Stored values as JSON and CSV write them: one spelling each, for the CLI and the exports."""

from __future__ import annotations


def plain(value):
    """JSON- and CSV-friendly values: ISO dates, exact decimals as strings, lists kept."""
    import datetime as dt
    from decimal import Decimal

    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        return value.isoformat()
    if isinstance(value, Decimal):  # exact: 1700, 12800.50, 0.25
        if value == value.to_integral_value():
            return format(value.quantize(Decimal(1)), "f")
        text = format(value, "f").rstrip("0")
        return text + "0" * max(0, 2 - len(text.split(".")[1]))
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value
