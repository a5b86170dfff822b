"""The files a build makes for one publication, each from the checked model: the print and
digital PDFs, the web folder, the office booklet, cards, the finishing guide and the job sheet.

``printing/`` holds the helpers the print outputs share (colour, PDF/X, leaves, preflight).
"""
