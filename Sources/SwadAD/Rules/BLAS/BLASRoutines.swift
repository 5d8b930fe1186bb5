// The BLAS routines swad differentiates, as one table: per routine family (every precision, CBLAS
// and Fortran spelling), its parameters in Fortran order, the memory its arrays span, what it
// writes, which primal arrays its adjoint reads, and its tangent and adjoint written as calls of the
// same library. The emitters consult this table; they know no routine by name.
//
// Notation: op(A) is A or Aᵀ as the transpose option says; X̄ the adjoint of X, Ẋ its tangent. The
// rules hold in either layout, since every matrix of a call is read in the call's layout.
import CLLVM
import LLVMBinding

/// One routine family. (Its rules are pure functions of their context: the table is immutable.)
struct BLASRoutine: @unchecked Sendable {
  /// The name without precision and decoration (`gemm`).
  let name: String
  /// CBLAS passes a layout first (level 2 and 3).
  let takesLayout: Bool
  let parameters: [BLASParameter]
  /// The routine returns a scalar (dot, nrm2).
  let returnsScalar: Bool
  let extents: [String: BLASExtent]
  /// The array the routine overwrites (nil for dot and nrm2).
  let output: String?
  /// The primal arrays the adjoint reads, given which operands are active (arrays with shadows,
  /// scalars with adjoints).
  let adjointReads: (_ active: Set<String>) -> [BLASRead]
  /// Tangent code before the primal call (it may read what the call overwrites) ...
  let tangentBefore: ((BLASRuleContext) -> Void)?
  /// ... and after it (it may read the solution of a solve, or the result).
  let tangentAfter: ((BLASRuleContext) -> Void)?
  /// The adjoint: accumulates into the shadows of active arrays, adds to the adjoints of active
  /// scalars, and turns the output's adjoint into that of the output's old value.
  let adjoint: (BLASRuleContext) -> Void

  func parameterIndex(_ name: String) -> Int { parameters.firstIndex { $0.name == name }! }
}

private func p(_ name: String, _ kind: BLASParameterKind) -> BLASParameter {
  BLASParameter(name: name, kind: kind)
}
private func value(_ name: String) -> (BLASRuleContext) -> Value { { $0[name] } }
/// `a` if the transpose option `trans` is NoTrans, else `b`.
private func byTrans(_ trans: String, _ a: String, _ b: String) -> (BLASRuleContext) -> Value {
  { c in c.pick(c.noTrans(trans), c[a], c[b]) }
}
/// The reads `pairs` lists whose condition holds.
private func reads(_ pairs: [(Bool, BLASRead)]) -> [BLASRead] { pairs.filter(\.0).map(\.1) }
private func entry(_ array: String) -> BLASRead { BLASRead(array: array, atExit: false) }
private func exit(_ array: String) -> BLASRead { BLASRead(array: array, atExit: true) }

enum BLASRoutines {
  static let all: [BLASRoutine] = [
    dot, axpy, scal, nrm2, copy, gemv, ger, trmv, trsv, gemm, syrk, trmm, trsm,
  ]

  // MARK: - Level 1

  /// r = xᵀy. ṙ = ẋᵀy + xᵀẏ; x̄ += r̄ y, ȳ += r̄ x.
  static let dot = BLASRoutine(
    name: "dot", takesLayout: false,
    parameters: [p("n", .integer), p("x", .array), p("incx", .integer), p("y", .array), p("incy", .integer)],
    returnsScalar: true,
    extents: [
      "x": .vector(length: value("n"), increment: "incx"),
      "y": .vector(length: value("n"), increment: "incy"),
    ],
    output: nil,
    adjointReads: { active in reads([(active.contains("x"), entry("y")), (active.contains("y"), entry("x"))])
    },
    tangentBefore: nil,
    tangentAfter: { c in
      var tangent: Value? = nil
      if let dx = c.d("x") {
        tangent = c.add(tangent, c.library.dot(c["n"], dx, c["incx"], c["y"], c["incy"]))
      }
      if let dy = c.d("y") {
        tangent = c.add(tangent, c.library.dot(c["n"], c["x"], c["incx"], dy, c["incy"]))
      }
      c.resultTangent = tangent ?? c.zero
    },
    adjoint: { c in
      if let dx = c.d("x") { c.library.axpy(c["n"], c.seed!, c["y"], c["incy"], dx, c["incx"]) }
      if let dy = c.d("y") { c.library.axpy(c["n"], c.seed!, c["x"], c["incx"], dy, c["incy"]) }
    })

