"""Pick the device a run trains on: CUDA, then Apple MPS, then CPU, or what the user asks for."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass

import torch

from dltutor.i18n import _, ngettext


class DeviceError(ValueError):
    """The requested device is absent or malformed; the message says what to use instead."""


@dataclass(frozen=True)
class DeviceChoice:
    device: torch.device
    name: str  # human name: GPU model, "Apple GPU (MPS)", "CPU"
    reason: str  # why this device was picked
    detail: str  # memory or thread count, for the badge

    @property
    def badge(self) -> str:
        return f"{self.device} · {self.name} · {self.detail}"

    def as_dict(self) -> dict:
        return {"device": str(self.device), "name": self.name, "reason": self.reason, "detail": self.detail}


def _mps_available() -> bool:
    mps = getattr(torch.backends, "mps", None)
    return bool(mps and mps.is_available())


def _describe(device: torch.device, reason: str) -> DeviceChoice:
    if device.type == "cuda":
        index = device.index if device.index is not None else torch.cuda.current_device()
        props = torch.cuda.get_device_properties(index)
        return DeviceChoice(torch.device("cuda", index), props.name, reason,
                            f"{props.total_memory / 2**30:.1f} GiB")
    if device.type == "mps":
        return DeviceChoice(device, _("Apple GPU (MPS)"), reason, _("unified memory"))
    threads = torch.get_num_threads()
    detail = ngettext("{threads} thread of {cores} cores", "{threads} threads of {cores} cores", threads)
    return DeviceChoice(device, "CPU", reason, detail.format(threads=threads, cores=os.cpu_count()))


def pick_device(requested: str | None = None) -> DeviceChoice:
    """Resolve 'auto'/None, 'cpu', 'cuda', 'cuda:N' or 'mps' to an available device."""
    req = (requested or "auto").strip().lower()
    if req == "auto":
        if torch.cuda.is_available():
            return _describe(torch.device("cuda"), _("CUDA GPU found"))
        if _mps_available():
            return _describe(torch.device("mps"), _("Apple MPS found, no CUDA"))
        why = _("no CUDA GPU or Apple MPS found") if sys.platform == "darwin" else _("no CUDA GPU found")
        return _describe(torch.device("cpu"), why)
    try:
        device = torch.device(req)
    except RuntimeError:
        raise DeviceError(_("'{device}' is not a device; use auto, cpu, cuda, cuda:N or mps").format(
            device=requested)) from None
    if device.type == "cpu":
        return _describe(device, _("asked for"))
    if device.type == "cuda":
        if not torch.cuda.is_available():
            raise DeviceError(_("'{device}' was asked for, but no CUDA GPU is available here "
                                "(torch {torch}, CUDA build: {cuda}); use --device cpu").format(
                device=requested, torch=torch.__version__, cuda=torch.version.cuda or _("no")))
        count = torch.cuda.device_count()
        if device.index is not None and device.index >= count:
            raise DeviceError(_("'{device}' was asked for, but only {count} CUDA device(s) exist: {devices}").format(
                device=requested, count=count, devices=", ".join(f"cuda:{i}" for i in range(count))))
        return _describe(device, _("asked for"))
    if device.type == "mps":
        if not _mps_available():
            raise DeviceError(_("'{device}' was asked for, but Apple MPS is not available here; use --device cpu")
                              .format(device=requested))
        return _describe(device, _("asked for"))
    raise DeviceError(_("device type '{type}' is not supported; use auto, cpu, cuda, cuda:N or mps").format(
        type=device.type))
