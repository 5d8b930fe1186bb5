// The level-3 BLAS routines of the table (matrix-matrix): see BLASRoutines.swift for the notation.
import CLLVM
import LLVMBinding

extension BLASRoutines {
  /// C := α op(A) op(B) + βC, C m×n, op(A) m×k, op(B) k×n.
  /// Ċ := βĊ + α op(Ȧ) op(B) + α op(A) op(Ḃ) + α̇ op(A) op(B) + β̇C (three gemms and a matrix axpy);
  /// Ā += α C̄ op(B)ᵀ (or α op(B) C̄ᵀ), B̄ += α op(A)ᵀ C̄ (or α C̄ᵀ op(A)) (two gemms),
  /// ᾱ += ⟨C̄, op(A) op(B)⟩, β̄ += ⟨C̄, C⟩, C̄ := βC̄.
  static let gemm = BLASRoutine(
    name: "gemm", takesLayout: true,
    parameters: [
      p("transa", .transpose), p("transb", .transpose), p("m", .integer), p("n", .integer),
      p("k", .integer), p("alpha", .scalar), p("a", .array), p("lda", .integer), p("b", .array),
      p("ldb", .integer), p("beta", .scalar), p("c", .array), p("ldc", .integer),
    ],
    returnsScalar: false,
    extents: [
      "a": .matrix(rows: byTrans("transa", "m", "k"), cols: byTrans("transa", "k", "m"), leading: "lda"),
      "b": .matrix(rows: byTrans("transb", "k", "n"), cols: byTrans("transb", "n", "k"), leading: "ldb"),
      "c": .matrix(rows: value("m"), cols: value("n"), leading: "ldc"),
    ],
    output: "c",
    adjointReads: { active in
      reads([
        (active.contains("a") || active.contains("alpha"), entry("b")),
        (active.contains("b") || active.contains("alpha"), entry("a")), (active.contains("beta"), entry("c")),
      ])
    },
    tangentBefore: { c in
      let dc = c.d("c")!
      let lib = c.library
      let (ta, tb, m, n, k) = (c["transa"], c["transb"], c["m"], c["n"], c["k"])
      let (lda, ldb, ldc) = (c["lda"], c["ldb"], c["ldc"])
      c.productTangent(
        { alpha, a, b, beta in lib.gemm(ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, dc, ldc) },
        scale: { lib.scaleMatrix(c.part(.all), m, n, $0, dc, ldc) },
        addC: { lib.axpyMatrix(c.part(.all), m, n, $0, c["c"], ldc, dc, ldc) })
    },
    tangentAfter: nil,
    adjoint: { c in
      let dc = c.d("c")!
      let lib = c.library
      let (ta, tb, m, n, k) = (c["transa"], c["transb"], c["m"], c["n"], c["k"])
      let (lda, ldb, ldc) = (c["lda"], c["ldb"], c["ldc"])
      let (noTrans, trans) = (c.int(CBLAS.noTrans), c.int(CBLAS.trans))
      if let da = c.d("a") {
        // NoTrans A: Ā (m×k) += α C̄ op(B)ᵀ. Trans A: Ā (k×m) += α op(B) C̄ᵀ.
        let n1 = c.noTrans("transa")
        lib.gemm(
          c.pick(n1, noTrans, tb), c.pick(n1, c.flip(tb), trans), c.pick(n1, m, k), c.pick(n1, k, m), n,
          c["alpha"], c.pick(n1, dc, c["b"]), c.pick(n1, ldc, ldb), c.pick(n1, c["b"], dc),
          c.pick(n1, ldb, ldc),
          c.one, da, lda)
      }
      if let db = c.d("b") {
        // NoTrans B: B̄ (k×n) += α op(A)ᵀ C̄. Trans B: B̄ (n×k) += α C̄ᵀ op(A).
        let n2 = c.noTrans("transb")
        lib.gemm(
          c.pick(n2, c.flip(ta), trans), c.pick(n2, noTrans, ta), c.pick(n2, k, n), c.pick(n2, n, k), m,
          c["alpha"], c.pick(n2, c["a"], dc), c.pick(n2, lda, ldc), c.pick(n2, dc, c["a"]),
          c.pick(n2, ldc, lda),
          c.one, db, ldb)
      }
      if c.isActive("alpha") {
        let ld = c.denseLeading(rows: m, cols: n)
        let product = c.temporary(c.b.mul(m, n))
        lib.gemm(ta, tb, m, n, k, c.one, c["a"], lda, c["b"], ldb, c.zero, product, ld)
        c.addScalarAdjoint("alpha", lib.dotMatrix(c.part(.all), m, n, dc, ldc, product, ld))
      }
      if c.isActive("beta") {
        c.addScalarAdjoint("beta", lib.dotMatrix(c.part(.all), m, n, dc, ldc, c["c"], ldc))
      }
      if !c.isOne(c["beta"]) { lib.scaleMatrix(c.part(.all), m, n, c["beta"], dc, ldc) }
    })

