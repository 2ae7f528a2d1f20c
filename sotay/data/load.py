"""Loading: YAML files -> raw records, each value remembering its line.

PyYAML's C composer parses; we construct plain values from its node tree
ourselves, which gives three things the stock loaders do not: the line of
every key and list item (for `path:line:` errors), an error for duplicate
keys (the stock loaders silently keep the last), and dates kept as the text
the editor wrote ("2024-07-03", not a datetime), so partial dates ("2024-06")
and full ones go through one validator.
"""

from __future__ import annotations

import multiprocessing
import os
import re
import threading
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from sotay.data.errors import Problem
from sotay.text.folding import nfc

try:  # the C composer is ~10x faster; fall back where libyaml is missing
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

# Folder under data/ -> record kind. The order is the order of loading and
# of reporting.
KINDS: dict[str, str] = {
    "localities": "locality",
    "bodies": "body",
    "documents": "document",
    "campaigns": "campaign",
    "deadlines": "deadline",
    "targets": "target",
}
FOLDER_OF_KIND = {kind: folder for folder, kind in KINDS.items()}
SUFFIXES = (".yaml", ".yml")

PathKey = tuple[str | int, ...]


@dataclass
class RawRecord:
    """One file's content, before validation."""

    kind: str
    id: str
    path: str  # as shown to the user, relative to the data folder's parent
    data: dict[str, Any]
    lines: dict[PathKey, int] = field(default_factory=dict)
    broken: bool = False  # unreadable: its id exists, its content is unknown
    # Results of per-record work (schema check, model object) kept with the
    # record: a LoadCache hands the same record to the next build while its
    # file is unchanged, and then that work is not done again.
    memo: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def remember(self, key: str, compute):
        if key not in self.memo:
            self.memo[key] = compute()
        return self.memo[key]

    def line_of(self, where: PathKey = ()) -> int:
        """Line of the deepest known node on `where` (1-based)."""
        where = tuple(where)
        while where not in self.lines and where:
            where = where[:-1]
        return self.lines.get(where, 1)


class _DuplicateKey(Exception):
    def __init__(self, key: str, line: int, first: int):
        self.key, self.line, self.first = key, line, first


def _construct(node: yaml.Node, where: PathKey, lines: dict[PathKey, int]) -> Any:
    lines.setdefault(where, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        out: dict[str, Any] = {}
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = nfc(str(key_node.value))
            line = key_node.start_mark.line + 1
            if key in seen:
                raise _DuplicateKey(key, line, seen[key])
            seen[key] = line
            lines[(*where, key)] = line
            out[key] = _construct(value_node, (*where, key), lines)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_construct(item, (*where, i), lines) for i, item in enumerate(node.value)]
    assert isinstance(node, yaml.ScalarNode)
    tag = node.tag.rsplit(":", 1)[-1]
    if tag == "null":
        return None
    if tag in ("bool", "int", "float"):
        # Reuse PyYAML's own constructors for YAML 1.1 scalars ("yes", "0x1F").
        return yaml.SafeLoader.yaml_constructors[node.tag](_SCALARS, node)
    return nfc(node.value)  # str, timestamp (kept as written), anything else


_SCALARS = yaml.SafeLoader("")  # only used for its scalar constructors


