"""Every IRI minting rule in one place. Changing a rule here is a breaking change for linkers.

Convention (httpRange-14, the "303 See Other" pattern): things are named under ``{base}id/``;
the document describing ``{base}id/X`` is ``{base}doc/X``. Everything the graph names gets an
IRI (no blank nodes), so anything can be linked to.

Shapes, for an organization slug ``O``::

    {base}id/O                                  the organization
    {base}id/O/site/{slug}                      an office (org:Site)
    {base}id/O/site/{slug}/address[-mailing]    its postal address
    {base}id/O/post/{slug}                      a post (org:Post)
    {base}id/O/person/{slug}                    a person holding a post
    {base}id/O/unit/{slug}                      an organizational unit
    {base}id/O/publication/{slug}               a publication or document
    {base}id/O/source-of-information/{slug}     a described web resource
    {base}id/O/scheme/{slug}, .../concept/{scheme}/{slug}   SKOS schemes and concepts
    {base}id/O/count/{slug}                     a stated count (schema:PropertyValue)
    {base}id/O/event/{slug}                     a change event (renaming)
    {base}id/O/source/{key}                     a source document the entry was read from
    {base}id/O/source/{key}/passage/{start}-{end}   a passage of it (oa:SpecificResource)
    {base}id/statement/{hash}                   a reified statement with its provenance
    {base}graph/{name}                          named graphs (``entry``, ``links``)
    {base}dataset, {base}dataset/manual         the IOM dataset; the whole-Manual dataset
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from rdflib import URIRef

_NON_SLUG = re.compile(r"[^a-z0-9]+")


def slugify(text: str, *, max_length: int = 80) -> str:
    """Return a readable, stable ASCII slug (``Management and Reform`` → ``management-and-reform``).

    >>> slugify("António Vitorino")
    'antonio-vitorino'
    >>> slugify("Institutional Strategy on Migration, Environment and Climate Change 2021–2030")
    'institutional-strategy-on-migration-environment-and-climate-change-2021-2030'

    :raises ValueError: when ``text`` has no letter or digit to build a slug from.
    """
    decomposed = unicodedata.normalize("NFKD", text)
    kept = "".join(c if c.isascii() else "-" for c in decomposed if not unicodedata.combining(c))
    slug = _NON_SLUG.sub("-", kept.lower()).strip("-")
    if not slug:
        raise ValueError(f"cannot build an IRI slug from {text!r}")
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0]
    return slug


class IriMinter:
    """Mints the IRIs of one build under ``base`` (which ends with ``/``)."""

    def __init__(self, base: str) -> None:
        if not base.endswith("/"):
            raise ValueError(f"base IRI must end with '/': {base!r}")
        self.base = base

    def _id(self, path: str) -> URIRef:
        return URIRef(f"{self.base}id/{path}")

    def organization(self, org: str) -> URIRef:
        return self._id(org)

    def part(self, org: str, kind: str, slug: str) -> URIRef:
        """A part of organization ``org``: ``kind`` is ``site``, ``post``, ``unit`` ..."""
        return self._id(f"{org}/{kind}/{slug}")

    def concept(self, org: str, scheme: str, slug: str) -> URIRef:
        return self._id(f"{org}/concept/{scheme}/{slug}")

    def source(self, org: str, key: str) -> URIRef:
        return self._id(f"{org}/source/{key}")

    def passage(self, org: str, key: str, start: int, end: int) -> URIRef:
        return self._id(f"{org}/source/{key}/passage/{start}-{end}")

    def statement(self, subject: str, predicate: str, obj: str) -> URIRef:
        """A reified statement, named by a hash of its triple so merging sources reuses it."""
        digest = hashlib.sha256("\n".join((subject, predicate, obj)).encode("utf-8"))
        return self._id(f"statement/{digest.hexdigest()[:20]}")

    def graph(self, name: str) -> URIRef:
        return URIRef(f"{self.base}graph/{name}")

    def dataset(self) -> URIRef:
        return URIRef(f"{self.base}dataset")

    def manual_dataset(self) -> URIRef:
        """The dataset built from a whole Manual edition (``iomgraph build --govman``)."""
        return URIRef(f"{self.base}dataset/manual")

    def document_for(self, thing: str) -> str | None:
        """The ``/doc/`` IRI describing ``thing`` (an ``/id/`` IRI), or None if not ours."""
        prefix = self.base + "id/"
        if not thing.startswith(prefix):
            return None
        return self.base + "doc/" + thing[len(prefix) :]

    def thing_for(self, document: str) -> str | None:
        """The ``/id/`` IRI a ``/doc/`` IRI describes, or None if not ours."""
        prefix = self.base + "doc/"
        if not document.startswith(prefix):
            return None
        return self.base + "id/" + document[len(prefix) :]
