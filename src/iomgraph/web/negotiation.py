"""Content negotiation in one place: ``Accept`` (q-values, wildcards) or a ``format`` parameter.

Among the formats a resource offers, the one the client rates highest wins; on a tie the
resource's own order decides (its first format is its preferred one). A ``format`` parameter
(``?format=ttl``, or a media type) overrides ``Accept``, for links typed by hand.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from werkzeug.exceptions import NotAcceptable

from iomgraph.store.formats import Format, format_named


@dataclass(frozen=True)
class MediaRange:
    type: str
    subtype: str
    quality: float

    def specificity(self, media_type: str) -> int:
        """How closely this range matches ``media_type``: 2 exact, 1 ``type/*``, 0 ``*/*``,
        -1 not at all."""
        main, _, sub = media_type.partition("/")
        if self.type == "*" and self.subtype == "*":
            return 0
        if self.type == main and self.subtype == "*":
            return 1
        if self.type == main and self.subtype == sub:
            return 2
        return -1


def parse_accept(header: str) -> list[MediaRange]:
    """Parse an ``Accept`` header; malformed parts are skipped, a bad ``q`` counts as 1.

    >>> [(r.type, r.subtype, r.quality) for r in parse_accept("text/*;q=0.5, text/turtle")]
    [('text', '*', 0.5), ('text', 'turtle', 1.0)]
    """
    ranges = []
    for part in header.split(","):
        media, *params = (piece.strip() for piece in part.split(";"))
        main, slash, sub = media.lower().partition("/")
        if not slash or not main or not sub:
            continue
        quality = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = min(1.0, max(0.0, float(value)))
                except ValueError:
                    quality = 1.0
        ranges.append(MediaRange(main, sub, quality))
    return ranges


def quality_of(fmt: Format, ranges: Sequence[MediaRange]) -> float:
    """The quality the client gives ``fmt``: that of the most specific range matching its media
    type (or, less preferred, one of its aliases, e.g. ``application/json``)."""
    best: tuple[int, float] = (-1, 0.0)
    for rank, media_type in enumerate((fmt.media_type, *fmt.aliases)):
        for media_range in ranges:
            specificity = media_range.specificity(media_type)
            if rank > 0 and specificity == 0:
                continue  # */* already matched the main media type
            if specificity > best[0]:
                best = (specificity, media_range.quality * (1.0 if rank == 0 else 0.99))
    return best[1]


def choose_format(
    offered: Sequence[Format], accept: str | None, format_param: str | None
) -> Format:
    """Pick the format to answer in among ``offered`` (in the server's order of preference).

    :raises NotAcceptable: when the ``format`` parameter names a format not offered, or no
        offered format is acceptable to the client.
    """
    names = ", ".join(f.media_type for f in offered)
    if format_param:
        fmt = format_named(format_param)
        if fmt is None or fmt not in offered:
            raise NotAcceptable(
                f"format={format_param!r} is not offered here; choose one of {names}"
            )
        return fmt
    if not accept or not accept.strip():
        return offered[0]
    ranges = parse_accept(accept)
    if not ranges:
        return offered[0]
    scored = [(quality_of(fmt, ranges), -index, fmt) for index, fmt in enumerate(offered)]
    quality, _, fmt = max(scored, key=lambda item: (item[0], item[1]))
    if quality <= 0:
        raise NotAcceptable(f"none of the offered formats is acceptable; choose one of {names}")
    return fmt


def prefers_html(accept: str | None) -> bool:
    """True when a client (a browser) rates ``text/html`` above JSON."""
    if not accept:
        return False
    ranges = parse_accept(accept)
    html = max((r.quality for r in ranges if r.specificity("text/html") == 2), default=0.0)
    json = max((r.quality for r in ranges if r.specificity("application/json") >= 1), default=0.0)
    return html > 0 and html >= json
