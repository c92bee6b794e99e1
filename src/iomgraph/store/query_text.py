"""Read a SPARQL request's text before it runs: its form, and whether the policy allows it.

The engine (pyoxigraph) would open HTTP connections for ``SERVICE`` and accepts updates, so the
text is checked here, up-front, in the web process, before any worker sees it. The check works
on tokens (comments, strings and IRIs are skipped as whole tokens), so ``"SERVICE"`` inside a
string or ``ex:service`` as a prefixed name are not mistaken for the keyword. It is deliberately
conservative: a bare word ``SERVICE``/``LOAD``/update keyword anywhere else refuses the query.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urljoin

from iomgraph.errors import QueryError

_TOKEN = re.compile(
    r"""
    (?P<space>\s+)
  | (?P<comment>\#[^\n]*)
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
              |'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")
  | (?P<var>[?$][\w]+)
  | (?P<name>[\w-]*:(?:[\w.%\\-]*[\w%-])?|[A-Za-z_][\w-]*)
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)

QUERY_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
UPDATE_KEYWORDS = frozenset(
    {"INSERT", "DELETE", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}
)


Token = tuple[str, str]
"""A token as (kind, text); kind is a group name of the tokenizer (``iri``, ``name``, ...)."""

_SKIPPED = frozenset({"space", "comment"})


@dataclass(frozen=True)
class QueryShape:
    """What a query is, read from its text: ``form`` (SELECT, ASK, CONSTRUCT, DESCRIBE), its
    ``normalised`` text (comments and layout removed; a cache key), and the graphs it names."""

    form: str
    normalised: str
    from_graphs: tuple[str, ...]
    from_named_graphs: tuple[str, ...]

    @property
    def returns_graph(self) -> bool:
        return self.form in ("CONSTRUCT", "DESCRIBE")


def tokenize(text: str) -> list[Token]:
    """Split SPARQL ``text`` into (kind, text) tokens, dropping whitespace and comments.

    >>> [text for _, text in tokenize('SELECT * { ?s <p> "# no" } # comment')]
    ['SELECT', '*', '{', '?s', '<p>', '"# no"', '}']
    """
    return [
        (kind, match.group())
        for match in _TOKEN.finditer(text)
        if (kind := match.lastgroup or "other") not in _SKIPPED
    ]


def _keyword(token: Token) -> str | None:
    kind, text = token
    if kind == "name" and ":" not in text:
        return text.upper()
    return None


def _refuse(message: str, status: int = 403) -> QueryError:
    return QueryError(message, status=status)


def _resolve(token: Token, prefixes: dict[str, str], base: str | None) -> str:
    kind, text = token
    if kind == "iri":
        iri = text[1:-1]
        return urljoin(base, iri) if base else iri
    prefix, _, local = text.partition(":")
    if prefix not in prefixes:
        raise _refuse(f"prefix {prefix!r} is not declared", status=400)
    return prefixes[prefix] + local


def inspect_query(text: str, allowed_graphs: Iterable[str]) -> QueryShape:
    """Return the shape of query ``text`` after checking it is a read-only, local query.

    :raises QueryError: 400 when the text is empty or not a query form; 403 for an update,
        ``LOAD``, ``SERVICE``, or ``FROM``/``FROM NAMED`` naming a graph outside the dataset.
    """
    allowed = set(allowed_graphs)
    tokens = tokenize(text)
    if not tokens:
        raise _refuse("the query is empty", status=400)
    form = None
    prefixes: dict[str, str] = {}
    base: str | None = None
    from_graphs: list[str] = []
    from_named: list[str] = []
    for index, token in enumerate(tokens):
        keyword = _keyword(token)
        if keyword is None:
            continue
        following = tokens[index + 1 : index + 3]
        if keyword == "SERVICE":
            raise _refuse(
                "SERVICE (federated query) is not allowed: this endpoint never opens "
                "connections to other servers"
            )
        if keyword == "LOAD":
            raise _refuse("LOAD is not allowed: this endpoint is read-only and never fetches data")
        if keyword in UPDATE_KEYWORDS:
            raise _refuse(f"{keyword} is an update: this endpoint is read-only")
        if keyword == "PREFIX" and len(following) == 2 and following[1][0] == "iri":
            prefixes[following[0][1].rstrip(":")] = _resolve(following[1], prefixes, base)
        elif keyword == "BASE" and following and following[0][0] == "iri":
            base = _resolve(following[0], prefixes, base)
        elif keyword in QUERY_FORMS and form is None:
            form = keyword
        elif keyword == "FROM" and following:
            named = _keyword(following[0]) == "NAMED"
            target = following[1] if named and len(following) > 1 else following[0]
            if target[0] not in ("iri", "name"):
                continue
            graph = _resolve(target, prefixes, base)
            if graph not in allowed:
                raise _refuse(
                    f"FROM {'NAMED ' if named else ''}<{graph}> names a graph outside this "
                    f"dataset; this endpoint never fetches remote graphs. Graphs here: "
                    + ", ".join(f"<{g}>" for g in sorted(allowed))
                )
            (from_named if named else from_graphs).append(graph)
    if form is None:
        raise _refuse("not a query: expected SELECT, ASK, CONSTRUCT or DESCRIBE", status=400)
    return QueryShape(
        form=form,
        normalised=" ".join(text for _, text in tokens),
        from_graphs=tuple(from_graphs),
        from_named_graphs=tuple(from_named),
    )


def check_protocol_graphs(graphs: Iterable[str], allowed_graphs: Iterable[str]) -> None:
    """Check ``default-graph-uri`` / ``named-graph-uri`` values name graphs of this dataset.

    :raises QueryError: 403 for a graph outside the dataset (it is never fetched).
    """
    allowed = set(allowed_graphs)
    for graph in graphs:
        if graph not in allowed:
            raise _refuse(
                f"<{graph}> is not a graph of this dataset; remote graphs are never fetched"
            )
