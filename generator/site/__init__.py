"""The public site as plain data and HTML fragments: page models, templates, charts and QR codes.

Nothing here imports MkDocs; `generator.mkdocs_plugin` hands these pages to the engine.
"""
