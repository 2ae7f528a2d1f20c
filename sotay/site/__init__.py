"""Stage 7, site: the graph -> every page and asset of the site.

Takes a Graph and a day ("today", for deadlines); gives Pages (Markdown
with HTML blocks, at source paths) and Assets (bytes), builder-agnostic.
render.py lists the jobs and runs them (in parallel for a full build, reusing
unchanged pages for a serve rebuild: incremental.py); paging.py cuts long
lists; fragments.py writes links and full texts; pagehtml.py turns the
generated Markdown into HTML without Markdown.
"""
