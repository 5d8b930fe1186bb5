"""ADBench's LSTM objective (benchmarks/lstm.c), the characters scanned with lax.scan and the l
layers unrolled, on the data benchmarks/lstm.c wrote."""

import jax
import jax.numpy as jnp


def problem(data):
    l, c, b = (int(v) for v in data["shape"])
    state0 = jnp.asarray(data["state"].reshape(l, 2, b))  # (hidden, cell) per layer
    sequence = jnp.asarray(data["sequence"].reshape(c, b))

    def objective(main_params, extra):
        def step(state, pair):
            x, target = pair
            xp = x * extra[0:b]
            layers = []
            for j in range(l):
                w, bias = main_params[j, : 4 * b], main_params[j, 4 * b :]
                hidden, cell = state[j, 0], state[j, 1]
                forget = jax.nn.sigmoid(xp * w[0:b] + bias[0:b])
                ingate = jax.nn.sigmoid(hidden * w[b : 2 * b] + bias[b : 2 * b])
                outgate = jax.nn.sigmoid(xp * w[2 * b : 3 * b] + bias[2 * b : 3 * b])
                change = jnp.tanh(hidden * w[3 * b :] + bias[3 * b :])
                cell = cell * forget + ingate * change
                hidden = outgate * jnp.tanh(cell)
                layers.append(jnp.stack([hidden, cell]))
                xp = hidden
            ypred = xp * extra[b : 2 * b] + extra[2 * b :]
            lse = jnp.log(jnp.sum(jnp.exp(ypred)) + 2.0)  # ADBench's logsumexp, with its "+ 2"
            return jnp.stack(layers), jnp.sum(target * (ypred - lse))

        _, totals = jax.lax.scan(step, state0, (sequence[:-1], sequence[1:]))
        return -jnp.sum(totals) / ((c - 1) * b)

    params = (jnp.asarray(data["main"].reshape(l, 8 * b)), jnp.asarray(data["extra"]))
    return objective, params, lambda g: jnp.concatenate([part.ravel() for part in g])
