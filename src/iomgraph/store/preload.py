"""Imported once by the query workers' fork server, before it forks any worker: loads the data
that ``IOMGRAPH_PRELOAD_SOURCE`` names (see :func:`iomgraph.store.worker.preload_from_environment`).
"""

from iomgraph.store.worker import preload_from_environment

preload_from_environment()