  /// y := αx + y. ẏ += αẋ + α̇x; x̄ += αȳ, ᾱ += ȳᵀx.
  static let axpy = BLASRoutine(
    name: "axpy", takesLayout: false,
    parameters: [
      p("n", .integer), p("alpha", .scalar), p("x", .array), p("incx", .integer), p("y", .array),
      p("incy", .integer),
    ],
    returnsScalar: false,
    extents: [
      "x": .vector(length: value("n"), increment: "incx"),
      "y": .vector(length: value("n"), increment: "incy"),
    ],
    output: "y",
    adjointReads: { active in reads([(active.contains("alpha"), entry("x"))]) },
    tangentBefore: { c in
      let dy = c.d("y")!
      if let dx = c.d("x") { c.library.axpy(c["n"], c["alpha"], dx, c["incx"], dy, c["incy"]) }
      if let dalpha = c.d("alpha") { c.library.axpy(c["n"], dalpha, c["x"], c["incx"], dy, c["incy"]) }
    },
    tangentAfter: nil,
    adjoint: { c in
      let dy = c.d("y")!
      if let dx = c.d("x") { c.library.axpy(c["n"], c["alpha"], dy, c["incy"], dx, c["incx"]) }
      if c.isActive("alpha") {
        c.addScalarAdjoint("alpha", c.library.dot(c["n"], dy, c["incy"], c["x"], c["incx"]))
      }
    })

  /// x := αx. ẋ := αẋ + α̇x; ᾱ += x̄ᵀx (the x the call found), x̄ := αx̄.
  static let scal = BLASRoutine(
    name: "scal", takesLayout: false,
    parameters: [p("n", .integer), p("alpha", .scalar), p("x", .array), p("incx", .integer)],
    returnsScalar: false,
    extents: ["x": .vector(length: value("n"), increment: "incx")],
    output: "x",
    adjointReads: { active in reads([(active.contains("alpha"), entry("x"))]) },
    tangentBefore: { c in
      let dx = c.d("x")!
      c.library.scal(c["n"], c["alpha"], dx, c["incx"])
      if let dalpha = c.d("alpha") {
        c.library.axpy(c["n"], c.ifPositive("incx", dalpha), c["x"], c["incx"], dx, c["incx"])
      }
    },
    tangentAfter: nil,
    adjoint: { c in
      let dx = c.d("x")!
      if c.isActive("alpha") {
        c.addScalarAdjoint(
          "alpha", c.ifPositive("incx", c.library.dot(c["n"], dx, c["incx"], c["x"], c["incx"])))
      }
      c.library.scal(c["n"], c["alpha"], dx, c["incx"])
    })

  /// r = ‖x‖. ṙ = xᵀẋ / r; x̄ += (r̄ / r) x (0 at x = 0, as sqrt's rule).
  static let nrm2 = BLASRoutine(
    name: "nrm2", takesLayout: false,
    parameters: [p("n", .integer), p("x", .array), p("incx", .integer)],
    returnsScalar: true,
    extents: ["x": .vector(length: value("n"), increment: "incx")],
    output: nil,
    adjointReads: { active in reads([(active.contains("x"), entry("x"))]) },
    tangentBefore: nil,
    tangentAfter: { c in
      guard let dx = c.d("x") else {
        c.resultTangent = c.zero
        return
      }
      let r = c.result!
      let tangent = c.b.fdiv(c.library.dot(c["n"], c["x"], c["incx"], dx, c["incx"]), r)
      c.resultTangent = c.pick(c.b.fcmp(LLVMRealOEQ, r, c.zero), c.zero, tangent)
    },
    adjoint: { c in
      guard let dx = c.d("x") else { return }
      let r = c.result!
      let factor = c.pick(c.b.fcmp(LLVMRealOEQ, r, c.zero), c.zero, c.b.fdiv(c.seed!, r))
      c.library.axpy(c["n"], factor, c["x"], c["incx"], dx, c["incx"])
    })

