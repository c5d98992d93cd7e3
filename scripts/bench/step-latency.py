"""How long Yardstick takes to start (--help) and to answer one step of the interactive fill:
the time from typing an answer (Enter) to the next prompt, measured through a pseudo-terminal.
Usage: python3 scripts/bench/step-latency.py YARDSTICK DATABASE   (the database has the bundled
forms and the roster with agent B00001, e.g. after 'yardstick init' and 'agents import')."""
import os
import pty
import statistics
import subprocess
import sys
import time

yardstick, database = sys.argv[1], sys.argv[2]

starts = []
for _ in range(20):
    began = time.perf_counter()
    subprocess.run([yardstick, "--help"], stdout=subprocess.DEVNULL, check=True)
    starts.append(time.perf_counter() - began)

answers = ["C-1001", "2026-03-02", "enquiry", "0:12", "5", "yes", "no", "3", "yes", "yes", "yes", "no", "yes", "yes", "4", "yes",
           "yes", "no", "yes", "no", "yes", "yes", "no", "no"]
pid, fd = pty.fork()
if pid == 0:
    os.execv(yardstick, [yardstick, "--db", database, "audit", "new", "--form", "call-review", "--agent", "B00001"])

def read_until_prompt():
    seen = b""
    while not seen.endswith(b"> "):
        chunk = os.read(fd, 4096)
        if not chunk:
            return seen
        seen += chunk
    return seen

read_until_prompt()
steps = []
for answer in answers:
    began = time.perf_counter()
    os.write(fd, (answer + "\r").encode())
    out = read_until_prompt()
    steps.append(time.perf_counter() - began)
    if b"Submit this audit?" in out:
        break
os.write(fd, b"q\r")
os.close(fd)
os.waitpid(pid, 0)
print(f"yardstick --help: median {statistics.median(starts) * 1000:.1f} ms, max {max(starts) * 1000:.1f} ms over {len(starts)} runs")
print(f"interactive step (answer to next prompt, answer saved to the draft): median {statistics.median(steps) * 1000:.1f} ms, "
      f"max {max(steps) * 1000:.1f} ms over {len(steps)} steps")
