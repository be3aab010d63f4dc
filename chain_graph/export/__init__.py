"""Exports for people and other tools: interactive HTML maps, Excel workbooks, GraphML.

Each format lives in its own module (``html``, ``excel``, ``graphml``) and imports its
heavy dependencies (pyvis, openpyxl) inside the functions that need them.
"""
