"""A rerunnable benchmark of iomgraph's SPARQL endpoint against its peers (``python -m bench.run``).

Not part of the product: nothing under ``src/`` imports from here.
"""
