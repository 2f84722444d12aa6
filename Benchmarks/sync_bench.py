#!/usr/bin/env python3
"""Sync against a local Coldsweat: pull N items, then push N read marks (one per item).

  python3 Benchmarks/sync_bench.py --tidings .build-release/release/tidings [--items 10000] [--runs 3]
                                   [--server DIR]   # reuse a server made by Tests/Servers/coldsweat.py up

Each run starts from a fresh state and store (a new machine). Where the time goes comes from
`TIDINGS_SYNC_PROFILE=1 tidings sync`: the time spent waiting for HTTP answers (Coldsweat's work
plus loopback HTTP) and the rest (Tidings: JSON, writing the items into the store, the state's
SQLite). Indexing the pulled items is timed apart (`tidings list`, the first command after the
sync). Between runs the server's read marks are cleared, so every push changes every item.
Prints medians and every run.
"""
import argparse
import json
import os
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
HELPER = os.path.join(os.path.dirname(HERE), "Tests", "Servers", "coldsweat.py")
PROFILE = re.compile(r"sync profile: ([\d.]+) s in all; (\d+) requests, ([\d.]+) s waiting for the server; ([\d.-]+) s in Tidings")


def run(binary, args, env, stdin=None):
    start = time.monotonic()
    done = subprocess.run([binary] + args, env=env, capture_output=True, text=True, input=stdin)
    elapsed = time.monotonic() - start
    if done.returncode != 0:
        raise SystemExit(f"tidings {' '.join(args[:3])} failed ({done.returncode}): {done.stderr}")
    return done, elapsed


def profile(stderr):
    m = PROFILE.search(stderr)
    if not m:
        raise SystemExit("no sync profile in: " + stderr)
    total, requests, waited, own = m.groups()
    return {"total": float(total), "requests": int(requests), "server": float(waited), "tidings": float(own)}


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tidings", required=True)
    ap.add_argument("--items", type=int, default=10000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--server")
    a = ap.parse_args()
    binary = os.path.abspath(a.tidings)
    server = a.server
    made = False
    if not server:
        server = tempfile.mkdtemp(prefix="sync-bench-server-")
        subprocess.run([sys.executable, HELPER, "up", server, "--items", str(a.items)], check=True, stdout=subprocess.DEVNULL)
        made = True
    info = json.load(open(os.path.join(server, "server.json")))
    rows = []
    try:
        for n in range(a.runs):
            db = sqlite3.connect(os.path.join(server, "coldsweat.db"), timeout=30)
            db.execute("DELETE FROM read")
            db.execute("DELETE FROM saved")
            db.commit()
            db.close()
            root = tempfile.mkdtemp(prefix="sync-bench-")
            home = os.path.join(root, "home")
            os.makedirs(os.path.join(home, ".config", "tidings"))
            os.makedirs(os.path.join(root, "store"))
            with open(os.path.join(home, ".config", "tidings", "config.toml"), "w") as f:
                f.write(f'[sync]\nkind = "fever"\nendpoint = "{info["endpoint"]}"\nuser = "{info["user"]}"\n'
                        'password_env = "BENCH_FEVER_PASSWORD"\ntimeout_seconds = 120\n')
            env = dict(os.environ, HOME=home, XDG_CONFIG_HOME=os.path.join(home, ".config"),
                       BENCH_FEVER_PASSWORD=info["password"], TIDINGS_SYNC_PROFILE="1")
            paths = ["--store", os.path.join(root, "store"), "--state", os.path.join(root, "state.sqlite")]

            done, _ = run(binary, ["sync"] + paths, env)
            pull = profile(done.stderr)
            listed, index_time = run(binary, ["list", "--format", "json"] + paths, env)
            ids = [r["id"] for r in json.loads(listed.stdout)]
            _, mark_time = run(binary, ["mark", "-"] + paths, env, stdin="\n".join(ids) + "\n")
            done, _ = run(binary, ["sync"] + paths, env)
            push = profile(done.stderr)
            db = sqlite3.connect(os.path.join(server, "coldsweat.db"), timeout=30)
            on_server = db.execute("SELECT count(*) FROM read").fetchone()[0]
            db.close()
            rows.append({"articles": len(ids), "pull": pull, "index": index_time, "mark": mark_time, "push": push,
                         "read_on_server": on_server})
            print(f"run {n + 1}: pull {pull['total']:.2f} s ({pull['requests']} requests, server {pull['server']:.2f} s, "
                  f"Tidings {pull['tidings']:.2f} s) + index {index_time:.2f} s; mark {len(ids)} {mark_time:.2f} s; "
                  f"push {push['total']:.2f} s ({push['requests']} requests, server {push['server']:.2f} s, "
                  f"Tidings {push['tidings']:.2f} s); read on server {on_server}", flush=True)
            shutil.rmtree(root, ignore_errors=True)
    finally:
        if made:
            subprocess.run([sys.executable, HELPER, "down", server])

    def med(f):
        return statistics.median(f(r) for r in rows)
    print(f"\nmedians of {len(rows)} runs, {a.items} items:")
    print(f"  pull: {med(lambda r: r['pull']['total']):.2f} s in all, server {med(lambda r: r['pull']['server']):.2f} s, "
          f"Tidings {med(lambda r: r['pull']['tidings']):.2f} s, then indexing {med(lambda r: r['index']):.2f} s")
    print(f"  push: {med(lambda r: r['push']['total']):.2f} s in all, server {med(lambda r: r['push']['server']):.2f} s, "
          f"Tidings {med(lambda r: r['push']['tidings']):.2f} s ({med(lambda r: r['push']['requests'])} requests); "
          f"marking locally {med(lambda r: r['mark']):.2f} s")


if __name__ == "__main__":
    main()
