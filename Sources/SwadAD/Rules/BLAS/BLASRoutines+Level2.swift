// The level-2 BLAS routines of the table (matrix-vector): see BLASRoutines.swift for the notation.
import CLLVM
import LLVMBinding

extension BLASRoutines {
  /// y := α op(A) x + βy, A m×n.
  /// ẏ := βẏ + α op(Ȧ)x + α op(A)ẋ + α̇ op(A)x + β̇y (three gemvs and an axpy);
  /// Ā += α ȳxᵀ (or α xȳᵀ) (a ger), x̄ += α op(A)ᵀȳ (a gemv), ᾱ += ȳᵀ op(A)x, β̄ += ȳᵀy, ȳ := βȳ.
  static let gemv = BLASRoutine(
    name: "gemv", takesLayout: true,
    parameters: [
      p("trans", .transpose), p("m", .integer), p("n", .integer), p("alpha", .scalar), p("a", .array),
      p("lda", .integer), p("x", .array), p("incx", .integer), p("beta", .scalar), p("y", .array),
      p("incy", .integer),
    ],
    returnsScalar: false,
    extents: [
      "a": .matrix(rows: value("m"), cols: value("n"), leading: "lda"),
      "x": .vector(length: byTrans("trans", "n", "m"), increment: "incx"),
      "y": .vector(length: byTrans("trans", "m", "n"), increment: "incy"),
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
      let (trans, m, n, lda, incx, incy) = (c["trans"], c["m"], c["n"], c["lda"], c["incx"], c["incy"])
      var terms: [(Value) -> Void] = []
      if let da = c.d("a") {
        terms.append { lib.gemv(trans, m, n, c["alpha"], da, lda, c["x"], incx, $0, dy, incy) }
      }
      if let dx = c.d("x") {
        terms.append { lib.gemv(trans, m, n, c["alpha"], c["a"], lda, dx, incx, $0, dy, incy) }
      }
      if let dalpha = c.d("alpha") {
        terms.append { lib.gemv(trans, m, n, dalpha, c["a"], lda, c["x"], incx, $0, dy, incy) }
      }
      let length = c.pick(c.noTrans("trans"), m, n)
      c.accumulate(terms, beta: c["beta"]) { lib.scal(length, $0, dy, c.magnitude(incy)) }
      if let dbeta = c.d("beta") { lib.axpy(length, dbeta, c["y"], incy, dy, incy) }
    },
    tangentAfter: nil,
    adjoint: { c in
      let dy = c.d("y")!
      let lib = c.library
      let (trans, m, n, lda, incx, incy) = (c["trans"], c["m"], c["n"], c["lda"], c["incx"], c["incy"])
      let noTrans = c.noTrans("trans")
      let length = c.pick(noTrans, m, n)
      if let da = c.d("a") {
        lib.ger(
          m, n, c["alpha"], c.pick(noTrans, dy, c["x"]), c.pick(noTrans, incy, incx),
          c.pick(noTrans, c["x"], dy),
          c.pick(noTrans, incx, incy), da, lda)
      }
      if let dx = c.d("x") {
        lib.gemv(c.flip(trans), m, n, c["alpha"], c["a"], lda, dy, incy, c.one, dx, incx)
      }
      if c.isActive("alpha") {
        let product = c.temporary(length)
        lib.gemv(trans, m, n, c.one, c["a"], lda, c["x"], incx, c.zero, product, c.int(1))
        c.addScalarAdjoint("alpha", lib.dot(length, dy, incy, product, c.int(1)))
      }
      if c.isActive("beta") { c.addScalarAdjoint("beta", lib.dot(length, dy, incy, c["y"], incy)) }
      if !c.isOne(c["beta"]) { lib.scal(length, c["beta"], dy, c.magnitude(incy)) }
    })

