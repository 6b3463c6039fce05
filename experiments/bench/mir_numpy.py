"""Reference for MirRunBench: EK-100 multi-instance retrieval mAP and nDCG in numpy, as the official protocol computes
them (docs/evaluation-and-formats.md §2.3-2.4: full-row argsort, graded cumulative relevance over the exact-1 items for
mAP; DCG over the k_q positives against the ideal ordering for nDCG), both directions.

Usage: /usr/bin/python3 mir_numpy.py SIMILARITY.npy RELEVANCY.npy
Prints one JSON line: the four metrics (V->T, T->V) and the wall time in ms of load, metrics and total.
"""
import json
import sys
import time

import numpy as np


def mean_ap(s, r):
    order = np.argsort(-s, axis=1)
    rel = np.take_along_axis(r, order, axis=1)
    cum = np.cumsum(rel, axis=1) / np.arange(1, s.shape[1] + 1)
    hit = rel == 1.0
    return float(np.mean((cum * hit).sum(axis=1) / hit.sum(axis=1)))


def ndcg(s, r):
    order = np.argsort(s, axis=1)[:, ::-1]
    rel = np.take_along_axis(r, order, axis=1)
    ideal = -np.sort(-r, axis=1)
    k = (r > 0).sum(axis=1)
    disc = 1.0 / np.log2(np.arange(2, s.shape[1] + 2))
    mask = np.arange(s.shape[1])[None, :] < k[:, None]
    dcg = (rel * disc * mask).sum(axis=1)
    idcg = (ideal * disc * mask).sum(axis=1)
    return float(np.mean(dcg / idcg))


def main():
    t0 = time.perf_counter()
    s = np.load(sys.argv[1]).astype(np.float64)
    r = np.load(sys.argv[2]).astype(np.float64)
    t1 = time.perf_counter()
    out = {"map_vt": mean_ap(s, r), "map_tv": mean_ap(s.T.copy(), r.T.copy()),
           "ndcg_vt": ndcg(s, r), "ndcg_tv": ndcg(s.T.copy(), r.T.copy())}
    t2 = time.perf_counter()
    out.update(load_ms=(t1 - t0) * 1e3, metrics_ms=(t2 - t1) * 1e3, total_ms=(t2 - t0) * 1e3)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
