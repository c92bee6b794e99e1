"""iomgraph: the US Government Manual's IOM entry as a linked-data knowledge graph.

Data flows one way: source text / XML -> model -> graph -> store -> web.
"""

__version__ = "0.1.0"