  /// y := α op(A) x + βy, A m×n with kl subdiagonals and ku superdiagonals in band storage.
  /// ẏ := βẏ + α op(Ȧ)x + α op(A)ẋ + α̇ op(A)x + β̇y (three gbmvs and an axpy);
  /// Ā += α ȳxᵀ (or α xȳᵀ) on the band (an axpy per column of the band, on contiguous copies of the
  /// two vectors: no dense scratch), x̄ += α op(A)ᵀȳ (a gbmv), ᾱ += ȳᵀ op(A)x, β̄ += ȳᵀy, ȳ := βȳ.
  static let gbmv = BLASRoutine(
    name: "gbmv", takesLayout: true,
    parameters: [
      p("trans", .transpose), p("m", .integer), p("n", .integer), p("kl", .integer), p("ku", .integer),
      p("alpha", .scalar), p("a", .array), p("lda", .integer), p("x", .array), p("incx", .integer),
      p("beta", .scalar), p("y", .array), p("incy", .integer),
    ],
    returnsScalar: false,
    extents: [
      // Column-major: (kl + ku + 1) × n; row-major: m × (kl + ku + 1).
      "a": .matrix(
        rows: { c in c.pick(c.columnMajor, c.b.add(c.b.add(c["kl"], c["ku"]), c.int(1)), c["m"]) },
        cols: { c in c.pick(c.columnMajor, c["n"], c.b.add(c.b.add(c["kl"], c["ku"]), c.int(1))) },
        leading: "lda"),
      "x": .vector(length: byTrans("trans", "n", "m"), increment: "incx"),
      "y": .vector(length: byTrans("trans", "m", "n"), increment: "incy"),
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
      let (trans, m, n, kl, ku, lda) = (c["trans"], c["m"], c["n"], c["kl"], c["ku"], c["lda"])
      let (incx, incy) = (c["incx"], c["incy"])
      var terms: [(Value) -> Void] = []
      if let da = c.d("a") {
        terms.append { lib.gbmv(trans, m, n, kl, ku, c["alpha"], da, lda, c["x"], incx, $0, dy, incy) }
      }
      if let dx = c.d("x") {
        terms.append { lib.gbmv(trans, m, n, kl, ku, c["alpha"], c["a"], lda, dx, incx, $0, dy, incy) }
      }
      if let dalpha = c.d("alpha") {
        terms.append { lib.gbmv(trans, m, n, kl, ku, dalpha, c["a"], lda, c["x"], incx, $0, dy, incy) }
      }
      let length = c.pick(c.noTrans("trans"), m, n)
      c.accumulate(terms, beta: c["beta"]) { lib.scal(length, $0, dy, c.magnitude(incy)) }
      if let dbeta = c.d("beta") { lib.axpy(length, dbeta, c["y"], incy, dy, incy) }
    },
    tangentAfter: nil,
    adjoint: { c in
      let dy = c.d("y")!
      let lib = c.library
      let (trans, m, n, kl, ku, lda) = (c["trans"], c["m"], c["n"], c["kl"], c["ku"], c["lda"])
      let (incx, incy) = (c["incx"], c["incy"])
      let noTrans = c.noTrans("trans")
      let length = c.pick(noTrans, m, n)
      if let da = c.d("a") {
        // Ā += α u vᵀ with u (m) = ȳ, v (n) = x, or u = x, v = ȳ when transposed.
        let u = c.temporary(m)
        let v = c.temporary(n)
        lib.copy(m, c.pick(noTrans, dy, c["x"]), c.pick(noTrans, incy, incx), u, c.int(1))
        lib.copy(n, c.pick(noTrans, c["x"], dy), c.pick(noTrans, incx, incy), v, c.int(1))
        lib.gerBand(m, n, kl, ku, c["alpha"], u, v, da, lda)
      }
      if let dx = c.d("x") {
        lib.gbmv(c.flip(trans), m, n, kl, ku, c["alpha"], c["a"], lda, dy, incy, c.one, dx, incx)
      }
      if c.isActive("alpha") {
        let product = c.temporary(length)
        lib.gbmv(trans, m, n, kl, ku, c.one, c["a"], lda, c["x"], incx, c.zero, product, c.int(1))
        c.addScalarAdjoint("alpha", lib.dot(length, dy, incy, product, c.int(1)))
      }
      if c.isActive("beta") { c.addScalarAdjoint("beta", lib.dot(length, dy, incy, c["y"], incy)) }
      if !c.isOne(c["beta"]) { lib.scal(length, c["beta"], dy, c.magnitude(incy)) }
    })

