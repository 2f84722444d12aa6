#!/usr/bin/env python3
"""Metadata benchmark: headline, date, author and section of saved pages, Tidings beside trafilatura.

Runs `tidings parse --format json` over the three public sets in ../shared/metadata, and trafilatura's
`extract_metadata` (2.3.1, from PyPI, in a virtual environment this script creates) over the same pages
in the same run; scores both with the shared score.py and prints the BENCHMARKS.md table.
Neither tool is given the page's URL (the truth's `url` stays unused), as in the shared README.

usage: Benchmarks/metadata/score_all.py [--data DIR] [--bin PATH] [--no-build] [--no-peer]
                                        [--sets a,b] [--rounds N] [--out DIR]
Speed is pages per CPU second of the whole `tidings parse` process (reading, parsing, JSON output),
the best of --rounds runs (the machine is shared: the least disturbed run); trafilatura's likewise.
"""
import argparse
import gzip
import json
import os
import resource
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SETS = ["trafilatura", "htmldate", "readability"]
TRAFILATURA = "trafilatura==2.3.1"

PEER = r'''
import gzip, json, os, resource, sys
from trafilatura.metadata import extract_metadata
from trafilatura import __version__
d, out = sys.argv[1], sys.argv[2]
pages = {}
for name in sorted(os.listdir(d)):
    if name.endswith(".html.gz"):
        with gzip.open(os.path.join(d, name), "rb") as fh:
            pages[name[:-8]] = fh.read()
def cpu():
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime
start = cpu()
pred = {}
for pid, raw in pages.items():
    try:
        m = extract_metadata(raw)
    except Exception:
        m = None
    if m is None:
        pred[pid] = {}
        continue
    cats = m.categories or []
    pred[pid] = {"headline": m.title, "date": m.date, "author": m.author, "category": cats[0] if cats else None}
seconds = cpu() - start
json.dump(pred, open(out, "w", encoding="utf-8"), ensure_ascii=False)
print(json.dumps({"seconds": seconds, "pages": len(pages), "version": __version__}))
'''


def children_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def run_tidings(binary, html_dir, rounds):
    """Predictions {id: fields} from one `tidings parse` process per round; best pages per CPU second."""
    names = sorted(n for n in os.listdir(html_dir) if n.endswith(".html.gz"))
    paths = [os.path.join(html_dir, n) for n in names]
    best = 0.0
    reports = None
    for _ in range(rounds):
        before = children_cpu()
        proc = subprocess.run([binary, "parse", "--format", "json", *paths], capture_output=True, check=True)
        seconds = children_cpu() - before
        best = max(best, len(paths) / seconds if seconds > 0 else 0)
        reports = json.loads(proc.stdout)
    pred = {}
    for name, r in zip(names, reports):
        pid = name[: -len(".html.gz")]
        if r.get("kind") != "html":
            pred[pid] = {}
            continue
        author = r.get("author")
        if isinstance(author, list):
            author = "; ".join(author) if author else None
        pred[pid] = {"headline": r.get("headline"), "date": r.get("date"), "author": author,
                     "category": r.get("section") or r.get("category")}
    return pred, best, len(paths)


def ensure_venv(venv):
    python = os.path.join(venv, "bin", "python")
    if not os.path.exists(python):
        subprocess.run([sys.executable, "-m", "venv", venv], check=True)
    probe = subprocess.run([python, "-c", "import lxml_html_clean, trafilatura; print(trafilatura.__version__)"],
                           capture_output=True, text=True)
    if probe.returncode != 0 or probe.stdout.strip() != TRAFILATURA.split("==")[1]:
        # lxml 6 moved the HTML cleaner trafilatura imports into its own package.
        subprocess.run([python, "-m", "pip", "install", "-q", TRAFILATURA, "lxml_html_clean"], check=True)
    return python


def run_peer(python, html_dir, out, rounds):
    best = 0.0
    for _ in range(rounds):
        proc = subprocess.run([python, "-c", PEER, html_dir, out], capture_output=True, text=True, check=True)
        info = json.loads(proc.stdout.strip().splitlines()[-1])
        best = max(best, info["pages"] / info["seconds"] if info["seconds"] > 0 else 0)
    return json.load(open(out, encoding="utf-8")), best


