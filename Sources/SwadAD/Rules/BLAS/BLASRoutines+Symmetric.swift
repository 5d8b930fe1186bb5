// The symmetric BLAS routines of the table (symv, spmv, syr, spr, syr2, spr2, symm, syr2k): see
// BLASRoutines.swift for the notation.
//
// A symmetric matrix is read from one triangle T (dense or packed): A = T + Tᵀ − diag(T). So if the
// product's adjoint is G (as if every element of A were free), the stored element (i, j), i ≠ j,
// gets Gᵢⱼ + Gⱼᵢ and a diagonal element Gᵢᵢ: the triangle of G + Gᵀ with its diagonal halved. The
// rules form G + Gᵀ with a rank-2 update (syr2, syr2k) in dense scratch, halve the diagonal and add
// the triangle to the shadow (packed or not).
import CLLVM
import LLVMBinding

extension BLASRoutines {
  static let symv = symmetricVector(packed: false)
  static let spmv = symmetricVector(packed: true)
  static let syr = symmetricRankUpdate(packed: false, rank2: false)
  static let spr = symmetricRankUpdate(packed: true, rank2: false)
  static let syr2 = symmetricRankUpdate(packed: false, rank2: true)
  static let spr2 = symmetricRankUpdate(packed: true, rank2: true)

  /// The extent of a symmetric matrix of order n: dense with leading dimension lda, or packed.
  static func symmetricExtent(packed: Bool) -> BLASExtent {
    packed ? .packed(order: value("n")) : .matrix(rows: value("n"), cols: value("n"), leading: "lda")
  }

  /// The leading dimension the rules pass for the symmetric matrix "a": lda, or nil when packed.
  static func leading(_ c: BLASRuleContext, packed: Bool) -> Value? { packed ? nil : c["lda"] }

  /// Adds the triangle (`uplo`) of the n×n dense scratch `sum` (holding G + Gᵀ) to the shadow of
  /// the symmetric matrix "a", halving the diagonal first.
  static func addSymmetricAdjoint(_ c: BLASRuleContext, sum: Value, ld: Value, order n: Value, packed: Bool) {
    let lib = c.library
    lib.scaleDiagonal(n, lib.real(0.5), sum, ld)
    lib.axpyMatrix(c.part(.triangle), uplo: c["uplo"], n, n, c.one, sum, ld, c.d("a")!, packed ? c.int(0) : c["lda"])
  }