def parse_yaml(text: str, path: str) -> tuple[Any, dict[PathKey, int], list[Problem]]:
    """Parse one YAML document; problems instead of exceptions."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        cause = exc.problem or exc.context or "cú pháp YAML sai"
        hint = "kiểm tra thụt lề và dấu hai chấm sau tên trường"
        bad_line = text.splitlines()[line - 1] if line and line <= len(text.splitlines()) else ""
        if "\t" in bad_line:
            # "date:\t2024" or a tab-indented list: YAML forbids tabs there.
            hint = "dòng này có ký tự tab: YAML chỉ cho thụt lề bằng dấu cách"
        return None, {}, [Problem(path, line, "", f"lỗi cú pháp YAML: {cause}", hint)]
    except yaml.YAMLError as exc:
        return None, {}, [Problem(path, None, "", f"lỗi cú pháp YAML: {exc}")]
    if node is None:
        return None, {}, [Problem(path, 1, "", "tệp rỗng", "xóa tệp hoặc điền bản ghi")]
    lines: dict[PathKey, int] = {}
    try:
        value = _construct(node, (), lines)
    except _DuplicateKey as dup:
        return None, {}, [
            Problem(
                path,
                dup.line,
                dup.key,
                f"trường bị lặp (đã có ở dòng {dup.first})",
                "mỗi trường chỉ ghi một lần; gộp hai giá trị lại",
            )
        ]
    return value, lines, []


# A record is a page of text; anything this big is a mistake (a PDF saved
# as .yaml, a log pasted in) and would stall the build.
MAX_BYTES = 2 * 1024 * 1024

# Characters that look like Vietnamese letters but are not: "Ð" (U+00D0,
# Icelandic eth) typed for "Đ" (U+0110) breaks search and number matching.
LOOKALIKES = {
    "\u00d0": "Đ", "\u00f0": "đ", "\u0189": "Đ",
    "\u0430": "a", "\u0435": "e", "\u043e": "o", "\u0440": "p", "\u0441": "c", "\u0445": "x",
    "\u0410": "A", "\u0415": "E", "\u041e": "O", "\u0420": "P", "\u0421": "C", "\u0425": "X",
    "\u03bf": "o", "\u039f": "O", "\u0456": "i", "\u0406": "I",
}


def _decode(raw: bytes, path: str) -> tuple[str | None, list[Problem]]:
    """Bytes to text, or the reason they are not a UTF-8 YAML file."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or (b"\x00" in raw[:4096] and raw[1:2] == b"\x00"):
        return None, [Problem(path, 1, "", "tệp mã hóa UTF-16, cần UTF-8",
                              "mở tệp và lưu lại với bảng mã UTF-8")]
    if b"\x00" in raw[:4096]:
        return None, [Problem(path, 1, "", "tệp nhị phân, không phải văn bản YAML",
                              "chỉ đặt tệp .yaml trong data/; tệp gốc (.docx, .pdf) để chỗ khác")]
    warnings = []
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
        warnings.append(Problem(path, 1, "", "tệp có ký tự BOM ở đầu; đã bỏ qua",
                                "lưu lại dạng UTF-8 không BOM", "cảnh báo"))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [Problem(path, line, "", "tệp không phải UTF-8 (có thể là Windows-1258 hoặc Latin-1)",
                              "mở tệp và lưu lại với bảng mã UTF-8")]
    if "\r\n" in text:
        warnings.append(Problem(path, 1, "", "tệp dùng xuống dòng kiểu Windows (CRLF); đã đọc được",
                                "đặt trình soạn thảo lưu kiểu LF (Unix)", "cảnh báo"))
    return text, warnings


_LOOKALIKE = re.compile("[" + "".join(LOOKALIKES) + "]")


def _text_warnings(text: str, path: str) -> list[Problem]:
    """NFD text and look-alike letters: readable, but they break matching."""
    # Nearly every file is clean: two C-speed scans of the whole text decide
    # that (0.1 s for 21,000 files, against 3 s line by line and letter by
    # letter); only a file with something to report is read per line.
    if unicodedata.is_normalized("NFC", text) and not _LOOKALIKE.search(text):
        return []
    out = []
    for number, line in enumerate(text.splitlines(), 1):
        if not unicodedata.is_normalized("NFC", line):
            out.append(Problem(path, number, "", "chữ ở dạng Unicode tổ hợp (NFD); đã chuẩn hóa thành NFC",
                               "lưu lại ở dạng dựng sẵn (NFC), ví dụ bằng Unikey: chuyển mã Unicode dựng sẵn",
                               "cảnh báo"))
            break
    for number, line in enumerate(text.splitlines(), 1):
        for ch in sorted({c for c in line if c in LOOKALIKES}):
            out.append(Problem(path, number, "",
                               f"ký tự '{ch}' (U+{ord(ch):04X}, {unicodedata.name(ch, '?')}) trông giống "
                               f"'{LOOKALIKES[ch]}' nhưng là ký tự khác",
                               f"thay bằng '{LOOKALIKES[ch]}'", "cảnh báo"))
    return out


