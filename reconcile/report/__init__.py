"""The discrepancy report: the document model, Markdown, HTML, JSON (with its schema) and plots.

Open :mod:`reconcile.report.report` first (:class:`Report`).
"""

from .report import Report, schema

__all__ = ["Report", "schema"]
