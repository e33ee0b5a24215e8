"""Offline data sets as tensors that live on the training device for the whole run.

Real data where possible: scikit-learn's bundled 8×8 handwritten digits, and
MNIST / Fashion-MNIST from local IDX files (torchvision's format; downloaded only
when asked). Generated 2-D sets for the small exercises. Everything is drawn from
a seeded CPU generator first, so a seed gives the same data on every device.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import NamedTuple

import torch

from dltutor.i18n import _
from dltutor.i18n.oserror import os_reason

IMAGE_SETS = ("digits", "mnist", "fashion-mnist")
POINT_SETS = ("xor", "moons", "circles", "spirals", "ring")


class DataError(ValueError):
    """A data set is missing or unreadable; the message says where it looked and what to do."""


class Tensors(NamedTuple):
    """Inputs and labels, already on the device. Unpacks as `x, y = digits(device)`."""

    x: torch.Tensor
    y: torch.Tensor

    def __len__(self) -> int:  # the number of examples, not the tuple's 2
        return self.x.shape[0]

    def subset(self, index: torch.Tensor) -> "Tensors":
        return Tensors(self.x[index], self.y[index])


def _place(x: torch.Tensor, y: torch.Tensor, device, dtype) -> Tensors:
    return Tensors(x.to(device=device, dtype=dtype), y.to(device=device, dtype=torch.long))


# ---- images ---------------------------------------------------------------------------------------

def digits(device: torch.device | str = "cpu", dtype: torch.dtype = torch.float32) -> Tensors:
    """scikit-learn's 1,797 real 8×8 digits: x [N,1,8,8] scaled to 0..1, y [N] long (0–9)."""
    from sklearn.datasets import load_digits

    bunch = load_digits()
    x = torch.from_numpy(bunch.images).reshape(-1, 1, 8, 8) / 16.0
    return _place(x, torch.from_numpy(bunch.target), device, dtype)


_TORCHVISION = {"mnist": "MNIST", "fashion-mnist": "FashionMNIST"}
_IDX_FILES = ("train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte")


def _raw_folder(name: str, data_dir: Path) -> Path | None:
    """Accept torchvision's layout (DIR/MNIST/raw) or the four IDX files directly in DIR (or DIR/raw)."""
    for folder in (data_dir / _TORCHVISION[name] / "raw", data_dir / "raw", data_dir):
        if all((folder / f).is_file() or (folder / f"{f}.gz").is_file() for f in _IDX_FILES):
            return folder
    return None


MAX_IDX_BYTES = 256 * 2**20  # MNIST's largest file is 47 MB; refuse anything far bigger before allocating
MNIST_CLASSES, MNIST_SIDE = 10, 28


def _read_idx(folder: Path, stem: str) -> torch.Tensor:
    """The IDX file `stem` in folder, plain or as `stem.gz`."""
    path = folder / stem
    return read_idx(path if path.is_file() else folder / f"{stem}.gz")


