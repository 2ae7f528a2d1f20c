#!/usr/bin/env python3
"""Generate a large, valid data folder for benchmarks: N synthetic documents.

    python bench/generate.py --documents 10000 --seed 1 --out /tmp/data-10k
    sotay validate /tmp/data-10k

Deterministic: the same --seed and --documents give the same files. The
shipped data (data/, the five seeds and what they cite) is copied first, so
real names ("Vì người nghèo...", Nghị định 98/2023/NĐ-CP) stay findable
among the synthetic ones; --base "" starts from nothing but Việt Nam.

What is generated follows the seeds' shapes (docs DOMAIN.md):
- localities in a real hierarchy: the other provinces of Việt Nam (names
  real, pre-2025), districts (huyện, thị xã, thành phố thuộc tỉnh) and
  communes with composed names;
- bodies per level: UBND, Sở/Phòng Nội vụ, Hội đồng Thi đua - Khen thưởng,
  Tỉnh ủy/Huyện ủy, UBND of some communes;
- campaigns national -> provincial -> local: "<Tỉnh X> chung tay vì người
  nghèo - ..." adapts the national "Vì người nghèo - ...", "Huyện Y chung sức
  xây dựng nông thôn mới" adapts its province's form, yearly KT-XH rounds;
  "văn hoá"/"văn hóa" both occur, as in the seeds;
- documents (Công văn, Kế hoạch, Báo cáo, Hướng dẫn, Quyết định, Chỉ thị,
  Thông báo) numbered per issuer and year ("12/UBND-NV", "15/KH-UBND",
  "23/2024/QĐ-UBND", blank "/UBND-NC" drafts), whose text has the seeds'
  header, "Căn cứ ..."/"Thực hiện ..." citations (quoted verbatim in the
  record), campaign names in curly quotes, paragraphs taken from the seeds,
  a deadline "**trước ngày 12/7/2024**" (with its deadline record) and a
  footnote list of earlier documents (<sup>1</sup>), signature block.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sotay import load_knowledge_base
from sotay.data.yamlio import dump_record
from sotay.text.folding import slugify

ROOT = Path(__file__).resolve().parent.parent

# The 63 provinces before the 2025 reorganisation (the shipped data has its own
# records for Bình Định, Lai Châu, Ninh Thuận, Nam Định, Gia Lai, Khánh Hòa,
# Ninh Bình: those are skipped, their ids being taken).
CITIES = ["Hà Nội", "Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ"]
PROVINCES = [
    "An Giang", "Bà Rịa - Vũng Tàu", "Bắc Giang", "Bắc Kạn", "Bạc Liêu", "Bắc Ninh", "Bến Tre",
    "Bình Định", "Bình Dương", "Bình Phước", "Bình Thuận", "Cà Mau", "Cao Bằng", "Đắk Lắk",
    "Đắk Nông", "Điện Biên", "Đồng Nai", "Đồng Tháp", "Gia Lai", "Hà Giang", "Hà Nam", "Hà Tĩnh",
    "Hải Dương", "Hậu Giang", "Hòa Bình", "Hưng Yên", "Khánh Hòa", "Kiên Giang", "Kon Tum",
    "Lai Châu", "Lâm Đồng", "Lạng Sơn", "Lào Cai", "Long An", "Nam Định", "Nghệ An", "Ninh Bình",
    "Ninh Thuận", "Phú Thọ", "Phú Yên", "Quảng Bình", "Quảng Nam", "Quảng Ngãi", "Quảng Ninh",
    "Quảng Trị", "Sóc Trăng", "Sơn La", "Tây Ninh", "Thái Bình", "Thái Nguyên", "Thanh Hóa",
    "Thừa Thiên Huế", "Tiền Giang", "Trà Vinh", "Tuyên Quang", "Vĩnh Long", "Vĩnh Phúc", "Yên Bái",
]
# Place names are composed from common syllables: "Phú Hòa", "Tân Lộc".
FIRST = ["An", "Bình", "Phú", "Tân", "Long", "Hòa", "Thạnh", "Đức", "Vĩnh", "Hưng", "Quang",
         "Thuận", "Xuân", "Cẩm", "Đông", "Tây", "Hải", "Sơn", "Thanh", "Hồng", "Minh", "Đại", "Kim",
         "Lộc", "Phước", "Hiệp", "Trung", "Nghĩa", "Mỹ", "Yên", "Lạc", "Triệu", "Gia", "Hương",
         "Châu", "Tuy", "Ninh", "Lâm", "Đồng", "Cát"]
SECOND = ["Phú", "Hòa", "Lộc", "Thành", "Bình", "Mỹ", "Sơn", "Thủy", "Điền", "Hưng", "Thịnh",
          "Lợi", "Phong", "Xuân", "Đông", "Tây", "Nam", "Bắc", "Trạch", "Giang", "Hải", "Khê",
          "Linh", "An", "Đức", "Vinh", "Trà", "Lương", "Quan", "Yên", "Tiến", "Đạt", "Hiệp"]
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi",
            "Đỗ", "Hồ", "Ngô", "Dương", "Lý"]
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Ngọc", "Quốc", "Xuân", "Thị Thu"]
GIVEN = ["Nam", "Hùng", "Lan", "Hương", "Dũng", "Tuấn", "Hải", "Phương", "Bình", "Sơn", "Thảo",
         "Long", "Hoa", "Trang", "Cường", "Hà", "Quân", "Yến", "Khánh", "Đạt"]
YEARS = (2021, 2022, 2023, 2024)

# Kind -> (share of documents, symbol after the number for a UBND issuer).
KINDS = {
    "Công văn": (0.34, "UBND-NV"), "Kế hoạch": (0.2, "KH-UBND"), "Báo cáo": (0.15, "BC-UBND"),
    "Hướng dẫn": (0.1, "HD-UBND"), "Quyết định": (0.09, "QĐ-UBND"), "Chỉ thị": (0.04, "CT-UBND"),
    "Thông báo": (0.08, "TB-UBND"),
}
SUBJECTS = {
    "Công văn": ["hướng dẫn sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm {y}",
                 "đăng ký thi đua và ký kết giao ước thi đua năm {y}",
                 "đề nghị khen thưởng thành tích trong phong trào thi đua “{c}”",
                 "hướng dẫn tổng kết công tác thi đua, khen thưởng năm {y}"],
    "Kế hoạch": ["Tổ chức phát động phong trào thi đua “{c}” năm {y}",
                 "Triển khai thực hiện phong trào thi đua “{c}” giai đoạn 2021-2025",
                 "Công tác thi đua, khen thưởng năm {y}"],
    "Báo cáo": ["Sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm {y}",
                "Kết quả thực hiện phong trào thi đua “{c}” năm {y}",
                "Tổng kết công tác thi đua, khen thưởng năm {y}, phương hướng nhiệm vụ năm {y1}"],
    "Hướng dẫn": ["Công tác thi đua, khen thưởng năm {y}",
                  "Xét tặng danh hiệu thi đua và hình thức khen thưởng năm {y}"],
    "Quyết định": ["Về việc khen thưởng tập thể, cá nhân có thành tích xuất sắc trong phong trào thi "
                   "đua “{c}”", "Ban hành Quy chế thi đua, khen thưởng"],
    "Chỉ thị": ["Về việc phát động phong trào thi đua thực hiện nhiệm vụ phát triển kinh tế - xã hội "
                "năm {y}"],
    "Thông báo": ["Kết luận của Chủ tịch UBND tại hội nghị sơ kết công tác thi đua, khen thưởng 6 tháng "
                  "đầu năm {y}"],
}
ACTIONS = ["Gửi báo cáo sơ kết công tác thi đua, khen thưởng", "Gửi hồ sơ đề nghị khen thưởng",
           "Gửi bản đăng ký thi đua năm {y}", "Gửi báo cáo kết quả thực hiện phong trào thi đua"]
# Place names of the seeds, replaced in borrowed paragraphs by the document's own.
SEED_PLACES = ["Phan Rang - Tháp Chàm", "Phan Rang-Tháp Chàm", "Quy Nhơn", "Tây Sơn", "Quyết Thắng",
               "Ý Yên", "Lai Châu", "Bình Định", "Ninh Thuận", "Nam Định"]


@dataclass
class Place:
    id: str
    name: str  # "huyện Phú Hòa"
    short: str  # "Phú Hòa"
    level: str
    province: Place | None = None
    ubnd: str = ""  # body ids
    noi_vu: str = ""
    hdtdkt: str = ""
    campaigns: list[str] = field(default_factory=list)


@dataclass
class Written:
    id: str
    kind: str
    number: str
    date: dt.date
    issuer_name: str


class Generator:
    def __init__(self, out: Path, documents: int, seed: int, base: Path | None):
        self.out, self.n, self.rng = out, documents, random.Random(seed)
        self.base = base
        self.records: dict[str, dict[str, dict]] = {k: {} for k in
                                                    ("localities", "bodies", "campaigns",
                                                     "documents", "deadlines")}
        self.taken: set[str] = set()
        self.serials: dict[tuple[str, int], int] = {}
        self.national: dict[str, str] = {}
        self.cited: dict[str, str] = {}
        self.pool: list[str] = []

    # --- setup ------------------------------------------------------------

    def start(self) -> None:
        if self.out.exists():
            shutil.rmtree(self.out)
        if self.base:
            shutil.copytree(self.base, self.out)
            kb, _ = load_knowledge_base(self.base)
            self.taken = {f"{k}:{i}" for k, recs in [("localities", kb.localities), ("bodies", kb.bodies),
                                                     ("campaigns", kb.campaigns), ("documents", kb.documents),
                                                     ("deadlines", kb.deadlines)] for i in recs}
            names = {c.name: c.id for c in kb.campaigns.values() if c.level == "trung ương"}
            self.national = {"ngheo": names.get("Vì người nghèo - Không để ai bị bỏ lại phía sau", ""),
                             "ntm": names.get("Cả nước chung sức xây dựng nông thôn mới", ""),
                             "vhcs": names.get("Cán bộ, công chức, viên chức thi đua thực hiện văn hóa công sở", "")}
            self.national_names = sorted(names)
            for doc_id in ("luat-thi-dua-khen-thuong-2022", "nghi-dinh-98-2023-nd-cp", "chi-thi-05-ct-tw-2016"):
                if doc_id in kb.documents:
                    self.cited[doc_id] = doc_id
            self.pool = self._paragraphs(d.text for d in kb.documents.values() if d.text)
        else:
            for folder in self.records:
                (self.out / folder).mkdir(parents=True)
            self.national_names = []
        if not self.pool:
            self.pool = ["Các cơ quan, đơn vị tổ chức quán triệt, triển khai thực hiện nghiêm túc công tác "
                         "thi đua, khen thưởng; kịp thời phát hiện, bồi dưỡng và nhân rộng điển hình tiên tiến."]
        if "localities:viet-nam" not in self.taken:
            self.put("localities", "viet-nam", {"name": "Việt Nam", "type": "quốc gia", "level": "trung ương"})

    @staticmethod
    def _paragraphs(texts) -> list[str]:
        """Body paragraphs of the seeds: no header, footnote, signature or list of recipients."""
        out = []
        for text in texts:
            for para in text.split("\n\n"):
                para = para.strip()
                if not 80 <= len(para) <= 700 or "<sup>" in para or "\n" in para:
                    continue
                if re.match(r"(Số|Kính gửi|Nơi nhận|KT\.|TM\.|V/v|#)", para):
                    continue
                out.append(para)
        return sorted(set(out))

    def put(self, folder: str, record_id: str, record: dict) -> str:
        base, i = record_id, 2
        while f"{folder}:{record_id}" in self.taken:
            record_id, i = f"{base}-{i}", i + 1
        self.taken.add(f"{folder}:{record_id}")
        self.records[folder][record_id] = record
        return record_id

    def place_name(self) -> str:
        a, b = self.rng.choice(FIRST), self.rng.choice(SECOND)
        return f"{a} {b}" if a != b else f"{a} {self.rng.choice(SECOND[:5])}"

    # --- localities, bodies, campaigns ------------------------------------

    def body(self, name: str, abbr: str, level: str, locality: str, parent: str | None = None) -> str:
        rec = {"name": name, "abbreviations": [abbr], "level": level, "locality": locality}
        if parent:
            rec["parent"] = parent
        return self.put("bodies", slugify(name), rec)

    def campaign(self, name: str, level: str, locality: str, period: str | None = None,
                 adapts: str | None = None, launcher: str | None = None) -> str:
        rec: dict = {"name": name, "kind": "phong trào thi đua", "level": level, "locality": locality}
        if period:
            rec["period"] = period
        if launcher:
            rec["launcher"] = launcher
        if adapts:
            rec["adapts"] = adapts
        return self.put("campaigns", slugify(name)[:80].rstrip("-"), rec)

    def geography(self) -> list[Place]:
        """Provinces, districts and communes; returns the districts."""
        rng = self.rng
        n_districts = max(10, self.n // 25)
        names = [(c, "thành phố trực thuộc trung ương", "thành phố") for c in CITIES]
        names += [(p, "tỉnh", "tỉnh") for p in PROVINCES]
        provinces = []
        for short, ptype, word in names:
            pid = slugify(f"{word} {short}")
            if f"localities:{pid}" in self.taken:
                continue
            pid = self.put("localities", pid, {"name": f"{word} {short}", "type": ptype, "level": "tỉnh",
                                               "parent": "viet-nam"})
            p = Place(pid, f"{word} {short}", short, "tỉnh")
            title = f"{word[:1].upper()}{word[1:]} {short}"
            p.ubnd = self.body(f"Ủy ban nhân dân {word} {short}", f"UBND {word} {short}", "tỉnh", pid)
            p.noi_vu = self.body(f"Sở Nội vụ {word} {short}", "SNV", "tỉnh", pid, p.ubnd)
            p.hdtdkt = self.body(f"Hội đồng Thi đua - Khen thưởng {word} {short}", "HĐTĐKT", "tỉnh", pid)
            self.body(f"Tỉnh ủy {short}" if word == "tỉnh" else f"Thành ủy {short}", "TU", "tỉnh", pid)
            if self.national.get("ngheo"):
                p.campaigns.append(self.campaign(
                    f"{title} chung tay vì người nghèo - Không để ai bị bỏ lại phía sau", "tỉnh", pid,
                    "2021-2025", self.national["ngheo"], p.ubnd))
            if self.national.get("ntm"):
                p.campaigns.append(self.campaign(f"{title} chung sức xây dựng nông thôn mới", "tỉnh", pid,
                                                 adapts=self.national["ntm"], launcher=p.ubnd))
            p.campaigns.append(self.campaign(f"Phong trào thi đua đẩy mạnh cải cách hành chính {word} {short}",
                                             "tỉnh", pid, "2021-2025", launcher=p.ubnd))
            for y in YEARS[-2:]:
                p.campaigns.append(self.campaign(
                    f"Phong trào thi đua thực hiện thắng lợi nhiệm vụ phát triển kinh tế - xã hội năm {y} "
                    f"của {word} {short}", "tỉnh", pid, str(y), launcher=p.ubnd))
            provinces.append(p)

        districts = []
        for i in range(n_districts):
            prov = provinces[i % len(provinces)]
            dtype = rng.choices(["huyện", "thị xã", "thành phố thuộc tỉnh"], [0.75, 0.12, 0.13])[0]
            word = "thành phố" if dtype == "thành phố thuộc tỉnh" else dtype
            short = self.place_name()
            did = self.put("localities", slugify(f"{word} {short}"),
                           {"name": f"{word} {short}", "type": dtype, "level": "huyện", "parent": prov.id,
                            "abbreviations": [short]})
            d = Place(did, f"{word} {short}", short, "huyện", prov)
            d.ubnd = self.body(f"Ủy ban nhân dân {word} {short}", f"UBND {word} {short}", "huyện", did,
                               prov.ubnd)
            d.noi_vu = self.body(f"Phòng Nội vụ {word} {short}", "Phòng Nội vụ", "huyện", did, d.ubnd)
            d.hdtdkt = self.body(f"Hội đồng Thi đua - Khen thưởng {word} {short}", "HĐTĐKT", "huyện", did)
            title = f"{word[:1].upper()}{word[1:]} {short}"
            if dtype == "huyện" and len(prov.campaigns) > 1 and self.national.get("ntm"):
                d.campaigns.append(self.campaign(f"{title} chung sức xây dựng nông thôn mới", "huyện", did,
                                                 adapts=prov.campaigns[1], launcher=d.ubnd))
            if self.national.get("vhcs"):
                hoa = "hoá" if rng.random() < 0.3 else "hóa"  # both placements, as in the seeds
                d.campaigns.append(self.campaign(
                    f"Cán bộ, công chức, viên chức {word} {short} thi đua thực hiện văn {hoa} công sở",
                    "huyện", did, "2019-2025", self.national["vhcs"], d.ubnd))
            y = rng.choice(YEARS)
            d.campaigns.append(self.campaign(
                f"Phong trào thi đua thực hiện nhiệm vụ phát triển kinh tế - xã hội năm {y} của {word} {short}",
                "huyện", did, str(y), launcher=d.ubnd))
            for _ in range(3):
                ctype = rng.choices(["xã", "phường", "thị trấn"], [0.7, 0.2, 0.1])[0]
                cshort = self.place_name()
                cid = self.put("localities", slugify(f"{ctype} {cshort}"),
                               {"name": f"{ctype} {cshort}", "type": ctype, "level": "xã", "parent": did})
                if rng.random() < 0.35:
                    self.body(f"Ủy ban nhân dân {ctype} {cshort}", f"UBND {ctype} {cshort}", "xã", cid, d.ubnd)
            districts.append(d)
        return districts

    # --- documents ----------------------------------------------------------

    def number(self, issuer: str, year: int, kind: str, symbol: str, normative: bool) -> str:
        key = (issuer, year)
        self.serials[key] = self.serials.get(key, 0) + self.rng.randint(1, 40)
        n = self.serials[key]
        return f"{n}/{year}/{symbol}" if normative else f"{n}/{symbol}"

    def vi_date(self, d: dt.date) -> str:
        return f"{d.day:02d}/{d.month:02d}/{d.year}" if self.rng.random() < 0.5 else f"{d.day}/{d.month}/{d.year}"

    def person(self) -> str:
        return f"{self.rng.choice(SURNAMES)} {self.rng.choice(MIDDLE)} {self.rng.choice(GIVEN)}"

    def borrowed(self, k: int, place: Place) -> list[str]:
        out = []
        for para in self.rng.sample(self.pool, min(k, len(self.pool))):
            for seed_place in SEED_PLACES:
                para = para.replace(seed_place, place.short)
            out.append(para)
        return out

    def documents(self, districts: list[Place]) -> None:
        rng = self.rng
        kinds = list(KINDS)
        weights = [KINDS[k][0] for k in kinds]
        plans: dict[str, list[Written]] = {}  # province id -> its plans, for "Thực hiện ..."
        earlier: dict[str, list[Written]] = {}  # district id -> its documents, for footnotes
        dates = sorted(dt.date(rng.choice(YEARS), 1, 1) + dt.timedelta(days=rng.randrange(365))
                       for _ in range(self.n))
        for date in dates:
            district = rng.choice(districts)
            province = district.province
            assert province is not None
            level_place = province if rng.random() < 0.2 else district
            kind = rng.choices(kinds, weights)[0]
            issuer_id = rng.choice([level_place.ubnd] * 3 + [level_place.noi_vu, level_place.hdtdkt])
            issuer = self.records["bodies"][issuer_id]
            symbol = KINDS[kind][1]
            if issuer_id == level_place.noi_vu:  # "12/HD-SNV", "1178/NV" (Phòng Nội vụ, 003)
                unit = "SNV" if level_place is province else "NV"
                symbol = f"{symbol.split('-')[0]}-{unit}" if kind != "Công văn" else unit
            elif issuer_id == level_place.hdtdkt:
                symbol = f"{symbol.split('-')[0]}-HĐTĐKT" if kind != "Công văn" else "HĐTĐKT"
            draft = rng.random() < 0.03
            normative = kind == "Quyết định" and level_place is province and rng.random() < 0.3
            number = f"/{symbol}" if draft else self.number(issuer_id, date.year, kind, symbol, normative)
            campaign_pool = level_place.campaigns + (province.campaigns if level_place is district else [])
            mentioned = rng.sample(campaign_pool, min(len(campaign_pool), rng.randint(1, 3)))
            names = [self.records["campaigns"][c]["name"] for c in mentioned]
            subject = rng.choice(SUBJECTS[kind]).format(y=date.year, y1=date.year + 1, c=names[0])
            text, citations, deadline = self.text(kind, number, date, issuer["name"], level_place, subject,
                                                  names, plans.get(province.id, []),
                                                  earlier.get(district.id, []))
            serial = number.split("/")[0]
            doc_id = slugify(f"{kind} {serial} {symbol} {date.year} {level_place.short}")
            record: dict = {"kind": kind, "number": number, "date": date.isoformat(),
                            "place": level_place.short, "issuer": issuer_id,
                            "signer": {"name": self.person(), "authority": "KT. Chủ tịch",
                                       "title": "Phó Chủ tịch"},
                            "subject": subject.removeprefix("Về việc ").removeprefix("V/v "),
                            "status": "dự thảo" if draft else "đã ban hành",
                            "text": text, "citations": citations,
                            "campaigns": [{"campaign": c, "role": "triển khai" if i == 0 else "nhắc đến",
                                           "quote": n} for i, (c, n) in enumerate(zip(mentioned, names, strict=True))]}
            if not citations:
                del record["citations"]
            doc_id = self.put("documents", doc_id, record)
            if deadline:
                deadline["source"] = doc_id
                self.put("deadlines", slugify(f"{deadline['date']} {doc_id}"), deadline)
            if not draft:
                w = Written(doc_id, kind, number, date, issuer["name"])
                earlier.setdefault(district.id, []).append(w)
                if kind == "Kế hoạch" and level_place is province:
                    plans.setdefault(province.id, []).append(w)

    def text(self, kind, number, date, issuer_name, place, subject, campaign_names, plans, earlier):
        rng = self.rng
        lines, citations = [], []
        serial, _, symbol = number.partition("/")
        lines.append(f"Số: {serial} /{symbol}" if rng.random() < 0.3 else f"Số: {number}")
        if kind == "Công văn":
            lines += [f"V/v {subject}", ""]
        else:
            lines.append("")
        lines += [f"{place.short}, ngày {date.day:02d} tháng {date.month} năm {date.year}", ""]
        if kind != "Công văn":
            lines += [f"## {kind.upper()}", "", subject, ""]
        if kind in ("Công văn", "Hướng dẫn"):
            lines += ["Kính gửi:", "", f"- Các phòng, ban, đơn vị thuộc {place.name};",
                      "- UBND các xã, phường, thị trấn;", ""]
        bases = []
        if "luat-thi-dua-khen-thuong-2022" in self.cited and date.year >= 2023:
            q = rng.choice(["Luật Thi đua, khen thưởng ngày 15/6/2022", "Luật Thi đua, Khen thưởng năm 2022"])
            bases.append(f"Căn cứ {q};")
            citations.append({"target": "luat-thi-dua-khen-thuong-2022", "role": "căn cứ", "quote": q})
        if "nghi-dinh-98-2023-nd-cp" in self.cited and date.year >= 2024:
            q = "Nghị định số 98/2023/NĐ-CP ngày 31/12/2023"
            bases.append(f"Căn cứ {q} của Chính phủ quy định chi tiết thi hành một số điều của Luật "
                         "Thi đua, khen thưởng;")
            citations.append({"target": "nghi-dinh-98-2023-nd-cp", "role": "căn cứ", "quote": q})
        upper = [p for p in plans if p.date < date][-5:]
        if upper and rng.random() < 0.7:
            plan = rng.choice(upper)
            q = f"Kế hoạch số {plan.number} ngày {self.vi_date(plan.date)}"
            bases.append(f"Thực hiện {q} của {plan.issuer_name} về công tác thi đua, khen thưởng;")
            citations.append({"target": plan.id, "role": "thực hiện", "quote": q})
        if "chi-thi-05-ct-tw-2016" in self.cited and rng.random() < 0.2:
            q = rng.choice(["Chỉ thị số 05-CT/TW ngày 15/5/2016", "Chỉ thị 05/CT - TW ngày 15/5/2016"])
            bases.append(f"Thực hiện {q} của Bộ Chính trị về đẩy mạnh học tập và làm theo tư tưởng, "
                         "đạo đức, phong cách Hồ Chí Minh;")
            citations.append({"target": "chi-thi-05-ct-tw-2016", "role": "nhắc đến", "quote": q})
        if bases:
            lines += [*bases, ""]
        lines += [f"{issuer_name} {rng.choice(['hướng dẫn', 'triển khai', 'báo cáo', 'thông báo'])} "
                  "một số nội dung như sau:", "", "## I. MỤC ĐÍCH, YÊU CẦU", ""]
        for para in self.borrowed(rng.randint(2, 4), place):
            lines += [para, ""]
        quoted = ", ".join(f"“{n}”" for n in campaign_names)
        lines += ["## II. NỘI DUNG", "",
                  f"Tiếp tục triển khai sâu rộng các phong trào thi đua {quoted}; gắn phong trào thi đua "
                  "với thực hiện nhiệm vụ chính trị của cơ quan, đơn vị, địa phương.", ""]
        for para in self.borrowed(rng.randint(2, 5), place):
            lines += [para, ""]
        footnoted = [w for w in earlier if w.date < date][-6:]
        if footnoted and rng.random() < 0.4:
            lines += ["Trong kỳ, các cơ quan, đơn vị đã ban hành văn bản chỉ đạo, hướng dẫn triển khai "
                      "công tác thi đua, khen thưởng<sup>1</sup>.", ""]
            refs = rng.sample(footnoted, min(len(footnoted), rng.randint(2, 4)))
            quotes = [f"{w.kind} số {w.number} ngày {self.vi_date(w.date)}" for w in refs]
            for w, q in zip(refs, quotes, strict=True):
                citations.append({"target": w.id, "role": "chú thích", "quote": q, "footnote": 1})
        else:
            quotes = []
        deadline = None
        if rng.random() < 0.6:
            due = date + dt.timedelta(days=rng.randint(7, 45))
            action = rng.choice(ACTIONS).format(y=date.year + 1)
            sentence = (f"{action} về {issuer_name} (qua {rng.choice(['Phòng Nội vụ', 'Sở Nội vụ', 'bộ phận văn thư'])}) "
                        f"**trước ngày {due.day:02d}/{due.month:02d}/{due.year}** để tổng hợp.")
            lines += ["## III. TỔ CHỨC THỰC HIỆN", "", sentence, ""]
            deadline = {"date": due.isoformat(), "action": action, "actor": "Các cơ quan, đơn vị",
                        "recipient": issuer_name, "quote": sentence}
        if quotes:
            lines += ["<sup>1</sup> " + "; ".join(quotes) + ".", ""]
        lines += ["Nơi nhận:", "", "- Như trên;", "- Lưu: VT.", "", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
        return "\n".join(lines), citations, deadline

    # --- output -------------------------------------------------------------

    def write(self) -> dict[str, int]:
        for folder, records in self.records.items():
            (self.out / folder).mkdir(parents=True, exist_ok=True)
            for record_id, record in records.items():
                (self.out / folder / f"{record_id}.yaml").write_text(dump_record(record), encoding="utf-8")
        return {folder: len(records) for folder, records in self.records.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="generate", description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", "-n", type=int, default=1000, help="synthetic documents (1000)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (1): same seed, same files")
    parser.add_argument("--out", type=Path, required=True, help="data folder to write (replaced)")
    parser.add_argument("--base", default=str(ROOT / "data"),
                        help="data folder copied first (default: the shipped data/; \"\" for none)")
    args = parser.parse_args(argv)
    gen = Generator(args.out, args.documents, args.seed, Path(args.base) if args.base else None)
    gen.start()
    districts = gen.geography()
    gen.documents(districts)
    counts = gen.write()
    print(f"{args.out}: " + ", ".join(f"{n} {folder}" for folder, n in counts.items()) + " generated")
    return 0


if __name__ == "__main__":
    sys.exit(main())