  /// A := αxyᵀ + A, A m×n. Ȧ += αẋyᵀ + αxẏᵀ + α̇xyᵀ (gers);
  /// x̄ += αĀy, ȳ += αĀᵀx (gemvs), ᾱ += xᵀĀy.
  static let ger = BLASRoutine(
    name: "ger", takesLayout: true,
    parameters: [
      p("m", .integer), p("n", .integer), p("alpha", .scalar), p("x", .array), p("incx", .integer),
      p("y", .array), p("incy", .integer), p("a", .array), p("lda", .integer),
    ],
    returnsScalar: false,
    extents: [
      "x": .vector(length: value("m"), increment: "incx"),
      "y": .vector(length: value("n"), increment: "incy"),
      "a": .matrix(rows: value("m"), cols: value("n"), leading: "lda"),
    ],
    output: "a",
    adjointReads: { active in
      reads([
        (active.contains("x") || active.contains("alpha"), entry("y")),
        (active.contains("y") || active.contains("alpha"), entry("x")),
      ])
    },
    tangentBefore: { c in
      let da = c.d("a")!
      let lib = c.library
      let (m, n, incx, incy, lda) = (c["m"], c["n"], c["incx"], c["incy"], c["lda"])
      if let dx = c.d("x") { lib.ger(m, n, c["alpha"], dx, incx, c["y"], incy, da, lda) }
      if let dy = c.d("y") { lib.ger(m, n, c["alpha"], c["x"], incx, dy, incy, da, lda) }
      if let dalpha = c.d("alpha") { lib.ger(m, n, dalpha, c["x"], incx, c["y"], incy, da, lda) }
    },
    tangentAfter: nil,
    adjoint: { c in
      let da = c.d("a")!
      let lib = c.library
      let (m, n, incx, incy, lda) = (c["m"], c["n"], c["incx"], c["incy"], c["lda"])
      let (noTrans, trans) = (c.int(CBLAS.noTrans), c.int(CBLAS.trans))
      if let dx = c.d("x") { lib.gemv(noTrans, m, n, c["alpha"], da, lda, c["y"], incy, c.one, dx, incx) }
      if let dy = c.d("y") { lib.gemv(trans, m, n, c["alpha"], da, lda, c["x"], incx, c.one, dy, incy) }
      if c.isActive("alpha") {
        let product = c.temporary(m)
        lib.gemv(noTrans, m, n, c.one, da, lda, c["y"], incy, c.zero, product, c.int(1))
        c.addScalarAdjoint("alpha", lib.dot(m, c["x"], incx, product, c.int(1)))
      }
    })

  static let trmv = triangularVector(solve: false, packed: false)
  static let trsv = triangularVector(solve: true, packed: false)
  static let tpmv = triangularVector(solve: false, packed: true)
  static let tpsv = triangularVector(solve: true, packed: true)

