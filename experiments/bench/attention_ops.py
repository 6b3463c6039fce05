#!/usr/bin/env python3
"""Per-op times of one EVA02-AT-B/16 attention layer in PyTorch eager, the reference for AttentionOpsBench.

    attention_ops.py N THREADS REPS

Shapes as in the video tower (B = 1, H = 12 heads of d = 64, N tokens): q kᵀ as (1, H, N, d) @ (1, H, d, N), with
contiguous operands and with the transposed views the model uses; softmax over the last axis of the (1, H, N, N)
scores; probabilities @ v. Inference (no_grad), best of REPS after one warm-up; prints one JSON object in ms.
"""
import json
import sys
import time

import torch


def best_ms(f, reps):
    f()
    best = float("inf")
    for _ in range(reps):
        t0 = time.perf_counter()
        f()
        best = min(best, (time.perf_counter() - t0) * 1e3)
    return best


def main():
    n, threads, reps = (int(a) for a in sys.argv[1:4])
    torch.set_num_threads(threads)
    h, d = 12, 64
    g = torch.Generator().manual_seed(0)
    with torch.no_grad():
        x = torch.randn(1, n, h * d, generator=g)
        q_view = x.view(1, n, h, d).transpose(1, 2)
        kt_view = x.view(1, n, h, d).permute(0, 2, 3, 1)
        q = torch.randn(1, h, n, d, generator=g)
        kt = torch.randn(1, h, d, n, generator=g)
        v = torch.randn(1, h, n, d, generator=g)
        scores = torch.matmul(q, kt)
        probs = scores.softmax(-1)
        out = {
            "torch": torch.__version__, "threads": torch.get_num_threads(), "n": n,
            "qk_contiguous_ms": best_ms(lambda: torch.matmul(q, kt), reps),
            "qk_views_ms": best_ms(lambda: torch.matmul(q_view, kt_view), reps),
            "softmax_ms": best_ms(lambda: scores.softmax(-1), reps),
            "pv_ms": best_ms(lambda: torch.matmul(probs, v), reps),
        }
    print(json.dumps(out))


if __name__ == "__main__":
    main()
