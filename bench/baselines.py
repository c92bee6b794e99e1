"""Two naive baselines: a Flask app answering SPARQL with pyoxigraph or with rdflib's engine.

What a publisher gets in an afternoon without thinking about performance; iomgraph should
beat both. Served by waitress with 4 threads (iomgraph's default ``workers``).

    python -m bench.baselines --engine pyoxigraph --port 8001 data/iom.ttl data/links.ttl
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
import rdflib
import waitress
from flask import Flask, Response, request

SELECT_JSON = "application/sparql-results+json"
N_TRIPLES = "application/n-triples"

Answer = Callable[[str], tuple[bytes, str]]


def pyoxigraph_answerer(files: list[Path]) -> Answer:
    store = ox.Store()
    for path in files:
        store.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE)

    def answer(query: str) -> tuple[bytes, str]:
        result = store.query(query)
        if isinstance(result, ox.QueryTriples):
            return result.serialize(format=ox.RdfFormat.N_TRIPLES) or b"", N_TRIPLES
        return result.serialize(format=ox.QueryResultsFormat.JSON) or b"", SELECT_JSON

    return answer


def rdflib_answerer(files: list[Path]) -> Answer:
    graph = rdflib.Graph()
    for path in files:
        graph.parse(str(path), format="turtle")

    def answer(query: str) -> tuple[bytes, str]:
        result = graph.query(query)
        if result.type in {"CONSTRUCT", "DESCRIBE"}:
            return result.serialize(format="nt") or b"", N_TRIPLES
        return result.serialize(format="json") or b"", SELECT_JSON

    return answer


def create_app(answer: Answer) -> Flask:
    app = Flask(__name__)

    @app.route("/sparql", methods=["GET", "POST"])
    def sparql() -> Response:
        query = request.values.get("query", "")
        try:
            body, media_type = answer(query)
        except Exception as error:  # a benchmark baseline: report, don't crash
            return Response(str(error), status=400, mimetype="text/plain")
        return Response(body, mimetype=media_type)

    return app


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--engine", choices=("pyoxigraph", "rdflib"), required=True)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("files", nargs="+", type=Path)
    args = parser.parse_args()
    loader = pyoxigraph_answerer if args.engine == "pyoxigraph" else rdflib_answerer
    app = create_app(loader(args.files))
    waitress.serve(app, host="127.0.0.1", port=args.port, threads=4, _quiet=True)


if __name__ == "__main__":
    main()
