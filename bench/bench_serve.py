#!/usr/bin/env python3
"""Serve benchmark: how long an editor waits between saving a record and seeing it.

    python bench/bench_serve.py -n 1000 --out /tmp/sotay-bench-serve
    python bench/bench_serve.py --data data --env SOTAY_HANDBOOK=0 --lan 5
    python bench/bench_serve.py --data /tmp/x --ban-ghi documents/<id>.yaml \\
        --ban-ghi campaigns/<id>.yaml --khong-dirty

The data folder (--data, or one of -n documents made by bench/generate.py
into --out) is first copied to a scratch folder in --out: the original is
never edited. Then:

1. `mkdocs serve --dirty` runs on a free port over the copy (SOTAY_DATA,
   SOTAY_TODAY=2024-07-01); its log goes to --out/mkdocs-serve.log, each line
   prefixed with seconds since the server started. The initial build time is
   process start -> first HTTP 200 on the first record's page.
2. Each record's page is opened in headless Chromium (Playwright). The page
   carries MkDocs' livereload script, so it reloads itself after a rebuild.
3. The record's title field (documents: subject; campaigns, bodies,
   localities: name) is rewritten in place to the original value plus a
   unique marker, the rest of the file byte for byte as it was, saved
   atomically (temporary file + os.replace). The clock starts at the replace.
4. "sửa -> thấy" stops when the open page's text holds the marker, nobody
   touching the page ("livereload"). If it has not shown within --cho
   seconds, that is reported and the page is reloaded by hand every 0.5 s
   until it shows ("tải lại tay sau --cho": that figure holds the wait, so it
   stays out of the median); later edits of that record are then measured
   that way from the start ("tải lại tay"). From the server log come, for each
   edit: when MkDocs saw the change (its watcher polls every 0.5 s), when the
   rebuild finished ("Reloading browsers"), MkDocs' own build time, and the
   warnings and errors it logged. "sửa -> máy rảnh" is when the server's
   process group went back to its idle CPU use (work done after the page was
   served, a search index say, counts there and not in "sửa -> thấy").

Each record is edited --lan times, waiting for the server to be idle between
edits (log quiet and CPU back to idle). With --lien-tiep S, as an editor at
work: the next edit comes S seconds after the last one showed, while the
search index of the last one is still being made ("sửa -> máy rảnh" is then
left empty). Results: a table, and
--out/bench-serve.json. The server (its whole process group) is always
stopped at the end.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
CHROMIUM = "/usr/bin/chromium"
# The flags tests/conftest.py launches Chromium with.
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
# Record folder -> (field edited, site folder of its page).
KINDS = {
    "documents": ("subject", "van-ban"),
    "campaigns": ("name", "phong-trao"),
    "bodies": ("name", "co-quan"),
    "localities": ("name", "dia-ban"),
}
SUFFIXES = (".yaml", ".yml")


class BenchError(Exception):
    """A failure to report in one line (Vietnamese), without a traceback."""


# --- editing a record ---------------------------------------------------------

def rewrite_field(text: str, key: str, value: str) -> str:
    """`text` with the value of top-level `key` replaced by `value`.

    Only the value's characters change: it becomes one double-quoted scalar
    (JSON string syntax is valid YAML), whatever it was (plain over several
    lines, quoted, a literal or folded block). The result is parsed again to
    check that `key` holds `value` and every other key is unchanged."""
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    if not isinstance(root, yaml.MappingNode):
        raise BenchError("tệp không phải một bản ghi YAML dạng ánh xạ (key: value)")
    node = next((v for k, v in root.value
                 if isinstance(k, yaml.ScalarNode) and k.value == key), None)
    if node is None:
        raise BenchError(f"bản ghi không có trường '{key}'")
    if not isinstance(node, yaml.ScalarNode):
        raise BenchError(f"trường '{key}' không phải một chuỗi")
    start, end = node.start_mark.index, node.end_mark.index
    old = text[start:end]
    # A block scalar's span runs to the start of the next key: keep its line
    # break(s), or that key would be glued to the new value.
    tail = old[len(old.rstrip()):] if node.style in ("|", ">") else ""
    new_text = text[:start] + json.dumps(value, ensure_ascii=False) + tail + text[end:]
    before, after = yaml.safe_load(text), yaml.safe_load(new_text)
    if after.get(key) != value or {**after, key: None} != {**before, key: None}:
        raise BenchError(f"sửa trường '{key}' làm hỏng bản ghi (lỗi của công cụ đo)")
    return new_text


def field_value(text: str, key: str) -> str:
    value = (yaml.safe_load(text) or {}).get(key)
    if not isinstance(value, str):
        raise BenchError(f"trường '{key}' không có hoặc không phải chuỗi")
    return value


def write_atomic(path: Path, text: str) -> None:
    """Write beside `path` then rename over it, as editors do. The temporary
    name is not .yaml, so a rebuild that catches it half-written skips it."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(text.encode("utf-8"))
    os.replace(tmp, path)


