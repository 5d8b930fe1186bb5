"""The three-layer perceptron of benchmarks/blas_mlp.c, L = |W3 tanh(W2 tanh(W1 X)) - Y|^2 / 2N, on
its data (column-major there, so each matrix is read transposed)."""

import jax.numpy as jnp


def problem(data):
    d, n = (int(v) for v in data["shape"])
    x = jnp.asarray(data["X"].reshape(n, d).T)
    y = jnp.asarray(data["Y"].reshape(n, d).T)

    def loss(w1, w2, w3):
        p = w3 @ jnp.tanh(w2 @ jnp.tanh(w1 @ x))
        return jnp.sum((p - y) ** 2) / (2.0 * n)

    params = tuple(jnp.asarray(data[name].reshape(d, d).T) for name in ("W1", "W2", "W3"))
    # Back to column-major, the order of swad's gradient.
    return loss, params, lambda g: jnp.concatenate([part.T.ravel() for part in g])


def kernels(data):
    """One of the products and one layer's tanh, as benchmarks/blas_mlp.c times them (same labels)."""
    d, n = (int(v) for v in data["shape"])
    x = jnp.asarray(data["X"].reshape(n, d).T)
    w1 = jnp.asarray(data["W1"].reshape(d, d).T)
    z = w1 @ x
    return {
        f"dgemm_{d}x{d}x{n}": (lambda a, b: a @ b, (w1, x)),
        f"tanh_x{d * n}": (jnp.tanh, (z,)),
    }
