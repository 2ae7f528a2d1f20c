"""The country's administrative units, before and after 1 July 2025, from a
maintained package: `vietnamadminunits` (its SQLite dataset and its 2025
conversion table), read where it is installed, never copied into data/.

    reg = Registry.open()
    reg.find("Tây Sơn", LEGACY, within=reg.find("Bình Định", LEGACY)[0])
    # [Unit(era="trước 2025", code="545", name="huyện Tây Sơn", type="huyện", ...)]
    reg.successors(reg.find("Bình Định", LEGACY)[0])   # [Unit(... name="tỉnh Gia Lai")]

Two eras, each a tree of its own: LEGACY, the 63 provinces with their 696
districts and 10,035 communes as they stood on 30 June 2025; CURRENT, the 34
provinces and 3,321 communes from 1 July 2025, with no district level. A
unit is known by its era and its official code (Tổng cục Thống kê). Earlier
changes (Hà Tây into Hà Nội in 2008, districts split or merged before 2025)
are not in the package: records in data/ add them.

Provinces and districts (800 rows) are read once; communes are looked up in
the database when asked for, so memory does not grow with the 13,000
communes of the country.

Why vietnamadminunits and not vietnam-provinces: the newest
vietnam-provinces the registry serves (2025.10.1) lists only the units
after July 2025, without the old ones or the mapping between them, which
documents of every year before 2025 need. vietnamadminunits has both eras
and the mapping. Only its data files are used: its address parser needs
shapely and geopy, which this project does not install.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import sqlite3
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from sotay.text.folding import fold

LEGACY = "trước 2025"
CURRENT = "từ 2025"
REORGANISED = dt.date(2025, 7, 1)  # Nghị quyết 202/2025/QH15: 34 provinces, no districts

# The package's unit types -> the schema's (locality.schema.json), by level.
# "Thành phố" is either a centrally-run city or a city under a province.
_TYPES = {
    ("tỉnh", "Tỉnh"): "tỉnh",
    ("tỉnh", "Thành phố"): "thành phố trực thuộc trung ương",
    ("huyện", "Huyện"): "huyện",
    ("huyện", "Quận"): "quận",
    ("huyện", "Thị xã"): "thị xã",
    ("huyện", "Thành phố"): "thành phố thuộc tỉnh",
    ("xã", "Xã"): "xã",
    ("xã", "Phường"): "phường",
    ("xã", "Thị trấn"): "thị trấn",
    ("xã", "Đặc khu"): "đặc khu",
}


class RegistryError(RuntimeError):
    """The package's data is missing or not what this module reads."""


@dataclass(frozen=True)
class Unit:
    era: str  # LEGACY or CURRENT
    code: str  # official code, unique within its era and level: "34", "336", "12433"
    name: str  # as documents write it after the unit word: "tỉnh Thái Bình", "huyện Tây Sơn"
    type: str  # the schema's type: "tỉnh", "thành phố thuộc tỉnh", "phường"...
    level: str  # "tỉnh", "huyện" or "xã"
    parent: str | None  # the code of the unit above, in the same era
    key: str  # the package's key: "tinhthaibinh" (used by its 2025 conversion table)

    @property
    def short(self) -> str:
        """ "Thái Bình" for "tỉnh Thái Bình", "Quy Nhơn" for "thành phố Quy Nhơn"."""
        unit_word = "thành phố" if self.type.startswith("thành phố") else self.type
        return self.name[len(unit_word) + 1 :]


def era_on(day: dt.date) -> str:
    """The era a document of that date names units in."""
    return CURRENT if day >= REORGANISED else LEGACY


def _data_folder() -> Path:
    # find_spec locates the package without importing it: its __init__
    # imports the parser, and with it shapely.
    spec = importlib.util.find_spec("vietnamadminunits")
    if spec is None or spec.origin is None:
        raise RegistryError(
            "thiếu gói vietnamadminunits (danh mục đơn vị hành chính); cài bằng make serve "
            "hoặc pip install --no-deps vietnamadminunits==1.0.4"
        )
    folder = Path(spec.origin).parent / "data"
    if not (folder / "dataset.db").is_file():
        raise RegistryError(f"{folder}: không có dataset.db của gói vietnamadminunits")
    return folder


def _name(type_word: str, full: str) -> str:
    """ "Tỉnh Thái Bình" -> "tỉnh Thái Bình": the unit word in lower case, as
    in running text and in data/localities/."""
    return type_word.lower() + full[len(type_word) :]


