"""Lesson 6: a GAN learns a ring of 8 Gaussians, and you can watch for mode collapse.

A generator turns random noise into 2-D points; a discriminator learns to tell them from real points
drawn from 8 tight Gaussians on a circle. They train in turns (the minimax game), the generator with the
non-saturating loss −log D(G(z)). Every few hundred steps the run emits the generated point cloud:
early on the points are a blob, then they split towards the modes. A collapsed GAN puts all its points
on one or two modes; the coverage count below makes that visible as a number too.
"""

from __future__ import annotations

import torch
from pydantic import BaseModel, ConfigDict, Field
from torch import nn

from dltutor.i18n import N_, _
from dltutor.lab.data import ring, ring_centres
from dltutor.lab.events import Epoch, Sample
from dltutor.lab.exercise import Context, Exercise, Result
from dltutor.lab.goals import Goal
from dltutor.lab.nets import count_params
from dltutor.lab.threads import on_cpu_threads, threads_field

MODES, RADIUS, STD = 8, 2.0, 0.05  # the ring: 8 Gaussians of std 0.05 on a circle of radius 2
NEAR = 3 * STD  # a generated point is "near a mode" within 3 standard deviations of its centre
MIN_SHARE = 0.01  # a mode is covered when at least 1 % of the generated points are near it
GOAL_MODES, GOAL_NEAR = 6, 0.5
GOALS = (Goal("modes_covered", ">=", GOAL_MODES), Goal("near_fraction", ">=", GOAL_NEAR))
EVAL_POINTS = 2000


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid")
    hidden: int = Field(64, ge=1, le=4096, description=N_("units in each of the two hidden layers of both networks"))
    z_dim: int = Field(8, ge=1, le=512, description=N_("size of the generator's random input (latent) vector"))
    lr: float = Field(2e-3, gt=0, le=1, description=N_("Adam learning rate (generator and discriminator)"))
    beta1: float = Field(0.5, ge=0, lt=1, description=N_("Adam's first beta; 0.5 (not 0.9) is the usual GAN choice"))
    steps: int = Field(1500, ge=1, le=1_000_000,
                       description=N_("training steps (one discriminator + one generator update)"))
    batch_size: int = Field(256, ge=2, le=65536, description=N_("real and generated points per step"))
    sample_every: int = Field(100, ge=1, description=N_("steps between generated point clouds and coverage counts"))
    shown: int = Field(500, ge=10, le=EVAL_POINTS, description=N_("generated points sent in each point cloud"))
    report_every: int = Field(10, ge=1, description=N_("steps between loss reports (each costs one device sync)"))
    threads: int = threads_field()


def networks(p: Params) -> tuple[nn.Sequential, nn.Sequential]:
    generator = nn.Sequential(nn.Linear(p.z_dim, p.hidden), nn.ReLU(), nn.Linear(p.hidden, p.hidden), nn.ReLU(),
                              nn.Linear(p.hidden, 2))
    discriminator = nn.Sequential(nn.Linear(2, p.hidden), nn.LeakyReLU(0.2), nn.Linear(p.hidden, p.hidden),
                                  nn.LeakyReLU(0.2), nn.Linear(p.hidden, 1))  # a logit: "how real is this point"
    return generator, discriminator


def coverage(points: torch.Tensor, centres: torch.Tensor) -> dict[str, float | list[int]]:
    """How many modes the points cover, what share of them sits near some mode, and how far they are on average."""
    distance, nearest = torch.cdist(points, centres).min(1)
    near = distance < NEAR
    counts = torch.bincount(nearest[near], minlength=len(centres)).cpu()
    return {"modes_covered": int((counts >= MIN_SHARE * len(points)).sum()),
            "near_fraction": near.float().mean().item(),
            "per_mode": counts.tolist(), "mean_distance": distance.mean().item()}


def _rounded(points: torch.Tensor) -> list[list[float]]:
    """3 decimals are plenty for a plot and keep --json lines small (float64 first, so 0.123 prints as 0.123)."""
    return points.detach().double().round(decimals=3).cpu().tolist()



