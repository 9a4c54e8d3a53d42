#!/usr/bin/env python3
"""SciPy's side of the network benchmark's interleaved pairs: one workload per request.

Usage: python3 scipy_pairs.py DATA_DIR   (a gen_network.py folder; see ../shared/bench/README.md)

The benchmark (network.ts) keeps this process open and alternates: one run of ours, one run here,
so both sides see the same load on a shared machine, and reports the median of the per-pair ratios.
Requests are lines on stdin; each gets one JSON line on stdout (times in milliseconds, wall clock
"ms" and this process's CPU time "cpu_ms", work only: the network is loaded once at start):

  single PATH            one demand, A s = f then h = C (B s).  PATH is one of bw2calc's solve
                         paths as ../shared/bench/scipy_ref.py times them:
                           superlu_colamd_spsolve_csr   spsolve(A_csr, f) (bw2calc without pypardiso)
                           jacobi_gmres_cold            bw2calc JacobiGMRESLCA, rtol 1e-10, cold start
                           superlu_mmdata_diagpivot     splu(MMD on A+Aᵀ, diagonal pivots) + solve
                         -> {"ms", "h"}
  adjoint PATH NDEM      our multi-demand method done by SciPy: k adjoint solves Aᵀ λ_c = (C B)_cᵀ
                         (one factorisation of Aᵀ and k solves, or k GMRES runs), then the scores of
                         the first NDEM unit demands of demands.json as rows of Λ (h_c(e_i) = λ_c[i]);
                         C B is formed in the timed part, as ours forms it.  PATH:
                           superlu_colamd_AT    splu of Aᵀ (COLAMD) + solve with the k columns
                           superlu_mmdata_AT    splu of A (MMD on A+Aᵀ, diagonal pivots), solve trans='T'
                           jacobi_gmres_AT      k GMRES runs on Aᵀ, Jacobi, rtol 1e-10
                         -> {"ms", "h_first"}
  mc ITER SEED           Monte Carlo as scipy_ref.py's fastest path: lognormal noise exp(0.1 N(0,1))
                         on off-diagonal A and all of B, warm-started Jacobi-GMRES (rtol 1e-10),
                         h = C (B s) -> {"ms", "h0_mean"}
  quit
"""
import gzip
import json
import os
import sys
import time

import numpy as np
import scipy.io
import scipy.sparse as sp
from scipy.sparse.linalg import LinearOperator, gmres, splu, spsolve


def load(folder):
    def mm(name):
        with gzip.open(os.path.join(folder, name)) as fh:
            return sp.csr_matrix(scipy.io.mmread(fh))
    with open(os.path.join(folder, "demands.json")) as fh:
        dem = json.load(fh)
    return mm("technosphere.mtx.gz"), mm("biosphere.mtx.gz"), mm("characterization.mtx.gz"), dem


def main():
    A, B, C, dem = load(sys.argv[1])
    n = A.shape[0]
    A_csc = A.tocsc()
    A_csc.sort_indices()
    f = np.zeros(n)
    for i, a in zip(dem["base"]["indices"], dem["base"]["amounts"]):
        f[i] += a
    sigma = float(dem.get("mc", {}).get("sigma", 0.1))

    def jacobi(M):
        d = M.diagonal()
        return LinearOperator(M.shape, matvec=lambda x: x / d, dtype=float)

    def single(path):
        if path == "superlu_colamd_spsolve_csr":
            s = spsolve(A, f)
        elif path == "jacobi_gmres_cold":
            s, _ = gmres(A, f, rtol=1e-10, atol=0.0, restart=50, maxiter=1000, M=jacobi(A))
        elif path == "superlu_mmdata_diagpivot":
            s = splu(A_csc, permc_spec="MMD_AT_PLUS_A", diag_pivot_thresh=0.0,
                     options={"SymmetricMode": True}).solve(f)
        else:
            raise ValueError("unknown single path " + path)
        return {"h": (C @ (B @ s)).tolist()}

    def adjoint(path, ndem):
        idx = np.asarray(dem["multi"]["indices"][:ndem])
        CB = (C @ B).toarray()              # k × n: the right-hand sides, as ours forms them
        if path == "superlu_colamd_AT":
            lam = splu(A.T.tocsc()).solve(np.ascontiguousarray(CB.T))
        elif path == "superlu_mmdata_AT":
            lu = splu(A_csc, permc_spec="MMD_AT_PLUS_A", diag_pivot_thresh=0.0, options={"SymmetricMode": True})
            lam = lu.solve(np.ascontiguousarray(CB.T), trans="T")
        elif path == "jacobi_gmres_AT":
            At = A.T.tocsr()
            M = jacobi(At)
            lam = np.column_stack([gmres(At, CB[c], rtol=1e-10, atol=0.0, restart=50, maxiter=1000, M=M)[0]
                                   for c in range(CB.shape[0])])
        else:
            raise ValueError("unknown adjoint path " + path)
        H = lam[idx, :]                     # ndem × k scores of the unit demands
        return {"h_first": H[0].tolist()}

    def mc(iters, seed):
        base = A_csc.copy()
        major = np.repeat(np.arange(n), np.diff(base.indptr))
        off = base.indices != major
        Aw = base.copy()
        Bw = B.copy()
        rng = np.random.default_rng(seed)
        x = None
        h0 = []
        for _ in range(iters):
            Aw.data[off] = base.data[off] * np.exp(sigma * rng.standard_normal(int(off.sum())))
            Bw.data[:] = B.data * np.exp(sigma * rng.standard_normal(B.nnz))
            x, info = gmres(Aw, f, x0=x, rtol=1e-10, atol=0.0, restart=50, maxiter=300, M=jacobi(Aw))
            if info != 0:
                x = spsolve(Aw, f)
            h0.append((C @ (Bw @ x))[0])
        return {"h0_mean": float(np.mean(h0))}

    print(json.dumps({"ready": True, "n": n}), flush=True)
    for line in sys.stdin:
        words = line.split()
        if not words:
            continue
        if words[0] == "quit":
            break
        try:
            t = time.perf_counter()
            c = time.process_time()
            if words[0] == "single":
                out = single(words[1])
            elif words[0] == "adjoint":
                out = adjoint(words[1], int(words[2]))
            elif words[0] == "mc":
                out = mc(int(words[1]), int(words[2]))
            else:
                raise ValueError("unknown request " + words[0])
            out["ms"] = (time.perf_counter() - t) * 1000.0
            out["cpu_ms"] = (time.process_time() - c) * 1000.0
        except Exception as e:  # reported to the benchmark, which stops with the message
            out = {"error": "%s: %s" % (type(e).__name__, e)}
        print(json.dumps(out), flush=True)


if __name__ == "__main__":
    main()