  /// trmv, x := op(A)x, and trsv, x := op(A)⁻¹x, A n×n triangular (`uplo`; unit diagonal if `diag`
  /// says so), dense (leading dimension lda) or packed (tpmv, tpsv: the triangle's runs one after the
  /// other, no lda).
  /// trmv: ẋ := op(A)ẋ + op(Ȧ)x, Ȧ restricted to the stored triangle (two trmvs and an axpy, before
  /// the call); Ā += x̄xᵀ (or xx̄ᵀ) on the stored triangle (a ger into scratch), x̄ := op(A)ᵀx̄ (a trmv).
  /// trsv: ẋ := op(A)⁻¹(ẋ − op(Ȧ)x) after the solve (a trmv and a trsv); x̄ := op(A)⁻ᵀx̄ (a trsv),
  /// Ā −= x̄xᵀ (or xx̄ᵀ) on the stored triangle, x the solution.
  static func triangularVector(solve: Bool, packed: Bool) -> BLASRoutine {
    let name = (packed ? "tp" : "tr") + (solve ? "sv" : "mv")
    let parameters =
      [p("uplo", .uplo), p("trans", .transpose), p("diag", .diag), p("n", .integer), p("a", .array)]
      + (packed ? [] : [p("lda", .integer)]) + [p("x", .array), p("incx", .integer)]
    let extents: [String: BLASExtent] = [
      "a": packed ? .packed(order: value("n")) : .matrix(rows: value("n"), cols: value("n"), leading: "lda"),
      "x": .vector(length: value("n"), increment: "incx"),
    ]
    /// op(Ȧ)x into scratch (x as the rule finds it: before a product, after a solve).
    func tangentProduct(_ c: BLASRuleContext, _ da: Value) -> Value {
      let lib = c.library
      let (uplo, trans, diag, n, incx) = (c["uplo"], c["trans"], c["diag"], c["n"], c["incx"])
      let product = c.temporary(n)
      lib.copy(n, c["x"], incx, product, c.int(1))
      lib.triangularVector(
        solve: false, uplo, trans, diag, n, da, packed ? nil : c["lda"], product, c.int(1))
      // trmv takes a unit diagonal as 1; the tangent of a unit diagonal is 0.
      lib.axpy(n, c.pick(c.equals("diag", CBLAS.unit), lib.real(-1), c.zero), c["x"], incx, product, c.int(1))
      return product
    }
    /// Ā += sign · x̄xᵀ (or x xᵀ̄) on the stored triangle, x as the call leaves it for a solve.
    func matrixAdjoint(_ c: BLASRuleContext, _ da: Value, sign: Double, x: Value) {
      let lib = c.library
      let (uplo, n, incx) = (c["uplo"], c["n"], c["incx"])
      let dx = c.d("x")!
      let noTrans = c.noTrans("trans")
      let outer = c.temporary(c.b.mul(n, n), zeroed: true)
      let ld = c.denseLeading(rows: n, cols: n)
      lib.ger(n, n, lib.real(sign), c.pick(noTrans, dx, x), incx, c.pick(noTrans, x, dx), incx, outer, ld)
      let part = c.pick(c.equals("diag", CBLAS.unit), c.part(.strictTriangle), c.part(.triangle))
      lib.axpyMatrix(part, uplo: uplo, n, n, c.one, outer, ld, da, packed ? c.int(0) : c["lda"])
    }
    let operate = { (c: BLASRuleContext, solve: Bool, trans: Value, x: Value) in
      c.library.triangularVector(
        solve: solve, c["uplo"], trans, c["diag"], c["n"], c["a"], packed ? nil : c["lda"], x, c["incx"])
    }
    return BLASRoutine(
      name: name, takesLayout: true, parameters: parameters, returnsScalar: false, extents: extents,
      output: "x",
      adjointReads: { active in reads([(true, entry("a")), (active.contains("a"), solve ? exit("x") : entry("x"))]) },
      tangentBefore: solve
        ? nil
        : { c in
          let product = c.d("a").map { tangentProduct(c, $0) }
          operate(c, false, c["trans"], c.d("x")!)
          if let product { c.library.axpy(c["n"], c.one, product, c.int(1), c.d("x")!, c["incx"]) }
        },
      tangentAfter: solve
        ? { c in
          if let da = c.d("a") {
            let product = tangentProduct(c, da)
            c.library.axpy(c["n"], c.library.real(-1), product, c.int(1), c.d("x")!, c["incx"])
          }
          operate(c, true, c["trans"], c.d("x")!)
        }
        : nil,
      adjoint: { c in
        let dx = c.d("x")!
        if solve {
          operate(c, true, c.flip(c["trans"]), dx)
          if let da = c.d("a") { matrixAdjoint(c, da, sign: -1, x: c.atExit("x")) }
        } else {
          if let da = c.d("a") { matrixAdjoint(c, da, sign: 1, x: c["x"]) }
          operate(c, false, c.flip(c["trans"]), dx)
        }
      })
  }
}
