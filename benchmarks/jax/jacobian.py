"""The network of benchmarks/jacobian_batched.c, y = W2 tanh(W1 x + b), R^256 -> R^8, whose Jacobian
JAX takes by reverse mode over the eight outputs at once (jax.jacrev: one forward pass and a vmap
of the pullback, as swad's batched call of width 8); the matrices row-major as the C declares them."""

import jax
import jax.numpy as jnp

# What bench.py takes of the objective: the Jacobian, not a gradient.
derivative = jax.jacrev


def problem(data):
    n, h, m = (int(v) for v in data["shape"])
    w1 = jnp.asarray(data["W1"].reshape(h, n))
    b = jnp.asarray(data["b"])
    w2 = jnp.asarray(data["W2"].reshape(m, h))

    def net(x):
        return w2 @ jnp.tanh(w1 @ x + b)

    # Rows of dy/dx, as swad's J8[k][j].
    return net, (jnp.asarray(data["x"]),), lambda jacobian: jacobian[0].ravel()