  /// y := αAx + βy, A n×n symmetric (symv, or spmv with A packed).
  /// ẏ := βẏ + αȦx + αAẋ + α̇Ax + β̇y (three symvs and an axpy);
  /// Ā += the triangle of α(ȳxᵀ + xȳᵀ), diagonal halved (a syr2 into scratch), x̄ += αAȳ (a symv),
  /// ᾱ += ȳᵀAx, β̄ += ȳᵀy, ȳ := βȳ.
  static func symmetricVector(packed: Bool) -> BLASRoutine {
    BLASRoutine(
      name: packed ? "spmv" : "symv", takesLayout: true,
      parameters: [p("uplo", .uplo), p("n", .integer), p("alpha", .scalar), p("a", .array)]
        + (packed ? [] : [p("lda", .integer)])
        + [p("x", .array), p("incx", .integer), p("beta", .scalar), p("y", .array), p("incy", .integer)],
      returnsScalar: false,
      extents: [
        "a": symmetricExtent(packed: packed),
        "x": .vector(length: value("n"), increment: "incx"),
        "y": .vector(length: value("n"), increment: "incy"),
      ],
      output: "y",
      adjointReads: { active in
        reads([
          (active.contains("a") || active.contains("alpha"), entry("x")),
          (active.contains("x") || active.contains("alpha"), entry("a")), (active.contains("beta"), entry("y")),
        ])
      },
      tangentBefore: { c in
        let dy = c.d("y")!
        let lib = c.library
        let (uplo, n, incx, incy) = (c["uplo"], c["n"], c["incx"], c["incy"])
        let lda = leading(c, packed: packed)
        var terms: [(Value) -> Void] = []
        if let da = c.d("a") {
          terms.append { lib.symmetricVector(uplo, n, c["alpha"], da, lda, c["x"], incx, $0, dy, incy) }
        }
        if let dx = c.d("x") {
          terms.append { lib.symmetricVector(uplo, n, c["alpha"], c["a"], lda, dx, incx, $0, dy, incy) }
        }
        if let dalpha = c.d("alpha") {
          terms.append { lib.symmetricVector(uplo, n, dalpha, c["a"], lda, c["x"], incx, $0, dy, incy) }
        }
        c.accumulate(terms, beta: c["beta"]) { lib.scal(n, $0, dy, c.magnitude(incy)) }
        if let dbeta = c.d("beta") { lib.axpy(n, dbeta, c["y"], incy, dy, incy) }
      },
      tangentAfter: nil,
      adjoint: { c in
        let dy = c.d("y")!
        let lib = c.library
        let (uplo, n, incx, incy) = (c["uplo"], c["n"], c["incx"], c["incy"])
        let lda = leading(c, packed: packed)
        if c.d("a") != nil {
          let ld = c.denseLeading(rows: n, cols: n)
          let sum = c.temporary(c.b.mul(n, n), zeroed: true)
          lib.symmetricRank2(uplo, n, c["alpha"], dy, incy, c["x"], incx, sum, ld)
          addSymmetricAdjoint(c, sum: sum, ld: ld, order: n, packed: packed)
        }
        if let dx = c.d("x") {
          lib.symmetricVector(uplo, n, c["alpha"], c["a"], lda, dy, incy, c.one, dx, incx)
        }
        if c.isActive("alpha") {
          let product = c.temporary(n)
          lib.symmetricVector(uplo, n, c.one, c["a"], lda, c["x"], incx, c.zero, product, c.int(1))
          c.addScalarAdjoint("alpha", lib.dot(n, dy, incy, product, c.int(1)))
        }
        if c.isActive("beta") { c.addScalarAdjoint("beta", lib.dot(n, dy, incy, c["y"], incy)) }
        if !c.isOne(c["beta"]) { lib.scal(n, c["beta"], dy, c.magnitude(incy)) }
      })
  }

  /// (S + Sᵀ)v into scratch (increment 1), S the triangle (`uplo`) of the shadow of "a": two
  /// triangular products, since S is not symmetric.
  static func triangleSumProduct(_ c: BLASRuleContext, _ v: Value, _ incv: Value, packed: Bool) -> Value {
    let lib = c.library
    let (uplo, n) = (c["uplo"], c["n"])
    let da = c.d("a")!
    let lda = leading(c, packed: packed)
    let nonUnit = c.int(CBLAS.nonUnit)
    let result = c.temporary(n)
    let transposed = c.temporary(n)
    lib.copy(n, v, incv, result, c.int(1))
    lib.copy(n, v, incv, transposed, c.int(1))
    lib.triangularVector(solve: false, uplo, c.int(CBLAS.noTrans), nonUnit, n, da, lda, result, c.int(1))
    lib.triangularVector(solve: false, uplo, c.int(CBLAS.trans), nonUnit, n, da, lda, transposed, c.int(1))
    lib.axpy(n, c.one, transposed, c.int(1), result, c.int(1))
    return result
  }

