"""Helpers shared by Benchmarks/run, Benchmarks/trend and Benchmarks/frontend.

Python 3 standard library only. Every external command is run with an
argument list (never a shell string), in its own process group so that a
timeout kills the whole tree it started.
"""
from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent.parent
REPO_DIR = BENCH_DIR.parent
WORK_DIR = BENCH_DIR / ".work"
RESULTS_DIR = BENCH_DIR / "results"
TIME_BIN = "/usr/bin/time"


# key, label, ClaudeLang?  (column order of every table and chart)
IMPLS = [
    ("cl-aot", "ClaudeLang AOT -O2", True),
    ("cl-jit", "ClaudeLang JIT", True),
    ("cl-vm", "ClaudeLang VM", True),
    ("gcc", "C gcc -O2", False),
    ("clang", "C clang-19 -O2", False),
    ("chez", "Chez Scheme", False),
    ("ocaml", "OCaml", False),
    ("lua", "Lua 5.4", False),
    ("python", "Python 3", False),
]
# Bar colours of the charts: ClaudeLang warm, C blue, the others distinct.
COLORS = {"cl-aot": "#d62728", "cl-jit": "#ff7f0e", "cl-vm": "#f2b701", "gcc": "#1f77b4", "clang": "#7fb2e5",
          "chez": "#2ca02c", "ocaml": "#9467bd", "lua": "#8c564b", "python": "#7f7f7f"}


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


@dataclass
class Completed:
    rc: int | None          # None: timed out (and killed)
    stdout: str
    stderr: str
    seconds: float
    rss_kb: int | None = None

    @property
    def timed_out(self) -> bool:
        return self.rc is None

    def first_error_line(self) -> str:
        """The first non-empty line of stderr (two when the first ends with ':')."""
        lines = [l.strip() for l in (self.stderr or "").splitlines() if l.strip()]
        if not lines:
            return ""
        text = lines[0]
        if text.endswith(":") and len(lines) > 1:
            text += " " + lines[1]
        return printable(text)[:300]


def printable(text: str) -> str:
    """Text with control characters and undecodable bytes shown as '?'."""
    return "".join(c if (c.isprintable() and c != "\ufffd") or c == " " else "?" for c in text)


def run_cmd(cmd: list[str], timeout: float | None = None, cwd: Path | None = None,
            env: dict | None = None, stdin_text: str | None = None) -> Completed:
    """Runs cmd; on timeout kills its whole process group and returns rc=None."""
    start = time.perf_counter()
    try:
        proc = subprocess.Popen(
            [str(c) for c in cmd], cwd=str(cwd) if cwd else None, env=env,
            stdin=subprocess.PIPE if stdin_text is not None else subprocess.DEVNULL,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            errors="replace", start_new_session=True)
    except OSError as e:
        return Completed(127, "", f"cannot run {cmd[0]}: {e}", 0.0)
    try:
        out, err = proc.communicate(stdin_text, timeout=timeout)
        return Completed(proc.returncode, out, err, time.perf_counter() - start)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        out, err = proc.communicate()
        return Completed(None, out, err, time.perf_counter() - start)


def run_with_rss(cmd: list[str], timeout: float | None, cwd: Path | None = None,
                 report: Path | None = None) -> Completed:
    """Runs cmd under `/usr/bin/time -v` (report in a separate file) and reads
    the peak resident set size ("Maximum resident set size", kB)."""
    if not Path(TIME_BIN).exists():
        return run_cmd(cmd, timeout, cwd)
    report = report or (WORK_DIR / f"time-report-{os.getpid()}.txt")
    report.parent.mkdir(parents=True, exist_ok=True)
    if report.exists():
        report.unlink()
    c = run_cmd([TIME_BIN, "-v", "-o", str(report), *cmd], timeout, cwd)
    try:
        text = report.read_text(errors="replace")
        m = re.search(r"Maximum resident set size \(kbytes\):\s*(\d+)", text)
        if m:
            c.rss_kb = int(m.group(1))
        m = re.search(r"Command exited with non-zero status (\d+)", text)
        if m and c.rc == 0:
            c.rc = int(m.group(1))
        if re.search(r"Command terminated by signal (\d+)", text) and c.rc == 0:
            c.rc = 128 + int(re.search(r"Command terminated by signal (\d+)", text).group(1))
    except OSError:
        pass
    return c


