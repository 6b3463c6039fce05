#!/usr/bin/env python3
"""PyTorch twin of EgoLens's EVA02-AT dual encoder (model/src/main/java/org/egolens/model/nn).

One file, PyTorch + numpy + stdlib only. It builds the same model as EgoLens from an EgoLens model folder
(``config.json`` + ``model.safetensors``, optionally ``video_model.safetensors`` laid over it, as ModelFactory.load does),
loads the weights strictly, and runs it on the CPU or on CUDA (fp32 or bf16). EgoLens's CI holds it to parity with the
Java model (``TwinParityTest``, max abs difference <= 1e-5), so figures measured with it on a GPU are the twin's
figures for EgoLens's architecture, not EgoLens's own.

Spec references are to ``shared/docs/eva02-at-spec.md`` (the digest of arXiv 2506.14356):

* vision tower, spec 1.2 and 7: per-frame patch embedding, z0 = P_xy^T + P_t^S + x0 (paper Eq. 7), CLS with
  ``pos_embed[0]`` only, joint space-time attention, Attn(R W_q z, R W_k z, W_v z) (paper Eq. 10) with sub-LN,
  SwiGLU with sub-LN, final LN on CLS, linear head;
* ST-RoPE, spec 2.2 (paper Eq. 8-9): angle = spatial EVA-02 2-D angle + full-width 1-D temporal angle, rotation on
  interleaved pairs of q and k of patch tokens only;
* text tower, spec 1.3: CLIP transformer, causal mask, exact GELU (QuickGELU only if the config asks), EOT pooling
  (first argmax id), ``ln_final``, ``x @ text_projection``;
* logit scale, spec 1.4: ``exp(logit_scale)`` times cosine similarities.

Commands::

    python3 eva02_at_twin.py parity --model DIR --inputs DIR --out DIR [--device cuda --dtype bf16]
    python3 eva02_at_twin.py step   --model DIR --inputs DIR --out DIR [--gamma 0.6 --lam 0.1 --tau 0.1 --lr 1e-3]
    python3 eva02_at_twin.py bench  --model DIR_OR_CONFIG [--random-init] --batches 1,2 --frames 4,16 --threads 2
    python3 eva02_at_twin.py info   --model DIR

``parity`` reads ``frames.npy`` (B, 3, T, H, W) float32 and ``text_ids.npy`` (N, L) int64 from ``--inputs`` (and
``image.npy`` (B, 3, H, W) if present) and writes ``video_features.npy``, ``video_tokens_block0.npy``,
``text_features.npy``, ``text_tokens_block0.npy``, ``logits.npy`` (video-text; and ``image_features.npy``,
``image_logits.npy``, the image-text logits of the golden ``logits.npy``) as float32 to ``--out``.
"""

import argparse
import json
import math
import os
import struct
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

ROPE_MODES = ("st", "spatial", "split3d", "none")
VISION_NORM_EPS = 1e-6  # EVA: partial(LayerNorm, eps=1e-6) (VisionConfig.NORM_EPS)
TEXT_NORM_EPS = 1e-5  # torch default (TextConfig.NORM_EPS)
ROPE_THETA = 10000.0
HAS_SDPA = hasattr(F, "scaled_dot_product_attention")
IGNORED_SUFFIXES = ("rope.freqs_cos", "rope.freqs_sin", "attn_mask")  # recomputed, as WeightLoader.isIgnorable


# ----------------------------------------------------------------------------------------------------------- config

class Config:
    """EVA-CLIP ``config.json`` plus EgoLens's ``num_frames``/``rope_mode``/``quick_gelu`` (ModelConfig.parse defaults)."""

    def __init__(self, d):
        v = d["vision_cfg"]
        t = d["text_cfg"]
        for k in ("ls_init_value", "postnorm", "use_rms_norm", "global_average_pool", "attentional_pool",
                  "use_rel_pos_bias"):
            if v.get(k):
                raise ValueError("vision_cfg.%s=%r is not supported" % (k, v[k]))
        if not v.get("naiveswiglu", False) or not v.get("subln", False):
            raise ValueError("only EVA02 towers (naiveswiglu and subln true) are supported")
        self.embed_dim = int(d["embed_dim"])
        self.image_size = int(v["image_size"])
        self.patch_size = int(v["patch_size"])
        self.layers = int(v["layers"])
        self.width = int(v["width"])
        self.head_width = int(v.get("head_width", 64))
        self.mlp_hidden = int(self.width * float(v.get("mlp_ratio", 4.0)))  # Python truncation, as EVA
        self.pt_hw_seq_len = int(v.get("pt_hw_seq_len", 16))
        rope = bool(v.get("rope", False))
        self.rope_mode = str(d.get("rope_mode") or ("st" if rope else "none")).strip().lower()
        if self.rope_mode not in ROPE_MODES:
            raise ValueError("unknown rope_mode %r (expected one of %s)" % (self.rope_mode, ", ".join(ROPE_MODES)))
        self.num_frames = int(d.get("num_frames") or 4)
        self.quick_gelu = bool(d.get("quick_gelu", False))
        self.context_length = int(t.get("context_length", 77))
        self.vocab_size = int(t.get("vocab_size", 49408))
        self.text_width = int(t["width"])
        self.text_heads = int(t["heads"])
        self.text_layers = int(t["layers"])
        self.text_mlp_hidden = int(self.text_width * float(t.get("mlp_ratio", 4.0)))
        if self.image_size % self.patch_size or self.width % self.head_width or self.head_width % 4:
            raise ValueError("inconsistent vision sizes")
        self.grid = self.image_size // self.patch_size
        self.heads = self.width // self.head_width

    @staticmethod
    def read(path):
        with open(path, "r", encoding="utf-8") as f:
            return Config(json.load(f))