def read_idx(path: Path, max_bytes: int = MAX_IDX_BYTES) -> torch.Tensor:
    """One unsigned-byte IDX file (LeCun's MNIST format; gzip allowed) as a uint8 tensor of its stated shape.

    The header (two zero bytes, type 0x08, the number of dimensions, then each size as a big-endian int32) is
    checked against the file's length before anything is allocated, so a truncated, padded, HTML or oversized
    file raises DataError naming the file, what is wrong and what to do; it never raises anything else.
    """
    import struct

    raw = _read_bytes(path, max_bytes)
    if len(raw) < 4 or raw[:2] != b"\0\0" or raw[2] != 0x08 or not 1 <= raw[3] <= 4:
        raise DataError(_("{path}: not an IDX file of unsigned bytes ({looks}); use the original "
                          "MNIST/Fashion-MNIST files").format(path=path, looks=_what_it_looks_like(raw)))
    ndim = raw[3]
    if len(raw) < 4 + 4 * ndim:
        raise DataError(_("{path}: the file ends inside its header (an interrupted download?); download it "
                          "again").format(path=path))
    shape = struct.unpack(f">{ndim}I", raw[4:4 + 4 * ndim])
    expected, got = math.prod(shape), len(raw) - 4 - 4 * ndim
    if got != expected:
        problem = (_("{path}: is cut short: its header says {shape} = {expected:,} values, the file holds {got:,} "
                     "(an interrupted download?); download it again") if got < expected else
                   _("{path}: has extra bytes at the end: its header says {shape} = {expected:,} values, the file "
                     "holds {got:,} (an interrupted download?); download it again"))
        raise DataError(problem.format(path=path, shape="×".join(map(str, shape)), expected=expected, got=got))
    if expected == 0:  # a header such as 0×28×28: torch.frombuffer refuses an empty buffer
        return torch.zeros(shape, dtype=torch.uint8)
    return torch.frombuffer(bytearray(raw[4 + 4 * ndim:]), dtype=torch.uint8).reshape(shape)


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    """The file's bytes, gunzipped if it is a .gz, refusing more than max_bytes (compressed or not)."""
    import zlib

    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise DataError(_("{path}: {size:,} bytes is too big for an MNIST-style file (at most {limit:,})").format(
                path=path, size=size, limit=max_bytes))
        raw = path.read_bytes()
    except OSError as exc:
        raise DataError(_("{path}: cannot be read ({error})").format(path=path, error=os_reason(exc))) from None
    if path.suffix != ".gz":
        return raw
    if raw[:2] != b"\x1f\x8b":
        raise DataError(_("{path}: not a gzip file ({looks}); download it again").format(
            path=path, looks=_what_it_looks_like(raw)))
    inflate = zlib.decompressobj(wbits=31)  # 31: expect a gzip header
    try:
        out = inflate.decompress(raw, max_bytes + 1)
    except zlib.error as exc:
        raise DataError(_("{path}: damaged gzip data ({error}); download it again").format(path=path, error=exc)) from None
    if len(out) > max_bytes:
        raise DataError(_("{path}: unpacks to more than {limit:,} bytes, too big for an MNIST-style file").format(
            path=path, limit=max_bytes))
    if not inflate.eof:
        raise DataError(_("{path}: the gzip data is cut short (an interrupted download?); download it again").format(
            path=path))
    return out


def _what_it_looks_like(raw: bytes) -> str:
    head = raw[:512].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html", b"<?xml", b"<")):
        return _("it is a web page, probably an error page saved by a failed download")
    if not raw:
        return _("it is empty")
    return _("it starts with bytes {bytes}").format(bytes=raw[:4].hex(" "))


def mnist(data_dir: str | Path, name: str = "mnist", device: torch.device | str = "cpu",
          dtype: torch.dtype = torch.float32, download: bool = False) -> tuple[Tensors, Tensors]:
    """MNIST or Fashion-MNIST from local IDX files: (train, test), x [N,1,28,28] in 0..1.

    With download=True and no local copy, torchvision fetches the files into data_dir (needs internet).
    """
    if name not in _TORCHVISION:
        raise DataError(_("unknown image data set '{name}'; use one of: {names}").format(
            name=name, names=", ".join(IMAGE_SETS)))
    data_dir = Path(data_dir).expanduser()
    folder = _raw_folder(name, data_dir)
    if folder is None and download:
        import torchvision.datasets

        try:
            getattr(torchvision.datasets, _TORCHVISION[name])(str(data_dir), download=True)
        except Exception as exc:  # network errors come in many types; all mean the same to the learner
            raise DataError(_("could not download {name} into {folder}: {error}").format(
                name=name, folder=data_dir, error=exc)) from None
        folder = _raw_folder(name, data_dir)
    if folder is None:
        raise DataError(_("{name} files not found in {folder}: expected {files} (or .gz) there or in {raw}; add "
                          "--download to fetch them (needs internet)").format(
            name=name, folder=data_dir, files=", ".join(_IDX_FILES), raw=data_dir / _TORCHVISION[name] / "raw"))
    parts = []
    for split in ("train", "t10k"):
        images, labels = _read_idx(folder, f"{split}-images-idx3-ubyte"), _read_idx(folder, f"{split}-labels-idx1-ubyte")
        _check_mnist_split(folder, split, name, images, labels)
        parts.append(_place(images.unsqueeze(1) / 255.0, labels, device, dtype))
    return parts[0], parts[1]