  /// y := x. ẏ := ẋ; x̄ += ȳ, ȳ := 0.
  static let copy = BLASRoutine(
    name: "copy", takesLayout: false,
    parameters: [p("n", .integer), p("x", .array), p("incx", .integer), p("y", .array), p("incy", .integer)],
    returnsScalar: false,
    extents: [
      "x": .vector(length: value("n"), increment: "incx"),
      "y": .vector(length: value("n"), increment: "incy"),
    ],
    output: "y",
    adjointReads: { _ in [] },
    tangentBefore: { c in
      if let dx = c.d("x") {
        c.library.copy(c["n"], dx, c["incx"], c.d("y")!, c["incy"])
      } else {
        c.library.scal(c["n"], c.zero, c.d("y")!, c.magnitude(c["incy"]))
      }
    },
    tangentAfter: nil,
    adjoint: { c in
      let dy = c.d("y")!
      if let dx = c.d("x") { c.library.axpy(c["n"], c.one, dy, c["incy"], dx, c["incx"]) }
      c.library.scal(c["n"], c.zero, dy, c.magnitude(c["incy"]))
    })

  // MARK: - Level 2

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

  // MARK: - Level 3

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
      var terms: [(Value) -> Void] = []
      if let da = c.d("a") {
        terms.append { lib.gemm(ta, tb, m, n, k, c["alpha"], da, lda, c["b"], ldb, $0, dc, ldc) }
      }
      if let db = c.d("b") {
        terms.append { lib.gemm(ta, tb, m, n, k, c["alpha"], c["a"], lda, db, ldb, $0, dc, ldc) }
      }
      if let dalpha = c.d("alpha") {
        terms.append { lib.gemm(ta, tb, m, n, k, dalpha, c["a"], lda, c["b"], ldb, $0, dc, ldc) }
      }
      c.accumulate(terms, beta: c["beta"]) { lib.scaleMatrix(c.part(.all), m, n, $0, dc, ldc) }
      if let dbeta = c.d("beta") { lib.axpyMatrix(c.part(.all), m, n, dbeta, c["c"], ldc, dc, ldc) }
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
    parameters: [
      p("side", .side), p("uplo", .uplo), p("transa", .transpose), p("diag", .diag), p("m", .integer),
      p("n", .integer), p("alpha", .scalar), p("a", .array), p("lda", .integer), p("b", .array),
      p("ldb", .integer),
    ],
    returnsScalar: false,
    extents: [
      "a": .matrix(rows: sideOrder, cols: sideOrder, leading: "lda"),
      "b": .matrix(rows: value("m"), cols: value("n"), leading: "ldb"),
    ],
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
    parameters: [
      p("side", .side), p("uplo", .uplo), p("transa", .transpose), p("diag", .diag), p("m", .integer),
      p("n", .integer), p("alpha", .scalar), p("a", .array), p("lda", .integer), p("b", .array),
      p("ldb", .integer),
    ],
    returnsScalar: false,
    extents: [
      "a": .matrix(rows: sideOrder, cols: sideOrder, leading: "lda"),
      "b": .matrix(rows: value("m"), cols: value("n"), leading: "ldb"),
    ],
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

  /// The order of trsm's triangular matrix: m on the left, n on the right.
  private static func sideOrder(_ c: BLASRuleContext) -> Value {
    c.pick(c.equals("side", CBLAS.left), c["m"], c["n"])
  }
}