# ------------------------------------------------------------------------------------------------------ safetensors

_ST_DTYPES = {"F32": np.float32, "F64": np.float64, "F16": np.float16, "I64": np.int64, "I32": np.int32}


def read_safetensors(path):
    """Reads a safetensors file: u64 little-endian header length, JSON header, raw little-endian data.

    Returns {name: float32/int torch tensor}. BF16 is widened to float32 by shifting into the high half of a u32.
    """
    with open(path, "rb") as f:
        blob = f.read()
    (n,) = struct.unpack("<Q", blob[:8])
    header = json.loads(blob[8:8 + n].decode("utf-8"))
    base = 8 + n
    out = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        start, end = info["data_offsets"]
        raw = blob[base + start:base + end]
        shape = tuple(info["shape"])
        dt = info["dtype"]
        if dt == "BF16":
            u16 = np.frombuffer(raw, dtype="<u2").astype(np.uint32) << 16
            arr = u16.view(np.float32)
        elif dt in _ST_DTYPES:
            arr = np.frombuffer(raw, dtype=np.dtype(_ST_DTYPES[dt]).newbyteorder("<"))
        else:
            raise ValueError("%s: tensor %s has unsupported dtype %s" % (path, name, dt))
        out[name] = torch.from_numpy(np.array(arr, copy=True).reshape(shape))
    return out


def read_model_folder(folder):
    """State dict of an EgoLens model folder: model.safetensors, then video_model.safetensors over it (its keys win)."""
    sd = {}
    found = False
    for name in ("model.safetensors", "video_model.safetensors"):
        p = os.path.join(folder, name)
        if os.path.isfile(p):
            sd.update(read_safetensors(p))
            found = True
    if not found:
        raise FileNotFoundError("%s: no model.safetensors or video_model.safetensors" % folder)
    if sd and all(k.startswith("module.") for k in sd):
        sd = {k[len("module."):]: v for k, v in sd.items()}
    return sd


# ------------------------------------------------------------------------------------------------------------- rope

def _inv_freq(j, dim):
    """``1 / 10000^(2j/dim)`` in float32 (Rope.inverseFrequency: pow in double, rounded, then 1f / p)."""
    p = torch.tensor([ROPE_THETA ** (float(np.float32(2.0 * jj) / np.float32(dim))) for jj in j], dtype=torch.float64)
    return 1.0 / p.to(torch.float32)


def rope_angles(mode, head_dim, frames, grid, pt_seq_len):
    """Per-pair rotation angles of every patch token, spec 2.2 (paper Eq. 8-9), float32, shape (T*G*G, head_dim/2).

    Row t*G^2 + h*G + w. Spatial positions rescaled to the pretraining grid, h' = h*pt/G, w' = w*pt/G.
      st:      pairs m < P/2: h'*10000^(-m/(P/2))... i.e. EVA 2-D RoPE (rows then columns), plus t*10000^(-2m/d_h) on
               every pair; the angles add (R_xy * R_t).
      spatial: the 2-D part only.
      split3d: CogVideoX-style bands: rows, columns, then P/4 pairs of time, each band its own ladder.
      none:    zeros.
    """
    pairs = head_dim // 2
    t = torch.arange(frames, dtype=torch.float32).view(frames, 1, 1).expand(frames, grid, grid).reshape(-1)
    gi = torch.arange(grid, dtype=torch.float32)
    pos = (gi / float(grid)) * float(pt_seq_len)  # Rope.scaledPosition, float32
    ph = pos.view(1, grid, 1).expand(frames, grid, grid).reshape(-1)
    pw = pos.view(1, 1, grid).expand(frames, grid, grid).reshape(-1)
    n = frames * grid * grid
    if mode == "none":
        return torch.zeros(n, pairs)
    if mode in ("st", "spatial"):
        half = pairs // 2
        f = _inv_freq(range(half), pairs)
        a = torch.cat([ph[:, None] * f[None, :], pw[:, None] * f[None, :]], dim=1)
        if mode == "st":
            a = a + t[:, None] * _inv_freq(range(pairs), head_dim)[None, :]
        return a
    if mode == "split3d":
        nt = pairs // 4
        nh = (pairs - nt) // 2
        nw = pairs - nt - nh
        return torch.cat([ph[:, None] * _inv_freq(range(nh), 2 * nh)[None, :],
                          pw[:, None] * _inv_freq(range(nw), 2 * nw)[None, :],
                          t[:, None] * _inv_freq(range(nt), 2 * nt)[None, :]], dim=1)
    raise ValueError(mode)


