"""The registry of administrative units (sotay/data/registry.py), as a
clerk's questions about places: which unit a name means, what it belonged
to, where it went in 2025."""

from __future__ import annotations

import datetime as dt

import pytest

from sotay.data.registry import CURRENT, LEGACY, Registry, era_on


@pytest.fixture(scope="module")
def reg():
    return Registry.open()


def test_both_eras_are_complete(reg):
    assert len(reg.provinces(LEGACY)) == 63
    assert len(reg.provinces(CURRENT)) == 34
    assert sum(len(reg.districts(p)) for p in reg.provinces(LEGACY)) == 696
    assert reg.districts(reg.provinces(CURRENT)[0]) == []  # no district level from 2025


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("Bình Định", "tỉnh Gia Lai"),  # DOMAIN.md: merged into Gia Lai
        ("Ninh Thuận", "tỉnh Khánh Hòa"),
        ("Nam Định", "tỉnh Ninh Bình"),
        ("Thái Bình", "tỉnh Hưng Yên"),
        ("Hà Giang", "tỉnh Tuyên Quang"),
        ("Lai Châu", "tỉnh Lai Châu"),  # kept as it was
        ("Thành phố Hồ Chí Minh", "thành phố Hồ Chí Minh"),
    ],
)
def test_where_a_province_went_in_2025(reg, old, new):
    [province] = reg.find(old, LEGACY, level="tỉnh")
    assert [u.name for u in reg.successors(province)] == [new]


def test_a_new_province_knows_what_it_was_made_of(reg):
    [hung_yen] = reg.find("Hưng Yên", CURRENT, level="tỉnh")
    assert sorted(u.name for u in reg.predecessors(hung_yen)) == ["tỉnh Hưng Yên", "tỉnh Thái Bình"]


@pytest.mark.parametrize(
    ("name", "inside", "expected"),
    [
        ("Tây Sơn", "Bình Định", ["huyện Tây Sơn", "tỉnh Bình Định"]),
        ("huyện Tây Sơn", "Bình Định", ["huyện Tây Sơn", "tỉnh Bình Định"]),
        (
            "Huyen Tay Son",
            "Binh Dinh",
            ["huyện Tây Sơn", "tỉnh Bình Định"],
        ),  # typed without diacritics
        ("thành phố Quy Nhơn", "Bình Định", ["thành phố Quy Nhơn", "tỉnh Bình Định"]),
        (
            "phường Quyết Thắng",
            "Lai Châu",
            ["phường Quyết Thắng", "thành phố Lai Châu", "tỉnh Lai Châu"],
        ),
        ("Ý Yên", "Nam Định", ["huyện Ý Yên", "tỉnh Nam Định"]),
    ],
)
def test_a_name_inside_its_province_is_one_unit(reg, name, inside, expected):
    [province] = reg.find(inside, LEGACY, level="tỉnh")
    [unit] = reg.find(name, LEGACY, within=province)
    assert [u.name for u in reg.ancestors(unit)] == expected


def test_a_name_alone_is_not_an_identity(reg):
    # The same commune name stands in several provinces: the registry gives
    # them all, and the caller must say where (the citing document's unit).
    assert len(reg.find("phường Quyết Thắng", LEGACY)) == 3
    assert len(reg.find("xã Tân Lập", LEGACY)) > 10
    assert {u.level for u in reg.find("Bình Định", LEGACY)} == {"tỉnh", "xã"}


def test_types_are_the_schemas(reg):
    [quy_nhon] = reg.find("Quy Nhơn", LEGACY, level="huyện")
    assert (quy_nhon.type, quy_nhon.short) == ("thành phố thuộc tỉnh", "Quy Nhơn")
    [hanoi] = reg.find("Hà Nội", LEGACY, level="tỉnh")
    assert hanoi.type == "thành phố trực thuộc trung ương"
    [gia_lai] = reg.find("Gia Lai", CURRENT, level="tỉnh")
    assert {c.type for c in reg.communes(gia_lai)} <= {"xã", "phường", "đặc khu"}


def test_a_date_names_its_era():
    assert era_on(dt.date(2025, 6, 30)) == LEGACY
    assert era_on(dt.date(2025, 7, 1)) == CURRENT
