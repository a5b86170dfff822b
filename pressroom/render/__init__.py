"""Turning a checked publication into HTML for each medium, and HTML into laid-out PDFs:
the Jinja layouts, the words pressroom adds, and the one wrapper around WeasyPrint.
"""
