#!/usr/bin/env python3
"""Tidings next to newsboat and sfeed_curses on the same data, in one run (issue 5).

  python3 Benchmarks/peer_bench.py --sizes 1000 10000 100000 [--text-pages 100000]

For each N it runs ../shared/bench/run_peers.py (the peers, unless --skip-peers), then the same
kind of measurements of Tidings through ../shared/bench/ttff.py, all appended to
DATA/results/results.jsonl, and prints one markdown table (medians, min-max) per N:

  td_index     cold indexing: `tidings categories` on the RSS folder with no index (wall, CPU, RSS);
               the store's files are read once, untimed, before each run (page cache warm)
  td_open      start -> the newest headline on screen (first useful frame, warm index);
               c, down to the biggest category, Enter -> its count in the list header (step1);
               j -> the next headline of that category in the article pane (step2)
  td_search    / and a word -> the header counts the search's hits (step1)
  td_mark_all  A y -> "0 unread" in the header (step1; the state is emptied before every run)
  td_text_*    the same first frame and cold indexing on N text pages in the seed format

Needs: release builds of `tidings` and `tidings-bench` in .build-release (see README), `apt-get install -y newsboat sfeed time`, `pip install pyte`.
"""
import argparse
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def sh(cmd, **kw):
    print("+ " + " ".join(cmd), file=sys.stderr, flush=True)
    return subprocess.run(cmd, check=True, **kw)


def timed(cmd, env):
    out = "/tmp/tidings_peer_bench.time"
    t0 = time.monotonic()
    sh(["/usr/bin/time", "-q", "-f", "%e %U %S %M", "-o", out, "--"] + cmd, env=env, stdout=subprocess.DEVNULL)
    wall = time.monotonic() - t0
    _, u, s, m = open(out).read().split()[-4:]
    return {"wall": wall, "user": float(u), "sys": float(s), "maxrss": int(m)}


def warm(store):
    """Reads every file of the store once (untimed), so a timed first indexing measures the
    indexing and not this virtual disk: with the page cache dropped, 100,000 page files cost
    4-8 s more, mostly system time (see BENCHMARKS.md, session 5)."""
    for root, _, files in os.walk(store):
        for name in files:
            with open(os.path.join(root, name), "rb") as f:
                while f.read(1 << 20):
                    pass


