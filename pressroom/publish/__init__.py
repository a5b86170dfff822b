"""Putting a build in place and telling people about it: the build cache, the atomic write
into ``output/`` and the reports (terminal, ``report.json``, ``report.html``).
"""
