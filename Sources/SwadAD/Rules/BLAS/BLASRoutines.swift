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
  /// A LAPACK routine (Fortran spelling only, `dpotrf_`), rather than BLAS (CBLAS and Fortran).
  var isLAPACK = false
  /// Arrays the routine writes besides its output (getrf's pivots).
  var alsoWrites: [String] = []

  /// The arguments the routine writes through: its output, `alsoWrites` and LAPACK's `info`.
  var writtenParameters: [String] {
    (output.map { [$0] } ?? []) + alsoWrites + parameters.filter { $0.kind == .status }.map(\.name)
  }

  func parameterIndex(_ name: String) -> Int { parameters.firstIndex { $0.name == name }! }
}

enum BLASRoutines {
  static let all: [BLASRoutine] = [
    dot, axpy, scal, nrm2, copy, asum, gemv, gbmv, ger, trmv, trsv, tpmv, tpsv, symv, spmv, syr, spr, syr2, spr2,
    gemm, syrk, syr2k, symm, trmm, trsm, potrf, potrs, getrf, getrs,
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

  /// r = Σ|xᵢ| (0 for an increment below 1). ṙ = Σ sign(xᵢ)ẋᵢ; x̄ += r̄ sign(x), where sign(xᵢ) is
  /// copysign(1, xᵢ): at xᵢ = ±0 it follows the sign bit, as swad's (and Enzyme's) rule for fabs
  /// (a loop: BLAS has no elementwise sign).
  static let asum = BLASRoutine(
    name: "asum", takesLayout: false,
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
      c.resultTangent = c.library.signLoop(accumulate: false, c["n"], c.zero, c["x"], dx, c["incx"])
    },
    adjoint: { c in
      guard let dx = c.d("x") else { return }
      c.library.signLoop(accumulate: true, c["n"], c.seed!, c["x"], dx, c["incx"])
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

  // MARK: - The table's notation

  static func p(_ name: String, _ kind: BLASParameterKind) -> BLASParameter {
    BLASParameter(name: name, kind: kind)
  }
  static func value(_ name: String) -> (BLASRuleContext) -> Value { { $0[name] } }
  /// `a` if the transpose option `trans` is NoTrans, else `b`.
  static func byTrans(_ trans: String, _ a: String, _ b: String) -> (BLASRuleContext) -> Value {
    { c in c.pick(c.noTrans(trans), c[a], c[b]) }
  }
  /// The reads `pairs` lists whose condition holds.
  static func reads(_ pairs: [(Bool, BLASRead)]) -> [BLASRead] { pairs.filter(\.0).map(\.1) }
  static func entry(_ array: String) -> BLASRead { BLASRead(array: array, atExit: false) }
  static func exit(_ array: String) -> BLASRead { BLASRead(array: array, atExit: true) }
}