def _check_mnist_split(folder: Path, split: str, name: str, images: torch.Tensor, labels: torch.Tensor) -> None:
    """The shapes and label range the exercises rely on: N images of 28×28, N labels in 0..9."""
    where = f"{folder / split}-*-idx*-ubyte"
    if images.ndim != 3 or tuple(images.shape[1:]) != (MNIST_SIDE, MNIST_SIDE):
        raise DataError(_("{where}: images have shape {shape}, but {name} images are N×{side}×{side}; use the "
                          "{name} image files").format(where=where, shape=tuple(images.shape), name=name,
                                                       side=MNIST_SIDE))
    if len(images) == 0:
        raise DataError(_("{where}: the files hold no images (their headers say 0); use the full {name} "
                          "files").format(where=where, name=name))
    if labels.ndim != 1 or len(images) != len(labels):
        raise DataError(_("{where}: {images:,} images but labels of shape {shape}; the image and label files must "
                          "come from the same set").format(where=where, images=len(images), shape=tuple(labels.shape)))
    if len(labels) and int(labels.max()) >= MNIST_CLASSES:
        raise DataError(_("{where}: labels run from {low} to {high}, but {name} has {classes} classes "
                          "(0–{last}); these files look like another data set (e.g. EMNIST letters): use the "
                          "original label files").format(where=where, low=int(labels.min()), high=int(labels.max()),
                                                         name=name, classes=MNIST_CLASSES, last=MNIST_CLASSES - 1))


def image_set(name: str = "digits", device: torch.device | str = "cpu", dtype: torch.dtype = torch.float32,
              data_dir: str | Path | None = None, download: bool = False) -> Tensors:
    """One labelled image set by name, all examples together (exercises make their own splits)."""
    if name == "digits":
        return digits(device, dtype)
    if data_dir is None:
        raise DataError(_("data set '{name}' reads local files: give data_dir (--data-dir DIR)").format(name=name))
    train, test = mnist(data_dir, name, device, dtype, download)
    return Tensors(torch.cat([train.x, test.x]), torch.cat([train.y, test.y]))


# ---- splits and batches ---------------------------------------------------------------------------

def stratified_split(y: torch.Tensor, fractions=(0.7, 0.15, 0.15), seed: int = 0) -> tuple[torch.Tensor, ...]:
    """Index tensors (on y's device), one per fraction, each class divided in the same proportions.

    Raises ValueError for bad fractions and DataError when a part would be empty (too few examples)."""
    if not fractions or any(f <= 0 for f in fractions) or abs(sum(fractions) - 1) > 1e-6:
        raise ValueError(f"fractions must be positive and sum to 1, got {fractions}")
    gen = torch.Generator().manual_seed(seed)
    labels = y.detach().cpu()
    parts: list[list[torch.Tensor]] = [[] for _ in fractions]
    bounds = torch.tensor([0.0, *fractions]).cumsum(0)
    for c in labels.unique():
        idx = (labels == c).nonzero().flatten()
        idx = idx[torch.randperm(len(idx), generator=gen)]
        cuts = (bounds * len(idx)).round().long().tolist()
        for i in range(len(fractions)):
            parts[i].append(idx[cuts[i]:cuts[i + 1]])
    out = []
    for fraction, chunks in zip(fractions, parts):
        joined = torch.cat(chunks)
        if len(joined) == 0:
            share = " / ".join(f"{f:.0%}" for f in fractions)
            # A class of k examples gives the part round(f·k) of them: at least one once f·k ≥ 0.5.
            raise DataError(_("{n:,} examples are too few to split {share} by class: the {fraction:.0%} part would "
                              "be empty; use at least {least} examples of every class").format(
                n=len(labels), share=share, fraction=fraction, least=math.ceil(0.5 / min(fractions))))
        out.append(joined[torch.randperm(len(joined), generator=gen)].to(y.device))
    return tuple(out)


