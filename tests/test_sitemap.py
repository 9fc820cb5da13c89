"""Sitemap parsing: the protocol's forms, and the hostile ones."""

from __future__ import annotations

import gzip

import pytest

from claimlint.errors import FetchError
from claimlint.sources.sitemap import collect, decompress, parse_sitemap, sitemaps_in_robots

URLSET = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <url><loc>https://acme.example/</loc><lastmod>2026-01-01</lastmod></url>
  <url><loc> https://acme.example/pricing </loc></url>
</urlset>"""


def test_urlset_index_gzip_and_text() -> None:
    assert parse_sitemap(URLSET, "s.xml").pages == ("https://acme.example/", "https://acme.example/pricing")
    index = b'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>/a.xml.gz</loc></sitemap></sitemapindex>'
    assert parse_sitemap(index, "i.xml").sitemaps == ("/a.xml.gz",)
    assert parse_sitemap(gzip.compress(URLSET), "named-without-gz.xml").pages[0] == "https://acme.example/"
    text = b"# pages\nhttps://acme.example/a\n\nhttps://acme.example/b\nnot a url\n"
    assert parse_sitemap(text, "s.txt").pages == ("https://acme.example/a", "https://acme.example/b")


def test_billion_laughs_and_external_entities_are_refused() -> None:
    laughs = b"""<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>
<urlset><url><loc>&lol2;</loc></url></urlset>"""
    with pytest.raises(FetchError, match="refused: the sitemap declares a DTD or entities"):
        parse_sitemap(laughs, "evil.xml")
    external = b"""<?xml version="1.0"?><!DOCTYPE x [<!ENTITY ext SYSTEM "file:///etc/passwd">]><urlset><url><loc>&ext;</loc></url></urlset>"""
    with pytest.raises(FetchError, match="refused"):
        parse_sitemap(external, "evil.xml")


def test_gzip_bomb_stops_at_the_limit() -> None:
    bomb = gzip.compress(b"\0" * (64 * 1024 * 1024))  # 64 MB of zeros in about 64 KB
    assert len(bomb) < 200_000
    with pytest.raises(FetchError, match="expands past 50 MB"):
        decompress(bomb, "bomb.xml.gz")


def test_protocol_url_limit() -> None:
    many = b"<urlset>" + b"".join(b"<url><loc>https://a.example/%d</loc></url>" % i for i in range(11)) + b"</urlset>"
    with pytest.raises(FetchError, match="more than 10 URLs"):
        parse_sitemap(many, "big.xml", max_urls=10)


def test_not_a_sitemap_and_broken_xml() -> None:
    with pytest.raises(FetchError, match="not a sitemap"):
        parse_sitemap(b"<html><body>hi</body></html>", "page.xml")
    with pytest.raises(FetchError, match="not valid XML"):
        parse_sitemap(b"<urlset><url>", "broken.xml")


def test_robots_sitemap_lines() -> None:
    robots = "User-agent: *\nDisallow: /admin\nSitemap: /sitemap.xml\nsitemap: https://cdn.example/s.xml\n"
    assert sitemaps_in_robots(robots, "https://acme.example/robots.txt") == [
        "https://acme.example/sitemap.xml", "https://cdn.example/s.xml"]


def test_collect_follows_indexes_with_a_depth_bound_and_reports_failures() -> None:
    files = {
        "https://a.example/index.xml": b'<sitemapindex><sitemap><loc>/pages.xml.gz</loc></sitemap>'
                                       b'<sitemap><loc>/deeper.xml</loc></sitemap><sitemap><loc>/bad.xml</loc></sitemap></sitemapindex>',
        "https://a.example/pages.xml.gz": gzip.compress(URLSET),
        "https://a.example/deeper.xml": b"<sitemapindex><sitemap><loc>/deepest.xml</loc></sitemap></sitemapindex>",
        "https://a.example/deepest.xml": b"<urlset><url><loc>https://acme.example/deep</loc></url></urlset>",
        "https://a.example/bad.xml": b"<urlset><url>",
    }
    result = collect("https://a.example/index.xml", files.__getitem__, max_depth=1)
    assert result.pages == ["https://acme.example/", "https://acme.example/pricing"]
    assert any("deeper than 1 levels" in p for p in result.problems)
    assert any("bad.xml: not valid XML" in p for p in result.problems)
    assert collect("https://a.example/index.xml", files.__getitem__, max_depth=2).pages[-1] == "https://acme.example/deep"