  /// syr, A := αxxᵀ + A, and syr2, A := αxyᵀ + αyxᵀ + A, on the `uplo` triangle (spr, spr2: packed).
  /// syr: Ȧ += α(ẋxᵀ + xẋᵀ) + α̇xxᵀ (a syr2 and a syr); with S the triangle of Ā:
  /// x̄ += α(S + Sᵀ)x, ᾱ += xᵀSx (triangular products). Ā passes through.
  /// syr2: Ȧ += α(ẋyᵀ + yẋᵀ) + α(xẏᵀ + ẏxᵀ) + α̇(xyᵀ + yxᵀ) (syr2s);
  /// x̄ += α(S + Sᵀ)y, ȳ += α(S + Sᵀ)x, ᾱ += xᵀ(S + Sᵀ)y.
  static func symmetricRankUpdate(packed: Bool, rank2: Bool) -> BLASRoutine {
    let vectors = [p("x", .array), p("incx", .integer)] + (rank2 ? [p("y", .array), p("incy", .integer)] : [])
    var extents: [String: BLASExtent] = [
      "a": symmetricExtent(packed: packed), "x": .vector(length: value("n"), increment: "incx"),
    ]
    if rank2 { extents["y"] = .vector(length: value("n"), increment: "incy") }
    return BLASRoutine(
      name: (packed ? "sp" : "sy") + (rank2 ? "r2" : "r"), takesLayout: true,
      parameters: [p("uplo", .uplo), p("n", .integer), p("alpha", .scalar)] + vectors + [p("a", .array)]
        + (packed ? [] : [p("lda", .integer)]),
      returnsScalar: false,
      extents: extents,
      output: "a",
      adjointReads: { active in
        let anyVector = active.contains("x") || active.contains("y") || active.contains("alpha")
        return reads([(anyVector, entry("x")), (rank2 && anyVector, entry("y"))])
      },
      tangentBefore: { c in
        let da = c.d("a")!
        let lib = c.library
        let (uplo, n, alpha, incx) = (c["uplo"], c["n"], c["alpha"], c["incx"])
        let lda = leading(c, packed: packed)
        if rank2 {
          let incy = c["incy"]
          if let dx = c.d("x") { lib.symmetricRank2(uplo, n, alpha, dx, incx, c["y"], incy, da, lda) }
          if let dy = c.d("y") { lib.symmetricRank2(uplo, n, alpha, c["x"], incx, dy, incy, da, lda) }
          if let dalpha = c.d("alpha") {
            lib.symmetricRank2(uplo, n, dalpha, c["x"], incx, c["y"], incy, da, lda)
          }
        } else {
          if let dx = c.d("x") { lib.symmetricRank2(uplo, n, alpha, dx, incx, c["x"], incx, da, lda) }
          if let dalpha = c.d("alpha") { lib.symmetricRank1(uplo, n, dalpha, c["x"], incx, da, lda) }
        }
      },
      tangentAfter: nil,
      adjoint: { c in
        let lib = c.library
        let (n, alpha, incx) = (c["n"], c["alpha"], c["incx"])
        if rank2 {
          let incy = c["incy"]
          var timesY: Value? = nil
          if c.d("x") != nil || c.isActive("alpha") { timesY = triangleSumProduct(c, c["y"], incy, packed: packed) }
          if let dx = c.d("x") { lib.axpy(n, alpha, timesY!, c.int(1), dx, incx) }
          if let dy = c.d("y") {
            lib.axpy(n, alpha, triangleSumProduct(c, c["x"], incx, packed: packed), c.int(1), dy, incy)
          }
          if c.isActive("alpha") { c.addScalarAdjoint("alpha", lib.dot(n, c["x"], incx, timesY!, c.int(1))) }
        } else {
          guard c.d("x") != nil || c.isActive("alpha") else { return }
          let timesX = triangleSumProduct(c, c["x"], incx, packed: packed)
          if let dx = c.d("x") { lib.axpy(n, alpha, timesX, c.int(1), dx, incx) }
          // xᵀ(S + Sᵀ)x = 2xᵀSx.
          if c.isActive("alpha") {
            c.addScalarAdjoint("alpha", c.mul(lib.real(0.5), lib.dot(n, c["x"], incx, timesX, c.int(1))))
          }
        }
      })
  }