def hyperfine(cmd: list[str], *, runs: int, warmup: int, json_path: Path, name: str,
              timeout: float | None, cwd: Path | None = None) -> dict:
    """Times cmd with hyperfine (no shell). Returns {'status': 'ok', 'median': ...}
    or {'status': 'timeout'|'error', 'note': ...}."""
    json_path.parent.mkdir(parents=True, exist_ok=True)
    if json_path.exists():
        json_path.unlink()
    hcmd = ["hyperfine", "--shell=none", "--style", "basic", "--warmup", str(warmup),
            "--runs", str(runs), "--export-json", str(json_path), "--command-name", name,
            shlex.join([str(c) for c in cmd])]
    c = run_cmd(hcmd, timeout, cwd)
    logf = json_path.with_suffix(".log")
    logf.write_text(c.stdout + c.stderr)
    if c.timed_out:
        return {"status": "timeout", "note": f"hyperfine exceeded {timeout:.0f} s"}
    if c.rc != 0 or not json_path.exists():
        return {"status": "error", "note": (c.stderr.strip().splitlines() or ["hyperfine failed"])[-1][:300]}
    r = json.loads(json_path.read_text())["results"][0]
    times = r.get("times") or []
    return {"status": "ok", "median": r["median"], "mean": r["mean"], "stddev": r.get("stddev"),
            "min": r["min"], "max": r["max"], "user": r.get("user"), "system": r.get("system"),
            "times": times, "runs": len(times), "warmup": warmup}


def have(tool: str) -> bool:
    return (Path(tool).exists() if tool.startswith("/") else shutil.which(tool) is not None)


def first_line(cmd: list[str]) -> str | None:
    if not have(cmd[0]):
        return None
    c = run_cmd(cmd, timeout=30)
    text = (c.stdout.strip() or c.stderr.strip())
    return text.splitlines()[0].strip() if text else None


def git(*args: str) -> str:
    c = run_cmd(["git", "-C", str(REPO_DIR), *args], timeout=30)
    return c.stdout.strip() if c.rc == 0 else ""


def fmt_seconds(x: float | None) -> str:
    if x is None:
        return "—"
    if x >= 100:
        return f"{x:.0f}"
    if x >= 10:
        return f"{x:.1f}"
    if x >= 1:
        return f"{x:.2f}"
    if x >= 0.01:
        return f"{x:.3f}"
    return f"{x:.4f}"


def fmt_ratio(x: float | None) -> str:
    if x is None:
        return ""
    if x >= 100:
        return f"{x:.0f}×"
    if x >= 10:
        return f"{x:.1f}×"
    return f"{x:.2f}×"


def fmt_mb(kb: int | None) -> str:
    return "—" if kb is None else f"{kb / 1024:.1f}"


def md_table(header: list[str], rows: list[list[str]], align: list[str] | None = None) -> str:
    align = align or (["l"] + ["r"] * (len(header) - 1))
    sep = ["---:" if a == "r" else ":---" for a in align]
    esc = lambda s: str(s).replace("|", "\\|")
    lines = ["| " + " | ".join(esc(h) for h in header) + " |", "| " + " | ".join(sep) + " |"]
    lines += ["| " + " | ".join(esc(c) for c in r) + " |" for r in rows]
    return "\n".join(lines)


def gnuplot(script: str, script_path: Path) -> str | None:
    """Runs a gnuplot script; returns None on success, else the error text."""
    if not have("gnuplot"):
        return "gnuplot is not installed"
    script_path.parent.mkdir(parents=True, exist_ok=True)
    script_path.write_text(script)
    c = run_cmd(["gnuplot", str(script_path)], timeout=120)
    if c.rc != 0:
        return (c.stderr.strip() or "gnuplot failed")[-1000:]
    return None


def gp_quote(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'