def score(score_py, truth, pred_path):
    proc = subprocess.run([sys.executable, score_py, truth, pred_path, "--json"], capture_output=True, text=True,
                          check=True)
    return json.loads(proc.stdout)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=os.path.join(os.path.dirname(ROOT), "shared", "metadata"))
    ap.add_argument("--bin", help="a built tidings binary (default: build release into .build-release)")
    ap.add_argument("--no-build", action="store_true")
    ap.add_argument("--no-peer", action="store_true", help="skip trafilatura")
    ap.add_argument("--sets", default=",".join(SETS))
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--peer-rounds", type=int, default=1, help="trafilatura's rounds (it runs 5-10x slower)")
    ap.add_argument("--out", default=os.path.join(os.environ.get("TMPDIR", "/tmp"), "tidings-metadata"))
    ap.add_argument("--venv", default=os.path.join(os.environ.get("TMPDIR", "/tmp"), "tidings-metadata-venv"))
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    binary = a.bin
    if not binary:
        scratch = os.path.join(ROOT, ".build-release")
        if not a.no_build:
            subprocess.run(["swift", "build", "-c", "release", "--product", "tidings", "--scratch-path", scratch],
                           cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
        binary = os.path.join(scratch, "release", "tidings")
    score_py = os.path.join(a.data, "score.py")
    python = None if a.no_peer else ensure_venv(a.venv)
    with open("/proc/loadavg") as fh:
        load = " ".join(fh.read().split()[:3])
    print(f"# {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, load average {load}, "
          f"{os.cpu_count()} cores, best of {a.rounds} rounds (trafilatura: {a.peer_rounds})")
    results = {}
    for name in a.sets.split(","):
        html_dir = os.path.join(a.data, name, "html")
        truth = os.path.join(a.data, name, "truth.json")
        pred, speed, n = run_tidings(binary, html_dir, a.rounds)
        path = os.path.join(a.out, f"{name}.tidings.json")
        json.dump(pred, open(path, "w", encoding="utf-8"), ensure_ascii=False)
        results[(name, "tidings")] = (score(score_py, truth, path), speed)
        if python:
            ppath = os.path.join(a.out, f"{name}.trafilatura.json")
            _, pspeed = run_peer(python, html_dir, ppath, a.peer_rounds)
            results[(name, "trafilatura")] = (score(score_py, truth, ppath), pspeed)
        s = results[(name, "tidings")][0]
        print(f"{name}: {n} pages, tidings {speed:.0f} pages/CPU-s; per-page misses: "
              f"score.py {truth} {path} --show FIELD N", file=sys.stderr)

    rows = [
        ("headline exact", "trafilatura", "headline_exact", "n_headline", "0.80"),
        ("date found (coverage)", "htmldate", "date_coverage", "pages", "0.99"),
        ("date right", "htmldate", "date_acc", "n_date", "0.93"),
        ("date right", "trafilatura", "date_acc", "n_date", "0.92"),
        ("author exact", "trafilatura", "author_exact", "n_author", "0.70"),
        ("category one of the labelled sections", "trafilatura", "category_hit", "n_category", "0.60"),
        ("headline exact (regression check)", "readability", "headline_exact", "n_headline", ""),
        ("date right (regression check)", "readability", "date_acc", "n_date", ""),
    ]

    def cell(name, tool, key):
        r = results.get((name, tool))
        if not r or r[0].get(key) is None:
            return "-"
        return f"{r[0][key]:.3f}"

    print("| measure | set | Tidings | trafilatura | target |")
    print("|---|---|---|---|---|")
    for label, name, key, nkey, target in rows:
        if (name, "tidings") not in results:
            continue
        n = results[(name, "tidings")][0].get(nkey)
        print(f"| {label} | {name} ({n}) | {cell(name, 'tidings', key)} | {cell(name, 'trafilatura', key)} | {target} |")
    speeds = [(name, results[(name, 'tidings')][1], results.get((name, 'trafilatura'), (None, None))[1])
              for name in a.sets.split(",")]
    tid = ", ".join(f"{s:.0f}" for _, s, _ in speeds)
    peer = ", ".join(f"{p:.0f}" for _, _, p in speeds if p)
    print(f"| speed (pages/CPU-s: {', '.join(n for n, _, _ in speeds)}) | all | {tid} | {peer or '-'} | above 300 |")
    json.dump({f"{k[0]}/{k[1]}": {"score": v[0], "pages_per_cpu_s": v[1]} for k, v in results.items()},
              open(os.path.join(a.out, "summary.json"), "w"), indent=1)


if __name__ == "__main__":
    main()
