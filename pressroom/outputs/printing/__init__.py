"""Print production: press colour, page order, tear-out leaves, imposition, preflight, job sheet.

Each module owns one step a print shop cares about; :mod:`pressroom.outputs.press` calls them
while making the print PDF and its companions.
"""