  /// C := α op(A) op(A)ᵀ + βC on the `uplo` triangle of the n×n C; op(A) n×k.
  /// Ċ := βĊ + α(op(Ȧ)op(A)ᵀ + op(A)op(Ȧ)ᵀ) + α̇ op(A)op(A)ᵀ + β̇C on the triangle (a syr2k, a syrk, a
  /// triangle axpy); with S the triangle of C̄: Ā += α(S + Sᵀ)A (or αA(S + Sᵀ)) (two gemms),
  /// ᾱ += ⟨S, op(A)op(A)ᵀ⟩, β̄ += ⟨S, C⟩, C̄ := βC̄ on the triangle.
  static let syrk = BLASRoutine(
    name: "syrk", takesLayout: true,
    parameters: [
      p("uplo", .uplo), p("trans", .transpose), p("n", .integer), p("k", .integer), p("alpha", .scalar),
      p("a", .array), p("lda", .integer), p("beta", .scalar), p("c", .array), p("ldc", .integer),
    ],
    returnsScalar: false,
    extents: [
      "a": .matrix(rows: byTrans("trans", "n", "k"), cols: byTrans("trans", "k", "n"), leading: "lda"),
      "c": .matrix(rows: value("n"), cols: value("n"), leading: "ldc"),
    ],
    output: "c",
    adjointReads: { active in
      reads([
        (active.contains("a") || active.contains("alpha"), entry("a")), (active.contains("beta"), entry("c")),
      ])
    },
    tangentBefore: { c in
      let dc = c.d("c")!
      let lib = c.library
      let (uplo, trans, n, k, lda, ldc) = (c["uplo"], c["trans"], c["n"], c["k"], c["lda"], c["ldc"])
      var terms: [(Value) -> Void] = []
      if let da = c.d("a") {
        terms.append { lib.syr2k(uplo, trans, n, k, c["alpha"], da, lda, c["a"], lda, $0, dc, ldc) }
      }
      if let dalpha = c.d("alpha") {
        terms.append { lib.syrk(uplo, trans, n, k, dalpha, c["a"], lda, $0, dc, ldc) }
      }
      c.accumulate(terms, beta: c["beta"]) {
        lib.scaleMatrix(c.part(.triangle), uplo: uplo, n, n, $0, dc, ldc)
      }
      if let dbeta = c.d("beta") {
        lib.axpyMatrix(c.part(.triangle), uplo: uplo, n, n, dbeta, c["c"], ldc, dc, ldc)
      }
    },
    tangentAfter: nil,
    adjoint: { c in
      let dc = c.d("c")!
      let lib = c.library
      let (uplo, trans, n, k, lda, ldc) = (c["uplo"], c["trans"], c["n"], c["k"], c["lda"], c["ldc"])
      let (noTrans, transposed) = (c.int(CBLAS.noTrans), c.int(CBLAS.trans))
      let ld = c.denseLeading(rows: n, cols: n)
      if let da = c.d("a") {
        let s = c.temporary(c.b.mul(n, n), zeroed: true)
        lib.axpyMatrix(c.part(.triangle), uplo: uplo, n, n, c.one, dc, ldc, s, ld)
        let n1 = c.noTrans("trans")
        // NoTrans: Ā (n×k) += α S A + α Sᵀ A. Trans: Ā (k×n) += α A S + α A Sᵀ.
        for sTrans in [noTrans, transposed] {
          lib.gemm(
            c.pick(n1, sTrans, noTrans), c.pick(n1, noTrans, sTrans), c.pick(n1, n, k), c.pick(n1, k, n), n,
            c["alpha"], c.pick(n1, s, c["a"]), c.pick(n1, ld, lda), c.pick(n1, c["a"], s),
            c.pick(n1, lda, ld),
            c.one, da, lda)
        }
      }
      if c.isActive("alpha") {
        let product = c.temporary(c.b.mul(n, n))
        lib.syrk(uplo, trans, n, k, c.one, c["a"], lda, c.zero, product, ld)
        c.addScalarAdjoint("alpha", lib.dotMatrix(c.part(.triangle), uplo: uplo, n, n, dc, ldc, product, ld))
      }
      if c.isActive("beta") {
        c.addScalarAdjoint("beta", lib.dotMatrix(c.part(.triangle), uplo: uplo, n, n, dc, ldc, c["c"], ldc))
      }
      if !c.isOne(c["beta"]) { lib.scaleMatrix(c.part(.triangle), uplo: uplo, n, n, c["beta"], dc, ldc) }
    })

