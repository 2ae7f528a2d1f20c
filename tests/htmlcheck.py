"""Walk a built site: every link, anchor and asset of every HTML page."""

from __future__ import annotations

import posixpath
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []  # <a href>
        self.assets: list[str] = []  # things the browser fetches by itself

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a and a["id"]:
            self.ids.add(a["id"])
        if tag == "a" and a.get("name"):
            self.ids.add(a["name"])
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        if tag in ("script", "img", "iframe", "source", "audio", "video", "embed") and a.get("src"):
            self.assets.append(a["src"])
        if tag == "link" and a.get("href"):
            self.assets.append(a["href"])
        if tag == "object" and a.get("data"):
            self.assets.append(a["data"])


def parse(path: Path) -> _Collector:
    c = _Collector()
    c.feed(path.read_text(encoding="utf-8"))
    return c


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def url_path(site: Path, html: Path) -> str:
    rel = html.relative_to(site).as_posix()
    return rel[: -len("index.html")] if rel.endswith("index.html") else rel


def resolve(site: Path, html: Path, href: str) -> tuple[Path | None, str]:
    """The file and fragment an internal href points at (None for external)."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith(("mailto:", "tel:", "javascript:")):
        return None, ""
    base = posixpath.dirname(html.relative_to(site).as_posix())
    if parts.path.startswith("/"):  # 404.html links from the server root
        target = posixpath.normpath(unquote(parts.path).lstrip("/") or ".")
    elif parts.path:
        target = posixpath.normpath(posixpath.join(base, unquote(parts.path)))
    else:
        target = html.relative_to(site).as_posix()
    path = site / target
    if path.is_dir() or href.split("#")[0].endswith("/"):
        path = path / "index.html"
    return path, parts.fragment


def broken_links(site: Path) -> list[str]:
    cache: dict[Path, _Collector] = {}

    def get(p: Path) -> _Collector:
        if p not in cache:
            cache[p] = parse(p)
        return cache[p]

    problems = []
    for html in pages(site):
        for href in get(html).links + get(html).assets:
            target, fragment = resolve(site, html, href)
            if target is None:
                continue
            if not target.resolve().is_relative_to(site.resolve()):
                problems.append(f"{url_path(site, html)}: {href} -> outside the site")
            elif not target.exists():
                problems.append(f"{url_path(site, html)}: {href} -> missing {target.relative_to(site)}")
            elif fragment and target.suffix == ".html" and fragment not in get(target).ids:
                problems.append(f"{url_path(site, html)}: {href} -> no #{fragment}")
    return problems
