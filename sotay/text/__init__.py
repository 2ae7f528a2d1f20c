"""Stage 0, text: what every later stage needs to read Vietnamese text.

Takes strings; gives normalised and folded strings and parsed values, with
no knowledge of records:

- folding.py: NFC, cleaning, folding for search and matching ("Uỷ"/"Ủy",
  "hoá"/"hóa", no diacritics, "đ" -> "d"), slugs, words;
- numbers.py: document numbers ("98/2023/NĐ-CP", "05-CT/TW") as DocNumber;
- dates.py: partial dates ("2024-06", "ngày tháng 6 năm 2024") and periods;
- abbreviations.py: TĐKT, NTM, CCHC... and their expansions;
- annotate.py: a stored text's paragraphs, footnotes and inline marks, with
  quotes placed in it (the site links citations in place);
- patterns.py: the patterns of the above.
"""
