"""The offline data sets: real digits, seeded splits, generated 2-D sets, MNIST from IDX files."""

import gzip
import struct

import pytest
import torch

from dltutor.lab import data


def test_digits_are_real_images_scaled_to_unit_range():
    x, y = data.digits()
    assert x.shape == (1797, 1, 8, 8) and x.dtype == torch.float32
    assert x.min() == 0 and x.max() == 1
    assert y.dtype == torch.long and sorted(y.unique().tolist()) == list(range(10))
    assert data.digits(dtype=torch.float64).x.dtype == torch.float64


def test_stratified_split_keeps_class_shares_and_is_seeded():
    _, y = data.digits()
    train, val, test = data.stratified_split(y, (0.7, 0.15, 0.15), seed=3)
    joined = torch.cat([train, val, test])
    assert sorted(joined.tolist()) == list(range(len(y)))  # a partition: nothing lost, nothing twice
    assert abs(len(train) / len(y) - 0.7) < 0.01
    share = torch.bincount(y[val], minlength=10) / len(val)
    assert torch.allclose(share, torch.bincount(y, minlength=10) / len(y), atol=0.01)
    assert torch.equal(train, data.stratified_split(y, seed=3)[0])
    assert not torch.equal(train, data.stratified_split(y, seed=4)[0])
    with pytest.raises(ValueError, match="sum to 1"):
        data.stratified_split(y, (0.5, 0.2))


@pytest.mark.parametrize("name", data.POINT_SETS)
def test_point_sets_are_seeded_2d_and_labelled(name):
    a, b, c = data.points(name, n=200, seed=1), data.points(name, n=200, seed=1), data.points(name, n=200, seed=2)
    assert a.x.shape == (200, 2) and a.y.shape == (200,) and a.y.dtype == torch.long
    assert torch.equal(a.x, b.x) and not torch.equal(a.x, c.x)
    assert len(a.y.unique()) >= 2


def test_xor_is_not_linearly_separable_but_signs_decide_it():
    x, y = data.xor(n=500, noise=0.1)
    assert torch.equal(((x[:, 0] > 0) != (x[:, 1] > 0)).long(), y)


def test_ring_points_sit_near_their_modes():
    x, y = data.ring(n=300, modes=8, radius=2.0, std=0.05)
    assert (x - data.ring_centres(8, 2.0)[y]).norm(dim=1).max() < 0.5


def test_unknown_point_set_is_named():
    with pytest.raises(data.DataError, match="unknown 2-D data set 'blobs'.*xor"):
        data.points("blobs")


def _write_idx(path, array: torch.Tensor, compress=False):
    header = struct.pack(">I", 0x0800 + array.ndim) + b"".join(struct.pack(">I", s) for s in array.shape)
    raw = header + array.to(torch.uint8).numpy().tobytes()
    path.write_bytes(gzip.compress(raw) if compress else raw)


def _write_mnist(folder, n_train=6, n_test=4, compress=False):
    folder.mkdir(parents=True, exist_ok=True)
    suffix = ".gz" if compress else ""
    for split, n in (("train", n_train), ("t10k", n_test)):
        images = torch.arange(n * 28 * 28).reshape(n, 28, 28) % 256
        _write_idx(folder / f"{split}-images-idx3-ubyte{suffix}", images, compress)
        _write_idx(folder / f"{split}-labels-idx1-ubyte{suffix}", torch.arange(n) % 10, compress)


@pytest.mark.parametrize("layout,compress", [("flat", False), ("torchvision", False), ("flat", True)])
def test_mnist_reads_local_idx_files(tmp_path, layout, compress):
    folder = tmp_path / "MNIST" / "raw" if layout == "torchvision" else tmp_path
    _write_mnist(folder, compress=compress)
    train, test = data.mnist(tmp_path, "mnist")
    assert train.x.shape == (6, 1, 28, 28) and test.x.shape == (4, 1, 28, 28)
    assert train.x.max() == 1.0 and train.x[0, 0, 0, 1] == pytest.approx(1 / 255)
    assert train.y.tolist() == [0, 1, 2, 3, 4, 5] and test.y.dtype == torch.long
    both = data.image_set("mnist", data_dir=tmp_path)
    assert len(both) == 10


def test_fashion_mnist_uses_its_own_torchvision_folder(tmp_path):
    _write_mnist(tmp_path / "FashionMNIST" / "raw")
    assert len(data.mnist(tmp_path, "fashion-mnist")[0]) == 6
    with pytest.raises(data.DataError, match="mnist files not found"):
        data.mnist(tmp_path, "mnist")


def test_missing_or_broken_mnist_gives_clear_errors(tmp_path):
    with pytest.raises(data.DataError, match="not found in .*--download"):
        data.mnist(tmp_path)
    with pytest.raises(data.DataError, match="give data_dir"):
        data.image_set("mnist")
    _write_mnist(tmp_path)
    (tmp_path / "t10k-labels-idx1-ubyte").write_bytes(b"\x00\x00\x08\x01\x00\x00\x00\x09\x01")  # says 9, has 1
    with pytest.raises(data.DataError, match="t10k-labels-idx1-ubyte: is cut short"):
        data.mnist(tmp_path)