def read_record(file: Path, kind: str, shown_path: str) -> tuple[RawRecord | None, list[Problem]]:
    """Read and parse one record file: the record, and every problem met."""
    size = file.stat().st_size
    if size > MAX_BYTES:
        return None, [Problem(shown_path, None, "",
                              f"tệp quá lớn ({size / 1048576:.1f} MB, tối đa {MAX_BYTES // 1048576} MB)",
                              "một tệp chỉ chứa một bản ghi; kiểm tra có dán nhầm nội dung không")]
    text, problems = _decode(file.read_bytes(), shown_path)
    if text is None:
        return None, problems
    problems += _text_warnings(text, shown_path)
    value, lines, found = parse_yaml(text, shown_path)
    problems += found
    if found:
        return None, problems
    if not isinstance(value, dict):
        return None, [*problems,
            Problem(
                shown_path,
                1,
                "",
                "tệp phải chứa một bản ghi (các cặp 'trường: giá trị')",
                "mỗi tệp là một bản ghi; bắt đầu bằng 'name: ...' hoặc 'kind: ...'",
            )
        ]
    return RawRecord(kind, file.stem, shown_path, value, lines), problems


def iter_record_files(data_dir: Path) -> Iterator[tuple[str, Path]]:
    """(kind, file) for every record file, in a stable order."""
    for kind, entry in _record_entries(data_dir):
        yield kind, Path(entry.path)


def _record_entries(data_dir: Path) -> Iterator[tuple[str, os.DirEntry]]:
    # os.scandir, not Path.iterdir: `mkdocs serve` lists the folder after
    # every edit, and at 10,000 documents (21,000 files) building a Path per
    # file costs more than reading the few that changed.
    for folder, kind in KINDS.items():
        try:
            with os.scandir(data_dir / folder) as found:
                entries = sorted(found, key=lambda e: e.name)
        except (FileNotFoundError, NotADirectoryError):
            continue
        for entry in entries:
            if os.path.splitext(entry.name)[1] in SUFFIXES and entry.is_file():
                yield kind, entry


class LoadCache:
    """Records of the files read by the previous load, by path.

    `mkdocs serve` loads the whole folder again after each edit; at 10,000
    documents parsing the YAML takes seconds. A file whose modification time
    and size are unchanged gives back the record (and problems) read last
    time; only edited, new and deleted files cost anything.
    """

    def __init__(self) -> None:
        self.entries: dict[str, tuple[tuple[int, int], RawRecord | None, list[Problem]]] = {}
        self.hits = 0
        self.misses = 0


# Below this many files to read, a second process costs more than it saves.
PARALLEL_MIN_FILES = 2000

Prepare = Callable[[RawRecord], None]


