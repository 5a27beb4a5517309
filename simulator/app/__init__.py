"""The Streamlit front end: one module per page plus shared widgets, charts and caches.

Only ``app.py`` and the page scripts import this package; ``simulator/`` never does.
"""
