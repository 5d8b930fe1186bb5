"""ADBench's Gaussian mixture model objective in ADBench's array formulation (its PyTorch/JAX
version: every sample against every component at once, Q x by an einsum over the lower-triangular
factors), on the data benchmarks/gmm.c wrote."""

import math

import jax.numpy as jnp
import numpy as np
from jax.scipy.special import logsumexp


def log_gamma_distrib(a, p):
    return 0.25 * p * (p - 1) * math.log(math.pi) + sum(math.lgamma(a + 0.5 * (1 - j)) for j in range(1, p + 1))


def problem(data):
    d, k, n = (int(v) for v in data["shape"])
    gamma, m = float(data["wishart"][0]), int(data["wishart"][1])
    x = jnp.asarray(data["x"].reshape(n, d))
    # The strictly lower part of Q_k, stored column by column after the d diagonal entries.
    rows, cols = zip(*[(j, i) for i in range(d) for j in range(i + 1, d)]) if d > 1 else ((), ())
    rows, cols = np.array(rows, dtype=np.int32), np.array(cols, dtype=np.int32)
    constant = -n * d * 0.5 * math.log(2.0 * math.pi)
    wishart_n = d + m + 1
    wishart_c = wishart_n * d * (math.log(gamma) - 0.5 * math.log(2.0)) - log_gamma_distrib(0.5 * wishart_n, d)

    def objective(alphas, means, icf):
        qdiags = jnp.exp(icf[:, :d])
        sum_qs = jnp.sum(icf[:, :d], axis=1)
        ls = jnp.zeros((k, d, d)).at[:, rows, cols].set(icf[:, d:])
        xcentered = x[:, None, :] - means[None, :, :]  # n k d
        lxcentered = qdiags[None, :, :] * xcentered + jnp.einsum("ijk,mik->mij", ls, xcentered)
        main_term = alphas[None, :] + sum_qs[None, :] - 0.5 * jnp.sum(lxcentered * lxcentered, axis=2)
        slse = jnp.sum(logsumexp(main_term, axis=1))
        frobenius = jnp.sum(qdiags * qdiags, axis=1) + jnp.sum(icf[:, d:] * icf[:, d:], axis=1)
        prior = jnp.sum(0.5 * gamma * gamma * frobenius - m * sum_qs) - k * wishart_c
        return constant + slse - n * logsumexp(alphas) + prior

    params = (
        jnp.asarray(data["alphas"]),
        jnp.asarray(data["means"].reshape(k, d)),
        jnp.asarray(data["icf"].reshape(k, -1)),
    )
    return objective, params, lambda g: jnp.concatenate([part.ravel() for part in g])
