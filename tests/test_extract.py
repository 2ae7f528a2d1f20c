"""The extractor, shape by shape: rows of real Vietnamese text and what must
(or must not) be found in it. Shapes come from DOMAIN.md and issue 3."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sotay.extract import (
    extract,
    find_campaigns,
    find_citations,
    find_deadlines,
    find_header,
    find_targets,
)
from sotay.extract.document import prepare, shadow
from sotay.text.dates import PartialDate, Period
from sotay.text.numbers import DocNumber

# --- factories ------------------------------------------------------------------


def cite(text: str) -> list[tuple]:
    """(kind, number, date iso, issuer, role) of each citation found in text."""
    return [
        (
            c.kind,
            str(c.number) if c.number else c.name,
            c.date.iso() if c.date else c.year,
            c.issuer,
            c.role,
        )
        for c in find_citations(text)
    ]


def key(number: str) -> str:
    return DocNumber.parse(number).key


# --- citations ------------------------------------------------------------------

CITATION_ROWS = [
    # number/TYPE-ISSUER, date, issuer phrase
    (
        "Thực hiện Kế hoạch 66/KH-CTĐ ngày 28/3/2024 của UBND thành phố về tổ chức",
        [("Kế hoạch", "66/KH-CTĐ", "2024-03-28", "UBND thành phố", "thực hiện")],
    ),
    # Party style, "khóa" after the issuer
    (
        "thực hiện Chỉ thị số 18A-CT/TU ngày 18/8/2014 của Ban Thường vụ Thành ủy (khóa XII) về",
        [("Chỉ thị", "18A-CT/TU", "2014-08-18", "Ban Thường vụ Thành ủy (khóa XII)", "thực hiện")],
    ),
    # normative number with year; date in words
    (
        "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ;",
        [("Nghị định", "98/2023/NĐ-CP", "2023-12-31", "Chính phủ", "căn cứ")],
    ),
    # spaces and a separator change inside the number (004)
    (
        "theo tinh thần Chỉ thị 05/CT - TW ngày 15/5/2016 của Bộ chính trị.",
        [("Chỉ thị", "05/CT-TW", "2016-05-15", "Bộ chính trị", "theo")],
    ),
    # comma before "ngày" (002)
    (
        "Căn cứ Kế hoạch số 33/KH-UBND, ngày 08/01/2024 của UBND phường Quyết Thắng về phát triển",
        [("Kế hoạch", "33/KH-UBND", "2024-01-08", "UBND phường Quyết Thắng", "căn cứ")],
    ),
    # no date (003, footnote 1)
    (
        "báo cáo tổng kết (Chỉ thị 34-CT/TW của Bộ Chính trị);",
        [("Chỉ thị", "34-CT/TW", None, "Bộ Chính trị", "nhắc đến")],
    ),
    # the date and issuer before the citation (003)
    (
        "ngày 02/3/2023 Ủy ban nhân dân thành phố đã ban hành Kế hoạch số 62/KH-UBND tổ chức thực hiện",
        [("Kế hoạch", "62/KH-UBND", "2023-03-02", "Ủy ban nhân dân thành phố", "nhắc đến")],
    ),
    # a list that names the type once
    (
        "Căn cứ các Nghị định số 1/2020/NĐ-CP, số 2/2020/NĐ-CP và số 3/2020/NĐ-CP của Chính phủ;",
        [
            ("Nghị định", "1/2020/NĐ-CP", None, None, "căn cứ"),
            ("Nghị định", "2/2020/NĐ-CP", None, None, "căn cứ"),
            ("Nghị định", "3/2020/NĐ-CP", None, "Chính phủ", "căn cứ"),
        ],
    ),
    # a citation broken across a line
    (
        "Thực hiện Chỉ thị số\n05-CT/TW ngày 15/5/2016 của Bộ\nChính trị về đẩy mạnh",
        [("Chỉ thị", "05-CT/TW", "2016-05-15", "Bộ Chính trị", "thực hiện")],
    ),
    # công văn numbers, the unit after the issuer, a department as issuer
    (
        "Công văn số 188/NV ngày 15/4/2024 của phòng Nội vụ về việc góp ý",
        [("Công văn", "188/NV", "2024-04-15", "phòng Nội vụ", "nhắc đến")],
    ),
    (
        "Thực hiện Hướng dẫn số 2131/HD-SNV ngày 04/6/2024 của Sở Nội vụ về việc",
        [("Hướng dẫn", "2131/HD-SNV", "2024-06-04", "Sở Nội vụ", "thực hiện")],
    ),
    # the issuer stops before a capitalised title (000: "... Phát động phong trào")
    (
        "Chỉ thị số 01/CT-UBND ngày 24/4/2024 của UBND thành phố Phát động phong trào thi đua",
        [("Chỉ thị", "01/CT-UBND", "2024-04-24", "UBND thành phố", "nhắc đến")],
    ),
    (
        "của Chủ tịch UBND huyện: Chỉ thị số 01/CT-UBND ngày 30 tháng 01 năm 2023 của Chủ tịch UBND huyện Tây Sơn về",
        [("Chỉ thị", "01/CT-UBND", "2023-01-30", "Chủ tịch UBND huyện Tây Sơn", "nhắc đến")],
    ),
    # laws by name, with date, with year, by name only, unknown law with a date
    (
        "Căn cứ Luật Thi đua, Khen thưởng ngày 15/6/2022;",
        [("Luật", "Thi đua, Khen thưởng", "2022-06-15", None, "căn cứ")],
    ),
    (
        "triển khai thực hiện Luật thi đua, khen thưởng năm 2022, Nghị định số 98/2023/NĐ-CP",
        [
            ("Luật", "thi đua, khen thưởng", 2022, None, "thực hiện"),
            ("Nghị định", "98/2023/NĐ-CP", None, None, "thực hiện"),
        ],
    ),
    (
        "triển khai Luật thực hiện dân chủ ở cơ sở.",
        [("Luật", "thực hiện dân chủ ở cơ sở", None, None, "thực hiện")],
    ),
    (
        "Căn cứ Luật Bảo vệ bí mật nhà nước ngày 15/11/2018;",
        [("Luật", "Bảo vệ bí mật nhà nước", "2018-11-15", None, "căn cứ")],
    ),
    # a ministry's head as issuer; a law with its number
    (
        "Căn cứ Thông tư số 12/2019/TT-BNV ngày 04/11/2019 của Bộ trưởng Bộ Nội vụ;",
        [("Thông tư", "12/2019/TT-BNV", "2019-11-04", "Bộ trưởng Bộ Nội vụ", "căn cứ")],
    ),
    (
        "Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15/6/2022;",
        [("Luật", "06/2022/QH15", "2022-06-15", None, "căn cứ")],
    ),
    # a law named inside another document's title is that document's, not a citation
    (
        "Nghị định số 98/2023/NĐ-CP ngày 31/12/2023 của Chính phủ quy định chi tiết thi hành một số điều "
        "của Luật Thi đua, khen thưởng",
        [("Nghị định", "98/2023/NĐ-CP", "2023-12-31", "Chính phủ", "nhắc đến")],
    ),
]


@pytest.mark.parametrize(
    ("text", "expected"), CITATION_ROWS, ids=[r[0][:40] for r in CITATION_ROWS]
)
def test_citation_shapes(text, expected):
    assert cite(text) == expected


LOOK_ALIKES = [
    "Điện thoại: 0256.3822.123, fax 0256 3822 124",
    "với tổng số tiền 14.240.441.875 đồng để thực hiện dự án",
    "có 26/43 trường, đạt 60,5% (trong đó, Mầm non 06/10 trường)",
    "toàn thành phố có 16/16 xã, phường công nhận",
    "tiến độ giải ngân đến 30/6/2023 ước đạt 111,575 tỷ đồng",
    "Triển khai đầu tư xây dựng 02 camera 3600 trên cao",
    "đã giải quyết 62/68 đơn khiếu nại (đạt tỷ lệ 92,1%)",
    "v/v triển khai thực hiện Kết luận của Thủ tướng Chính phủ về công tác thi đua",
    "nhắc nhở 52 tr/h buôn bán; 1.075 hộ mới thoát nghèo",
    "kỷ niệm 70 năm Ngày Chiến thắng Điện Biên Phủ (07/5/1954 - 07/5/2024)",
    "Kế hoạch 5 năm (2021-2025), Nghị quyết Đại hội Đảng bộ phường lần thứ XIII",
    "đề án 1816 luân phiên Bác sĩ về tuyến xã",
]


@pytest.mark.parametrize("text", LOOK_ALIKES)
def test_look_alikes_are_not_citations(text):
    assert find_citations(text) == []


def test_roles_in_lists_and_titles():
    # 002: list after "Căn cứ"; 003: a Nghị định inside a Thông tư's title is only mentioned,
    # the next list member takes the list's role again.
    text = (
        "Tuyên truyền, phổ biến triển khai thực hiện Luật thi đua, khen thưởng năm 2022; "
        "Thông tư số 01/2024/TT-BNV ngày 24/02/2024 của Bộ Nội vụ Quy định biện pháp thi hành "
        "Nghị định số 98/2023/NĐ-CP ngày 31/12/2023 của Chính phủ; Quyết định số 23/2024/QĐ-UBND "
        "ngày 04/4/2024 của Ủy ban nhân dân tỉnh ban hành Quy định."
    )
    assert [c[4] for c in cite(text)] == ["thực hiện", "thực hiện", "nhắc đến", "thực hiện"]
    # a trigger before the colon that opens the list (004)
    text = (
        "- 100% các đơn vị xây dựng tiêu chí thi đua thực hiện: “Học tập và làm theo”; "
        "Chỉ thị số 26/CT-TTg ngày 05/9/2016 của Thủ tướng Chính phủ"
    )
    assert [c[4] for c in cite(text)] == ["thực hiện"]
    # "Căn cứ:" over list lines
    text = "Căn cứ:\n- Nghị định số 98/2023/NĐ-CP ngày 31/12/2023 của Chính phủ;\n- Thông tư số 01/2024/TT-BNV;"
    assert [c[4] for c in cite(text)] == ["căn cứ", "căn cứ"]


def test_footnote_citations_record_their_footnote():
    text = (
        "đã ban hành kế hoạch<sup>1</sup>.\n\n"
        "<sup>1</sup> Kế hoạch số 388/KH-UBND ngày 22/11/2023 phát động; Công văn số 352/UBND-NV "
        "ngày 22/01/2024 về việc khảo sát."
    )
    found = find_citations(text)
    assert [(c.role, c.footnote, str(c.number)) for c in found] == [
        ("chú thích", 1, "388/KH-UBND"),
        ("chú thích", 1, "352/UBND-NV"),
    ]


def test_spans_quote_the_cleaned_text():
    text = 'Thực hiện Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị khóa XII "Về đẩy mạnh".'
    ex = extract(text)
    (c,) = ex.citations
    assert (
        ex.text[c.start : c.end]
        == c.quote
        == "Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị khóa XII"
    )
    assert ex.text[slice(*c.date_span)] == "15/5/2016"
    assert ex.text[slice(*c.issuer_span)] == "Bộ Chính trị khóa XII"


@pytest.mark.parametrize(
    "variant",
    [
        lambda s: unicodedata.normalize("NFD", s),  # Word/clipboard decomposed
        lambda s: s.replace("Ủy", "Uỷ").replace("hóa", "hoá"),  # the other tone placement
        lambda s: s.replace(" ", "\u00a0"),  # non-breaking spaces
        lambda s: s.replace("Chỉ thị", "**Chỉ thị").replace("2016", "2016**"),  # emphasis
        lambda s: s.replace("Bộ Chính trị", "Bộ Chính trị<sup>3</sup>"),  # a footnote mark
        lambda s: s.replace("\n", "\r\n"),
    ],
)
def test_raw_text_noise_reads_the_same(variant):
    base = "Căn cứ Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị; Quyết định số 23/2024/QĐ-UBND ngày 04/4/2024 của Ủy ban nhân dân tỉnh về văn hóa.\n"
    want = [(str(c.number), c.date, c.role) for c in find_citations(base)]
    ex = extract(variant(base))
    assert [(str(c.number), c.date, c.role) for c in ex.citations] == want
    for c in ex.citations:
        assert ex.text[c.start : c.end] == c.quote


def test_shadow_keeps_length():
    text = "**Ủy ban** “Vì người nghèo” <sup>12</sup> – Đ"
    assert len(shadow(text)) == len(text)


# --- campaigns ------------------------------------------------------------------

CAMPAIGN_ROWS = [
    (
        "- Phong trào thi đua “Vì người nghèo – Không để ai bị bỏ lại phía sau”.",
        [("phong trào thi đua", "Vì người nghèo – Không để ai bị bỏ lại phía sau", None, None)],
    ),
    (
        "Phong trào thi đua “Cả nước thi đua xây dựng xã hội học tập, đẩy mạnh học tập suốt đời” giai đoạn 2023 – 2030.",
        [
            (
                "phong trào thi đua",
                "Cả nước thi đua xây dựng xã hội học tập, đẩy mạnh học tập suốt đời",
                Period(2023, 2030),
                "giai đoạn 2023 – 2030",
            )
        ],
    ),
    (
        "Phong trào thi đua “Xóa nhà tạm, nhà dột nát” từ nay đến năm 2025.",
        [("phong trào thi đua", "Xóa nhà tạm, nhà dột nát", None, "từ nay đến năm 2025")],
    ),
    (
        "Phong trào thi đua “Cán bộ, công chức thi đua thực hiện văn hóa công sở” giai đoạn 2019 - 2025;",
        [
            (
                "phong trào thi đua",
                "Cán bộ, công chức thi đua thực hiện văn hóa công sở",
                Period(2019, 2025),
                "giai đoạn 2019 - 2025",
            )
        ],
    ),
    (
        "gắn với cuộc vận động “Mỗi thầy giáo, cô giáo là một tấm gương đạo đức, tự học và sáng tạo”,",
        [
            (
                "cuộc vận động",
                "Mỗi thầy giáo, cô giáo là một tấm gương đạo đức, tự học và sáng tạo",
                None,
                None,
            )
        ],
    ),
    (
        "phát động thi đua “Phong trào bảo vệ ANTQ” năm 2024",
        [("phong trào thi đua", "Phong trào bảo vệ ANTQ", None, None)],
    ),
    (
        "Phong trào thi đua đặc biệt “Huyện Tây Sơn đoàn kết, chung sức đồng lòng”",
        [("phong trào thi đua", "Huyện Tây Sơn đoàn kết, chung sức đồng lòng", None, None)],
    ),
    # a page break inside the name (001)
    (
        "Phong trào thi đua “Doanh nghiệp Việt Nam hội nhập và\n\nphát triển”;",
        [("phong trào thi đua", "Doanh nghiệp Việt Nam hội nhập và phát triển", None, None)],
    ),
    # straight quotes
    (
        'phong trào thi đua "Cựu chiến binh gương mẫu" lần thứ VII, giai đoạn 2019 -2024',
        [
            (
                "phong trào thi đua",
                "Cựu chiến binh gương mẫu",
                Period(2019, 2024),
                "giai đoạn 2019 -2024",
            )
        ],
    ),
]


@pytest.mark.parametrize(
    ("text", "expected"), CAMPAIGN_ROWS, ids=[r[0][:40] for r in CAMPAIGN_ROWS]
)
def test_campaign_shapes(text, expected):
    assert [(c.kind, c.name, c.period, c.period_text) for c in find_campaigns(text)] == expected


def test_a_list_of_campaigns_after_one_head():
    text = (
        "thực hiện có hiệu quả các phong trào thi đua: “Học tập và làm theo tư tưởng, đạo đức, phong "
        "cách Hồ Chí Minh”, “Xây dựng nông thôn mới và giảm nghèo bền vững” giai đoạn 2021-2025, "
        "“Dân vận khéo”, “Học tốt, dạy tốt”..."
    )
    found = find_campaigns(text)
    assert [c.name for c in found] == [
        "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
        "Xây dựng nông thôn mới và giảm nghèo bền vững",
        "Dân vận khéo",
        "Học tốt, dạy tốt",
    ]
    assert found[1].period == Period(2021, 2025)


def test_a_footnote_listing_the_campaigns_of_its_mark():
    text = (
        "thành phố phát động các đợt thi đua chuyên đề<sup>3</sup> gắn với thi đua.\n\n"
        "<sup>3</sup> “Tuyển chọn và gọi công dân nhập ngũ”, “Chuyên đổi số”, ...."
    )
    found = find_campaigns(text)
    assert [(c.name, c.kind, c.footnote) for c in found] == [
        ("Tuyển chọn và gọi công dân nhập ngũ", "đợt thi đua", 3),
        ("Chuyên đổi số", "đợt thi đua", 3),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "thực hiện chủ đề thi đua **“Đoàn kết, đổi mới, sáng tạo”** và phương châm hành động **“Đoàn kết- Kỷ cương”**",
        "được tặng danh hiệu “Lao động tiên tiến”, “Chiến sỹ thi đua cơ sở”",
        "50.480/53.428 hộ gia đình được công nhận “Gia đình văn hóa”",
        "xây dựng mô hình “Đơn vị học tập” trong cơ quan, mô hình “một cửa”, “một cửa liên thông”",
        "tổ chức thành công Hội thi nghiệp vụ chữa cháy “Tổ liên gia an toàn PCCC”",
        "Ngày Bác Hồ viết bài “Thể dục và sức khỏe” kêu gọi đồng bào",
        "những biểu hiện “tự diễn biến”, “tự chuyển hóa” trong nội bộ",
        "05 nội dung thi đua do Thủ tướng phát động tại Đại hội với chủ đề “Đoàn kết, sáng tạo”",
    ],
)
def test_mottos_titles_and_models_are_not_campaigns(text):
    assert find_campaigns(text) == []


# --- deadlines ------------------------------------------------------------------


def test_deadline_with_action_actor_and_recipient():
    text = (
        "Các khối thi đua thuộc thành phố, cơ quan, đơn vị, địa phương gửi báo cáo sơ kết công tác "
        "thi đua, khen thưởng 6 tháng đầu năm 2024 về UBND thành phố (qua Phòng Nội vụ) để tổng hợp "
        "**trước ngày 12/7/2024**."
    )
    (d,) = find_deadlines(text)
    assert d.date == PartialDate(2024, 7, 12)
    assert d.action == "gửi báo cáo sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm 2024"
    assert d.actor == "Các khối thi đua thuộc thành phố, cơ quan, đơn vị, địa phương"
    assert d.recipient == "UBND thành phố (qua Phòng Nội vụ)"
    assert text[d.start : d.end] == d.quote


def test_deadline_in_words_and_the_last_joined_verb():
    text = (
        "2. Các cụm, khối thi đua thuộc huyện tổ chức Hội nghị sơ kết, đánh giá tình hình, đồng thời "
        "gửi báo cáo sơ kết về UBND huyện (qua Phòng Nội vụ huyện) **chậm nhất ngày 30 tháng 6 năm 2023.**"
    )
    (d,) = find_deadlines(text)
    assert (d.date, d.action, d.actor, d.recipient) == (
        PartialDate(2023, 6, 30),
        "gửi báo cáo sơ kết",
        "Các cụm, khối thi đua thuộc huyện",
        "UBND huyện (qua Phòng Nội vụ huyện)",
    )


def test_two_deadlines_in_one_sentence():
    text = (
        "định kỳ 6 tháng, 1 năm báo cáo kết quả thực hiện Kế hoạch về Hội đồng TĐKT phường "
        "**trước ngày 15/5/2024** (đối với báo cáo 6 tháng) và **01/11/2024** (đối với báo cáo năm)."
    )
    found = find_deadlines(text)
    assert [(d.date.iso(), d.note) for d in found] == [
        ("2024-05-15", "đối với báo cáo 6 tháng"),
        ("2024-11-01", "đối với báo cáo năm"),
    ]
    assert {d.action for d in found} == {"báo cáo kết quả thực hiện Kế hoạch"}


@pytest.mark.parametrize(
    ("text", "date", "relative", "recurrence"),
    [
        (
            "Các đơn vị gửi hồ sơ đề nghị khen thưởng từ ngày 01/7/2024 đến ngày 15/7/2024.",
            "2024-07-15",
            None,
            None,
        ),
        (
            "Hằng năm, các xã gửi báo cáo về Phòng Nội vụ chậm nhất ngày 15/11/2024.",
            "2024-11-15",
            None,
            "hằng năm",
        ),
        (
            "Các đơn vị gửi báo cáo về UBND huyện trong 10 ngày làm việc kể từ ngày nhận văn bản.",
            None,
            "trong 10 ngày làm việc kể từ ngày nhận văn bản",
            None,
        ),
        (
            "Cuối năm (hoặc vào đầu tháng 1 năm tiếp theo) tiến hành xây dựng báo cáo tổng kết khối thi đua.",
            None,
            "Cuối năm (hoặc vào đầu tháng 1 năm tiếp theo)",
            None,
        ),
    ],
)
def test_deadline_shapes(text, date, relative, recurrence):
    (d,) = find_deadlines(text)
    assert (d.date.iso() if d.date else None, d.relative, d.recurrence) == (
        date,
        relative,
        recurrence,
    )


@pytest.mark.parametrize(
    "text",
    [
        "- Đợt thi đua thứ hai: Từ ngày 01/7/2024 đến hết năm 2024: Thi đua phấn đấu hoàn thành các nhiệm vụ.",
        "Đầu năm 2024, trên cơ sở đề nghị của các khối, Ủy ban nhân dân thành phố đã ban hành Thông báo.",
        "tỷ lệ cá nhân được tặng danh hiệu tính đến ngày 15/6/2024",
    ],
)
def test_not_deadlines(text):
    assert find_deadlines(text) == []


# --- targets --------------------------------------------------------------------


def test_targets_in_a_chi_tieu_list():
    text = (
        "#### **4. Các chỉ tiêu cụ thể:**\n\n"
        "- 100% các đảng bộ, chi bộ được công nhận hoàn thành tốt nhiệm vụ trở lên, không có yếu kém.\n\n"
        "- Mỗi đơn vị đạt trên 90% CBCNV và người lao động đạt danh hiệu “Lao động tiên tiến”; Phấn đấu "
        "có 15% số lao động tiên tiến đạt danh hiệu chiến sỹ thi đua các cấp.\n\n"
        "#### **5. Tổ chức thực hiện**\n\n- Đạt 100% kế hoạch (không phải chỉ tiêu thi đua)."
    )
    found = find_targets(text)
    assert [(t.value, t.comparison, t.subject, t.indicator) for t in found] == [
        (100, "bằng", "các đảng bộ, chi bộ", "được công nhận hoàn thành tốt nhiệm vụ trở lên"),
        (90, "trên", "CBCNV và người lao động", "đạt danh hiệu “Lao động tiên tiến”"),
        (15, "bằng", "số lao động tiên tiến", "đạt danh hiệu chiến sỹ thi đua các cấp"),
    ]


def test_percentages_outside_a_target_list_are_not_targets():
    assert (
        find_targets("Tốc độ tăng trưởng 6 tháng đầu năm tăng 10,1%; đạt 100% chỉ tiêu giao quân.")
        == []
    )


# --- header ---------------------------------------------------------------------


def test_header_of_a_cong_van():
    text = (
        "**ỦY BAN NHÂN DÂN\nHUYỆN TÂY SƠN**\n\nSố: /UBND-NC\nV/v hướng dẫn sơ kết công tác\n"
        "thi đua năm 2023\n\n**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc**\n\n"
        "Tây Sơn, ngày tháng năm 2023\n\nKính gửi:\n\n- Các cụm, khối thi đua thuộc huyện;\n"
        "- UBND các xã, thị trấn.\n\n"
        + "Nội dung. "
        * 30
        + "\n\nNơi nhận:\n\n- Như trên;\n- Lưu: VT.\n\n"
        "**TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH**\n\nPhan Chí Hùng"
    )
    h = find_header(text)
    assert h.kind.value == "Công văn"  # from the symbol: no type code
    assert str(h.number.value) == "/UBND-NC" and h.number.value.blank
    assert (h.place.value, h.date.value) == ("Tây Sơn", PartialDate(2023))
    assert h.issuer.value == "Ủy ban nhân dân huyện Tây Sơn"
    assert h.subject.value == "Hướng dẫn sơ kết công tác thi đua năm 2023"
    assert [r.value for r in h.recipients] == [
        "Các cụm, khối thi đua thuộc huyện",
        "UBND các xã, thị trấn",
    ]
    assert [r.value for r in h.distribution] == ["Như trên", "Lưu: VT"]
    assert (h.signer.name, h.signer.authority, h.signer.title) == (
        "Phan Chí Hùng",
        "TM. Ủy ban nhân dân",
        "Chủ tịch",
    )


@pytest.mark.parametrize(
    ("head", "kind", "number", "date"),
    [
        (
            "Số: 2597 /UBND-NV\n\nQuy Nhơn, ngày 03 tháng 7 năm 2024",
            "Công văn",
            "2597/UBND-NV",
            PartialDate(2024, 7, 3),
        ),
        (
            "Số: /KH-UBND\n\nQuyết Thắng, ngày tháng 02 năm 2024\n\n**KẾ HOẠCH**  \n**Công tác thi đua năm 2024**",
            "Kế hoạch",
            "/KH-UBND",
            PartialDate(2024, 2),
        ),
        (
            "Số: /BC-UBND\n\nPhan Rang-Tháp Chàm, ngày tháng 6 năm 2024\n\n## BÁO CÁO\n\n### Sơ kết công tác",
            "Báo cáo",
            "/BC-UBND",
            PartialDate(2024, 6),
        ),
        (
            "Ý Yên, ngày 25 tháng 03 năm 2024\n\n**PHÁT ĐỘNG PHONG TRÀO THI ĐUA  \nKHỐI PHÒNG CHUYÊN MÔN**",
            "Phát động",
            None,
            PartialDate(2024, 3, 25),
        ),
    ],
)
def test_header_kind_number_date(head, kind, number, date):
    h = find_header(head + "\n\n" + "Nội dung văn bản. " * 20)
    assert h.kind.value == kind
    assert (str(h.number.value) if h.number else None) == number
    assert h.date.value == date


# --- properties -----------------------------------------------------------------

TYPES = ["KH", "QĐ", "CT", "HD", "TB", "BC", "NQ"]
ISSUERS = ["UBND", "SNV", "HĐND", "BCĐ", "TTg"]


@settings(max_examples=150, deadline=None)
@given(
    serial=st.integers(1, 99999),
    year=st.one_of(st.none(), st.integers(1990, 2030)),
    typ=st.sampled_from(TYPES),
    issuer=st.sampled_from(ISSUERS),
    pad=st.booleans(),
    space=st.sampled_from(["", " "]),
    kind_word=st.sampled_from(["Quyết định", "Kế hoạch", "Chỉ thị", "Công văn", "Văn bản"]),
)
def test_number_in_text_normalises(serial, year, typ, issuer, pad, space, kind_word):
    canonical = f"{serial}/" + (f"{year}/" if year else "") + f"{typ}-{issuer}"
    noisy = (
        (f"0{serial}" if pad else str(serial))
        + f"{space}/"
        + (f"{year}/" if year else "")
        + f"{typ}{space}-{space}{issuer}"
    )
    (c,) = find_citations(f"Thực hiện {kind_word} số {noisy} ngày 05/9/2016 của Chính phủ về việc")
    assert c.number.key == key(canonical)
    assert c.date == PartialDate(2016, 9, 5)


@settings(max_examples=150, deadline=None)
@given(
    day=st.dates(dt.date(1990, 1, 1), dt.date(2035, 12, 31)),
    form=st.sampled_from(
        [
            "{d}/{m}/{y}",
            "{d:02d}/{m:02d}/{y}",
            "{d} tháng {m} năm {y}",
            "{d:02d} tháng {m:02d} năm {y}",
            "{d}-{m}-{y}",
        ]
    ),
)
def test_date_in_text_normalises(day, form):
    written = form.format(d=day.day, m=day.month, y=day.year)
    (c,) = find_citations(f"Căn cứ Kế hoạch số 12/KH-UBND ngày {written} của UBND tỉnh;")
    assert c.date == PartialDate(day.year, day.month, day.day)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from([row[0] for row in CITATION_ROWS] + LOOK_ALIKES), min_size=1, max_size=6
    ),
    st.sampled_from(["\n\n", "; ", " "]),
)
def test_every_span_quotes_its_text(parts, joiner):
    ex = extract(joiner.join(parts))
    for item in (*ex.citations, *ex.campaigns, *ex.deadlines, *ex.targets):
        assert ex.text[item.start : item.end] == item.quote


def test_prepare_is_reused():
    doc = prepare("Căn cứ Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị;")
    assert find_citations(doc) == find_citations(doc.text)


_DECISION = (
    "ỦY BAN NHÂN DÂN\nTỈNH YÊN BÁI\n\nSố: 1650/QĐ-UBND\n\nYên Bái, ngày 04 tháng 9 năm 2018\n\n"
    "QUYẾT ĐỊNH\n\nVề việc thành lập các khối thi đua\n\n"
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19/6/2015;\n\n"
    "Căn cứ Quyết định số 1650/QĐ-UBND ngày 12/8/2016 của Ủy ban nhân dân tỉnh;\n\n"
)


@pytest.mark.parametrize(
    ("before", "kept"),
    [
        # a portal's title line repeating the number above the header
        ("Quyết định 1650/QĐ-UBND năm 2018 thành lập khối thi đua tỉnh Yên Bái\n\n", []),
        # a portal's metadata block
        ("Số hiệu: 1650/QĐ-UBND\nLoại văn bản: Quyết định\nNgày ban hành: 04/09/2018\n\n", []),
        # the same number with the document's own date is still the document
        ("Quyết định số 1650/QĐ-UBND ngày 04/9/2018 của UBND tỉnh Yên Bái\n\n", []),
    ],
)
def test_the_document_naming_itself_is_not_a_citation(before, kept):
    found = extract(before + _DECISION).citations
    numbers = [str(c.number) for c in found if c.number]
    # the 2016 decision of the same number is another document (numbers restart each year)
    assert numbers == ["1650/QĐ-UBND"], numbers
    assert found[-1].date == PartialDate(2016, 8, 12)


def test_the_same_symbol_on_a_document_of_another_kind_is_another_document():
    # A công văn's symbol carries no type ("76/BTĐKT-VI"): a Thông báo of that
    # symbol, cited without a date, is not the letter itself.
    text = (
        "BAN THI ĐUA - KHEN THƯỞNG\nTRUNG ƯƠNG\n\nSố: 76/BTĐKT-VI\nV/v hướng dẫn khen thưởng\n\n"
        "Hà Nội, ngày 19 tháng 01 năm 2016\n\nKính gửi: Các bộ, ban, ngành.\n\n"
        "Thực hiện Thông báo số 76/BTĐKT-VI của Ban Thi đua - Khen thưởng Trung ương;\n\n"
    )
    ex = extract(text)
    assert ex.header.kind.value == "Công văn"
    assert [(c.kind, str(c.number)) for c in ex.citations] == [("Thông báo", "76/BTĐKT-VI")]