@dataclass
class Record:
    rel: str  # "documents/<id>.yaml", relative to the data folder
    path: Path  # in the scratch copy
    key: str
    url: str
    original: str  # file text before any edit
    value: str  # original value of `key`


def pick_default(data: Path) -> str:
    """The first document (sorted) that has a text, else the first document."""
    files = sorted(p for p in (data / "documents").iterdir()
                   if p.suffix in SUFFIXES and p.is_file())
    if not files:
        raise BenchError(f"{data}/documents/ không có tệp .yaml nào: chọn bản ghi bằng --ban-ghi")
    for f in files:
        if re.search(r"^text:", f.read_text(encoding="utf-8"), re.M):
            return f"documents/{f.name}"
    return f"documents/{files[0].name}"


def resolve_record(data: Path, rel: str, base_url: str) -> Record:
    rel = rel.strip().removeprefix("data/")
    parts = Path(rel).parts
    if len(parts) != 2 or parts[0] not in KINDS or Path(rel).suffix not in SUFFIXES:
        raise BenchError(f"--ban-ghi {rel}: cần dạng <loại>/<mã>.yaml, loại là một trong "
                         + ", ".join(KINDS))
    path = data / rel
    if not path.is_file():
        raise BenchError(f"--ban-ghi {rel}: không có tệp {path}")
    key, folder = KINDS[parts[0]]
    original = path.read_text(encoding="utf-8")
    url = f"{base_url}{folder}/{urllib.parse.quote(path.stem)}/"
    return Record(rel, path, key, url, original, field_value(original, key))


# --- the server ---------------------------------------------------------------

# Lines that end a build: the first one ("Serving on"), a rebuild, a failed rebuild.
BUILD_OVER = ("Serving on", "Reloading browsers", "An error happened during the rebuild")


