"""Where every page and asset of the site lives, and the relative links between
them: each family of pages takes its addresses and its hrefs from here.

Addresses are source paths ("van-ban/chi-thi-05-ct-tw-2016.md") published as
directory URLs ("van-ban/chi-thi-05-ct-tw-2016/"); links are relative, so the
site works from any folder or file server, offline.
"""

from __future__ import annotations

from sotay.site import paging

# Kind of record -> URL folder. Readable Vietnamese, stable: a reference that
# later gets its full text imported keeps its URL.
SECTION = {
    "document": "van-ban",
    "campaign": "phong-trao",
    "body": "co-quan",
    "locality": "dia-ban",
}
# The index pages, in the order the site's jobs list them (render.py).
INDEX_PAGES = {
    "home": "index.md",
    "documents": "van-ban/index.md",
    "references": "van-ban-trich-dan/index.md",
    "campaigns": "phong-trao/index.md",
    "bodies": "co-quan/index.md",
    "localities": "dia-ban/index.md",
    "matrix": "phong-trao-dia-ban/index.md",
    "deadlines": "han/index.md",
    "targets": "chi-tieu/index.md",
    "quality": "chat-luong/index.md",
    "format": "du-lieu/index.md",
}
SCHEMA_FOLDER = "du-lieu/schema"
# Pages 2 on of the campaigns × localities table: phong-trao-dia-ban/trang-2/.
MATRIX_FOLDER = "phong-trao-dia-ban"
# Past paging.DEADLINES_PAGE_LIMIT rows, han/ keeps the soonest upcoming
# deadlines and every month gets a page, "han/2024-07/" ("han/2024/" for year-only dates),
# the relative ones "han/tuong-doi/" when there are many. Beside the feeds
# ("han/tat-ca.ics", "han/dia-ban/", "han/phong-trao/"), no name is shared.
DEADLINES_FOLDER = "han"
UNDATED_FOLDER = "tuong-doi"
# Calendar feeds: every deadline, and one per locality and per campaign.
FEEDS = {
    "all": "han/tat-ca.ics",
    "locality": "han/dia-ban/{id}.ics",
    "campaign": "han/phong-trao/{id}.ics",
}


def feed_uri(kind: str, record_id: str = "") -> str:
    return FEEDS[kind].format(id=record_id)

def entity_uri(kind: str, record_id: str) -> str:
    return f"{SECTION[kind]}/{record_id}.md"


def listing_folder(kind: str, record_id: str, name: str) -> str:
    """ "dia-ban/viet-nam/van-ban": below the entity's own URL, where no record
    can be (paging.py)."""
    return f"{SECTION[kind]}/{record_id}/{name}"


def url_of(uri: str) -> str:
    """Directory URL of a source path: "a/index.md" -> "a/", "a/b.md" -> "a/b/"."""
    stem = uri[: -len(".md")] if uri.endswith(".md") else uri
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/" if uri.endswith(".md") else uri


class Linker:
    """Relative hrefs from one page, so the site works from any folder or
    file server, offline.

    A big page links tens of thousands of times: the relative path is worked
    out from the path segments (the page's own split once, here), not with
    posixpath.relpath, which makes both paths absolute first (~60 µs a link).
    """

    def __init__(self, uri: str):
        self.base = url_of(uri)
        self._base_parts = tuple(p for p in self.base.split("/") if p)
        self._depth = len(self._base_parts)

    def _relative(self, target: str) -> str:
        """posixpath.relpath(target or ".", self.base or "."), for our
        normalised paths (no "." or ".." segments, no leading "/")."""
        parts = [p for p in target.split("/") if p]
        base = self._base_parts
        common, limit = 0, min(len(parts), self._depth)
        while common < limit and parts[common] == base[common]:
            common += 1
        rel = [".."] * (self._depth - common) + parts[common:]
        return "/".join(rel) if rel else "."

    def to_uri(self, uri: str, anchor: str | None = None) -> str:
        target = url_of(uri)
        rel = self._relative(target)
        rel = "./" if rel == "." else rel + ("/" if target.endswith("/") else "")
        return rel + (f"#{anchor}" if anchor else "")

    def __call__(self, kind: str, record_id: str, anchor: str | None = None) -> str:
        return self.to_uri(entity_uri(kind, record_id), anchor)

    def page(self, name: str, anchor: str | None = None) -> str:
        return self.to_uri(INDEX_PAGES[name], anchor)

    def listing(self, kind: str, record_id: str, name: str, number: int = 1,
                anchor: str | None = None) -> str:
        """Page `number` of an entity's full listing (listings.LISTINGS)."""
        return self.to_uri(paging.page_uri(listing_folder(kind, record_id, name), number), anchor)

    def asset(self, uri: str) -> str:
        return self._relative(uri)

    def feed(self, kind: str, record_id: str = "") -> str:
        return self.asset(feed_uri(kind, record_id))
