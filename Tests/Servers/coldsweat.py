#!/usr/bin/env python3
"""A real Fever server for the sync tests: Coldsweat (PyPI) on 127.0.0.1, fed generated feeds.

  coldsweat.py venv                       make (once) the cached virtual environment
  coldsweat.py up DIR [--items N] [--feeds F] [--seed S]
                                          feeds served by http.server, a user, `coldsweat fetch`,
                                          then `coldsweat run`; prints DIR/server.json
  coldsweat.py more DIR --items N          add N newer items to every feed and fetch again
  coldsweat.py stop DIR | start DIR        stop / start the Fever server only (same port)
  coldsweat.py down DIR                    stop everything started for DIR
  coldsweat.py state DIR                   the server's own tables as JSON: items, read, saved
  coldsweat.py fake DIR KIND               a broken server (html, garbage, hang) on a free port

The virtual environment lives in $COLDSWEAT_VENV, else .build-coldsweat/venv beside Package.swift,
and is made once (under a lock, so parallel tests share it). Everything binds 127.0.0.1 only.
"""
import fcntl
import hashlib
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from datetime import datetime, timedelta, timezone
from xml.sax.saxutils import escape

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
VENV = os.environ.get("COLDSWEAT_VENV") or os.path.join(ROOT, ".build-coldsweat", "venv")
COLDSWEAT = "coldsweat==0.10.2"
USER = "reader@example.org"
PASSWORD = "correct horse battery"
FEEDS = [("World Desk", "News"), ("Tech Ledger", "News"), ("Market Wire", "Business"),
         ("Science Notes", "Science"), ("City Hall Watch", "")]


