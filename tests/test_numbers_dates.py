"""Document numbers and partial dates: the shapes of DOMAIN.md."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sotay.text.dates import DateError, PartialDate, Period
from sotay.text.numbers import DocNumber


@pytest.mark.parametrize(
    ("raw", "serial", "year", "symbol", "shown"),
    [
        ("2597/UBND-NV", "2597", None, "UBND-NV", "2597/UBND-NV"),
        ("66/KH-CTĐ", "66", None, "KH-CTĐ", "66/KH-CTĐ"),
        ("98/2023/NĐ-CP", "98", 2023, "NĐ-CP", "98/2023/NĐ-CP"),
        ("05-CT/TW", "05", None, "CT/TW", "05-CT/TW"),
        ("18A-CT/TU", "18A", None, "CT/TU", "18A-CT/TU"),
        ("/UBND-NC", None, None, "UBND-NC", "/UBND-NC"),
        ("1178/NV", "1178", None, "NV", "1178/NV"),
        ("06/CTrTĐ-BCĐ", "06", None, "CTrTĐ-BCĐ", "06/CTrTĐ-BCĐ"),
    ],
)
def test_number_shapes(raw, serial, year, symbol, shown):
    n = DocNumber.parse(raw)
    assert (n.serial, n.year, n.symbol, str(n)) == (serial, year, symbol, shown)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("05-CT/TW", "05/CT - TW"),  # 004 vs 000: the same directive
        ("05-CT/TW", "5-CT/TW"),
        ("98/2023/NĐ-CP", "98/2023/ND-CP"),
        ("2597/UBND-NV", "2597 /UBND-NV"),  # "Số: 2597 /UBND-NV"
    ],
)
def test_spellings_of_one_number_share_a_key(a, b):
    assert DocNumber.parse(a).key == DocNumber.parse(b).key


@pytest.mark.parametrize("raw", ["", "abc", "2024", "05 CT TW", "số 05"])
def test_non_numbers_are_refused(raw):
    assert DocNumber.parse(raw) is None


@given(st.integers(1, 9999), st.sampled_from(["KH-UBND", "CT/TW", "UBND-NV", "NĐ-CP"]),
       st.sampled_from(["/", "-"]), st.sampled_from(["", " "]))
def test_number_key_survives_spacing_and_padding(serial, symbol, sep, space):
    plain = DocNumber.parse(f"{serial}{sep}{symbol}")
    noisy = DocNumber.parse(f"0{serial}{space}{sep}{space}{symbol.replace('/', space + '/' + space)}")
    assert plain.key == noisy.key


@pytest.mark.parametrize(
    ("raw", "expected", "vi"),
    [
        ("2024", PartialDate(2024), "năm 2024"),
        ("2024-06", PartialDate(2024, 6), "tháng 6/2024"),
        ("2024-07-03", PartialDate(2024, 7, 3), "03/7/2024"),
        (2023, PartialDate(2023), "năm 2023"),
    ],
)
def test_partial_dates_are_values(raw, expected, vi):
    assert PartialDate.parse(raw) == expected
    assert expected.vi() == vi


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("2024-02-31", "ngày 31/2/2024 không tồn tại"),
        ("2024-13", "tháng 13 không tồn tại"),
        ("03/7/2024", "'03/7/2024' chưa viết theo ISO, cần '2024-07-03'"),
        ("hôm qua", "'hôm qua' không phải ngày dạng YYYY, YYYY-MM hoặc YYYY-MM-DD"),
    ],
)
def test_bad_dates_say_why(raw, message):
    with pytest.raises(DateError, match=message):
        PartialDate.parse(raw)


@given(st.dates())
def test_iso_round_trip(day):
    if 1900 <= day.year <= 2100:
        assert PartialDate.parse(day.isoformat()).as_date() == day


def test_periods():
    assert Period.parse("2021-2025") == Period(2021, 2025)
    assert Period.parse("2019 - 2024").vi() == "giai đoạn 2019–2024"
    assert Period.parse(2024) == Period(2024, 2024)
    with pytest.raises(DateError):
        Period.parse("2025-2021")
