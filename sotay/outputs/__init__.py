"""Stage 6, outputs: products made from the graph besides the site's pages.

Takes a Graph (or a written site); gives bytes and records: search entries
and the Pagefind index (search.py, searchindex.py), calendar feeds
(ical.py), the handbook PDF (handbook.py), the quality report (quality.py),
atomic publishing of a build (publish.py); templating.py holds Page, Asset
and the Jinja environment the site and the handbook share.
"""
