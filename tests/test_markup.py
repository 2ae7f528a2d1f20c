"""Markup in data is text: in pages, titles, feeds and search. No injected script runs."""

from __future__ import annotations

import functools
import http.server
import json
import shutil
import threading

import pytest

from .conftest import FIXTURES, mkdocs_build

SCRIPT = "<script>window.__pwned = 1</script>"
IMG = '<img src=x onerror="window.__pwned = 2">'
JS_LINK = "[bấm vào đây](javascript:window.__pwned=3)"
RAW = '<div onmouseover="window.__pwned=4">Kế hoạch</div>'
NAME = f"Thi đua {SCRIPT} {IMG}"
SUBJECT = f"Về việc {JS_LINK} và {RAW}"
ACTION = f"Gửi báo cáo {SCRIPT}"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("markup-data")
    data = root / "data"
    shutil.copytree(FIXTURES / "mini" / "data", data)
    camp = data / "campaigns" / "vi-nguoi-ngheo.yaml"
    camp.write_text(camp.read_text(encoding="utf-8").replace(
        "name: Vì người nghèo - Không để ai bị bỏ lại phía sau", "name: " + json.dumps(NAME, ensure_ascii=False)),
        encoding="utf-8")
    doc = data / "documents" / "cong-van-2597-ubnd-nv-2024-quy-nhon.yaml"
    text = doc.read_text(encoding="utf-8")
    text = text.replace("subject: Hướng dẫn sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm 2024",
                        "subject: " + json.dumps(SUBJECT, ensure_ascii=False))
    text = text.replace("  ## I. NỘI DUNG", f"  ## I. NỘI DUNG {SCRIPT}\n\n  {JS_LINK} {RAW} {IMG}")
    doc.write_text(text, encoding="utf-8")
    dl = data / "deadlines" / "2024-07-12-quy-nhon-gui-bao-cao.yaml"
    dl.write_text(dl.read_text(encoding="utf-8").replace("action: Gửi báo cáo sơ kết",
                                                         "action: " + json.dumps(ACTION, ensure_ascii=False)),
                  encoding="utf-8")
    site = root / "site"
    result = mkdocs_build(site, data)
    assert result.returncode == 0, result.stdout + result.stderr
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    handler.log_message = lambda *a: None  # type: ignore[method-assign]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield site, f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.mark.parametrize("path", ["", "phong-trao/vi-nguoi-ngheo/", "van-ban/cong-van-2597-ubnd-nv-2024-quy-nhon/",
                                  "van-ban/", "han/", "phong-trao/", "phong-trao-dia-ban/", "dia-ban/thanh-pho-quy-nhon/"])
def test_no_injected_script_runs_and_markup_shows_as_text(browser, hostile_site, path):
    _, url = hostile_site
    context = browser.new_context()
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        page.goto(url + path)
        page.mouse.move(300, 300)
        for link in page.locator("a[href^='javascript:']").all():
            raise AssertionError(f"javascript: link rendered: {link.get_attribute('href')}")
        assert page.evaluate("window.__pwned") is None
        assert dialogs == []
        body = page.locator("article").inner_text()
        if path in ("phong-trao/vi-nguoi-ngheo/", "phong-trao/", "phong-trao-dia-ban/"):
            assert "<script>window.__pwned = 1</script>" in body
        if path == "van-ban/cong-van-2597-ubnd-nv-2024-quy-nhon/":
            assert JS_LINK in body and RAW in body and IMG in body
        assert page.locator("article script, article img[onerror], article [onmouseover]").count() == 0
    finally:
        context.close()


def test_titles_and_feeds_keep_markup_as_text(hostile_site):
    site, _ = hostile_site
    html = (site / "phong-trao" / "vi-nguoi-ngheo" / "index.html").read_text(encoding="utf-8")
    head = html[: html.index("</head>")]
    assert "<script>window.__pwned" not in head
    ics = (site / "han" / "tat-ca.ics").read_text(encoding="utf-8")
    assert "SUMMARY:Gửi báo cáo <script>window.__pwned = 1</script>" in ics.replace("\r\n ", "")


def test_handbook_prints_markup_as_text(hostile_site, tmp_path):
    import datetime as dt
    import io

    from pypdf import PdfReader

    import sotay
    from sotay.outputs.handbook import handbook_pdf

    site, _ = hostile_site
    data = site.parent / "data"
    kb, _ = sotay.load_knowledge_base(data)
    pdf = handbook_pdf(sotay.build_graph(kb), dt.date(2024, 7, 1))
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    flat = " ".join(text.split())
    assert "<script>window.__pwned = 1</script>" in flat
    assert "javascript:window.__pwned=3" in flat