def venv():
    """The venv's coldsweat program, installing it first when missing."""
    program = os.path.join(VENV, "bin", "coldsweat")
    if os.path.exists(os.path.join(VENV, ".ready")):
        return program
    os.makedirs(os.path.dirname(VENV), exist_ok=True)
    with open(VENV + ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not os.path.exists(os.path.join(VENV, ".ready")):
            subprocess.run([sys.executable, "-m", "venv", "--clear", VENV], check=True)
            subprocess.run([os.path.join(VENV, "bin", "pip"), "install", "-q", "--disable-pip-version-check",
                            COLDSWEAT], check=True)
            open(os.path.join(VENV, ".ready"), "w").close()
    return program


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def env_for(folder):
    env = dict(os.environ)
    env["FLASK_DATABASE_URL"] = "sqlite:///" + os.path.join(folder, "coldsweat.db")
    env["FLASK_SECRET_KEY"] = "tests only"
    # Coldsweat asks a web service for each feed's icon: send that to a closed port so it fails at
    # once instead of waiting on DNS; the feeds themselves are on loopback.
    env["HTTPS_PROXY"] = env["https_proxy"] = "http://127.0.0.1:9"
    env["NO_PROXY"] = env["no_proxy"] = "127.0.0.1,localhost"
    return env


def feed_xml(index, title, items, first, count):
    """An RSS file with items first..first+count-1 of feed `index`, newest first."""
    slug = title.lower().replace(" ", "-")
    base = datetime(2025, 1, 1, tzinfo=timezone.utc)
    out = ['<?xml version="1.0" encoding="UTF-8"?>', '<rss version="2.0"><channel>',
           f"<title>{escape(title)}</title><link>https://{slug}.example.org/</link><description>t</description>"]
    for n in reversed(range(first, first + count)):
        when = base + timedelta(hours=n * len(FEEDS) + index)
        out.append("<item>"
                   f"<title>{escape(title)} story {n}: council {index} votes on plan {n * 7 % 101}</title>"
                   f"<link>https://{slug}.example.org/{n}</link><guid>urn:{slug}:{n}</guid>"
                   f"<pubDate>{when.strftime('%a, %d %b %Y %H:%M:%S +0000')}</pubDate>"
                   f"<description>&lt;p&gt;Paragraph one of {escape(title)} story {n}.&lt;/p&gt;"
                   f"&lt;p&gt;Paragraph two, with more words.&lt;/p&gt;</description></item>")
    out.append("</channel></rss>")
    items[index] = first + count
    return "\n".join(out)


def write_feeds(folder, config, per_feed_new):
    served = os.path.join(folder, "feeds")
    os.makedirs(served, exist_ok=True)
    counts = config.setdefault("counts", {})
    for i, (title, _) in enumerate(FEEDS):
        have = counts.get(str(i), 0)
        items = {}
        # Each fetch sees every item so far (a feed keeps its history here).
        text = feed_xml(i, title, items, 0, have + per_feed_new[i])
        tmp = os.path.join(served, f"{i}.xml.tmp")
        with open(tmp, "w") as f:
            f.write(text)
        os.replace(tmp, os.path.join(served, f"{i}.xml"))
        counts[str(i)] = have + per_feed_new[i]


def spread(total):
    """`total` items over the feeds, the first feeds biggest."""
    weights = [5, 3, 2, 1, 1][:len(FEEDS)]
    share = [total * w // sum(weights) for w in weights]
    share[0] += total - sum(share)
    return share


def wait_for(port, seconds=20):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise SystemExit(f"nothing answers on 127.0.0.1:{port}")


def spawn(args, folder, log, env=None, cwd=None):
    out = open(os.path.join(folder, log), "ab")
    return subprocess.Popen(args, stdout=out, stderr=out, stdin=subprocess.DEVNULL, env=env, cwd=cwd,
                            start_new_session=True).pid


def load(folder):
    with open(os.path.join(folder, "server.json")) as f:
        return json.load(f)


def save(folder, config):
    tmp = os.path.join(folder, "server.json.tmp")
    with open(tmp, "w") as f:
        json.dump(config, f, indent=1)
    os.replace(tmp, os.path.join(folder, "server.json"))


def fetch(folder):
    program = venv()
    subprocess.run([program, "fetch"], env=env_for(folder), cwd=folder, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def start(folder):
    config = load(folder)
    config["pid"] = spawn([venv(), "run", "-h", "127.0.0.1", "-p", str(config["port"])],
                          folder, "coldsweat.log", env=env_for(folder), cwd=folder)
    save(folder, config)
    wait_for(config["port"])


def kill(pid):
    if not pid:
        return
    try:
        os.killpg(pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    for _ in range(100):
        try:
            os.kill(pid, 0)
            os.waitpid(pid, os.WNOHANG)
        except (ProcessLookupError, ChildProcessError):
            return
        time.sleep(0.02)
    try:
        os.killpg(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def stop(folder):
    config = load(folder)
    kill(config.get("pid"))
    config["pid"] = None
    save(folder, config)


def up(folder, items, seed):
    folder = os.path.abspath(folder)
    os.makedirs(folder, exist_ok=True)
    program = venv()
    config = {"feeds_port": free_port(), "port": free_port(), "user": USER, "password": PASSWORD}
    config["endpoint"] = f"http://127.0.0.1:{config['port']}/fever/"
    config["api_key"] = hashlib.md5(f"{USER}:{PASSWORD}".encode()).hexdigest()
    write_feeds(folder, config, spread(items))
    config["feeds_pid"] = spawn([sys.executable, "-m", "http.server", str(config["feeds_port"]), "--bind",
                                 "127.0.0.1", "--directory", os.path.join(folder, "feeds")], folder, "feeds.log")
    save(folder, config)
    wait_for(config["feeds_port"])
    outlines = []
    groups = {}
    for i, (title, group) in enumerate(FEEDS):
        line = f'<outline type="rss" text="{title}" xmlUrl="http://127.0.0.1:{config["feeds_port"]}/{i}.xml"/>'
        if group:
            groups.setdefault(group, []).append(line)
        else:
            outlines.append(line)
    for group, lines in groups.items():
        outlines.append(f'<outline text="{group}" title="{group}">' + "".join(lines) + "</outline>")
    opml = os.path.join(folder, "feeds.opml")
    with open(opml, "w") as f:
        f.write('<?xml version="1.0"?><opml version="1.0"><head><title>t</title></head><body>'
                + "".join(outlines) + "</body></opml>")
    env = env_for(folder)
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, "check": True, "env": env, "cwd": folder}
    subprocess.run([program, "setup", USER, "-p", PASSWORD], **quiet)
    subprocess.run([program, "import", opml, USER], **quiet)
    fetch(folder)
    start(folder)
    print(json.dumps(load(folder)))


def more(folder, items):
    config = load(folder)
    write_feeds(folder, config, spread(items))
    save(folder, config)
    fetch(folder)


def state(folder):
    db = sqlite3.connect(os.path.join(folder, "coldsweat.db"), timeout=10)
    items = {str(i): t for i, t in db.execute("SELECT id, title FROM entries")}
    read = sorted(r for (r,) in db.execute("SELECT entry_id FROM read"))
    saved = sorted(r for (r,) in db.execute("SELECT entry_id FROM saved"))
    print(json.dumps({"items": items, "read": read, "saved": saved}))


FAKE = r'''
import http.server, sys, time
kind = sys.argv[1]
class H(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        if kind == "hang":
            time.sleep(3600)
        body = b"<html><body><h1>Welcome</h1>Please log in</body></html>" if kind == "html" else bytes(range(256)) * 4
        self.send_response(200)
        self.send_header("Content-Type", "text/html" if kind == "html" else "application/octet-stream")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    do_GET = do_POST
    def log_message(self, *a): pass
s = http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[2])), H)
s.serve_forever()
'''


def fake(folder, kind):
    folder = os.path.abspath(folder)
    os.makedirs(folder, exist_ok=True)
    port = free_port()
    pid = spawn([sys.executable, "-c", FAKE, kind, str(port)], folder, "fake.log")
    wait_for(port)
    config = {"port": port, "pid": pid, "endpoint": f"http://127.0.0.1:{port}/fever/"}
    save(folder, config)
    print(json.dumps(config))


def down(folder):
    try:
        config = load(folder)
    except FileNotFoundError:
        return
    kill(config.get("pid"))
    kill(config.get("feeds_pid"))


def main(argv):
    if not argv:
        raise SystemExit(__doc__)
    command, rest = argv[0], argv[1:]
    options = {}
    positional = []
    i = 0
    while i < len(rest):
        if rest[i].startswith("--"):
            options[rest[i][2:]] = rest[i + 1]
            i += 2
        else:
            positional.append(rest[i])
            i += 1
    if command == "venv":
        print(venv())
    elif command == "up":
        up(positional[0], int(options.get("items", 60)), int(options.get("seed", 1)))
    elif command == "more":
        more(positional[0], int(options.get("items", 10)))
    elif command == "stop":
        stop(positional[0])
    elif command == "start":
        start(positional[0])
    elif command == "down":
        down(positional[0])
    elif command == "state":
        state(positional[0])
    elif command == "fake":
        fake(positional[0], positional[1])
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
