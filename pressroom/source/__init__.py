"""Reading and validating the sources: content files, YAML with line numbers, the settings
schemas, the Markdown dialect and its blocks, page files, pictures and the co-production record.

Only this stage opens files under ``content/``; everything after it works on the model.
"""
