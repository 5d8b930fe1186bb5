"""The perceptron of benchmarks/eigen_mlp.cpp, L = |W2 tanh(W1 X + b1) + b2 - y|^2 / 2N with one hidden
tanh layer, on its data: one parameter vector (W1 column-major, then b1, W2, b2) and X column-major,
so each matrix is read transposed."""

import jax.numpy as jnp


def problem(data):
    d, h, n = (int(v) for v in data["shape"])
    x = jnp.asarray(data["inputs"].reshape(n, d).T)
    y = jnp.asarray(data["targets"])

    def loss(p):
        w1 = p[: h * d].reshape(d, h).T
        b1 = p[h * d : h * d + h]
        w2 = p[h * d + h : h * d + 2 * h]
        b2 = p[h * d + 2 * h]
        residual = w2 @ jnp.tanh(w1 @ x + b1[:, None]) + b2 - y
        return jnp.sum(residual * residual) / (2.0 * n)

    return loss, (jnp.asarray(data["parameters"]),), lambda g: g[0]
