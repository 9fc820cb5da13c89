"""Sitemaps: urlset and sitemap-index XML, gzip, plain text, and robots.txt ``Sitemap:`` lines.

Sitemaps come from other people's servers, so parsing is defensive: XML with a DTD or
entities is refused (billion laughs, external entities), gzip is decompressed in bounded
steps so a small file cannot expand without limit, and the protocol's limits hold: at most
50,000 URLs and 50 MB uncompressed per file.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urljoin

from claimlint.errors import FetchError

MAX_URLS = 50_000
MAX_BYTES = 50 * 1024 * 1024
MAX_DEPTH = 3  # sitemap index -> index -> urlset: deeper nesting is not followed
_GZIP_MAGIC = b"\x1f\x8b"


@dataclass(frozen=True)
class Sitemap:
    """What one sitemap file lists: page URLs, or (for an index) more sitemaps."""

    pages: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()


@dataclass
class SitemapResult:
    """Every page URL found from a starting sitemap, and the sitemaps that failed."""

    pages: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def decompress(data: bytes, source: str, limit: int = MAX_BYTES) -> bytes:
    """Gzip (recognised by its magic bytes, whatever the file is called) decompressed in
    bounded steps; raises FetchError past ``limit`` bytes, before expanding further."""
    if not data.startswith(_GZIP_MAGIC):
        if len(data) > limit:
            raise FetchError(f"{source}: sitemap larger than {limit // 1048576} MB uncompressed")
        return data
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    out = bytearray()
    pending = data
    while pending:
        out += inflater.decompress(pending, 1 << 20)
        if len(out) > limit:
            raise FetchError(f"{source}: sitemap expands past {limit // 1048576} MB; not read further")
        pending = inflater.unconsumed_tail
        if inflater.eof:
            break
    try:
        out += inflater.flush()
    except zlib.error as error:
        raise FetchError(f"{source}: damaged gzip data: {error}") from None
    if len(out) > limit:
        raise FetchError(f"{source}: sitemap expands past {limit // 1048576} MB; not read further")
    return bytes(out)


def parse_sitemap(data: bytes, source: str, *, max_urls: int = MAX_URLS, max_bytes: int = MAX_BYTES) -> Sitemap:
    """Parse one sitemap file (XML urlset or index, gzipped or not, or plain text)."""
    raw = decompress(data, source, max_bytes)
    head = raw.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if head == b"<":
        sitemap = _parse_xml(raw, source)
    else:
        text = raw.decode("utf-8", errors="replace")
        urls = [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
        sitemap = Sitemap(pages=tuple(u for u in urls if re.match(r"https?://", u)))
    if len(sitemap.pages) + len(sitemap.sitemaps) > max_urls:
        raise FetchError(f"{source}: lists more than {max_urls:,} URLs, the sitemap protocol's limit")
    return sitemap


def _parse_xml(raw: bytes, source: str) -> Sitemap:
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import ParseError, fromstring

    try:
        root = fromstring(raw, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as error:
        raise FetchError(f"{source}: refused: the sitemap declares a DTD or entities ({type(error).__name__})") from None
    except ParseError as error:
        raise FetchError(f"{source}: not valid XML: {error}") from None
    kind = _local(root.tag)
    locs = [(element.text or "").strip() for element in root.iter() if _local(element.tag) == "loc"]
    locs = [loc for loc in locs if loc]
    if kind == "sitemapindex":
        return Sitemap(sitemaps=tuple(locs))
    if kind == "urlset":
        return Sitemap(pages=tuple(locs))
    raise FetchError(f"{source}: not a sitemap (root element <{kind}>, expected <urlset> or <sitemapindex>)")


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def sitemaps_in_robots(text: str, base: str) -> list[str]:
    """The ``Sitemap:`` lines of a robots.txt, made absolute against ``base``."""
    found = []
    for line in text.splitlines():
        match = re.match(r"\s*sitemap\s*:\s*(\S+)", line, re.IGNORECASE)
        if match:
            found.append(urljoin(base, match.group(1)))
    return found


def collect(start: str, read: Callable[[str], bytes], *, max_depth: int = MAX_DEPTH,
            max_urls: int = MAX_URLS, max_bytes: int = MAX_BYTES) -> SitemapResult:
    """Every page URL reachable from the sitemap ``start``, following indexes up to ``max_depth``
    levels; ``read`` returns a sitemap's bytes (from HTTP or a file). Each URL once, in order.
    A sitemap that cannot be read or parsed is reported and the others still count."""
    result = SitemapResult()
    seen_pages: set[str] = set()
    seen_sitemaps: set[str] = set()
    queue: list[tuple[str, int]] = [(start, 0)]
    while queue:
        location, depth = queue.pop(0)
        if location in seen_sitemaps:
            continue
        seen_sitemaps.add(location)
        try:
            sitemap = parse_sitemap(read(location), location, max_urls=max_urls, max_bytes=max_bytes)
        except FetchError as error:
            result.problems.append(str(error))
            continue
        for child in sitemap.sitemaps:
            if depth + 1 > max_depth:
                result.problems.append(f"{child}: sitemap index nested deeper than {max_depth} levels; not followed")
            else:
                queue.append((urljoin(location, child), depth + 1))
        for page in sitemap.pages:
            if page not in seen_pages:
                seen_pages.add(page)
                result.pages.append(page)
    return result
