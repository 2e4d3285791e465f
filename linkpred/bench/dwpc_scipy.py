#!/usr/bin/env python3
"""DWPC feature set with scipy sparse products: the Python reference for `LinkPredCli dwpc-scipy`.

Reads the projection exported by the Java command (DIR/graph.tsv plus int32 edge files), computes the
DWPC of every metapath for every source-target pair exactly as linkpred's Dwpc does (step matrices
weighted deg(row)^-w * deg(col)^-w within their edge type, same-kind types symmetric unless directed,
self loops dropped, walks that revisit a node removed by inclusion-exclusion, values <= 1e-15 set to 0),
writes them to DIR/scipy-dwpc.bin (float32, row-major, metapaths in file order) and prints
    SCIPY cold=<s> warm=<s> cpu_cold=<s> cpu_warm=<s> metapaths=<n> pairs=<n>
cold: from the edge arrays in memory (building the CSR matrices and weights) to the last metapath;
warm: the same again with the weighted matrices already built (best of --reps); cpu_*: the process CPU
time of the same spans (time.process_time), which a loaded machine distorts less than wall time.
Usage: dwpc_scipy.py DIR [--reps N]
"""
import sys
import time

import numpy as np
import scipy.sparse as sp


def read(d):
    kinds, edges, metapaths = [], {}, []
    source = target = None
    damping = 0.4
    with open(f"{d}/graph.tsv") as f:
        for line in f:
            p = line.rstrip("\n").split("\t")
            if p[0] == "kind":
                kinds.append((p[1], int(p[2])))
            elif p[0] == "edges":
                _, name, s, t, sym, n, fn = p
                a = np.fromfile(f"{d}/{fn}", dtype="<i4")
                n = int(n)
                edges[name] = (int(s), int(t), sym == "1", a[:n].copy(), a[n:].copy())
            elif p[0] == "metapath":
                steps = []
                for st in p[2].split(";"):
                    name, fwd = st.rsplit(",", 1)
                    steps.append((name, fwd == "1"))
                metapaths.append((p[1], steps))
            elif p[0] == "source":
                source = int(p[1])
            elif p[0] == "target":
                target = int(p[1])
            elif p[0] == "damping":
                damping = float(p[1])
    return kinds, edges, metapaths, source, target, damping


def step_matrix(edge, forward, counts, damping):
    s, t, sym, src, dst = edge
    if sym:
        rows, cols, n, m = np.concatenate([src, dst]), np.concatenate([dst, src]), counts[s], counts[s]
    elif forward:
        rows, cols, n, m = src, dst, counts[s], counts[t]
    else:
        rows, cols, n, m = dst, src, counts[t], counts[s]
    a = sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, m))
    a.data[:] = 1.0  # duplicates summed by the constructor: count each pair once
    row_deg = np.diff(a.indptr).astype(float)
    col_deg = np.bincount(a.indices, minlength=m).astype(float)
    with np.errstate(divide="ignore"):
        rw = np.where(row_deg > 0, row_deg ** -damping, 0.0)
        cw = np.where(col_deg > 0, col_deg ** -damping, 0.0)
    w = a.multiply(rw[:, None]).multiply(cw[None, :]).tocsr()
    w.sort_indices()
    return w


def kind_of(edge, forward):
    s, t, sym, _, _ = edge
    return (s, t) if forward or sym else (t, s)


def dwpc_all(edges, metapaths, counts, source, target, damping, cache):
    out = []
    for name, steps in metapaths:
        ws = []
        kinds = [kind_of(edges[steps[0][0]], steps[0][1])[0]]
        for e, fwd in steps:
            key = (e, fwd or edges[e][2])
            if key not in cache:
                cache[key] = step_matrix(edges[e], fwd, counts, damping)
            ws.append(cache[key])
            kinds.append(kind_of(edges[e], fwd)[1])
        prod = ws[0]
        for w in ws[1:]:
            prod = prod @ w
        full = prod.toarray()
        if len(ws) == 3:
            w1, w2, w3 = ws
            zero_two = kinds[2] == source
            one_three = kinds[1] == target
            if zero_two:  # walks n0 == n2: diag(W1 W2)[c] * W3[c, d]
                diag = np.asarray(w1.multiply(w2.T).sum(axis=1)).ravel()
                full -= w3.multiply(diag[:, None]).toarray()
            if one_three:  # walks n1 == n3: W1[c, d] * diag(W2 W3)[d]
                diag = np.asarray(w2.multiply(w3.T).sum(axis=1)).ravel()
                full -= w1.multiply(diag[None, :]).toarray()
            if zero_two and one_three:
                full += w1.multiply(w2.T).multiply(w3).toarray()
        full[full <= 1e-15] = 0.0
        out.append(full.astype(np.float32))
    return out


def main():
    d = sys.argv[1]
    reps = int(sys.argv[sys.argv.index("--reps") + 1]) if "--reps" in sys.argv else 1
    kinds, edges, metapaths, source, target, damping = read(d)
    counts = [c for _, c in kinds]
    t0, c0 = time.perf_counter(), time.process_time()
    cache = {}
    result = dwpc_all(edges, metapaths, counts, source, target, damping, cache)
    cold, cpu_cold = time.perf_counter() - t0, time.process_time() - c0
    warm = cpu_warm = float("inf")
    for _ in range(reps):
        t1, c1 = time.perf_counter(), time.process_time()
        dwpc_all(edges, metapaths, counts, source, target, damping, cache)
        warm, cpu_warm = min(warm, time.perf_counter() - t1), min(cpu_warm, time.process_time() - c1)
    with open(f"{d}/scipy-dwpc.bin", "wb") as f:
        for m in result:
            f.write(m.astype("<f4").tobytes())
    print(f"SCIPY cold={cold:.4f} warm={warm:.4f} cpu_cold={cpu_cold:.4f} cpu_warm={cpu_warm:.4f} "
          f"metapaths={len(metapaths)} "
          f"pairs={counts[source] * counts[target]}")


if __name__ == "__main__":
    main()