def rope_tables(mode, head_dim, frames, grid, pt_seq_len):
    """cos and signed sin tables (1 + T*G^2, head_dim) with a CLS row of cos 1, sin 0 (CLS is never rotated).

    Each pair angle fills channels 2m and 2m+1; sinSigned is -sin in even channels, +sin in odd ones, so that
    x' = x*cos + pair_swap(x)*sinSigned equals EVA's interleaved rotate_half rotation (spec 2.2).
    cos/sin are evaluated in float64 and rounded, as Rope.cosSinWithCls does.
    """
    a = rope_angles(mode, head_dim, frames, grid, pt_seq_len).to(torch.float64).repeat_interleave(2, dim=1)
    cos = torch.cos(a).to(torch.float32)
    sin = torch.sin(a).to(torch.float32)
    sign = torch.tensor([-1.0, 1.0]).repeat(head_dim // 2)
    sin = sin * sign
    cos = torch.cat([torch.ones(1, head_dim), cos], 0)
    sin = torch.cat([torch.zeros(1, head_dim), sin], 0)
    return cos, sin


def apply_rope(x, cos, sin):
    """Rotates interleaved pairs of x (B, H, N, d) by tables (N, d): x*cos + swap(x)*sinSigned (spec 2.2)."""
    s = x.shape
    swapped = x.reshape(*s[:-1], s[-1] // 2, 2).flip(-1).reshape(s)
    return x * cos + swapped * sin


def attention(q, k, v, mask=None, causal=False):
    """softmax(q k^T / sqrt(d) + mask) v for (B, H, N, d); SDPA when torch has it (>= 2.0), else explicit matmuls."""
    if HAS_SDPA:
        return F.scaled_dot_product_attention(q, k, v, attn_mask=None if causal else mask, is_causal=causal)
    scores = torch.matmul(q * (q.shape[-1] ** -0.5), k.transpose(-2, -1))
    if causal:
        n = q.shape[-2]
        scores = scores + torch.full((n, n), float("-inf"), device=q.device, dtype=q.dtype).triu(1)
    elif mask is not None:
        scores = scores + mask
    return torch.matmul(scores.softmax(-1), v)


# ----------------------------------------------------------------------------------------------------- vision tower

class EvaAttention(nn.Module):
    """EVA-02 attention with sub-LN (paper Eq. 10): q/k/v bias-free projections plus q_bias, v_bias; RoPE on q, k of
    patch tokens; joint softmax attention; inner_attn_ln; proj."""

    def __init__(self, width, heads):
        super().__init__()
        self.heads = heads
        self.q_bias = nn.Parameter(torch.zeros(width))
        self.v_bias = nn.Parameter(torch.zeros(width))
        self.q_proj = nn.Linear(width, width, bias=False)
        self.k_proj = nn.Linear(width, width, bias=False)
        self.v_proj = nn.Linear(width, width, bias=False)
        self.inner_attn_ln = nn.LayerNorm(width, eps=VISION_NORM_EPS)
        self.proj = nn.Linear(width, width)

    def forward(self, x, rope):
        b, n, d = x.shape
        h = self.heads
        q = F.linear(x, self.q_proj.weight, self.q_bias).view(b, n, h, d // h).transpose(1, 2)
        k = self.k_proj(x).view(b, n, h, d // h).transpose(1, 2)
        v = F.linear(x, self.v_proj.weight, self.v_bias).view(b, n, h, d // h).transpose(1, 2)
        if rope is not None:
            cos, sin = rope
            q = apply_rope(q, cos, sin)
            k = apply_rope(k, cos, sin)
        o = attention(q, k, v).transpose(1, 2).reshape(b, n, d)
        return self.proj(self.inner_attn_ln(o))


class SwiGlu(nn.Module):
    """EVA-CLIP SwiGLU with sub-LN: w3(ffn_ln(silu(w1 x) * w2 x))."""

    def __init__(self, width, hidden):
        super().__init__()
        self.w1 = nn.Linear(width, hidden)
        self.w2 = nn.Linear(width, hidden)
        self.ffn_ln = nn.LayerNorm(hidden, eps=VISION_NORM_EPS)
        self.w3 = nn.Linear(hidden, width)

    def forward(self, x):
        return self.w3(self.ffn_ln(F.silu(self.w1(x)) * self.w2(x)))


class EvaBlock(nn.Module):
    """Pre-LN block: x + attn(norm1 x), then x + mlp(norm2 x) (no layer scale, as EVA02-CLIP)."""

    def __init__(self, c):
        super().__init__()
        self.norm1 = nn.LayerNorm(c.width, eps=VISION_NORM_EPS)
        self.attn = EvaAttention(c.width, c.heads)
        self.norm2 = nn.LayerNorm(c.width, eps=VISION_NORM_EPS)
        self.mlp = SwiGlu(c.width, c.mlp_hidden)

    def forward(self, x, rope):
        x = x + self.attn(self.norm1(x), rope)
        return x + self.mlp(self.norm2(x))


class PatchEmbed(nn.Module):
    """Per-frame 1 x p x p tube convolution (spec 1.2) as EVA's Conv2d(3, D, p, stride p); tokens frame-major."""

    def __init__(self, c):
        super().__init__()
        self.proj = nn.Conv2d(3, c.width, c.patch_size, stride=c.patch_size)

    def forward(self, frames):
        b, ch, t, hh, ww = frames.shape
        x = self.proj(frames.transpose(1, 2).reshape(b * t, ch, hh, ww))  # (B*T, D, G, G)
        return x.flatten(2).transpose(1, 2).reshape(b, t * x.shape[2] * x.shape[3], x.shape[1])


class EvaVisionTransformer(nn.Module):
    """The EVA02-AT video tower ``visual.*`` (spec 1.2, 7): z0 = P_xy^T + P_t^S + x0 (Eq. 7), CLS + pos_embed[0],
    joint space-time blocks with ST-RoPE, final LN on CLS, head. Features are not L2-normalised."""

    def __init__(self, c):
        super().__init__()
        self.c = c
        d = c.width
        self.cls_token = nn.Parameter(torch.zeros(1, 1, d))
        self.pos_embed = nn.Parameter(torch.zeros(1, 1 + c.grid * c.grid, d))
        self.temporal_embed = nn.Parameter(torch.zeros(1, c.num_frames, d))
        self.patch_embed = PatchEmbed(c)
        self.blocks = nn.ModuleList([EvaBlock(c) for _ in range(c.layers)])
        self.norm = nn.LayerNorm(d, eps=VISION_NORM_EPS)
        self.head = nn.Linear(d, c.embed_dim)
        self._rope = {}

    def rope(self, t, device, dtype):
        """Cached (cos, sinSigned) tables (1 + T*G^2, d_h) for T frames, or None for rope_mode none."""
        if self.c.rope_mode == "none":
            return None
        key = (t, str(device), dtype)
        if key not in self._rope:
            cos, sin = rope_tables(self.c.rope_mode, self.c.head_width, t, self.c.grid, self.c.pt_hw_seq_len)
            self._rope[key] = (cos.to(device=device, dtype=dtype), sin.to(device=device, dtype=dtype))
        return self._rope[key]

    def tokens(self, frames, temporal=True, depth=None):
        """Token sequence (B, 1 + T*G^2, D) after ``depth`` blocks (None: all); ``temporal`` False is the image path."""
        b, _, t, _, _ = frames.shape
        if temporal and t != self.c.num_frames:
            raise ValueError("clip has %d frames, the tower was built for T = %d" % (t, self.c.num_frames))
        g2 = self.c.grid * self.c.grid
        d = self.c.width
        x = self.patch_embed(frames).view(b, t, g2, d)
        x = x + self.pos_embed[:, 1:, :].view(1, 1, g2, d)
        if temporal:
            x = x + self.temporal_embed.view(1, t, 1, d)
        x = x.reshape(b, t * g2, d)
        cls = (self.cls_token + self.pos_embed[:, :1, :]).expand(b, 1, d)
        x = torch.cat([cls, x], dim=1)
        rope = self.rope(t, x.device, x.dtype)
        for blk in self.blocks[:len(self.blocks) if depth is None else depth]:
            x = blk(x, rope)
        return x

    def forward(self, frames, temporal=True):
        """(B, 3, T, H, W) -> (B, E): final LN on the CLS token, then head."""
        return self.head(self.norm(self.tokens(frames, temporal)[:, 0, :]))


# ------------------------------------------------------------------------------------------------------- text tower

class TextAttention(nn.Module):
    """torch.nn.MultiheadAttention layout (in_proj_weight/in_proj_bias, out_proj) with a causal mask."""

    def __init__(self, width, heads):
        super().__init__()
        self.heads = heads
        self.in_proj_weight = nn.Parameter(torch.zeros(3 * width, width))
        self.in_proj_bias = nn.Parameter(torch.zeros(3 * width))
        self.out_proj = nn.Linear(width, width)

    def forward(self, x):
        n, l, w = x.shape
        qkv = F.linear(x, self.in_proj_weight, self.in_proj_bias).view(n, l, 3, self.heads, w // self.heads)
        q, k, v = qkv.permute(2, 0, 3, 1, 4)
        o = attention(q, k, v, causal=True).transpose(1, 2).reshape(n, l, w)
        return self.out_proj(o)


class TextMlp(nn.Module):
    """c_proj(gelu(c_fc x)), exact erf GELU; QuickGELU x*sigmoid(1.702x) when the config says quick_gelu."""

    def __init__(self, width, hidden, quick):
        super().__init__()
        self.quick = quick
        self.c_fc = nn.Linear(width, hidden)
        self.c_proj = nn.Linear(hidden, width)

    def forward(self, x):
        h = self.c_fc(x)
        return self.c_proj(h * torch.sigmoid(1.702 * h) if self.quick else F.gelu(h))


class ResidualAttentionBlock(nn.Module):
    """CLIP text block: x + attn(ln_1 x), then x + mlp(ln_2 x)."""

    def __init__(self, c):
        super().__init__()
        self.ln_1 = nn.LayerNorm(c.text_width, eps=TEXT_NORM_EPS)
        self.attn = TextAttention(c.text_width, c.text_heads)
        self.ln_2 = nn.LayerNorm(c.text_width, eps=TEXT_NORM_EPS)
        self.mlp = TextMlp(c.text_width, c.text_mlp_hidden, c.quick_gelu)

    def forward(self, x):
        x = x + self.attn(self.ln_1(x))
        return x + self.mlp(self.ln_2(x))


class TextStack(nn.Module):
    """The ``transformer`` module holding ``resblocks``."""

    def __init__(self, c):
        super().__init__()
        self.resblocks = nn.ModuleList([ResidualAttentionBlock(c) for _ in range(c.text_layers)])


class ClipTextTransformer(nn.Module):
    """CLIP text tower ``text.*`` (spec 1.3): embeddings, causal blocks, ln_final at EOT (first argmax), projection."""

    def __init__(self, c):
        super().__init__()
        self.positional_embedding = nn.Parameter(torch.zeros(c.context_length, c.text_width))
        self.text_projection = nn.Parameter(torch.zeros(c.text_width, c.embed_dim))
        self.token_embedding = nn.Embedding(c.vocab_size, c.text_width)
        self.transformer = TextStack(c)
        self.ln_final = nn.LayerNorm(c.text_width, eps=TEXT_NORM_EPS)

    def tokens(self, ids, depth=None):
        """(N, L) int64 -> (N, L, W) after ``depth`` blocks (None: all), before ln_final."""
        x = self.token_embedding(ids) + self.positional_embedding[:ids.shape[1]]
        blocks = self.transformer.resblocks
        for blk in blocks[:len(blocks) if depth is None else depth]:
            x = blk(x)
        return x

    def forward(self, ids):
        """(N, L) -> (N, E), not L2-normalised."""
        x = self.tokens(ids)
        pooled = x[torch.arange(ids.shape[0], device=ids.device), ids.argmax(dim=-1)]
        return self.ln_final(pooled) @ self.text_projection


class Eva02AtClip(nn.Module):
    """The dual encoder, laid out like EVA-CLIP CustomCLIP: ``logit_scale`` (ln of the scale), ``visual``, ``text``."""

    def __init__(self, c):
        super().__init__()
        self.c = c
        self.logit_scale = nn.Parameter(torch.zeros(()))
        self.visual = EvaVisionTransformer(c)
        self.text = ClipTextTransformer(c)

    def logits(self, frames, ids, temporal=True):
        """exp(logit_scale) * normalised video (or, temporal False, image) features @ normalised text features^T
        (spec 1.4), (B, N)."""
        v = F.normalize(self.visual(frames, temporal), dim=-1)
        t = F.normalize(self.text(ids), dim=-1)
        return self.logit_scale.exp() * v @ t.t()


def load_strict(model, sd):
    """Copies ``sd`` into ``model``; ignores recomputed RoPE tables and attn_mask; raises listing every missing,
    unexpected or mis-shaped key."""
    sd = {k: v for k, v in sd.items() if not k.endswith(IGNORED_SUFFIXES)}
    own = model.state_dict()
    missing = sorted(set(own) - set(sd))
    unexpected = sorted(set(sd) - set(own))
    shapes = sorted("%s: checkpoint %s, model %s" % (k, tuple(sd[k].shape), tuple(own[k].shape))
                    for k in set(own) & set(sd) if tuple(sd[k].shape) != tuple(own[k].shape))
    if missing or unexpected or shapes:
        raise KeyError("state dict does not fit the model:\n  missing: %s\n  unexpected: %s\n  mis-shaped: %s"
                       % (missing, unexpected, shapes))
    model.load_state_dict({k: v.to(own[k].dtype) for k, v in sd.items()}, strict=True)


def open_model(path, random_init=False, seed=0):
    """Model from a folder (config.json + weights, strict) or, with ``random_init``, from a config.json alone."""
    cfg_file = path if os.path.isfile(path) else os.path.join(path, "config.json")
    model = Eva02AtClip(Config.read(cfg_file))
    if random_init:
        g = torch.Generator().manual_seed(seed)
        with torch.no_grad():
            for name, p in model.named_parameters():
                if name.endswith(".weight") and ("norm" in name or "ln" in name):
                    p.fill_(1.0)
                else:
                    p.copy_(torch.randn(p.shape, generator=g) * 0.02)
    else:
        load_strict(model, read_model_folder(os.path.dirname(cfg_file) if os.path.isfile(path) else path))
    return model.eval()


# ----------------------------------------------------------------------------------------------------------- CLI

DTYPES = {"fp32": torch.float32, "bf16": torch.bfloat16}


def _setup(args):
    if getattr(args, "threads", None):
        torch.set_num_threads(int(args.threads))
    if args.device.startswith("cuda") and not torch.cuda.is_available():
        raise SystemExit("--device %s requested but torch.cuda.is_available() is False" % args.device)
    return torch.device(args.device), DTYPES[args.dtype]


def cmd_parity(args):
    """Runs the golden inputs and writes the outputs as float32 npy files."""
    device, dtype = _setup(args)
    model = open_model(args.model).to(device=device, dtype=dtype)
    os.makedirs(args.out, exist_ok=True)

    def save(name, t):
        np.save(os.path.join(args.out, name), t.detach().to(torch.float32).cpu().numpy())

    with torch.no_grad():
        frames = torch.from_numpy(np.load(os.path.join(args.inputs, "frames.npy"))).to(device=device, dtype=dtype)
        ids = torch.from_numpy(np.load(os.path.join(args.inputs, "text_ids.npy"))).to(device=device, dtype=torch.long)
        save("video_features.npy", model.visual(frames))
        save("video_tokens_block0.npy", model.visual.tokens(frames, True, 1))
        save("text_features.npy", model.text(ids))
        save("text_tokens_block0.npy", model.text.tokens(ids, 1))
        save("logits.npy", model.logits(frames, ids))
        image = os.path.join(args.inputs, "image.npy")
        if os.path.isfile(image):
            img = torch.from_numpy(np.load(image)).to(device=device, dtype=dtype).unsqueeze(2)
            save("image_features.npy", model.visual(img, temporal=False))
            save("image_logits.npy", model.logits(img, ids, temporal=False))
    print("parity outputs written to %s (torch %s, %s, %s, sdpa=%s)" % (args.out, torch.__version__, device,
                                                                        args.dtype, HAS_SDPA))


def sms_loss(v, t, rel, gamma, lam, tau):
    """Symmetric Multi-Similarity loss (paper Eq. 16; spec 3) of L2-normalised video ``v`` (n, E) and caption ``t``
    (n, E) features with the in-batch relevancy ``rel`` (n, n), rel[a, b] = c(clip a, caption b).

    For anchor a and other b != a: text anchor S_ij = t_a.v_a, S_ik = t_a.v_b, R = rel[a, a] - rel[b, a]; video anchor
    S_ik = t_b.v_a, R = rel[a, a] - rel[a, b]. Term: R >= lam: relu(R*gamma - S_ij + S_ik); R <= -lam:
    relu(-R*gamma + S_ij - S_ik); else relu(|S_ij - S_ik| - tau). Mean over the 2 n (n - 1) terms."""
    n = v.shape[0]
    sim = t @ v.t()
    own = sim.diagonal()
    off = ~torch.eye(n, dtype=torch.bool, device=v.device)
    total = sim.new_zeros(())
    for s_ik, gap in ((sim, rel.diagonal()[:, None] - rel.t()), (sim.t(), rel.diagonal()[:, None] - rel)):
        diff = s_ik - own[:, None]  # S_ik - S_ij
        pos = torch.relu(gap * gamma + diff) * (gap >= lam)
        neg = torch.relu(-gap * gamma - diff) * (gap <= -lam)
        equal = torch.relu(diff.abs() - tau) * (gap.abs() < lam)
        total = total + ((pos + neg + equal) * off).sum()
    return total / (2 * n * (n - 1))


def _decays(name, p):
    """AdamW weight-decay groups (spec 4): matrices decay; biases, norms, scalars, position/temporal tables and the
    CLS token do not."""
    last = name.rsplit(".", 1)[-1]
    return p.dim() >= 2 and last not in ("pos_embed", "temporal_embed", "cls_token", "positional_embedding")


def cmd_step(args):
    """One SMS training step from an EgoLens model folder: writes ``loss.npy``, ``grad.<name>.npy`` (before clipping)
    and ``after.<name>.npy`` (weights after clip_grad_norm_ and one torch.optim.AdamW update)."""
    device, dtype = _setup(args)
    model = open_model(args.model).to(device=device, dtype=dtype).train()
    model.logit_scale.requires_grad_(False)
    frames = torch.from_numpy(np.load(os.path.join(args.inputs, "frames.npy")))
    ids = torch.from_numpy(np.load(os.path.join(args.inputs, "text_ids.npy"))).long()
    rel = torch.from_numpy(np.load(os.path.join(args.inputs, "relevancy.npy")))
    v = F.normalize(model.visual(frames), dim=-1, eps=1e-12)
    t = F.normalize(model.text(ids), dim=-1, eps=1e-12)
    loss = sms_loss(v, t, rel, args.gamma, args.lam, args.tau)
    loss.backward()
    os.makedirs(args.out, exist_ok=True)
    np.save(os.path.join(args.out, "loss.npy"), loss.detach().reshape(1).numpy())
    named = [(k, p) for k, p in model.named_parameters() if p.requires_grad]
    for k, p in named:
        np.save(os.path.join(args.out, "grad.%s.npy" % k), p.grad.numpy())
    torch.nn.utils.clip_grad_norm_([p for _, p in named], args.clip)
    opt = torch.optim.AdamW([{"params": [p for k, p in named if _decays(k, p)], "weight_decay": args.wd},
                             {"params": [p for k, p in named if not _decays(k, p)], "weight_decay": 0.0}],
                            lr=args.lr, betas=(0.9, 0.999), eps=1e-8)
    opt.step()
    for k, p in named:
        np.save(os.path.join(args.out, "after.%s.npy" % k), p.detach().numpy())
    print("step written to %s: loss %.6f, %d parameters" % (args.out, loss.item(), len(named)))


def vision_flops(c, frames):
    """Analytic forward FLOPs of the video tower for one clip (2 per multiply-add), spec 7 / BENCHMARKS item 1.

    patch embed 2*T*G^2*(3p^2)*D; per block: q,k,v,proj 8*N*D^2, QK^T and AV 4*N^2*D, SwiGLU 6*N*D*Hm; head 2*D*E.
    LayerNorms, softmax, RoPE and residual adds are left out (elementwise).
    """
    g2 = c.grid * c.grid
    n = 1 + frames * g2
    d = c.width
    per_block = 8 * n * d * d + 4 * n * n * d + 6 * n * d * c.mlp_hidden
    return 2 * frames * g2 * 3 * c.patch_size ** 2 * d + c.layers * per_block + 2 * d * c.embed_dim


def sgemm_peak(device, dtype, n=4096, reps=3):
    """Best-of-``reps`` FLOP/s of one n x n matmul (2 n^3 FLOPs) after a warm-up."""
    a = torch.randn(n, n, device=device).to(dtype)
    b = torch.randn(n, n, device=device).to(dtype)
    torch.matmul(a, b)
    best = float("inf")
    for _ in range(reps):
        _sync(device)
        t0 = time.perf_counter()
        torch.matmul(a, b)
        _sync(device)
        best = min(best, time.perf_counter() - t0)
    return 2.0 * n ** 3 / best


def _sync(device):
    if device.type == "cuda":
        torch.cuda.synchronize()


def _rss_peak_mb():
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) // 1024
    except OSError:
        pass
    return -1


def _mem_available_mb():
    with open("/proc/meminfo") as f:
        for line in f:
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) // 1024
    return -1


def _rss_mb():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) // 1024
    return -1


def _reset_peak_rss():
    """Resets VmHWM to the current RSS (Linux: 5 written to /proc/self/clear_refs)."""
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
    except OSError:
        pass


def cmd_bench(args):
    """Times the video tower forward and forward+backward (loss = sum of features) per (B, T); prints JSON lines.

    On the CPU a case at batch B whose half-batch case was measured is skipped, with the measured reason, when twice
    the half-batch's extra peak RSS would exceed MemAvailable minus ``--reserve-mb`` (the machine may be shared).
    """
    device, dtype = _setup(args)
    model = open_model(args.model, random_init=args.random_init).to(device=device, dtype=dtype)
    c = model.c
    peak = sgemm_peak(device, dtype, n=args.peak_n)
    print(json.dumps({"side": "twin", "what": "sgemm_peak", "n": args.peak_n, "threads": torch.get_num_threads(),
                      "flops_per_s": peak, "device": str(device), "dtype": args.dtype, "torch": torch.__version__,
                      "ld_library_path": os.environ.get("LD_LIBRARY_PATH", "")}),
          flush=True)
    peaks = {}
    base = _rss_mb()
    for t in [int(s) for s in args.frames.split(",")]:
        c.num_frames = t
        model.visual.temporal_embed = nn.Parameter(torch.zeros(1, t, c.width, device=device, dtype=dtype))
        for mode in args.modes.split(","):
            for b in [int(s) for s in args.batches.split(",")]:
                rec = {"side": "twin", "mode": mode, "batch": b, "frames": t, "threads": torch.get_num_threads(),
                       "device": str(device), "dtype": args.dtype, "sdpa": HAS_SDPA,
                       "flops": b * vision_flops(c, t) * (3 if mode == "fwdbwd" else 1)}
                half = peaks.get((mode, t, b // 2))
                avail = _mem_available_mb()
                if device.type == "cpu" and b > 1 and half is not None:
                    extra = 2 * (half - base) - (_rss_mb() - base)
                    if extra > avail - args.reserve_mb:
                        rec["error"] = ("skipped: B=%d peak RSS %d MB measured (model %d MB), B=%d needs about %d MB "
                                        "more > MemAvailable %d MB - reserve %d MB"
                                        % (b // 2, half, base, b, extra, avail, args.reserve_mb))
                        print(json.dumps(rec), flush=True)
                        continue
                _reset_peak_rss()
                long_case = mode == "fwdbwd" or t >= 16
                try:
                    rec.update(_time_step(model, b, t, mode, args.warmup,
                                          args.runs_long if long_case and args.runs_long > 0 else args.runs,
                                          device, dtype))
                except RuntimeError as e:  # out of memory: report the measured reason
                    rec["error"] = str(e).splitlines()[0][:300]
                if "median_s" in rec:
                    rec["mfu"] = rec["flops"] / rec["median_s"] / peak
                rec["rss_peak_mb"] = peaks[(mode, t, b)] = _rss_peak_mb()
                rec["mem_available_mb_before"] = avail
                with open("/proc/loadavg") as f:
                    rec["load_avg"] = f.read().strip()
                print(json.dumps(rec), flush=True)


def _time_step(model, b, t, mode, warmup, runs, device, dtype):
    s = model.c.image_size
    frames = torch.randn(b, 3, t, s, s, generator=torch.Generator().manual_seed(42)).to(device=device, dtype=dtype)
    times = []
    for i in range(warmup + runs):
        model.zero_grad(set_to_none=True)
        _sync(device)
        t0 = time.perf_counter()
        if mode == "fwd":
            with torch.no_grad():
                model.visual(frames)
        else:
            model.visual(frames).float().sum().backward()
        _sync(device)
        if i >= warmup:
            times.append(time.perf_counter() - t0)
    times.sort()
    out = {"median_s": times[len(times) // 2], "min_s": times[0], "max_s": times[-1], "runs": runs}
    if device.type == "cuda":
        out["cuda_peak_mb"] = torch.cuda.max_memory_allocated() // (1 << 20)
    return out


def cmd_info(args):
    model = open_model(args.model, random_init=args.random_init)
    n = sum(p.numel() for p in model.parameters())
    c = model.c
    print(json.dumps({"params": n, "vision_params": sum(p.numel() for p in model.visual.parameters()),
                      "rope_mode": c.rope_mode, "num_frames": c.num_frames,
                      "vision_gflops_per_clip": vision_flops(c, c.num_frames) / 1e9}))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    for name in ("parity", "step", "bench", "info"):
        p = sub.add_parser(name)
        p.add_argument("--model", required=True, help="EgoLens model folder (or, with --random-init, a config.json)")
        p.add_argument("--device", default="cpu")
        p.add_argument("--dtype", default="fp32", choices=sorted(DTYPES))
        p.add_argument("--threads", type=int, default=0, help="torch.set_num_threads (0: leave)")
        p.add_argument("--random-init", action="store_true", help="N(0, 0.02) weights instead of loading them")
        if name in ("parity", "step"):
            p.add_argument("--inputs", required=True)
            p.add_argument("--out", required=True)
        if name == "step":
            p.add_argument("--gamma", type=float, default=0.6)
            p.add_argument("--lam", type=float, default=0.1)
            p.add_argument("--tau", type=float, default=0.1)
            p.add_argument("--lr", type=float, default=1e-3)
            p.add_argument("--wd", type=float, default=0.01)
            p.add_argument("--clip", type=float, default=1.0)
        if name == "bench":
            p.add_argument("--batches", default="1,2")
            p.add_argument("--frames", default="4,16")
            p.add_argument("--modes", default="fwd,fwdbwd")
            p.add_argument("--warmup", type=int, default=1)
            p.add_argument("--runs", type=int, default=3)
            p.add_argument("--peak-n", type=int, default=4096)
            p.add_argument("--reserve-mb", type=int, default=3072)
            p.add_argument("--runs-long", type=int, default=0,
                           help="timed runs for fwdbwd and T >= 16 cases (0: --runs)")
    args = ap.parse_args(argv)
    torch.manual_seed(0)
    {"parity": cmd_parity, "step": cmd_step, "bench": cmd_bench, "info": cmd_info}[args.cmd](args)


if __name__ == "__main__":
    sys.exit(main())