@dataclass
class ServerLog:
    """mkdocs serve's output, each line stamped (time.monotonic()) as it comes."""
    lines: list[tuple[float, str]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def since(self, t: float) -> list[tuple[float, str]]:
        with self.lock:
            return [(s, line) for s, line in self.lines if s >= t]

    def last_activity(self) -> float:
        with self.lock:
            return self.lines[-1][0] if self.lines else 0.0

    def busy(self) -> bool:
        """A change seen or a build started, and the build not yet over."""
        with self.lock:
            for _, line in reversed(self.lines):
                if any(done in line for done in BUILD_OVER):
                    return False
                if "Detected file changes" in line or "Building documentation" in line:
                    return True
        return False


class Server:
    def __init__(self, cmd: list[str], env: dict[str, str], log_path: Path):
        self.log = ServerLog()
        self.log_path = log_path
        self.started = time.monotonic()
        self._file = open(log_path, "w", encoding="utf-8")
        self._file.write("$ " + " ".join(cmd) + "\n")
        self._file.flush()
        # Own session = own process group: stopped whole, children included,
        # and out of reach of a Ctrl+C meant for this script.
        self.proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdin=subprocess.DEVNULL,
                                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                     start_new_session=True)
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for raw in self.proc.stdout:
            now = time.monotonic()
            line = raw.decode("utf-8", errors="replace").rstrip("\n")
            with self.log.lock:
                self.log.lines.append((now, line))
            self._file.write(f"[{now - self.started:9.3f}] {line}\n")
            self._file.flush()

    def tail(self, n: int = 30) -> str:
        with self.log.lock:
            return "\n".join(line for _, line in self.log.lines[-n:])

    def wait_ready(self, url: str, timeout: float) -> float:
        """Seconds from process start to the first HTTP 200 on `url`.

        MkDocs binds its port only after the initial build, so until then
        the connection is refused."""
        deadline = self.started + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise BenchError("mkdocs serve dừng khi đang dựng lần đầu"
                                 f" (mã {self.proc.returncode}):\n" + self.tail())
            try:
                left = max(1.0, deadline - time.monotonic())
                with urllib.request.urlopen(url, timeout=left) as resp:
                    if resp.status == 200:
                        return time.monotonic() - self.started
            except urllib.error.HTTPError as exc:
                raise BenchError(f"máy chủ trả mã {exc.code} cho {url}:"
                                 " bản ghi không có trang?") from None
            except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
                pass
            time.sleep(0.5)
        raise BenchError(f"máy chủ chưa trả lời sau {timeout:.0f} s (--cho-khoi-dong):\n"
                         + self.tail())

    def cpu_seconds(self) -> float | None:
        """CPU time of the server's process group so far (Linux /proc): the
        server, its threads and children (Pagefind, PDF workers), reaped or
        not. None where /proc is missing."""
        total, found = 0, False
        try:
            entries = os.listdir("/proc")
        except OSError:
            return None
        for entry in entries:
            if not entry.isdigit():
                continue
            try:
                with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue
            if int(fields[2]) == self.proc.pid:  # pgrp: the server leads its own group
                total += sum(int(x) for x in fields[11:15])  # utime stime cutime cstime
                found = True
        return total / os.sysconf("SC_CLK_TCK") if found else None

    def measure_idle_cpu(self) -> float:
        """CPU (cores) the idle server burns, mostly its file watcher stat-ing
        every watched file every 0.5 s: the median of five 1 s windows (at
        10,000 documents it wavers between 0.35 and 0.5 of a core; the least
        window made the later idle test flap and time out)."""
        self.wait_idle(use_cpu=False)
        rates = []
        for _ in range(5):
            c0, t0 = self.cpu_seconds(), time.monotonic()
            time.sleep(1.0)
            c1, t1 = self.cpu_seconds(), time.monotonic()
            if c0 is None or c1 is None:
                return 0.0
            rates.append(max(0.0, c1 - c0) / (t1 - t0))
        self.idle_cpu = statistics.median(rates)
        return self.idle_cpu

    idle_cpu = 0.0
    # Above idle by this much CPU (cores), the server is still working (a
    # search index or PDFs finishing after the page was served, say: those
    # take a core or more).
    BUSY_CPU = 0.3

    def wait_idle(self, quiet: float = 3.0, timeout: float = 600.0, use_cpu: bool = True) -> float:
        """Until no build is running, the log has said nothing for `quiet` s
        (a second rebuild shows by then) and the process group has used no
        more CPU than when idle for as long: longer than the hook waits
        before re-indexing in the background (INDEX_DELAY, 2 s), else the
        next edit would land on that indexing. Returns when activity was
        last seen."""
        deadline = time.monotonic() + timeout
        samples: list[tuple[float, float]] = []
        last_active = time.monotonic()
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise BenchError(f"mkdocs serve đã dừng (mã {self.proc.returncode}):\n"
                                 + self.tail())
            now = time.monotonic()
            if self.log.busy():
                last_active = now
            last_active = max(last_active, self.log.last_activity())
            cpu = self.cpu_seconds() if use_cpu else None
            if cpu is not None:
                samples.append((now, cpu))
                old = [(t, c) for t, c in samples if now - t >= 1.0]
                if old:
                    t0, c0 = old[-1]
                    if (cpu - c0) / (now - t0) > self.idle_cpu + self.BUSY_CPU:
                        last_active = now
                    samples = samples[len(old) - 1:]
            if now - last_active >= quiet:
                return last_active
            time.sleep(0.25)
        raise BenchError(f"máy chủ vẫn bận sau {timeout:.0f} s")

    def stop(self) -> None:
        """SIGINT first (MkDocs then removes its temporary site folder),
        then SIGTERM, then SIGKILL, to the whole process group."""
        for sig, grace in ((signal.SIGINT, 20), (signal.SIGTERM, 10), (signal.SIGKILL, 10)):
            if self.proc.poll() is not None:
                break
            try:
                os.killpg(self.proc.pid, sig)
            except ProcessLookupError:
                break
            try:
                self.proc.wait(grace)
            except subprocess.TimeoutExpired:
                continue
        # A grandchild left in the group (a PDF worker) goes too.
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        self._reader.join(5)
        self._file.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --- measuring one edit -------------------------------------------------------