class Registry:
    """Look-ups over both eras. Open one per process (Registry.open())."""

    def __init__(self, folder: Path):
        self.folder = folder
        # read-only, so a build never writes into site-packages
        self._db = sqlite3.connect(
            f"file:{folder / 'dataset.db'}?mode=ro", uri=True, check_same_thread=False
        )

    @classmethod
    def open(cls) -> Registry:
        return cls(_data_folder())

    # --- provinces and districts, read once ---------------------------------------

    @cached_property
    def _upper(self) -> dict[tuple[str, str, str], Unit]:
        """(era, level, code) -> Unit for every province and district."""
        units: dict[tuple[str, str, str], Unit] = {}
        legacy = self._db.execute(
            "SELECT DISTINCT province, provinceCode, provinceKey, district, districtType,"
            " districtCode, districtKey FROM admin_units_legacy"
        )
        for province, p_code, p_key, district, d_type, d_code, d_key in legacy:
            units[(LEGACY, "tỉnh", p_code)] = _province(LEGACY, province, p_code, p_key)
            units[(LEGACY, "huyện", d_code)] = Unit(
                LEGACY, d_code, _name(d_type, district), _TYPES[("huyện", d_type)], "huyện", p_code,
                d_key,
            )  # fmt: skip
        for province, p_code, p_key in self._db.execute(
            "SELECT DISTINCT province, provinceCode, provinceKey FROM admin_units"
        ):
            units[(CURRENT, "tỉnh", p_code)] = _province(CURRENT, province, p_code, p_key)
        return units

    def provinces(self, era: str) -> list[Unit]:
        return sorted(
            (u for (e, lvl, _), u in self._upper.items() if e == era and lvl == "tỉnh"),
            key=lambda u: int(u.code),
        )

    def districts(self, province: Unit) -> list[Unit]:
        return sorted(
            (
                u
                for (e, lvl, _), u in self._upper.items()
                if e == province.era and lvl == "huyện" and u.parent == province.code
            ),
            key=lambda u: int(u.code),
        )

    def unit(self, era: str, level: str, code: str) -> Unit | None:
        if level != "xã":
            return self._upper.get((era, level, code))
        rows = self._communes("wardCode = ?", (code,), era)
        return rows[0] if rows else None

    def parent(self, unit: Unit) -> Unit | None:
        if unit.parent is None:
            return None
        above = "huyện" if unit.level == "xã" and unit.era == LEGACY else "tỉnh"
        return self.unit(unit.era, above, unit.parent)

    def ancestors(self, unit: Unit) -> list[Unit]:
        """The unit, then each unit above it: commune, district, province."""
        out = [unit]
        while (up := self.parent(out[-1])) is not None:
            out.append(up)
        return out

    # --- communes, looked up on demand ----------------------------------------------

    def _communes(self, where: str, args: tuple, era: str) -> list[Unit]:
        if era == LEGACY:
            sql = (
                "SELECT ward, wardType, wardCode, wardKey, districtCode FROM admin_units_legacy"
                f" WHERE ward IS NOT NULL AND {where}"
            )
        else:
            sql = (
                "SELECT ward, wardType, wardCode, wardKey, provinceCode FROM admin_units"
                f" WHERE {where}"
            )
        return [
            Unit(era, code, _name(w_type, ward), _TYPES[("xã", w_type)], "xã", parent, key)
            for ward, w_type, code, key, parent in self._db.execute(sql, args)
        ]

    def communes(self, above: Unit) -> list[Unit]:
        """The communes of a district (before 2025) or of a province (from 2025)."""
        column = "districtCode" if above.level == "huyện" else "provinceCode"
        if above.era == LEGACY and above.level == "tỉnh":
            return [c for d in self.districts(above) for c in self.communes(d)]
        return self._communes(f"{column} = ?", (above.code,), above.era)

    # --- names ------------------------------------------------------------------------

    def find(
        self, name: str, era: str, within: Unit | None = None, level: str | None = None
    ) -> list[Unit]:
        """The units of that name in that era, optionally inside `within` or at
        one level: a name is not an identity ("xã Tân Lập" is in 24 districts,
        "Bình Định" is a province and five communes). "Tây Sơn", "huyện Tây
        Sơn", "Huyen Tay Son" are the same name."""
        wanted = _squash(name)
        found = [
            u
            for (e, _, _), u in self._upper.items()
            if e == era and wanted in (_squash(u.name), _squash(u.short))
        ]
        area = within.code if within is not None else None
        if era == LEGACY:
            rows = self._db.execute(
                "SELECT wardCode FROM admin_units_legacy WHERE wardKey = ? OR wardShortKey = ?",
                (wanted, wanted),
            )
        else:
            rows = self._db.execute(
                "SELECT wardCode FROM admin_units WHERE wardKey = ? OR wardShortKey = ?",
                (wanted, wanted),
            )
        for (code,) in rows.fetchall():
            commune = self.unit(era, "xã", code)
            if commune is not None:
                found.append(commune)
        if level is not None:
            found = [u for u in found if u.level == level]
        if area is not None:
            found = [u for u in found if u != within and within in self.ancestors(u)]
        return sorted(
            set(found), key=lambda u: (("tỉnh", "huyện", "xã").index(u.level), int(u.code))
        )

    # --- 2025 -------------------------------------------------------------------------

    @cached_property
    def _merged_into(self) -> dict[str, str]:
        """Old province key -> new province key (converter_2025.json)."""
        table = json.loads((self.folder / "converter_2025.json").read_text(encoding="utf-8"))
        return {old: new for new, olds in table["DICT_PROVINCE"].items() for old in olds}

    def successors(self, unit: Unit) -> list[Unit]:
        """Where a province of before 2025 went: "tỉnh Bình Định" -> ["tỉnh Gia
        Lai"]. (Communes map to one or several new ones; districts to none.)"""
        if unit.era != LEGACY or unit.level != "tỉnh":
            return []
        new_key = self._merged_into.get(unit.key)
        return [u for u in self.provinces(CURRENT) if u.key == new_key]

    def predecessors(self, unit: Unit) -> list[Unit]:
        """The provinces of before 2025 a province of 2025 was made from."""
        if unit.era != CURRENT or unit.level != "tỉnh":
            return []
        return [u for u in self.provinces(LEGACY) if self._merged_into.get(u.key) == unit.key]


def _province(era: str, full: str, code: str, key: str) -> Unit:
    """ "Tỉnh Thái Bình" or "Thành phố Hà Nội" (a centrally-run city) as a Unit."""
    word = "Tỉnh" if full.startswith("Tỉnh") else "Thành phố"
    return Unit(era, code, _name(word, full), _TYPES[("tỉnh", word)], "tỉnh", None, key)


def _squash(name: str) -> str:
    """The package's key form: folded, no spaces or punctuation: "huyentayson"."""
    return "".join(ch for ch in fold(name) if ch.isalnum())
