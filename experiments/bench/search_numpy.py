"""Reference for SearchLatencyBench: brute-force top-10 inner-product search with numpy.

Reads raw little-endian float32 files written by the Java bench: the index (N, D) and the queries (Q, D), all rows
L2-normalised. Each query is timed on its own, as the workbench serves one search at a time: scores = E @ q, then
argpartition for the top k and a sort of those k. Prints one JSON line: p50/p95 in ms and the top-k row ids per query.
Usage: /usr/bin/python3 search_numpy.py INDEX.f32 QUERIES.f32 N Q D K
"""
import json
import sys
import time

import numpy as np


def main():
    index_path, query_path = sys.argv[1], sys.argv[2]
    n, q, d, k = (int(x) for x in sys.argv[3:7])
    e = np.fromfile(index_path, dtype="<f4").reshape(n, d)
    qs = np.fromfile(query_path, dtype="<f4").reshape(q, d)
    for i in range(min(q, 20)):  # warm-up
        np.argpartition(-(e @ qs[i]), k)[:k]
    times, tops = [], []
    for i in range(q):
        t0 = time.perf_counter()
        s = e @ qs[i]
        part = np.argpartition(-s, k)[:k]
        top = part[np.argsort(-s[part])]
        times.append((time.perf_counter() - t0) * 1e3)
        tops.append(top.tolist())
    times = np.array(times)
    print(json.dumps({"p50_ms": float(np.percentile(times, 50)), "p95_ms": float(np.percentile(times, 95)),
                      "threads": "numpy default BLAS", "top": tops}))


if __name__ == "__main__":
    main()