SHOWS = "m => !!document.body && document.body.innerText.includes(m)"
BUILT = re.compile(r"Documentation built in ([\d.]+) seconds")


def _shows(page, marker: str) -> bool:
    try:
        return bool(page.evaluate(SHOWS, marker))
    except Exception:  # the page is navigating: its context went away
        return False


def wait_livereload(page, server: Server, marker: str, timeout: float) -> float | None:
    """Time the marker appeared in the untouched page, or None after `timeout`.

    Waits in slices of 1 s, so a page navigating away (its JavaScript context
    destroyed) or a failed rebuild is noticed; within a slice Playwright
    checks every 50 ms."""
    from playwright.sync_api import Error as PlaywrightError

    start = time.monotonic()
    deadline = start + timeout
    while time.monotonic() < deadline:
        try:
            page.wait_for_function(SHOWS, arg=marker, polling=50,
                                   timeout=max(100, min(1.0, deadline - time.monotonic()) * 1000))
            return time.monotonic()
        except PlaywrightError:  # TimeoutError is one
            pass
        if _rebuild_failed(server, start):
            return None
        if server.proc.poll() is not None:
            raise BenchError(f"mkdocs serve đã dừng (mã {server.proc.returncode}):\n"
                             + server.tail())
    return None


def wait_by_reload(page, server: Server, marker: str, since: float, timeout: float) -> float | None:
    """Reload the page by hand every 0.5 s until it shows the marker."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if _rebuild_failed(server, since):
            return None
        try:
            # During a rebuild MkDocs holds the request until the build is over.
            page.reload(wait_until="domcontentloaded",
                        timeout=max(1000, (deadline - time.monotonic()) * 1000))
        except Exception:
            pass
        if _shows(page, marker):
            return time.monotonic()
        time.sleep(0.5)
    return None


def _rebuild_failed(server: Server, since: float) -> bool:
    return any("An error happened during the rebuild" in line
               for _, line in server.log.since(since))


def server_side(server: Server, t_edit: float) -> dict:
    """What the log says happened after the edit: detection, end of the
    rebuild, MkDocs' own build time, warnings and errors."""
    out: dict = {"phat_hien_s": None, "dung_xong_s": None, "mkdocs_dung_s": None,
                 "so_lan_dung": 0, "canh_bao": [], "loi": []}
    for t, line in server.log.since(t_edit):
        if "Detected file changes" in line and out["phat_hien_s"] is None:
            out["phat_hien_s"] = t - t_edit
        if "Building documentation" in line:
            out["so_lan_dung"] += 1
        if "Reloading browsers" in line and out["dung_xong_s"] is None:
            out["dung_xong_s"] = t - t_edit
        if (m := BUILT.search(line)) and out["mkdocs_dung_s"] is None:
            out["mkdocs_dung_s"] = float(m[1])
        if "WARNING" in line:
            out["canh_bao"].append(line.strip())
        if "ERROR" in line or "Traceback" in line or "An error happened" in line:
            out["loi"].append(line.strip())
    return out


