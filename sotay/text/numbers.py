"""Vietnamese document numbers ("số, ký hiệu"): parse, display, identity key."""

from __future__ import annotations

from dataclasses import dataclass

from sotay.text import patterns
from sotay.text.folding import fold


@dataclass(frozen=True)
class DocNumber:
    """A parsed "số, ký hiệu".

    >>> DocNumber.parse("05/CT - TW").key == DocNumber.parse("05-CT/TW").key
    True
    """

    serial: str | None  # "2597", "05", "18A"; None when left blank in a draft
    year: int | None  # 2023 in "98/2023/NĐ-CP"
    symbol: str  # "UBND-NV", "CT/TW", "NĐ-CP"
    party_style: bool  # "05-CT/TW": number joined by "-"

    @classmethod
    def parse(cls, raw: str) -> DocNumber | None:
        """The number, or None when `raw` is not a document number."""
        m = patterns.DOC_NUMBER.match(raw)
        if not m:
            return None
        symbol = "".join(m.group("symbol").split())
        year = int(m.group("year")) if m.group("year") else None
        return cls(m.group("serial"), year, symbol, m.group("sep") == "-")

    @property
    def blank(self) -> bool:
        return self.serial is None

    def __str__(self) -> str:
        sep = "-" if self.party_style else "/"
        year = f"{self.year}/" if self.year else ""
        return f"{self.serial or ''}{sep}{year}{self.symbol}"

    @property
    def key(self) -> str:
        """Spelling-independent key: separators, spaces, case, "Đ" and zero
        padding do not matter ("05/CT - TW", "5-CT/TW" -> "5 CT TW")."""
        tokens = patterns.NUMBER_TOKEN.findall(fold(str(self)).upper())
        if tokens and self.serial is not None:
            tokens[0] = tokens[0].lstrip("0") or "0"
        return " ".join(tokens)
