"""Reads the file a C benchmark writes when SWAD_BENCH_DUMP names it (see benchmarks/dump.h): for
each array a text line "name count" and count native doubles. An array named twice is the
concatenation of its parts."""

import numpy as np


def read_dump(path):
    arrays = {}
    with open(path, "rb") as file:
        while True:
            header = file.readline()
            if not header:
                return arrays
            name, count = header.decode().split()
            values = np.frombuffer(file.read(8 * int(count)), dtype=np.float64)
            if len(values) != int(count):
                raise ValueError(f"{path}: {name} is cut short ({len(values)} of {count} values)")
            arrays[name] = np.concatenate([arrays[name], values]) if name in arrays else values