  /// B := α op(A)B (side Left) or α B op(A) (Right), B m×n, A triangular k×k (k = m or n).
  /// Ḃ := α op(A)Ḃ + α op(Ȧ)B + α̇ op(A)B (trmms into scratch before the call, matrix axpys);
  /// ᾱ += ⟨B̄, op(A)B⟩, Ā += αB̄Bᵀ, αBB̄ᵀ, αBᵀB̄ or αB̄ᵀB on the stored triangle (a gemm into scratch),
  /// B̄ := α op(A)ᵀB̄ (or α B̄ op(A)ᵀ) (a trmm).
  static let trmm = BLASRoutine(
    name: "trmm", takesLayout: true,
    parameters: triangularMatrixParameters,
    returnsScalar: false,
    extents: triangularMatrixExtents,
    output: "b",
    adjointReads: { active in
      reads([(true, entry("a")), (active.contains("a") || active.contains("alpha"), entry("b"))])
    },
    tangentBefore: { c in
      let db = c.d("b")!
      let lib = c.library
      let (side, uplo, trans, diag) = (c["side"], c["uplo"], c["transa"], c["diag"])
      let (m, n, lda, ldb) = (c["m"], c["n"], c["lda"], c["ldb"])
      let ld = c.denseLeading(rows: m, cols: n)
      // Each term into scratch first: B is still the old B, and Ḃ is needed whole by the last trmm.
      var terms: [Value] = []
      if let da = c.d("a") {
        let product = c.temporary(c.b.mul(m, n), zeroed: true)
        lib.axpyMatrix(c.part(.all), m, n, c.one, c["b"], ldb, product, ld)
        lib.trmm(side, uplo, trans, diag, m, n, c["alpha"], da, lda, product, ld)
        // trmm takes a unit diagonal as 1; the tangent of a unit diagonal is 0.
        let unit = c.pick(c.equals("diag", CBLAS.unit), c.neg(c["alpha"]), c.zero)
        lib.axpyMatrix(c.part(.all), m, n, unit, c["b"], ldb, product, ld)
        terms.append(product)
      }
      if let dalpha = c.d("alpha") {
        let product = c.temporary(c.b.mul(m, n), zeroed: true)
        lib.axpyMatrix(c.part(.all), m, n, c.one, c["b"], ldb, product, ld)
        lib.trmm(side, uplo, trans, diag, m, n, dalpha, c["a"], lda, product, ld)
        terms.append(product)
      }
      lib.trmm(side, uplo, trans, diag, m, n, c["alpha"], c["a"], lda, db, ldb)
      for term in terms { lib.axpyMatrix(c.part(.all), m, n, c.one, term, ld, db, ldb) }
    },
    tangentAfter: nil,
    adjoint: { c in
      let db = c.d("b")!
      let lib = c.library
      let (side, uplo, trans, diag) = (c["side"], c["uplo"], c["transa"], c["diag"])
      let (m, n, lda, ldb) = (c["m"], c["n"], c["lda"], c["ldb"])
      if c.isActive("alpha") {
        let ld = c.denseLeading(rows: m, cols: n)
        let product = c.temporary(c.b.mul(m, n), zeroed: true)
        lib.axpyMatrix(c.part(.all), m, n, c.one, c["b"], ldb, product, ld)
        lib.trmm(side, uplo, trans, diag, m, n, c.one, c["a"], lda, product, ld)
        c.addScalarAdjoint("alpha", lib.dotMatrix(c.part(.all), m, n, db, ldb, product, ld))
      }
      if let da = c.d("a") {
        let left = c.equals("side", CBLAS.left)
        let (noTrans, transposed) = (c.int(CBLAS.noTrans), c.int(CBLAS.trans))
        let k = c.pick(left, m, n)
        let ld = c.denseLeading(rows: k, cols: k)
        // Left: op(A)̄ = αB̄Bᵀ; Right: op(A)̄ = αBᵀB̄; Ā is op(A)̄ or its transpose.
        let adjointFirst = c.b.icmp(LLVMIntEQ, left, c.noTrans("transa"))
        let outer = c.temporary(c.b.mul(k, k), zeroed: true)
        lib.gemm(
          c.pick(left, noTrans, transposed), c.pick(left, transposed, noTrans), k, k, c.pick(left, n, m),
          c["alpha"], c.pick(adjointFirst, db, c["b"]), ldb, c.pick(adjointFirst, c["b"], db), ldb, c.zero,
          outer, ld)
        let part = c.pick(c.equals("diag", CBLAS.unit), c.part(.strictTriangle), c.part(.triangle))
        lib.axpyMatrix(part, uplo: uplo, k, k, c.one, outer, ld, da, lda)
      }
      lib.trmm(side, uplo, c.flip(trans), diag, m, n, c["alpha"], c["a"], lda, db, ldb)
    })

