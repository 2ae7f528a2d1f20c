"""Generated pages become HTML without Markdown (sotay/site/pagehtml.py), and
come out exactly as MkDocs' own Markdown conversion makes them."""

from __future__ import annotations

import pytest
from mkdocs.config import load_config
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from sotay.site.pagehtml import convert
from sotay.site.render import render_site
from sotay.text.folding import heading_slug

from .conftest import ROOT, TODAY


@pytest.fixture(scope="module")
def config():
    return load_config(str(ROOT / "mkdocs.yml"))


def _mkdocs(config, uri: str, source: str) -> Page:
    """The page as MkDocs renders it: Python-Markdown with the site's extensions."""
    file = File(uri, src_dir=None, dest_dir=config.site_dir, use_directory_urls=config.use_directory_urls)
    file.content_string = source
    page = Page(None, file, config)
    page.read_source(config)
    page.render(config, Files([file]))
    return page


def _toc(items) -> list:
    return [(i.level, i.id, i.title, _toc(i.children)) for i in items]


def test_every_generated_page_converts_as_mkdocs_renders_it(graph, config):
    pages, _ = render_site(graph, TODAY)
    fallback = []
    for generated in pages:
        page = _mkdocs(config, generated.uri, generated.content)
        converted = convert(page.markdown, heading_slug)
        if converted is None:
            fallback.append(generated.uri)
            continue
        assert converted.html == page.content, generated.uri
        assert _toc(get_toc(converted.toc)) == _toc(page.toc), generated.uri
        assert converted.anchors == page.present_anchor_ids, generated.uri
    # The templates write headings and raw HTML only: every page takes the
    # quick way (a template starting to write Markdown text shows here).
    assert fallback == []
    assert len(pages) > 150


@pytest.mark.parametrize("source", [
    "Một đoạn văn bản thường.\n",                     # a paragraph: Markdown's job
    "## Văn bản *mới*\n",                             # emphasis in a heading
    "## Hội &amp; đoàn\n",                            # an entity in a heading
    "## Thông tin { #id }\n",                         # attr_list
    "<table>\n<tr><td>x</td></tr>\n",                 # a block never closed
    "<div>x</div> và chữ sau\n",                      # text after the closing tag
    "<span>x</span>\n",                               # not a block-level tag: a paragraph
    "<!-- ghi chú -->\n",
])
def test_anything_else_is_left_to_markdown(source):
    assert convert(source, heading_slug) is None


def test_headings_get_markdowns_ids_and_nesting(config):
    source = ("<h1>Tên</h1>\n\n## Văn bản\n\n<ul>\n<li>a</li>\n</ul>\n\n### Năm 2024\n\n"
              "<p>x</p>\n\n## Văn bản\n\n<div>\n<p>«đoạn một\n\nđoạn hai»</p>\n</div>\n")
    converted = convert(source, heading_slug)
    page = _mkdocs(config, "x.md", source)
    assert converted is not None
    assert converted.html == page.content
    assert [t["id"] for t in converted.toc] == ["van-ban", "van-ban_1"]
    assert [t["id"] for t in converted.toc[0]["children"]] == ["nam-2024"]
    assert converted.anchors == page.present_anchor_ids
