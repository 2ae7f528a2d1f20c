"""Driving the header search box as a person does, for the search tests and the benchmark."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

BOX = "[data-st-search]"
INPUT = "#st-search-input"

# The box says it has rendered the results of `query` (sotay-search.js setState).
_DONE = """q => { const b = document.querySelector('[data-st-search]');
  return b && b.dataset.state === 'done' && b.dataset.query === q; }"""


@dataclass(frozen=True)
class Hit:
    type: str  # "phong trào", "văn bản"... (data-type of the result)
    badge: str  # the badge as shown: "Phong trào"
    title: str
    facts: str
    excerpt: str
    href: str


def wait_for_results(page, query: str, timeout: float = 15_000) -> None:
    page.wait_for_function(_DONE, arg=query, timeout=timeout)


def hits(page) -> list[Hit]:
    return [Hit(**h) for h in page.evaluate("""() => Array.from(
        document.querySelectorAll('.st-search__results .st-kq')).map(li => ({
          type: li.dataset.type,
          badge: li.querySelector('.st-kq__loai').textContent,
          title: li.querySelector('.st-kq__ten').textContent,
          facts: li.querySelector('.st-kq__facts')?.textContent ?? '',
          excerpt: li.querySelector('.st-kq__trich')?.textContent ?? '',
          href: li.querySelector('a').href }))""")]


def search(page, query: str, typed: bool = False) -> list[Hit]:
    """Put `query` in the box (typed key by key, or pasted) and return the hits shown."""
    box = page.locator(INPUT)
    if typed:
        box.click()
        box.press("Control+a")
        page.keyboard.type(query)
    else:
        box.fill(query)
    wait_for_results(page, query)
    return hits(page)


def titles(found: list[Hit]) -> list[str]:
    return [h.title for h in found]


def external(requests: list[str]) -> list[str]:
    """Requests that left the machine (anything but 127.0.0.1 or inline data)."""
    return [u for u in requests
            if urlsplit(u).hostname not in ("127.0.0.1", None) and not u.startswith("data:")]
