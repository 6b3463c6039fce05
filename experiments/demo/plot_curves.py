#!/usr/bin/env python3
"""Validation curves of demo training runs as SVG (standard library only).

Reads the "eval" events of each run folder's metrics.jsonl (written by `egolens train`) and draws average mAP,
average nDCG and the mirror-pair score against wall time, one line per run.

    python3 experiments/demo/plot_curves.py OUT_DIR LABEL=RUN_DIR [LABEL=RUN_DIR ...]

writes OUT_DIR/curves-map.svg, curves-ndcg.svg and curves-mirror.svg.
"""
import json
import os
import sys

COLOURS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b"]
W, H, LEFT, RIGHT, TOP, BOTTOM = 640, 420, 50, 630, 30, 320


def evals(run_dir):
    """(minutes, avg mAP, avg nDCG, mirror) of every validation of a run, in order."""
    out = []
    with open(os.path.join(run_dir, "metrics.jsonl"), encoding="utf-8") as f:
        for line in f:
            e = json.loads(line)
            if e.get("type") == "eval":
                out.append((e["time_s"] / 60, e["mAP"]["avg"], e["nDCG"]["avg"], e.get("mirror_pair")))
    return out


def svg(title, series, y_max, minutes):
    """One chart: series is [(label, [(x minutes, y)])]."""
    sx = lambda x: LEFT + (RIGHT - LEFT) * x / minutes
    sy = lambda y: BOTTOM - (BOTTOM - TOP) * y / y_max
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" font-family="sans-serif" '
             f'font-size="12">', '<rect width="100%" height="100%" fill="white"/>',
             f'<text x="{LEFT}" y="18" font-size="14">{title}</text>']
    for i in range(6):
        y = y_max * i / 5
        parts.append(f'<line x1="{LEFT}" x2="{RIGHT}" y1="{sy(y):.1f}" y2="{sy(y):.1f}" stroke="#ddd"/>'
                     f'<text x="5" y="{sy(y) + 4:.1f}">{y:.2f}</text>')
    for m in range(0, int(minutes) + 1, 2):
        parts.append(f'<text x="{sx(m) - 4:.1f}" y="{BOTTOM + 16}">{m}</text>')
    parts.append(f'<text x="{(LEFT + RIGHT) // 2}" y="{BOTTOM + 32}">minutes</text>')
    for k, (label, pts) in enumerate(series):
        c = COLOURS[k % len(COLOURS)]
        line = " ".join(f"{sx(x):.1f},{sy(y):.1f}" for x, y in pts if y is not None)
        parts.append(f'<polyline fill="none" stroke="{c}" stroke-width="2" points="{line}"/>')
        lx, ly = LEFT + 10 + (k % 3) * 190, H - 50 + (k // 3) * 18
        parts.append(f'<rect x="{lx}" y="{ly}" width="12" height="12" fill="{c}"/>'
                     f'<text x="{lx + 16}" y="{ly + 11}">{label}</text>')
    parts.append("</svg>\n")
    return "\n".join(parts)


def main(argv):
    if len(argv) < 3 or any("=" not in a for a in argv[2:]):
        sys.exit(__doc__)
    out_dir = argv[1]
    runs = [(a.split("=", 1)[0], evals(a.split("=", 1)[1])) for a in argv[2:]]
    minutes = max(15.0, max((e[-1][0] for _, e in runs if e), default=15.0))
    charts = [("curves-map.svg", "Validation average mAP (demo test split) against training time", 1, 0.6),
              ("curves-ndcg.svg", "Validation average nDCG (demo test split) against training time", 2, 0.7),
              ("curves-mirror.svg", "Mirror-pair score (0.5 = order-blind) against training time", 3, 1.0)]
    for name, title, col, y_max in charts:
        series = [(label, [(e[0], e[col]) for e in ev]) for label, ev in runs]
        with open(os.path.join(out_dir, name), "w", encoding="utf-8") as f:
            f.write(svg(title, series, y_max, minutes))


if __name__ == "__main__":
    main(sys.argv)
