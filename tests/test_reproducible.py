"""The same data gives the same site, byte for byte, from one build to the next.

Python orders a set of strings differently in each process (hash
randomisation). A list sorted out of a set by a key that ties (two campaigns
of one name and level, "Phường 1" of two districts) then comes out in another
order on each build: pages change in git diffs and caches for no reason.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from .conftest import ROOT

RENDER = """
import datetime as dt, hashlib, json, sys
from pathlib import Path
import sotay
kb, _ = sotay.load_knowledge_base(Path(sys.argv[1]))
pages, assets = sotay.render_site(sotay.build_graph(kb), dt.date(2024, 7, 1))
out = {p.uri: hashlib.sha256(p.content.encode()).hexdigest() for p in pages}
out.update({a.uri: hashlib.sha256(a.content if isinstance(a.content, bytes) else a.content.encode()).hexdigest()
            for a in assets})
print(json.dumps(out))
"""


def _twin(folder: Path, original: str, twin: str) -> None:
    shutil.copy(folder / f"{original}.yaml", folder / f"{twin}.yaml")


def _site(data: Path, seed: str) -> dict[str, str]:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    done = subprocess.run([sys.executable, "-c", RENDER, str(data)], env=env, cwd=ROOT,
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def test_ties_do_not_change_the_site_between_builds(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    # A campaign twice under one name and level, both mentioned (so both are
    # rows of the campaigns x localities matrix), and a locality twice.
    _twin(data / "campaigns", "binh-dinh-chuyen-doi-so", "binh-dinh-chuyen-doi-so-ban-sao")
    _twin(data / "localities", "phuong-quyet-thang", "phuong-quyet-thang-ban-sao")
    doc = data / "documents" / "cong-van-2597-ubnd-nv-2024-quy-nhon.yaml"
    text = doc.read_text(encoding="utf-8")
    text = text.replace("campaigns:\n", "campaigns:\n"
                        "- campaign: binh-dinh-chuyen-doi-so-ban-sao\n  role: nhắc đến\n", 1)
    doc.write_text(text, encoding="utf-8")
    sites = [_site(data, seed) for seed in ("1", "2", "3", "4")]
    assert len(sites[0]) > 200
    for other in sites[1:]:
        differ = sorted(uri for uri in sites[0] if other.get(uri) != sites[0][uri])
        assert not differ and other.keys() == sites[0].keys(), differ