  /// C := αAB + βC (side Left) or αBA + βC (Right), A k×k symmetric (k = m or n), B, C m×n.
  /// Ċ := βĊ + αȦB + αAḂ + α̇AB + β̇C (or on the right) (three symms and a matrix axpy);
  /// Ā += the triangle of G + Gᵀ, diagonal halved, G = αC̄Bᵀ (left) or αBᵀC̄ (right) (a syr2k into
  /// scratch), B̄ += αAC̄ (or αC̄A) (a symm), ᾱ += ⟨C̄, AB⟩, β̄ += ⟨C̄, C⟩, C̄ := βC̄.
  static let symm = BLASRoutine(
    name: "symm", takesLayout: true,
    parameters: [
      p("side", .side), p("uplo", .uplo), p("m", .integer), p("n", .integer), p("alpha", .scalar),
      p("a", .array), p("lda", .integer), p("b", .array), p("ldb", .integer), p("beta", .scalar),
      p("c", .array), p("ldc", .integer),
    ],
    returnsScalar: false,
    extents: [
      "a": .matrix(rows: sideOrder, cols: sideOrder, leading: "lda"),
      "b": .matrix(rows: value("m"), cols: value("n"), leading: "ldb"),
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
      let (side, uplo, m, n, lda, ldb, ldc) = (c["side"], c["uplo"], c["m"], c["n"], c["lda"], c["ldb"], c["ldc"])
      c.productTangent(
        { alpha, a, b, beta in lib.symm(side, uplo, m, n, alpha, a, lda, b, ldb, beta, dc, ldc) },
        scale: { lib.scaleMatrix(c.part(.all), m, n, $0, dc, ldc) },
        addC: { lib.axpyMatrix(c.part(.all), m, n, $0, c["c"], ldc, dc, ldc) })
    },
    tangentAfter: nil,
    adjoint: { c in
      let dc = c.d("c")!
      let lib = c.library
      let (side, uplo, m, n, lda, ldb, ldc) = (c["side"], c["uplo"], c["m"], c["n"], c["lda"], c["ldb"], c["ldc"])
      if c.d("a") != nil {
        // Left: G + Gᵀ = α(C̄Bᵀ + BC̄ᵀ) (m×m); right: α(C̄ᵀB + BᵀC̄) (n×n).
        let left = c.equals("side", CBLAS.left)
        let k = c.pick(left, m, n)
        let ld = c.denseLeading(rows: k, cols: k)
        let sum = c.temporary(c.b.mul(k, k), zeroed: true)
        lib.syr2k(
          uplo, c.pick(left, c.int(CBLAS.noTrans), c.int(CBLAS.trans)), k, c.pick(left, n, m), c["alpha"], dc, ldc,
          c["b"], ldb, c.zero, sum, ld)
        addSymmetricAdjoint(c, sum: sum, ld: ld, order: k, packed: false)
      }
      if let db = c.d("b") { lib.symm(side, uplo, m, n, c["alpha"], c["a"], lda, dc, ldc, c.one, db, ldb) }
      if c.isActive("alpha") {
        let ld = c.denseLeading(rows: m, cols: n)
        let product = c.temporary(c.b.mul(m, n))
        lib.symm(side, uplo, m, n, c.one, c["a"], lda, c["b"], ldb, c.zero, product, ld)
        c.addScalarAdjoint("alpha", lib.dotMatrix(c.part(.all), m, n, dc, ldc, product, ld))
      }
      if c.isActive("beta") {
        c.addScalarAdjoint("beta", lib.dotMatrix(c.part(.all), m, n, dc, ldc, c["c"], ldc))
      }
      if !c.isOne(c["beta"]) { lib.scaleMatrix(c.part(.all), m, n, c["beta"], dc, ldc) }
    })

