"""Abbreviations staff write and search with, and what they stand for.

Data, not logic: one row per abbreviation, as written in documents (the first
spelling is the usual one), and its expansion in ordinary Vietnamese. Search
(sotay/outputs/search.py) uses the table both ways: a page that says "TĐKT" is also
found by "thi đua khen thưởng", and a page that says "thi đua, khen thưởng" is
also found by "TĐKT". The list follows docs DOMAIN.md ("Common
abbreviations") and the seeds: "CBCNV" (004), "HĐTĐKT" (001), "KT-XH" (000).

Spellings are matched case-sensitively on whole words, so "TU" (Tỉnh ủy)
never matches the word "tư"/"tu"; separators inside an abbreviation do not
matter ("KT-XH", "KT - XH", "KTXH" are one), nor does "Đ"/"D" ("TĐKT",
"TDKT"). Expansions are matched on folded words: "thi đua - khen thưởng",
"thi đua, khen thưởng" and "Thi đua Khen thưởng" are one.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Abbreviation:
    spellings: tuple[str, ...]  # as written: "TĐKT", "KT-XH"
    expansion: str  # "thi đua, khen thưởng"


ABBREVIATIONS: tuple[Abbreviation, ...] = tuple(
    Abbreviation(tuple(spellings.split("|")), expansion)
    for spellings, expansion in [
        # emulation work
        ("TĐKT", "thi đua, khen thưởng"),
        ("HĐTĐKT|HĐ TĐKT", "hội đồng thi đua - khen thưởng"),
        ("LĐTT", "lao động tiên tiến"),
        ("CSTĐ", "chiến sĩ thi đua"),
        ("CSTĐCS", "chiến sĩ thi đua cơ sở"),
        # programmes named in campaigns
        ("NTM", "nông thôn mới"),
        ("CCHC", "cải cách hành chính"),
        ("KT-XH|KTXH", "kinh tế - xã hội"),
        ("QP-AN|QPAN", "quốc phòng - an ninh"),
        ("ANTT", "an ninh trật tự"),
        ("CĐS", "chuyển đổi số"),
        # staff
        ("CBCCVC|CB,CC,VC", "cán bộ, công chức, viên chức"),
        ("CBCC", "cán bộ, công chức"),
        ("CBCNV", "cán bộ công nhân viên"),
        # issuers
        ("UBND", "ủy ban nhân dân"),
        ("HĐND", "hội đồng nhân dân"),
        ("UBMTTQ|MTTQ", "mặt trận tổ quốc"),
        ("TTg", "thủ tướng chính phủ"),
        ("CP", "chính phủ"),
        ("BNV", "bộ nội vụ"),
        ("SNV", "sở nội vụ"),
        ("NV", "nội vụ"),
        ("TW", "trung ương"),
        ("TU", "tỉnh ủy"),
        ("HU", "huyện ủy"),
    ]
)


# A document kind -> its type code in a number (Nghị định 30/2020/NĐ-CP, Phụ
# lục III), which staff also type as a short name: "NĐ 98" for Nghị định
# 98/2023/NĐ-CP, "CT 05" for Chỉ thị 05-CT/TW. Kinds with no code (Luật,
# Phát động) are absent.
KIND_CODES: dict[str, str] = {
    "Nghị quyết": "NQ", "Nghị định": "NĐ", "Quyết định": "QĐ", "Chỉ thị": "CT",
    "Thông tư": "TT", "Kết luận": "KL", "Quy định": "QyĐ", "Kế hoạch": "KH",
    "Chương trình": "CTr", "Hướng dẫn": "HD", "Công văn": "CV", "Báo cáo": "BC",
    "Thông báo": "TB", "Đề án": "ĐA", "Tờ trình": "TTr",
}