def adversarial_step(generator, discriminator, opt_g, opt_d, x_real, z):
    """One round of the game: a discriminator update, then a generator update. Returns both losses."""
    bce = nn.functional.binary_cross_entropy_with_logits
    x_fake = generator(z)
    d_real, d_fake = discriminator(x_real), discriminator(x_fake.detach())
    # discriminator: real → 1, generated → 0 (detach: this update must not change the generator)
    loss_d = bce(d_real, torch.ones_like(d_real)) + bce(d_fake, torch.zeros_like(d_fake))
    opt_d.zero_grad()
    loss_d.backward()
    opt_d.step()
    # generator, non-saturating: make D call its points real (strong gradients even when D wins)
    d_fooled = discriminator(x_fake)
    loss_g = bce(d_fooled, torch.ones_like(d_fooled))
    opt_g.zero_grad()
    loss_g.backward()
    opt_g.step()
    return loss_d, loss_g


@on_cpu_threads
def train(ctx: Context):
    p: Params = ctx.params
    real = ring(20_000, MODES, RADIUS, STD, seed=ctx.seed, device=ctx.device).x
    centres = ring_centres(MODES, RADIUS).to(ctx.device)
    fixed_z = torch.randn(EVAL_POINTS, p.z_dim, generator=torch.Generator().manual_seed(ctx.seed)).to(ctx.device)
    generator, discriminator = networks(p)
    generator.to(ctx.device), discriminator.to(ctx.device)
    opt_g = torch.optim.Adam(generator.parameters(), lr=p.lr, betas=(p.beta1, 0.999))
    opt_d = torch.optim.Adam(discriminator.parameters(), lr=p.lr, betas=(p.beta1, 0.999))
    shown_real = _rounded(real[:p.shown])
    found = {}
    for step in range(1, p.steps + 1):
        x_real = real[torch.randint(0, len(real), (p.batch_size,), device=ctx.device)]
        z = torch.randn(p.batch_size, p.z_dim, device=ctx.device)
        loss_d, loss_g = adversarial_step(generator, discriminator, opt_g, opt_d, x_real, z)
        ctx.step()
        if step % p.report_every == 0 or step == 1:
            yield ctx.report({"loss/discriminator": loss_d, "loss/generator": loss_g})
        if step % p.sample_every == 0 or step == p.steps or ctx.stopped:
            with torch.no_grad():
                points = generator(fixed_z)
            found = coverage(points, centres)
            yield Sample("points", {"generated": _rounded(points[:p.shown]), "real": shown_real,
                                    "centres": _rounded(centres), **found}, step)
            yield Epoch(step, {key: found[key] for key in ("modes_covered", "near_fraction", "mean_distance")})
        if ctx.stopped:
            break
    metrics = {"modes_covered": float(found["modes_covered"]), "near_fraction": found["near_fraction"],
               "mean_distance": found["mean_distance"]}
    return Result(metrics)


def describe(p: Params, device: torch.device) -> tuple[str, dict[str, int]]:
    generator, discriminator = networks(p)
    return (_("generator MLP {z}→{hidden}→{hidden}→2 (ReLU); discriminator MLP 2→{hidden}→{hidden}→1 "
              "(LeakyReLU); ring of 8 Gaussians").format(z=p.z_dim, hidden=p.hidden),
            {"generator": count_params(generator), "discriminator": count_params(discriminator)})


EXERCISE = Exercise(
    id="gan",
    title=N_("A GAN on a ring of 8 Gaussians"),
    target=N_("≥ {goal_modes} of {modes} modes covered (each by ≥ {min_share:.0%} of {points} samples) and "
              "≥ {goal_near:.0%} of samples within {near:g} (3σ) of a mode"),
    target_args={"goal_modes": GOAL_MODES, "modes": MODES, "min_share": MIN_SHARE, "points": EVAL_POINTS,
                 "goal_near": GOAL_NEAR, "near": NEAR},
    Params=Params,
    train=train,
    describe=describe,
    total_steps=lambda p: p.steps,
    goals=GOALS,
)
