"""The talk's sine fit, L(a, b, p, c) = sum_i (a sin(2 pi (i + c) / p) + b - t_i)^2, as
benchmarks/sine_fit.c computes it, in array form."""

import jax.numpy as jnp


def problem(data):
    t = jnp.asarray(data["t"])
    i = jnp.arange(t.shape[0], dtype=jnp.float64)

    def loss(x):
        a, b, p, c = x[0], x[1], x[2], x[3]
        r = a * jnp.sin(2.0 * jnp.pi * (i + c) / p) + b - t
        return jnp.sum(r * r)

    return loss, (jnp.asarray(data["x"]),), lambda g: g[0]