def batches(n: int, batch_size: int, device: torch.device | str) -> list[torch.Tensor]:
    """One epoch of shuffled minibatch indices, drawn on the device (no host→device copy per step)."""
    return list(torch.randperm(n, device=device).split(batch_size))


# ---- generated 2-D sets ---------------------------------------------------------------------------

def _gen(seed: int) -> torch.Generator:
    return torch.Generator().manual_seed(seed)


def xor(n: int = 400, noise: float = 0.25, seed: int = 0, device="cpu", dtype=torch.float32) -> Tensors:
    """Four blobs at (±1, ±1); class 1 where the signs differ. No straight line separates them."""
    g = _gen(seed)
    corners = torch.randint(0, 2, (n, 2), generator=g) * 2 - 1
    x = corners + noise * torch.randn(n, 2, generator=g)
    return _place(x, (corners[:, 0] != corners[:, 1]).long(), device, dtype)


def moons(n: int = 400, noise: float = 0.1, seed: int = 0, device="cpu", dtype=torch.float32) -> Tensors:
    """Two interleaving half circles (the scikit-learn classic)."""
    g = _gen(seed)
    y = torch.arange(n) % 2
    t = torch.rand(n, generator=g) * math.pi
    x = torch.stack([torch.cos(t), torch.sin(t)], 1)
    x = torch.where(y[:, None] == 1, torch.stack([1 - x[:, 0], 0.5 - x[:, 1]], 1), x)
    x = x + noise * torch.randn(n, 2, generator=g)
    return _place(x - torch.tensor([0.5, 0.25]), y, device, dtype)


def circles(n: int = 400, noise: float = 0.08, factor: float = 0.5, seed: int = 0, device="cpu",
            dtype=torch.float32) -> Tensors:
    """A small circle (class 1) inside a large one (class 0)."""
    g = _gen(seed)
    y = torch.arange(n) % 2
    t = torch.rand(n, generator=g) * 2 * math.pi
    r = torch.where(y == 1, factor, 1.0)
    x = r[:, None] * torch.stack([torch.cos(t), torch.sin(t)], 1) + noise * torch.randn(n, 2, generator=g)
    return _place(x, y, device, dtype)


def spirals(n: int = 400, classes: int = 2, turns: float = 1.5, noise: float = 0.05, seed: int = 0, device="cpu",
            dtype=torch.float32) -> Tensors:
    """Interleaved spiral arms, one per class: hard for shallow models."""
    g = _gen(seed)
    y = torch.arange(n) % classes
    r = torch.rand(n, generator=g) * 0.9 + 0.1
    t = r * turns * 2 * math.pi + y * (2 * math.pi / classes)
    x = r[:, None] * torch.stack([torch.cos(t), torch.sin(t)], 1) + noise * torch.randn(n, 2, generator=g)
    return _place(x, y, device, dtype)


def ring(n: int = 1000, modes: int = 8, radius: float = 2.0, std: float = 0.05, seed: int = 0, device="cpu",
         dtype=torch.float32) -> Tensors:
    """A ring of `modes` Gaussians (the GAN mode-collapse test); y is the mode each point came from."""
    g = _gen(seed)
    y = torch.randint(0, modes, (n,), generator=g)
    centres = ring_centres(modes, radius)
    return _place(centres[y] + std * torch.randn(n, 2, generator=g), y, device, dtype)


def ring_centres(modes: int = 8, radius: float = 2.0) -> torch.Tensor:
    angle = torch.arange(modes) * (2 * math.pi / modes)
    return radius * torch.stack([torch.cos(angle), torch.sin(angle)], 1)


def points(name: str, n: int = 400, seed: int = 0, device="cpu", dtype=torch.float32) -> Tensors:
    """A generated 2-D set by name: one of POINT_SETS."""
    makers = {"xor": xor, "moons": moons, "circles": circles, "spirals": spirals, "ring": ring}
    if name not in makers:
        raise DataError(_("unknown 2-D data set '{name}'; use one of: {names}").format(
            name=name, names=", ".join(POINT_SETS)))
    return makers[name](n=n, seed=seed, device=device, dtype=dtype)
