#!/usr/bin/python3.11
"""TEST STAND-IN for LEAN's launcher (`dotnet QuantConnect.Lean.Launcher.dll`) in the stand-in image.

The real quantconnect/lean image cannot be pulled on the project's machines, so the tests run this
in its place. It honours the container contract the runner must meet and nothing more:
  - checks the mounted config.json for every key the runner must write, and the mounts;
  - prints LEAN-format log lines;
  - copies a real LEAN result (baked into the image from the shared fixtures) into /Results under the
    configured algorithm id;
  - for algorithms marked with a comment, misbehaves the way LEAN does:
      `# stand-in: runtime-error`  prints a LEAN runtime error at that line and exits 1
      `# stand-in: sleep`          sleeps past any test timeout
      `# stand-in: exit-137`       dies with SIGKILL (exit code 137), as an out-of-memory kill does
"""
import json
import os
import shutil
import sys
import time

CONFIG = "/Lean/Launcher/bin/Debug/config.json"
REQUIRED = json.load(open("/standin/required-keys.json"))


def log(level, message):
    stamp = time.strftime("%Y%m%d %H:%M:%S", time.gmtime())
    print(f"{stamp}.000 {level}:: {message}", flush=True)


def main():
    config = json.load(open(CONFIG))
    missing = [key for key in REQUIRED if key not in config]
    if missing:
        log("ERROR", f"stand-in: config.json lacks {', '.join(missing)}")
        return 3
    expected = {
        "environment": "backtesting",
        "algorithm-language": "Python",
        "data-folder": "/Lean/Data",
        "results-destination-folder": "/Results",
        "object-store-root": "/Storage",
    }
    wrong = {k: config.get(k) for k, v in expected.items() if config.get(k) != v}
    if wrong:
        log("ERROR", f"stand-in: unexpected config values {wrong}")
        return 3
    for folder in ("/LeanCLI", "/Lean/Data", "/Results", "/Storage"):
        if not os.path.isdir(folder):
            log("ERROR", f"stand-in: {folder} is not mounted")
            return 3
    algorithm = config["algorithm-location"]
    log("TRACE", "Engine.Main(): LEAN ALGORITHMIC TRADING ENGINE v2.5.0.0 Mode: DEBUG (64bit) Host: stand-in")
    log("TRACE", f"JobQueue.NextJob(): Selected {algorithm}")
    lines = open(algorithm).read().splitlines()
    for number, line in enumerate(lines, 1):
        if "stand-in: runtime-error" in line:
            code = line.split("#")[0].strip() or "self.undefined_thing()"
            log("ERROR", "Runtime Error: name 'undefined_thing' is not defined")
            print(f"  at on_data\n    {code}\n in main.py: line {number}\n", flush=True)
            return 1
        if "stand-in: sleep" in line:
            log("TRACE", "stand-in: sleeping")
            time.sleep(3600)
        if "stand-in: exit-137" in line:
            # PID 1 ignores its own SIGKILL, so exit with the status a kill by the OOM killer leaves.
            os._exit(137)
    algorithm_id = config["algorithm-id"]
    source_id = open("/standin/results/id").read().strip()
    for name in os.listdir("/standin/results"):
        if name == "id":
            continue
        shutil.copy(os.path.join("/standin/results", name), os.path.join("/Results", name.replace(source_id, algorithm_id)))
    print(f"{time.strftime('%Y-%m-%d %H:%M:%S')} Debug: stand-in algorithm ran", flush=True)
    statistics = json.load(open(f"/Results/{algorithm_id}.json")).get("statistics", {})
    for name, value in statistics.items():
        log("TRACE", f"STATISTICS:: {name} {value}")
    log("TRACE", "Engine.Run(): Exiting Algorithm Manager")
    return 0


if __name__ == "__main__":
    sys.exit(main())