def load(data_dir: Path, cache: LoadCache | None = None, *, workers: int = 1,
         prepare: Prepare | None = None) -> tuple[list[RawRecord], list[Problem]]:
    """Every record under `data_dir`, and every problem met while reading.

    With `cache`, unchanged files are not read again (see LoadCache).
    `prepare(record)`, run on each record read, fills its memo with work that
    depends on that record alone (validate.prepare: its schema check and
    model object). With `workers` > 1 and many files, the files are read
    and prepared in that many forked processes (a full build)."""
    data_dir = Path(data_dir)
    seen: dict[str, tuple[tuple[int, int], RawRecord | None, list[Problem]]] = {}
    records: list[RawRecord] = []
    problems: list[Problem] = []
    if not data_dir.is_dir():
        return [], [Problem(str(data_dir), None, "", "không tìm thấy thư mục dữ liệu")]
    # Paths as shown in messages: "data/documents/x.yaml", relative to the
    # folder holding data/.
    shown_dir = f"{data_dir.name}/" if data_dir.name else ""
    found_files: list[tuple[str, str, str, tuple[int, int] | None, OSError | None]] = []
    for kind, entry in _record_entries(data_dir):
        shown = f"{shown_dir}{os.path.basename(os.path.dirname(entry.path))}/{entry.name}"
        try:
            stat = entry.stat()
            found_files.append((kind, entry.path, shown, (stat.st_mtime_ns, stat.st_size), None))
        except OSError as exc:  # a broken link
            found_files.append((kind, entry.path, shown, None, exc))
    fresh: dict[str, Read] = {}
    to_read = []
    for kind, path, shown, stamp, error in found_files:
        cached = cache.entries.get(path) if cache and stamp else None
        if error is None and (cached is None or cached[0] != stamp):
            to_read.append((kind, path, shown))
    for (kind, path, shown), result in zip(to_read, _read_all(to_read, workers, prepare), strict=True):
        fresh[path] = result
    for kind, path, shown, stamp, error in found_files:
        if error is not None:
            record, found = None, [Problem(shown, None, "", f"không đọc được tệp: {error.strerror}")]
        elif path in fresh:
            record, found, readable = fresh[path]
            if readable:  # an unreadable file is tried again next time, even if unchanged
                seen[path] = (stamp, record, found)  # type: ignore[assignment]
            if cache:
                cache.misses += 1
        else:
            _, record, found = cache.entries[path]  # type: ignore[union-attr]
            seen[path] = (stamp, record, found)  # type: ignore[assignment]
            cache.hits += 1  # type: ignore[union-attr]
        problems += found
        # A file that does not parse still claims its id, so the records
        # pointing at it do not each report a "missing" record on top.
        records.append(record or RawRecord(kind, os.path.splitext(os.path.basename(path))[0], shown, {},
                                           broken=True))
    if cache is not None:
        cache.entries = seen  # deleted files drop out
    return records, problems


Read = tuple[RawRecord | None, list[Problem], bool]  # record, problems, readable


def _read_one(kind: str, path: str, shown: str, prepare: Prepare | None) -> Read:
    try:
        record, found = read_record(Path(path), kind, shown)
    except OSError as exc:  # unreadable: permissions, removed since listed
        return None, [Problem(shown, None, "", f"không đọc được tệp: {exc.strerror}")], False
    if record is not None and prepare is not None:
        prepare(record)
    return record, found, True


# The files of a parallel load and its prepare(), inherited by the forked workers.
_FILES: list[tuple[str, str, str]] = []
_PREPARE: Prepare | None = None


def _read_chunk(indices: range) -> list[Read]:
    return [_read_one(*_FILES[i], _PREPARE) for i in indices]


def _read_all(files: list[tuple[str, str, str]], workers: int, prepare: Prepare | None
              ) -> Iterator[Read]:
    """Read `files` in order, in forked workers when there are many. As in
    render._run, a process running threads (`mkdocs serve`) must not fork;
    there, after an edit, the files to read are few anyway."""
    global _FILES, _PREPARE
    parallel = (workers > 1 and len(files) >= PARALLEL_MIN_FILES and threading.active_count() == 1
                and "fork" in multiprocessing.get_all_start_methods())
    if not parallel:
        for kind, path, shown in files:
            yield _read_one(kind, path, shown, prepare)
        return
    _FILES, _PREPARE = files, prepare
    try:
        chunk = max(1, len(files) // (workers * 8))
        chunks = [range(i, min(i + chunk, len(files))) for i in range(0, len(files), chunk)]
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            for done in pool.imap(_read_chunk, chunks):
                yield from done
    finally:
        _FILES, _PREPARE = [], None