def measure(record: Record, server: Server, page, counter: dict, rounds: int, wait: float,
            pause: float, steady: float | None = None) -> list[dict]:
    results = []
    by_hand = False  # livereload failed once for this record: reload by hand from now on
    server.wait_idle(timeout=wait)
    for i in range(1, rounds + 1):
        time.sleep(pause)
        marker = f"(sửa lúc {dt.datetime.now():%H.%M.%S}, lần {i}, mã {secrets.token_hex(3)})"
        text = rewrite_field(record.path.read_text(encoding="utf-8"), record.key,
                             f"{record.value} {marker}")
        loads_before = counter["loads"]
        write_atomic(record.path, text)
        t_edit = time.monotonic()
        result: dict = {"ban_ghi": record.rel, "lan": i, "dau": marker}
        if not by_hand:
            t_seen = wait_livereload(page, server, marker, wait)
            if t_seen is not None:
                result.update(cach="livereload", sua_thay_s=t_seen - t_edit)
            elif not _rebuild_failed(server, t_edit):
                by_hand = True
                result["livereload_khong_chay"] = True
                print(f"  ! {record.rel} lần {i}: trang không tự tải lại sau {wait:.0f} s;"
                      " chuyển sang tải lại tay", file=sys.stderr)
        if by_hand:
            t_seen = wait_by_reload(page, server, marker, t_edit, wait)
            if t_seen is not None:
                # After a livereload that never came, the figure holds the wait:
                # left out of the median.
                late = result.get("livereload_khong_chay", False)
                result.update(cach="tải lại tay sau --cho" if late else "tải lại tay",
                              sua_thay_s=t_seen - t_edit)
        if "sua_thay_s" not in result:
            result.update(cach="không thấy", sua_thay_s=None)
        result["so_lan_tai_trang"] = counter["loads"] - loads_before
        if steady is None:
            # Work after the page was served (a search index, say) ends here.
            result["sua_ranh_s"] = server.wait_idle(timeout=wait) - t_edit
        else:  # the editor goes on while the server works
            time.sleep(steady)
            result["sua_ranh_s"] = None
        result.update(server_side(server, t_edit))
        results.append(result)
        seen = f"{result['sua_thay_s']:.2f} s" if result["sua_thay_s"] is not None else "không thấy"
        print(f"  {record.rel} lần {i}: {seen} ({result['cach']})", file=sys.stderr)
        if _rebuild_failed(server, t_edit):
            # The server answers nothing until a build succeeds: put the file back.
            print(f"  ! dựng lại lỗi sau khi sửa {record.rel}; trả tệp về như cũ, xem "
                  f"{server.log_path}", file=sys.stderr)
            write_atomic(record.path, record.original)
            break
    return results


# --- report -------------------------------------------------------------------

def _fmt(value: float | None, digits: int = 2) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def _median(values: list) -> float | None:
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


FIGURES = ("sua_thay_s", "phat_hien_s", "dung_xong_s", "mkdocs_dung_s", "sua_ranh_s")


def summarize(edits: list[dict]) -> dict:
    out = {}
    for rel in dict.fromkeys(e["ban_ghi"] for e in edits):
        mine = [e for e in edits if e["ban_ghi"] == rel]
        out[rel] = {k: _median([e[k] for e in mine
                                if not (k == "sua_thay_s" and e.get("livereload_khong_chay"))])
                    for k in FIGURES}
        out[rel]["cach"] = sorted({e["cach"] for e in mine})
    return out


def report(result: dict) -> str:
    lines = [f"dựng lần đầu (khởi động -> HTTP 200): {result['dung_lan_dau_s']:.1f} s"
             f"   --dirty: {'có' if result['dirty'] else 'không'}"
             f"   CPU máy chủ khi rảnh: {result['cpu_khi_ranh']:.0%} một nhân",
             "bản ghi | lần | cách thấy | sửa->thấy s | sửa->phát hiện s | sửa->dựng xong s |"
             " MkDocs dựng s | sửa->máy rảnh s | lần dựng | lần tải trang | cảnh báo | lỗi"]
    for e in result["lan_sua"]:
        lines.append(" | ".join([
            e["ban_ghi"], str(e["lan"]), e["cach"], _fmt(e["sua_thay_s"]), _fmt(e["phat_hien_s"]),
            _fmt(e["dung_xong_s"]), _fmt(e["mkdocs_dung_s"]), _fmt(e["sua_ranh_s"]),
            str(e["so_lan_dung"]), str(e["so_lan_tai_trang"]),
            str(len(e["canh_bao"])), str(len(e["loi"])),
        ]))
    for rel, s in result["trung_vi"].items():
        lines.append(" | ".join([rel, "trung vị", "/".join(s["cach"]), _fmt(s["sua_thay_s"]),
                                 _fmt(s["phat_hien_s"]), _fmt(s["dung_xong_s"]),
                                 _fmt(s["mkdocs_dung_s"]), _fmt(s["sua_ranh_s"]), "", "", "", ""]))
    problems = [line for e in result["lan_sua"] for line in e["canh_bao"] + e["loi"]]
    if problems:
        lines.append("cảnh báo/lỗi trong nhật ký máy chủ sau khi sửa (tối đa 10):")
        lines += ["  " + line for line in list(dict.fromkeys(problems))[:10]]
    return "\n".join(lines)


# --- main ---------------------------------------------------------------------