  /// C := α(op(A)op(B)ᵀ + op(B)op(A)ᵀ) + βC on the `uplo` triangle of the n×n C; op(A), op(B) n×k.
  /// Ċ := βĊ + the same with (Ȧ, B), (A, Ḃ) and α̇ + β̇C on the triangle (syr2ks, a triangle axpy);
  /// with W = S + Sᵀ, S the triangle of C̄ (mirrored in scratch, diagonal doubled):
  /// Ā += αWB (or αBW), B̄ += αWA (or αAW) (gemms), ᾱ += ⟨S, op(A)op(B)ᵀ + op(B)op(A)ᵀ⟩,
  /// β̄ += ⟨S, C⟩, C̄ := βC̄ on the triangle.
  static let syr2k = BLASRoutine(
    name: "syr2k", takesLayout: true,
    parameters: [
      p("uplo", .uplo), p("trans", .transpose), p("n", .integer), p("k", .integer), p("alpha", .scalar),
      p("a", .array), p("lda", .integer), p("b", .array), p("ldb", .integer), p("beta", .scalar),
      p("c", .array), p("ldc", .integer),
    ],
    returnsScalar: false,
    extents: [
      "a": .matrix(rows: byTrans("trans", "n", "k"), cols: byTrans("trans", "k", "n"), leading: "lda"),
      "b": .matrix(rows: byTrans("trans", "n", "k"), cols: byTrans("trans", "k", "n"), leading: "ldb"),
      "c": .matrix(rows: value("n"), cols: value("n"), leading: "ldc"),
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
      let (uplo, trans, n, k, lda, ldb, ldc) = (c["uplo"], c["trans"], c["n"], c["k"], c["lda"], c["ldb"], c["ldc"])
      c.productTangent(
        { alpha, a, b, beta in lib.syr2k(uplo, trans, n, k, alpha, a, lda, b, ldb, beta, dc, ldc) },
        scale: { lib.scaleMatrix(c.part(.triangle), uplo: uplo, n, n, $0, dc, ldc) },
        addC: { lib.axpyMatrix(c.part(.triangle), uplo: uplo, n, n, $0, c["c"], ldc, dc, ldc) })
    },
    tangentAfter: nil,
    adjoint: { c in
      let dc = c.d("c")!
      let lib = c.library
      let (uplo, trans, n, k, lda, ldb, ldc) = (c["uplo"], c["trans"], c["n"], c["k"], c["lda"], c["ldb"], c["ldc"])
      let ld = c.denseLeading(rows: n, cols: n)
      if c.d("a") != nil || c.d("b") != nil {
        let w = c.temporary(c.b.mul(n, n), zeroed: true)
        lib.axpyMatrix(c.part(.triangle), uplo: uplo, n, n, c.one, dc, ldc, w, ld)
        lib.mirrorTriangle(c.part(.strictTriangle), uplo: uplo, n, w, ld)
        lib.scaleDiagonal(n, lib.real(2), w, ld)
        let noTrans = c.int(CBLAS.noTrans)
        let n1 = c.noTrans("trans")
        // NoTrans: X̄ (n×k) += αW·other; Trans: X̄ (k×n) += α other·W.
        for (operand, other, ldo) in [("a", "b", ldb), ("b", "a", lda)] {
          guard let shadow = c.d(operand) else { continue }
          lib.gemm(
            noTrans, noTrans, c.pick(n1, n, k), c.pick(n1, k, n), n, c["alpha"], c.pick(n1, w, c[other]),
            c.pick(n1, ld, ldo), c.pick(n1, c[other], w), c.pick(n1, ldo, ld), c.one, shadow,
            operand == "a" ? lda : ldb)
        }
      }
      if c.isActive("alpha") {
        let product = c.temporary(c.b.mul(n, n))
        lib.syr2k(uplo, trans, n, k, c.one, c["a"], lda, c["b"], ldb, c.zero, product, ld)
        c.addScalarAdjoint("alpha", lib.dotMatrix(c.part(.triangle), uplo: uplo, n, n, dc, ldc, product, ld))
      }
      if c.isActive("beta") {
        c.addScalarAdjoint("beta", lib.dotMatrix(c.part(.triangle), uplo: uplo, n, n, dc, ldc, c["c"], ldc))
      }
      if !c.isOne(c["beta"]) { lib.scaleMatrix(c.part(.triangle), uplo: uplo, n, n, c["beta"], dc, ldc) }
    })
}