def stats(vals):
    vals = sorted(vals)
    mid = vals[len(vals) // 2] if len(vals) % 2 else (vals[len(vals) // 2 - 1] + vals[len(vals) // 2]) / 2
    return {"min": vals[0], "median": mid, "max": vals[-1]}


def fmt(metric, v):
    if metric == "maxrss":
        return "%.1f MiB" % (v / 1024.0)
    if metric.endswith("bytes"):
        return "%.1f MiB" % (v / 1048576.0)
    return "%.2f s" % v if v >= 1 else "%.1f ms" % (v * 1000)


def cell(metric, st):
    if not st:
        return ""
    if abs(st["max"] - st["min"]) < 1e-12:
        return fmt(metric, st["median"])
    return "%s (%s–%s)" % (fmt(metric, st["median"]), fmt(metric, st["min"]), fmt(metric, st["max"]))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    ap.add_argument("--shared", default=os.path.join(ROOT, "..", "shared", "bench"))
    ap.add_argument("--data", default="bench-data")
    ap.add_argument("--tidings", default=os.path.join(ROOT, ".build-release", "release", "tidings"))
    ap.add_argument("--tidings-bench", default=os.path.join(ROOT, ".build-release", "release", "tidings-bench"))
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--import-repeat", type=int, default=3)
    ap.add_argument("--search-word", default="reactor")
    ap.add_argument("--text-pages", type=int, default=0, help="also N text pages in the seed format")
    ap.add_argument("--skip-peers", action="store_true")
    a = ap.parse_args()

    ttff = os.path.join(a.shared, "ttff.py")
    data = os.path.abspath(a.data)
    resdir = os.path.join(data, "results")
    os.makedirs(resdir, exist_ok=True)
    jsonl = os.path.join(resdir, "results.jsonl")
    tidings = os.path.abspath(a.tidings)
    common = ["--cols", "120", "--rows", "40", "--repeat", str(a.repeat), "--warmup", "1"]

    def run_ttff(label, args, env):
        sh([sys.executable, ttff, "--label", label, "--json", jsonl] + common + args, env=env)
        with open(jsonl) as f:
            return json.loads(f.readlines()[-1])

    def record(label, n, runs, extra=None):
        with open(jsonl, "a") as f:
            f.write(json.dumps(dict({"label": label, "n": n, "time": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
                                     "runs": runs}, **(extra or {}))) + "\n")

    table = {}

    def put(label, metric, n, st):
        table.setdefault((label, metric), {})[n] = st

    for n in a.sizes:
        d = os.path.join(data, "n%d" % n)
        if not a.skip_peers:
            sh([sys.executable, os.path.join(a.shared, "run_peers.py"), "--sizes", str(n), "--data", data,
                "--repeat", str(a.repeat), "--import-repeat", str(a.import_repeat)])
        elif not os.path.exists(os.path.join(d, "manifest.json")):
            sh([sys.executable, os.path.join(a.shared, "gen_feeds.py"), "--items", str(n), "--feeds", "20",
                "--seed", "42", "--out", d])
        man = json.load(open(os.path.join(d, "manifest.json")))
        store = os.path.join(d, "rss")
        work = os.path.join(d, "tidings")
        state = os.path.join(work, "state.sqlite")
        env = dict(os.environ, LANG="C.UTF-8", LC_ALL="C.UTF-8", HOME=work, XDG_CONFIG_HOME=os.path.join(work, "config"))
        td = [tidings, "--store", store, "--state", state]

        # Cold indexing: no index, no state.
        runs = []
        for _ in range(a.import_repeat):
            shutil.rmtree(work, ignore_errors=True)
            os.makedirs(work)
            warm(store)
            r = timed([tidings, "categories", "--store", store, "--state", state], env)
            r["index_bytes"] = os.path.getsize(os.path.join(work, "index.sqlite"))
            runs.append(r)
        record("td_index", n, runs)
        for m in ("wall", "maxrss", "index_bytes"):
            put("td_index", m, n, stats([r[m] for r in runs]))
        put("td_index", "cpu", n, stats([r["user"] + r["sys"] for r in runs]))

        # What the screens should show, from the index itself.
        db = sqlite3.connect(os.path.join(work, "index.sqlite"))
        newest = db.execute("SELECT headline FROM articles ORDER BY date DESC, headline, hex LIMIT 1").fetchone()[0]
        cats = db.execute("SELECT category, count(*) FROM articles GROUP BY category").fetchall()
        db.close()
        names = sorted(c for c, _ in cats)
        names.sort(key=lambda c: (c.lower(), c))
        biggest, big_count = max(cats, key=lambda c: c[1])
        listing = json.loads(subprocess.run([tidings, "list", "--store", store, "--state", state, "--category", biggest,
                                             "--format", "json"], env=env, check=True, capture_output=True).stdout)
        second = listing[1]["headline"]
        hits = len(json.loads(subprocess.run([tidings, "list", "--store", store, "--state", state, "--search",
                                              a.search_word, "--format", "json"], env=env, check=True,
                                             capture_output=True).stdout))
        picker_keys = "c" + "j" * (names.index(biggest) + 1) + "\\r"

        res = run_ttff("td_open n=%d" % n, ["--expect", newest[:30],
                                            "--then", picker_keys, "re:unread / %d " % big_count,
                                            "--then", "j", second[:30], "--quit", "q", "--"] + td, env)
        for m, st in res["summary"].items():
            put("td_open", m, n, st)
        res = run_ttff("td_search n=%d" % n, ["--expect", newest[:30],
                                              "--then", "/" + a.search_word, "re:unread / %d +best match" % hits,
                                              "--quit", "\\x1bq", "--"] + td, env)
        for m, st in res["summary"].items():
            put("td_search", m, n, st)
        clear = "rm -f %s %s-wal %s-shm" % (state, state, state)
        res = run_ttff("td_mark_all n=%d" % n, ["--setup", clear, "--expect", newest[:30],
                                                "--then", "Ay", "re: 0 unread / %d" % n, "--quit", "q", "--"] + td, env)
        for m, st in res["summary"].items():
            put("td_mark_all", m, n, st)

    if a.text_pages:
        n = a.text_pages
        d = os.path.join(data, "text%d" % n)
        store = os.path.join(d, "pages")
        if not os.path.isdir(store):
            sh([os.path.abspath(a.tidings_bench), "generate", str(n), store])
        work = os.path.join(d, "tidings")
        state = os.path.join(work, "state.sqlite")
        env = dict(os.environ, LANG="C.UTF-8", LC_ALL="C.UTF-8", HOME=work, XDG_CONFIG_HOME=os.path.join(work, "config"))
        runs = []
        for _ in range(a.import_repeat):
            shutil.rmtree(work, ignore_errors=True)
            os.makedirs(work)
            warm(store)
            runs.append(timed([tidings, "categories", "--store", store, "--state", state], env))
        record("td_text_index", n, runs)
        put("td_text_index", "wall", n, stats([r["wall"] for r in runs]))
        put("td_text_index", "cpu", n, stats([r["user"] + r["sys"] for r in runs]))
        put("td_text_index", "maxrss", n, stats([r["maxrss"] for r in runs]))
        db = sqlite3.connect(os.path.join(work, "index.sqlite"))
        newest = db.execute("SELECT headline FROM articles ORDER BY date DESC, headline, hex LIMIT 1").fetchone()[0]
        db.close()
        res = run_ttff("td_text_open n=%d" % n, ["--expect", newest[:30], "--then", "j", "unread / ",
                                                 "--quit", "q", "--", tidings, "--store", store, "--state", state], env)
        for m, st in res["summary"].items():
            put("td_text_open", m, n, st)

    sizes = a.sizes + ([a.text_pages] if a.text_pages else [])
    print("| test | metric | " + " | ".join("N=%d" % s for s in sizes) + " |")
    print("|---|---|" + "---|" * len(sizes))
    for (label, metric), byn in table.items():
        if metric in ("lag",):
            continue
        print("| %s | %s | %s |" % (label, metric, " | ".join(cell(metric, byn.get(s)) for s in sizes)))


if __name__ == "__main__":
    main()
