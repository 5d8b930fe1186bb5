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

  /// x := op(A)x, A n×n triangular (`uplo`; unit diagonal if `diag` says so).
  /// ẋ := op(A)ẋ + op(Ȧ)x, Ȧ restricted to the stored triangle (two trmvs and an axpy, before the call);
  /// Ā += x̄xᵀ (or xx̄ᵀ) on the stored triangle (a ger into scratch), x̄ := op(A)ᵀx̄ (a trmv).
  static let trmv = BLASRoutine(
    name: "trmv", takesLayout: true,
    parameters: [
      p("uplo", .uplo), p("trans", .transpose), p("diag", .diag), p("n", .integer), p("a", .array),
      p("lda", .integer), p("x", .array), p("incx", .integer),
    ],
    returnsScalar: false,
    extents: [
      "a": .matrix(rows: value("n"), cols: value("n"), leading: "lda"),
      "x": .vector(length: value("n"), increment: "incx"),
    ],
    output: "x",
    adjointReads: { active in reads([(true, entry("a")), (active.contains("a"), entry("x"))]) },
    tangentBefore: { c in
      let dx = c.d("x")!
      let lib = c.library
      let (uplo, trans, diag, n, lda, incx) = (c["uplo"], c["trans"], c["diag"], c["n"], c["lda"], c["incx"])
      var product: Value? = nil
      if let da = c.d("a") {
        let made = c.temporary(n)
        lib.copy(n, c["x"], incx, made, c.int(1))
        lib.trmv(uplo, trans, diag, n, da, lda, made, c.int(1))
        // trmv takes a unit diagonal as 1; the tangent of a unit diagonal is 0.
        lib.axpy(
          n, c.pick(c.equals("diag", CBLAS.unit), c.library.real(-1), c.zero), c["x"], incx, made, c.int(1))
        product = made
      }
      lib.trmv(uplo, trans, diag, n, c["a"], lda, dx, incx)
      if let product { lib.axpy(n, c.one, product, c.int(1), dx, incx) }
    },
    tangentAfter: nil,
    adjoint: { c in
      let dx = c.d("x")!
      let lib = c.library
      let (uplo, trans, diag, n, lda, incx) = (c["uplo"], c["trans"], c["diag"], c["n"], c["lda"], c["incx"])
      if let da = c.d("a") {
        let noTrans = c.noTrans("trans")
        let outer = c.temporary(c.b.mul(n, n), zeroed: true)
        let x = c["x"]
        let ld = c.denseLeading(rows: n, cols: n)
        lib.ger(n, n, c.one, c.pick(noTrans, dx, x), incx, c.pick(noTrans, x, dx), incx, outer, ld)
        let part = c.pick(c.equals("diag", CBLAS.unit), c.part(.strictTriangle), c.part(.triangle))
        lib.axpyMatrix(part, uplo: uplo, n, n, c.one, outer, ld, da, lda)
      }
      lib.trmv(uplo, c.flip(trans), diag, n, c["a"], lda, dx, incx)
    })

  /// x := op(A)⁻¹x, A n×n triangular (`uplo`; unit diagonal if `diag` says so).
  /// ẋ := op(A)⁻¹(ẋ − op(Ȧ)x) after the solve, Ȧ restricted to the stored triangle (a trmv and a trsv);
  /// x̄ := op(A)⁻ᵀx̄ (a trsv), Ā −= x̄xᵀ (or xx̄ᵀ) on the stored triangle (a ger into scratch).
  static let trsv = BLASRoutine(
    name: "trsv", takesLayout: true,
    parameters: [
      p("uplo", .uplo), p("trans", .transpose), p("diag", .diag), p("n", .integer), p("a", .array),
      p("lda", .integer), p("x", .array), p("incx", .integer),
    ],
    returnsScalar: false,
    extents: [
      "a": .matrix(rows: value("n"), cols: value("n"), leading: "lda"),
      "x": .vector(length: value("n"), increment: "incx"),
    ],
    output: "x",
    adjointReads: { active in reads([(true, entry("a")), (active.contains("a"), exit("x"))]) },
    tangentBefore: nil,
    tangentAfter: { c in
      let dx = c.d("x")!
      let lib = c.library
      let (uplo, trans, diag, n, lda, incx) = (c["uplo"], c["trans"], c["diag"], c["n"], c["lda"], c["incx"])
      if let da = c.d("a") {
        let product = c.temporary(n)
        lib.copy(n, c["x"], incx, product, c.int(1))
        lib.trmv(uplo, trans, diag, n, da, lda, product, c.int(1))
        // trmv takes a unit diagonal as 1; the tangent of a unit diagonal is 0.
        let unit = c.pick(c.equals("diag", CBLAS.unit), c.library.real(-1), c.zero)
        lib.axpy(n, unit, c["x"], incx, product, c.int(1))
        lib.axpy(n, c.library.real(-1), product, c.int(1), dx, incx)
      }
      lib.trsv(uplo, trans, diag, n, c["a"], lda, dx, incx)
    },
    adjoint: { c in
      let dx = c.d("x")!
      let lib = c.library
      let (uplo, trans, diag, n, lda, incx) = (c["uplo"], c["trans"], c["diag"], c["n"], c["lda"], c["incx"])
      lib.trsv(uplo, c.flip(trans), diag, n, c["a"], lda, dx, incx)
      if let da = c.d("a") {
        let noTrans = c.noTrans("trans")
        let outer = c.temporary(c.b.mul(n, n), zeroed: true)
        let x = c.atExit("x")
        let ld = c.denseLeading(rows: n, cols: n)
        lib.ger(
          n, n, c.library.real(-1), c.pick(noTrans, dx, x), incx, c.pick(noTrans, x, dx), incx, outer, ld)
        let part = c.pick(c.equals("diag", CBLAS.unit), c.part(.strictTriangle), c.part(.triangle))
        lib.axpyMatrix(part, uplo: uplo, n, n, c.one, outer, ld, da, lda)
      }
    })
}
