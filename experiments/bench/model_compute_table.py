#!/usr/bin/env python3
"""Prints the item-1 table from ModelComputeBench's and the twin's JSON lines (model_compute.sh writes both).

Usage: model_compute_table.py JAVA.jsonl TWIN.jsonl
"""
import json
import sys


def read(path):
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip().startswith("{")]


def main(java_file, twin_file):
    rows = {"egolens": read(java_file), "twin": read(twin_file)}
    print("| side | threads | sgemm peak (4096², fp32) |")
    print("|---|---|---|")
    for side, recs in rows.items():
        for r in recs:
            if r.get("what") == "sgemm_peak":
                print("| %s | %d | %.1f GFLOP/s |" % (side, r["threads"], r["flops_per_s"] / 1e9))
    print()
    print("| threads | pass | B | T | GFLOP | EgoLens s | twin s | EgoLens / twin | MFU EgoLens | MFU twin | "
          "peak RSS EgoLens / twin (MB) | timed runs |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    cases = {}
    for side, recs in rows.items():
        for r in recs:
            if "mode" in r:
                cases.setdefault((r["threads"], r["mode"], r["batch"], r["frames"]), {})[side] = r
    for key in sorted(cases, key=lambda k: (-k[0], k[1] != "fwd", k[3], k[2])):
        th, mode, b, t = key
        e = cases[key].get("egolens", {})
        w = cases[key].get("twin", {})

        def sec(r):
            return "%.2f" % r["median_s"] if "median_s" in r else ("not run: " + r["error"] if "error" in r else "–")

        ratio = "%.2f" % (e["median_s"] / w["median_s"]) if "median_s" in e and "median_s" in w else "–"
        mfu = lambda r: "%.1f %%" % (100 * r["mfu"]) if "mfu" in r else "–"
        flops = (e or w).get("flops", 0) / 1e9
        runs = "%s / %s" % (e.get("runs", "–"), w.get("runs", "–"))
        print("| %d | %s | %d | %d | %.0f | %s | %s | %s | %s | %s | %s / %s | %s |"
              % (th, mode, b, t, flops, sec(e), sec(w), ratio, mfu(e), mfu(w), e.get("rss_peak_mb", "–"),
                 w.get("rss_peak_mb", "–"), runs))


if __name__ == "__main__":
    main(*sys.argv[1:3])
