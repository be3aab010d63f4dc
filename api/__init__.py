"""The HTTP API of chain-graph (FastAPI): ``create_app(settings)`` in :mod:`api.main`."""
