#!/usr/bin/env python3
"""Fetching 200 feeds of 50 items from nginx on 127.0.0.1: Tidings beside newsboat and sfeed_update,
in one run, medians of --repeat runs.

  python3 Benchmarks/fetch/fetch_bench.py [--repeat 5] [--tidings .build/release/tidings]

Installs nginx-light, newsboat and sfeed with apt-get when missing. The feeds come from
../shared/bench/gen_feeds.py with its Zipf-like sizes replaced by 50 items each. nginx serves
them with ETag/Last-Modified (its defaults) and gzip, as a real server would.

Measured, each from an empty cache/store:
  first   the first fetch of all 200 feeds, and for Tidings also indexing them (tidings fetch
          ends by bringing the article index up to date, so `tidings` opens at once)
  second  the same command again when nothing changed
for:
  tidings fetch                      (16 transfers, 2 per host: all 200 feeds are on one host)
  tidings fetch --no-index           the same without indexing (what fetching alone costs)
  newsboat -x reload                 reload-threads 1 (the shared peer config) and 16
  sfeed_update                       its default maxjobs (16); it fetches with curl, no conditional requests
Wall time, CPU time and peak RSS through GNU time. Results: a markdown table on stdout and
JSON lines in DATA/results.jsonl.
"""
import argparse
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
SHARED = os.path.abspath(os.path.join(ROOT, "..", "shared", "bench"))


def need(packages):
    missing = [p for p in packages if subprocess.run(["dpkg", "-s", p], capture_output=True).returncode != 0]
    if missing:
        print("installing " + " ".join(missing), file=sys.stderr)
        subprocess.run(["apt-get", "update", "-qq"], check=True)
        subprocess.run(["apt-get", "install", "-y", "-qq"] + missing, check=True,
                       env=dict(os.environ, DEBIAN_FRONTEND="noninteractive"))