  /// B := α op(A)⁻¹B (side Left) or α B op(A)⁻¹ (Right), B m×n, A triangular k×k (k = m or n).
  /// Ḃ := op(A)⁻¹(αḂ + α̇B − op(Ȧ)X) (or on the right), X the solution (scaling before the solve;
  /// a trmm, a matrix axpy and a trsm after it);
  /// Y := op(A)⁻ᵀB̄ (or B̄ op(A)⁻ᵀ) (a trsm), Ā −= YXᵀ, XYᵀ, XᵀY or YᵀX on the stored triangle (a gemm
  /// into scratch), ᾱ += ⟨Y, B⟩, B̄ := αY.
  static let trsm = BLASRoutine(
    name: "trsm", takesLayout: true,
    parameters: triangularMatrixParameters,
    returnsScalar: false,
    extents: triangularMatrixExtents,
    output: "b",
    adjointReads: { active in
      reads([(true, entry("a")), (active.contains("a"), exit("b")), (active.contains("alpha"), entry("b"))])
    },
    tangentBefore: { c in
      let db = c.d("b")!
      let lib = c.library
      let (m, n, ldb) = (c["m"], c["n"], c["ldb"])
      if !c.isOne(c["alpha"]) { lib.scaleMatrix(c.part(.all), m, n, c["alpha"], db, ldb) }
      if let dalpha = c.d("alpha") { lib.axpyMatrix(c.part(.all), m, n, dalpha, c["b"], ldb, db, ldb) }
    },
    tangentAfter: { c in
      let db = c.d("b")!
      let lib = c.library
      let (side, uplo, trans, diag) = (c["side"], c["uplo"], c["transa"], c["diag"])
      let (m, n, lda, ldb) = (c["m"], c["n"], c["lda"], c["ldb"])
      if let da = c.d("a") {
        let ld = c.denseLeading(rows: m, cols: n)
        let product = c.temporary(c.b.mul(m, n), zeroed: true)
        lib.axpyMatrix(c.part(.all), m, n, c.one, c["b"], ldb, product, ld)
        lib.trmm(side, uplo, trans, diag, m, n, c.one, da, lda, product, ld)
        // trmm takes a unit diagonal as 1; the tangent of a unit diagonal is 0.
        let unit = c.pick(c.equals("diag", CBLAS.unit), c.library.real(-1), c.zero)
        lib.axpyMatrix(c.part(.all), m, n, unit, c["b"], ldb, product, ld)
        lib.axpyMatrix(c.part(.all), m, n, c.library.real(-1), product, ld, db, ldb)
      }
      lib.trsm(side, uplo, trans, diag, m, n, c.one, c["a"], lda, db, ldb)
    },
    adjoint: { c in
      let db = c.d("b")!
      let lib = c.library
      let (side, uplo, trans, diag) = (c["side"], c["uplo"], c["transa"], c["diag"])
      let (m, n, lda, ldb) = (c["m"], c["n"], c["lda"], c["ldb"])
      lib.trsm(side, uplo, c.flip(trans), diag, m, n, c.one, c["a"], lda, db, ldb)
      if let da = c.d("a") {
        let left = c.equals("side", CBLAS.left)
        let (noTrans, transposed) = (c.int(CBLAS.noTrans), c.int(CBLAS.trans))
        let k = c.pick(left, m, n)
        let ld = c.denseLeading(rows: k, cols: k)
        let x = c.atExit("b")
        // Left: op(A)̄ = −YXᵀ; Right: op(A)̄ = −XᵀY; Ā is op(A)̄ or its transpose.
        let yFirst = c.b.icmp(LLVMIntEQ, left, c.noTrans("transa"))
        let outer = c.temporary(c.b.mul(k, k), zeroed: true)
        lib.gemm(
          c.pick(left, noTrans, transposed), c.pick(left, transposed, noTrans), k, k, c.pick(left, n, m),
          c.library.real(-1), c.pick(yFirst, db, x), ldb, c.pick(yFirst, x, db), ldb, c.zero, outer, ld)
        let part = c.pick(c.equals("diag", CBLAS.unit), c.part(.strictTriangle), c.part(.triangle))
        lib.axpyMatrix(part, uplo: uplo, k, k, c.one, outer, ld, da, lda)
      }
      if c.isActive("alpha") {
        c.addScalarAdjoint("alpha", lib.dotMatrix(c.part(.all), m, n, db, ldb, c["b"], ldb))
      }
      if !c.isOne(c["alpha"]) { lib.scaleMatrix(c.part(.all), m, n, c["alpha"], db, ldb) }
    })

  /// trmm's and trsm's parameters: B := α op(A) B or α B op(A), with A triangular (its inverse for trsm).
  static let triangularMatrixParameters = [
    p("side", .side), p("uplo", .uplo), p("transa", .transpose), p("diag", .diag), p("m", .integer),
    p("n", .integer), p("alpha", .scalar), p("a", .array), p("lda", .integer), p("b", .array),
    p("ldb", .integer),
  ]
  /// trmm's and trsm's arrays: A of the order of the side it multiplies, B m×n.
  static let triangularMatrixExtents: [String: BLASExtent] = [
    "a": .matrix(rows: sideOrder, cols: sideOrder, leading: "lda"),
    "b": .matrix(rows: value("m"), cols: value("n"), leading: "ldb"),
  ]

  /// The order of trmm's and trsm's triangular matrix: m on the left, n on the right.
  static func sideOrder(_ c: BLASRuleContext) -> Value {
    c.pick(c.equals("side", CBLAS.left), c["m"], c["n"])
  }
}