def _env_pair(value: str) -> tuple[str, str]:
    key, sep, val = value.partition("=")
    if not sep or not key:
        raise argparse.ArgumentTypeError(f"cần dạng KHÓA=GIÁ_TRỊ, nhận '{value}'")
    return key, val


def prepare_data(args) -> Path:
    """The scratch copy of the data folder, made fresh."""
    if args.data is not None:
        source = args.data.resolve()
        if not source.is_dir():
            raise BenchError(f"không có thư mục dữ liệu {source}")
    else:
        source = (args.out / f"data-{args.n}").resolve()
        if not source.is_dir():
            print(f"tạo dữ liệu {args.n} văn bản vào {source} ...", file=sys.stderr)
            subprocess.run([PY, str(ROOT / "bench" / "generate.py"), "-n", str(args.n),
                            "--out", str(source)], check=True, stdout=subprocess.DEVNULL)
    scratch = (args.out / "scratch-data").resolve()
    if scratch == source or scratch in source.parents:
        raise BenchError(f"--data không được nằm trong {scratch}"
                         " (bản sao tạm, bị xóa mỗi lần chạy)")
    if scratch.exists():
        shutil.rmtree(scratch)
    shutil.copytree(source, scratch)
    return scratch


def run(args) -> dict:
    args.out = args.out.resolve()
    args.out.mkdir(parents=True, exist_ok=True)
    data = prepare_data(args)
    port = args.port or free_port()
    base_url = f"http://127.0.0.1:{port}/"
    records = [resolve_record(data, rel, base_url)
               for rel in (args.ban_ghi or [pick_default(data)])]
    if len({r.rel for r in records}) != len(records):
        raise BenchError("--ban-ghi có bản ghi trùng nhau")

    env = {**os.environ, "SOTAY_DATA": str(data), "SOTAY_TODAY": "2024-07-01",
           "NO_MKDOCS_2_WARNING": "1", **dict(args.env)}
    cmd = [PY, "-m", "mkdocs", "serve", "-f", str(ROOT / "mkdocs.yml"), "-a", f"127.0.0.1:{port}"]
    cmd += ([] if args.khong_dirty else ["--dirty"]) + args.mkdocs_arg
    result: dict = {
        "du_lieu": str(args.data.resolve() if args.data else args.out / f"data-{args.n}"),
        "ban_sao": str(data), "lenh": cmd, "env": dict(args.env), "dirty": not args.khong_dirty,
        "lien_tiep_s": args.lien_tiep,
        "ban_ghi": [{"tep": r.rel, "truong": r.key, "url": r.url} for r in records],
    }
    print(f"chạy mkdocs serve trên {base_url} (nhật ký: {args.out / 'mkdocs-serve.log'}) ...",
          file=sys.stderr)
    server = Server(cmd, env, args.out / "mkdocs-serve.log")
    try:
        result["dung_lan_dau_s"] = server.wait_ready(records[0].url, args.cho_khoi_dong)
        print(f"  dựng lần đầu: {result['dung_lan_dau_s']:.1f} s", file=sys.stderr)
        result["cpu_khi_ranh"] = server.measure_idle_cpu()
        wait = args.cho or max(120.0, 3 * result["dung_lan_dau_s"])
        result["cho_s"] = wait
        from playwright.sync_api import sync_playwright

        edits: list[dict] = []
        result["lan_sua"] = edits  # filled as it goes: an error keeps what was measured
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=args.trinh_duyet, args=CHROMIUM_FLAGS)
            try:
                context = browser.new_context(locale="vi-VN")
                for record in records:
                    page = context.new_page()
                    counter = {"loads": 0}
                    # Counted at commit, so a reload is counted before its text can show.
                    page.on("framenavigated", lambda frame, c=counter, pg=page:
                            frame == pg.main_frame and c.__setitem__("loads", c["loads"] + 1))
                    response = page.goto(record.url, wait_until="load", timeout=wait * 1000)
                    if response is None or response.status != 200:
                        raise BenchError(f"không mở được {record.url}")
                    if not _shows(page, record.value.split("\n")[0][:60]):
                        print(f"  ! trang {record.url} không hiện giá trị '{record.key}' hiện tại;"
                              " phép đo vẫn chạy", file=sys.stderr)
                    counter["loads"] = 0
                    edits.extend(measure(record, server, page, counter, args.lan, wait, args.nghi,
                                         args.lien_tiep))
                    page.close()
            finally:
                browser.close()
        result["trung_vi"] = summarize(edits)
        return result
    finally:
        server.stop()
        result["nhat_ky"] = str(server.log_path)
        (args.out / "bench-serve.json").write_text(json.dumps(result, indent=2, ensure_ascii=False),
                                                   encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="bench_serve",
        description="Đo thời gian từ lúc lưu một bản ghi YAML đến lúc trình duyệt"
        " (mkdocs serve, tự tải lại) hiện thay đổi.",
        epilog="Ví dụ: python bench/bench_serve.py -n 1000 --lan 5;"
        " python bench/bench_serve.py --data data --env SOTAY_HANDBOOK=0"
        " --ban-ghi campaigns/binh-dinh-chuyen-doi-so.yaml")
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--data", type=Path,
                        help="thư mục dữ liệu (được sao ra bản tạm, không bị sửa)")
    source.add_argument("-n", type=int, help="số văn bản: tạo dữ liệu bằng bench/generate.py vào"
                        " OUT/data-N nếu chưa có")
    parser.add_argument("--out", type=Path, default=Path("/tmp/sotay-bench-serve"),
                        help="thư mục làm việc: bản sao dữ liệu, nhật ký máy chủ, bench-serve.json"
                        " (mặc định %(default)s)")
    parser.add_argument("--ban-ghi", action="append", metavar="LOẠI/MÃ.yaml",
                        help="bản ghi để sửa, tương đối với thư mục dữ liệu (documents/…,"
                        " campaigns/…, bodies/…, localities/…); ghi nhiều lần để đo nhiều"
                        " bản ghi. Mặc định: văn bản đầu tiên (theo tên) có trường text")
    parser.add_argument("--lan", type=int, default=3,
                        help="số lần sửa mỗi bản ghi (mặc định %(default)s)")
    parser.add_argument("--khong-dirty", action="store_true",
                        help="chạy mkdocs serve không có --dirty (dựng lại cả trang web)")
    parser.add_argument("--mkdocs-arg", action="append", default=[], metavar="THAM_SỐ",
                        help="tham số thêm cho mkdocs serve, viết liền dấu bằng:"
                        " --mkdocs-arg=--no-livereload")
    parser.add_argument("--env", action="append", default=[], type=_env_pair,
                        metavar="KHÓA=GIÁ_TRỊ",
                        help="biến môi trường thêm cho máy chủ, ví dụ SOTAY_HANDBOOK=0,"
                        " SOTAY_SEARCH=0")
    parser.add_argument("--cho-khoi-dong", type=float, default=1800,
                        help="số giây chờ lần dựng đầu tiên (mặc định %(default)s)")
    parser.add_argument("--cho", type=float, default=None,
                        help="số giây chờ mỗi thay đổi hiện ra (mặc định: gấp 3 lần dựng đầu,"
                        " ít nhất 120)")
    parser.add_argument("--nghi", type=float, default=1.0,
                        help="số giây nghỉ giữa hai lần sửa, sau khi máy chủ rảnh"
                        " (mặc định %(default)s)")
    parser.add_argument("--lien-tiep", type=float, default=None, metavar="S",
                        help="sửa liên tiếp: lần sửa sau đến S giây sau khi lần trước hiện ra,"
                        " không chờ máy chủ rảnh (chỉ mục tìm kiếm của lần trước còn đang lập)")
    parser.add_argument("--port", type=int, default=0,
                        help="cổng máy chủ (mặc định: một cổng trống)")
    parser.add_argument("--trinh-duyet", default=CHROMIUM,
                        help="Chromium dùng để đo (mặc định %(default)s)")
    args = parser.parse_args(argv)
    if args.lan < 1:
        parser.error("--lan phải từ 1 trở lên")
    if args.n is not None and args.n < 1:
        parser.error("-n phải từ 1 trở lên")
    try:
        result = run(args)
    except BenchError as exc:
        print(f"lỗi: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("đã dừng (Ctrl+C); máy chủ đã tắt", file=sys.stderr)
        return 130
    print(report(result))
    print(f"\nkết quả: {args.out / 'bench-serve.json'}; nhật ký máy chủ: {result['nhat_ky']}")
    return 0 if all(e["sua_thay_s"] is not None for e in result["lan_sua"]) else 2


if __name__ == "__main__":
    sys.exit(main())