def generate(out, feeds, items):
    sys.path.insert(0, SHARED)
    import gen_feeds  # noqa: E402
    gen_feeds.feed_sizes = lambda n, f, s=1.0: [n // f] * f
    argv = sys.argv
    sys.argv = ["gen_feeds.py", "--items", str(feeds * items), "--feeds", str(feeds), "--seed", "16",
                "--out", out, "--no-tsv"]
    try:
        gen_feeds.main()
    finally:
        sys.argv = argv
    return sorted(f for f in os.listdir(os.path.join(out, "rss")) if f.endswith(".xml"))


def start_nginx(data, root, port):
    conf_dir = os.path.join(data, "nginx")
    os.makedirs(os.path.join(conf_dir, "logs"), exist_ok=True)
    conf = os.path.join(conf_dir, "nginx.conf")
    with open(conf, "w") as f:
        f.write(f"""
worker_processes 1;
pid {conf_dir}/nginx.pid;
error_log {conf_dir}/logs/error.log;
user root;
events {{ worker_connections 256; }}
http {{
  access_log off;
  types {{ application/rss+xml xml; }}
  gzip on; gzip_types application/rss+xml; gzip_min_length 256;
  keepalive_requests 10000;
  client_body_temp_path {conf_dir}/tmp; proxy_temp_path {conf_dir}/tmp; fastcgi_temp_path {conf_dir}/tmp;
  uwsgi_temp_path {conf_dir}/tmp; scgi_temp_path {conf_dir}/tmp;
  server {{ listen 127.0.0.1:{port}; root {root}; }}
}}
""")
    proc = subprocess.Popen(["nginx", "-p", conf_dir, "-c", conf, "-g", "daemon off;"])
    for _ in range(100):
        try:
            import socket
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return proc
        except OSError:
            time.sleep(0.05)
    proc.kill()
    sys.exit("nginx did not start; see " + conf_dir + "/logs/error.log")


def timed(cmd, env, cwd=None):
    out = subprocess.run(["/usr/bin/time", "-f", "TIME %e %U %S %M"] + cmd, env=env, cwd=cwd,
                         capture_output=True, text=True)
    line = [l for l in out.stderr.splitlines() if l.startswith("TIME ")][-1].split()
    return {"wall": float(line[1]), "cpu": float(line[2]) + float(line[3]), "maxrss_kb": int(line[4]),
            "status": out.returncode, "stdout": out.stdout, "stderr": out.stderr}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--feeds", type=int, default=200)
    ap.add_argument("--items", type=int, default=50)
    ap.add_argument("--port", type=int, default=18431)
    ap.add_argument("--data", default=os.path.join(ROOT, "bench-data", "fetch"))
    ap.add_argument("--tidings", default=os.path.join(ROOT, ".build", "release", "tidings"))
    a = ap.parse_args()
    need(["nginx-light", "newsboat", "sfeed", "time"])
    data = os.path.abspath(a.data)
    shutil.rmtree(data, ignore_errors=True)
    os.makedirs(data)
    names = generate(data, a.feeds, a.items)
    root = os.path.join(data, "rss")
    urls = ["http://127.0.0.1:%d/%s" % (a.port, n) for n in names]
    nginx = start_nginx(data, root, a.port)
    results = []
    try:
        runs = {}

        def record(tool, phase, r):
            runs.setdefault((tool, phase), []).append(r)
            results.append(dict(tool=tool, phase=phase, **{k: r[k] for k in ("wall", "cpu", "maxrss_kb", "status")}))

        for rep in range(a.repeat):
            # ---- Tidings: fetch and index (what `tidings fetch` does), and fetching alone (--no-index)
            for extra, tool in (([], "tidings fetch"), (["--no-index"], "tidings fetch --no-index")):
                d = os.path.join(data, "run", "tidings")
                shutil.rmtree(d, ignore_errors=True)
                os.makedirs(os.path.join(d, "store"))
                with open(os.path.join(d, "feeds.toml"), "w") as f:
                    for u in urls:
                        f.write('[[feed]]\nurl = "%s"\n\n' % u)
                env = dict(os.environ, HOME=d, XDG_CONFIG_HOME=d + "/config", XDG_STATE_HOME=d + "/state",
                           XDG_DATA_HOME=d + "/data", XDG_CACHE_HOME=d + "/cache")
                cmd = [a.tidings, "fetch", "--feeds", d + "/feeds.toml", "--store", d + "/store",
                       "--state", d + "/state.sqlite"] + extra
                first = timed(cmd, env)
                assert first["status"] == 0 and first["stdout"].count(": %d new items" % a.items) == a.feeds, \
                    first["stdout"][-500:] + first["stderr"]
                record(tool, "first", first)
                second = timed(cmd, env)
                assert second["status"] == 0 and second["stdout"].count(": unchanged") == a.feeds, second["stdout"][-500:]
                record(tool, "second", second)

            # ---- newsboat, reload-threads 1 and 16
            for threads in (1, 16):
                d = os.path.join(data, "run", "newsboat")
                shutil.rmtree(d, ignore_errors=True)
                os.makedirs(os.path.join(d, "home"))
                with open(os.path.join(d, "urls"), "w") as f:
                    f.write("\n".join(urls) + "\n")
                with open(os.path.join(d, "conf"), "w") as f:
                    f.write("reload-threads %d\nshow-read-feeds yes\nconfirm-exit no\nbrowser true\n" % threads)
                env = dict(os.environ, HOME=d + "/home", LANG="C.UTF-8", LC_ALL="C.UTF-8")
                cmd = ["newsboat", "-x", "reload", "-u", d + "/urls", "-c", d + "/cache.db", "-C", d + "/conf"]
                tool = "newsboat -x reload (reload-threads %d)" % threads
                record(tool, "first", timed(cmd, env))
                record(tool, "second", timed(cmd, env))

            # ---- sfeed_update
            d = os.path.join(data, "run", "sfeed")
            shutil.rmtree(d, ignore_errors=True)
            os.makedirs(d)
            with open(os.path.join(d, "sfeedrc"), "w") as f:
                f.write('sfeedpath="%s/feeds"\nfeeds() {\n' % d)
                for n, u in zip(names, urls):
                    f.write('\tfeed "%s" "%s"\n' % (n[:-4], u))
                f.write("}\n")
            env = dict(os.environ, HOME=d)
            cmd = ["sfeed_update", d + "/sfeedrc"]
            record("sfeed_update", "first", timed(cmd, env))
            record("sfeed_update", "second", timed(cmd, env))
            print("run %d done" % (rep + 1), file=sys.stderr)
    finally:
        nginx.send_signal(signal.SIGQUIT)
        nginx.wait(timeout=10)

    with open(os.path.join(data, "results.jsonl"), "a") as f:
        for r in results:
            f.write(json.dumps(r) + "\n")
    print("| tool | phase | wall median (min-max) | CPU median | peak RSS median |")
    print("|---|---|---|---|---|")
    for (tool, phase), rs in runs.items():
        walls = [r["wall"] for r in rs]
        bad = sum(1 for r in rs if r["status"] != 0)
        print("| %s | %s | %.2f s (%.2f-%.2f) | %.2f s | %.1f MiB |%s" % (
            tool, phase, statistics.median(walls), min(walls), max(walls),
            statistics.median(r["cpu"] for r in rs), statistics.median(r["maxrss_kb"] for r in rs) / 1024,
            " (%d runs failed)" % bad if bad else ""))


if __name__ == "__main__":
    main()
