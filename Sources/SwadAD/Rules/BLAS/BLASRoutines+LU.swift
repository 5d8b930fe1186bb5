// LAPACK's LU factorization with partial pivoting and its solve (Fortran `dgetrf_`, `dgetrs_`): see
// BLASRoutines.swift for the notation. Their derivatives are written in BLAS, with the row
// interchanges applied by a small loop (`BLASLibrary.swapRows`).
//
// getrf leaves A = PLU in place: L unit lower triangular below the diagonal, U upper triangular on
// and above it, P the interchanges in ipiv (applying them in order to A gives LU). The pivots are
// locally constant, so with X = L⁻¹PᵀȦU⁻¹ = L⁻¹L̇ + U̇U⁻¹ (strictly lower plus upper):
//   L̇ = L·sl(X), U̇ = up(X)·U    (sl: the strict lower triangle, up: the upper one);
// and, pairing ⟨L̄, L̇⟩ + ⟨Ū, U̇⟩ with X,
//   Ā = P L⁻ᵀ (sl(LᵀL̄) + up(ŪUᵀ)) U⁻ᵀ,  L̄ = sl(F̄), Ū = up(F̄), F̄ the shadow of the factors.
// The rules cover square matrices (a rectangular A stops the program with a message naming the
// routine when the derivative runs).
import CLLVM
import LLVMBinding

extension BLASRoutines {
  static let getrf = BLASRoutine(
    name: "getrf", takesLayout: true,
    parameters: [
      p("m", .integer), p("n", .integer), p("a", .array), p("lda", .integer), p("ipiv", .pivots),
      p("info", .status),
    ],
    returnsScalar: false,
    extents: [
      "a": .matrix(rows: value("m"), cols: value("n"), leading: "lda"),
      "ipiv": .pivots(count: { c in c.pick(c.b.icmp(LLVMIntSLT, c["m"], c["n"]), c["m"], c["n"]) }),
    ],
    output: "a",
    adjointReads: { _ in [exit("a"), exit("ipiv")] },
    tangentBefore: nil,
    tangentAfter: { c in
      let da = c.d("a")!
      let lib = c.library
      let (n, lda) = (c["n"], c["lda"])
      lib.requireSquare(c["m"], n, routine: c.routine)
      let (factors, pivots) = (c.atExit("a"), c.atExit("ipiv"))
      let f = LUFactors(c, factors, lda)
      let ld = c.denseLeading(rows: n, cols: n)
      // X = L⁻¹PᵀȦU⁻¹.
      let x = c.temporary(c.b.mul(n, n), zeroed: true)
      lib.axpyMatrix(c.part(.all), n, n, c.one, da, lda, x, ld)
      lib.swapRows(n, x, ld, pivots: pivots, n, reverse: false)
      f.solveLower(left: true, transposed: false, x, ld)
      f.solveUpper(left: false, transposed: false, x, ld)
      // U̇ = up(X)·U into a copy; L̇ = L·sl(X) in place.
      let upper = c.temporary(c.b.mul(n, n), zeroed: true)
      lib.axpyMatrix(c.part(.triangle), uplo: c.int(CBLAS.upper), n, n, c.one, x, ld, upper, ld)
      f.multiplyUpper(left: false, transposed: false, upper, ld)
      lib.scaleMatrix(c.part(.triangle), uplo: c.int(CBLAS.upper), n, n, c.zero, x, ld)
      f.multiplyLower(left: true, transposed: false, x, ld)
      // The factors' tangent: L̇ (strictly lower) + U̇ (upper), replacing Ȧ.
      lib.scaleMatrix(c.part(.all), n, n, c.zero, da, lda)
      lib.axpyMatrix(c.part(.all), n, n, c.one, x, ld, da, lda)
      lib.axpyMatrix(c.part(.all), n, n, c.one, upper, ld, da, lda)
    },
    adjoint: { c in
      let da = c.d("a")!
      let lib = c.library
      let (n, lda) = (c["n"], c["lda"])
      lib.requireSquare(c["m"], n, routine: c.routine)
      let (factors, pivots) = (c.atExit("a"), c.atExit("ipiv"))
      let f = LUFactors(c, factors, lda)
      let ld = c.denseLeading(rows: n, cols: n)
      let (upperTriangle, lowerTriangle) = (c.int(CBLAS.upper), c.int(CBLAS.lower))
      // M = sl(LᵀL̄) + up(ŪUᵀ).
      let m = c.temporary(c.b.mul(n, n), zeroed: true)
      lib.axpyMatrix(c.part(.strictTriangle), uplo: lowerTriangle, n, n, c.one, da, lda, m, ld)
      f.multiplyLower(left: true, transposed: true, m, ld)
      lib.scaleMatrix(c.part(.triangle), uplo: upperTriangle, n, n, c.zero, m, ld)
      let upper = c.temporary(c.b.mul(n, n), zeroed: true)
      lib.axpyMatrix(c.part(.triangle), uplo: upperTriangle, n, n, c.one, da, lda, upper, ld)
      f.multiplyUpper(left: false, transposed: true, upper, ld)
      lib.scaleMatrix(c.part(.strictTriangle), uplo: lowerTriangle, n, n, c.zero, upper, ld)
      lib.axpyMatrix(c.part(.all), n, n, c.one, upper, ld, m, ld)
      // Ā = P L⁻ᵀ M U⁻ᵀ replaces the factors' adjoint (they overwrote A).
      f.solveLower(left: true, transposed: true, m, ld)
      f.solveUpper(left: false, transposed: true, m, ld)
      lib.swapRows(n, m, ld, pivots: pivots, n, reverse: true)
      lib.scaleMatrix(c.part(.all), n, n, c.zero, da, lda)
      lib.axpyMatrix(c.part(.all), n, n, c.one, m, ld, da, lda)
    },
    isLAPACK: true, alsoWrites: ["ipiv"])

  /// getrs: B := op(A)⁻¹B, from getrf's factors of the n×n A and its pivots; B n×nrhs.
  /// op(A)⁻¹ is U⁻¹L⁻¹Pᵀ, or PL⁻ᵀU⁻ᵀ when transposed (`solve`).
  /// Ẋ = op(A)⁻¹(Ḃ − op(Ȧ)X), Ȧ = P(L̇U + LU̇) (L̇, U̇ from the tangent of the factors; four trmms);
  /// B̄ := op(A)⁻ᵀB̄ =: Y, Ā = −YXᵀ (or −XYᵀ) (a gemm), then L̄ += sl(PᵀĀUᵀ), Ū += up(LᵀPᵀĀ).
  static let getrs = BLASRoutine(
    name: "getrs", takesLayout: true,
    parameters: [
      p("trans", .transpose), p("n", .integer), p("nrhs", .integer), p("a", .array), p("lda", .integer),
      p("ipiv", .pivots), p("b", .array), p("ldb", .integer), p("info", .status),
    ],
    returnsScalar: false,
    extents: [
      "a": .matrix(rows: value("n"), cols: value("n"), leading: "lda"),
      "ipiv": .pivots(count: value("n")),
      "b": .matrix(rows: value("n"), cols: value("nrhs"), leading: "ldb"),
    ],
    output: "b",
    adjointReads: { active in reads([(true, entry("a")), (true, entry("ipiv")), (active.contains("a"), exit("b"))]) },
    tangentBefore: nil,
    tangentAfter: { c in
      let db = c.d("b")!
      let lib = c.library
      let (n, nrhs, lda, ldb) = (c["n"], c["nrhs"], c["lda"], c["ldb"])
      let transposed = c.equals("trans", CBLAS.trans)
      let notTransposed = c.noTrans("trans")
      if let da = c.d("a") {
        let ld = c.denseLeading(rows: n, cols: nrhs)
        // Z = X, or PᵀX when transposed; then op(Ȧ)·(Z) is L̇UZ + LU̇Z, or UᵀL̇ᵀZ + U̇ᵀLᵀZ.
        let z = c.temporary(c.b.mul(n, nrhs), zeroed: true)
        lib.axpyMatrix(c.part(.all), n, nrhs, c.one, c["b"], ldb, z, ld)
        lib.swapRows(nrhs, z, ld, pivots: c["ipiv"], c.pick(transposed, n, c.int(0)), reverse: false)
        let first = c.temporary(c.b.mul(n, nrhs), zeroed: true)
        let second = c.temporary(c.b.mul(n, nrhs), zeroed: true)
        let saved = c.temporary(c.b.mul(n, nrhs), zeroed: true)
        lib.axpyMatrix(c.part(.all), n, nrhs, c.one, z, ld, first, ld)
        lib.axpyMatrix(c.part(.all), n, nrhs, c.one, z, ld, second, ld)
        /// t := op(T)t, T the lower triangle of `lowerMatrix` (unit diagonal) when `lower` holds, else
        /// the upper triangle of `upperMatrix`. L̇ shares its array with U̇, whose diagonal trmm
        /// would read: with `tangentLower`, the unit diagonal's share (t itself) is taken off again.
        func step(_ t: Value, lower: Value, lowerMatrix: Value, upperMatrix: Value, tangentLower: Bool) {
          if tangentLower { lib.axpyMatrix(c.part(.all), n, nrhs, c.one, t, ld, saved, ld) }
          lib.trmm(
            c.int(CBLAS.left), c.pick(lower, c.int(CBLAS.lower), c.int(CBLAS.upper)), c["trans"],
            c.pick(lower, c.int(CBLAS.unit), c.int(CBLAS.nonUnit)), n, nrhs, c.one,
            c.pick(lower, lowerMatrix, upperMatrix), lda, t, ld)
          if tangentLower {
            lib.axpyMatrix(c.part(.all), n, nrhs, c.pick(lower, lib.real(-1), c.zero), saved, ld, t, ld)
            lib.scaleMatrix(c.part(.all), n, nrhs, c.zero, saved, ld)
          }
        }
        // The L̇ term: U then L̇ (L̇ᵀ then Uᵀ when transposed); the U̇ term: U̇ then L (Lᵀ then U̇ᵀ).
        step(first, lower: transposed, lowerMatrix: da, upperMatrix: c["a"], tangentLower: true)
        step(first, lower: notTransposed, lowerMatrix: da, upperMatrix: c["a"], tangentLower: true)
        step(second, lower: transposed, lowerMatrix: c["a"], upperMatrix: da, tangentLower: false)
        step(second, lower: notTransposed, lowerMatrix: c["a"], upperMatrix: da, tangentLower: false)
        lib.axpyMatrix(c.part(.all), n, nrhs, c.one, second, ld, first, ld)
        lib.swapRows(nrhs, first, ld, pivots: c["ipiv"], c.pick(transposed, c.int(0), n), reverse: true)
        lib.axpyMatrix(c.part(.all), n, nrhs, lib.real(-1), first, ld, db, ldb)
      }
      solveLU(c, transposed: transposed, db, ldb)
    },
    adjoint: { c in
      let db = c.d("b")!
      let lib = c.library
      let (n, nrhs, lda, ldb) = (c["n"], c["nrhs"], c["lda"], c["ldb"])
      let noTrans = c.noTrans("trans")
      let f = LUFactors(c, c["a"], lda)
      // Y = op(A)⁻ᵀB̄: the solve with the transposition flipped.
      solveLU(c, transposed: noTrans, db, ldb)
      if let da = c.d("a") {
        let ld = c.denseLeading(rows: n, cols: n)
        let x = c.atExit("b")
        // W = PᵀĀ, Ā = −YXᵀ or −XYᵀ.
        let w = c.temporary(c.b.mul(n, n), zeroed: true)
        lib.gemm(
          c.int(CBLAS.noTrans), c.int(CBLAS.trans), n, n, nrhs, lib.real(-1), c.pick(noTrans, db, x), ldb,
          c.pick(noTrans, x, db), ldb, c.zero, w, ld)
        lib.swapRows(n, w, ld, pivots: c["ipiv"], n, reverse: false)
        let lowerPart = c.temporary(c.b.mul(n, n), zeroed: true)
        lib.axpyMatrix(c.part(.all), n, n, c.one, w, ld, lowerPart, ld)
        f.multiplyUpper(left: false, transposed: true, lowerPart, ld)
        lib.axpyMatrix(c.part(.strictTriangle), uplo: c.int(CBLAS.lower), n, n, c.one, lowerPart, ld, da, lda)
        f.multiplyLower(left: true, transposed: true, w, ld)
        lib.axpyMatrix(c.part(.triangle), uplo: c.int(CBLAS.upper), n, n, c.one, w, ld, da, lda)
      }
    },
    isLAPACK: true)

  /// b := op(A)⁻¹b for getrs's factors and pivots, b n×nrhs: U⁻¹L⁻¹Pᵀb, or PL⁻ᵀU⁻ᵀb when
  /// `transposed` (an i1).
  static func solveLU(_ c: BLASRuleContext, transposed: Value, _ b: Value, _ ldb: Value) {
    let lib = c.library
    let (n, nrhs, lda) = (c["n"], c["nrhs"], c["lda"])
    let trans = c.pick(transposed, c.int(CBLAS.trans), c.int(CBLAS.noTrans))
    let (lower, upper) = (c.int(CBLAS.lower), c.int(CBLAS.upper))
    let (unit, nonUnit) = (c.int(CBLAS.unit), c.int(CBLAS.nonUnit))
    lib.swapRows(nrhs, b, ldb, pivots: c["ipiv"], c.pick(transposed, c.int(0), n), reverse: false)
    lib.trsm(
      c.int(CBLAS.left), c.pick(transposed, upper, lower), trans, c.pick(transposed, nonUnit, unit), n, nrhs, c.one,
      c["a"], lda, b, ldb)
    lib.trsm(
      c.int(CBLAS.left), c.pick(transposed, lower, upper), trans, c.pick(transposed, unit, nonUnit), n, nrhs, c.one,
      c["a"], lda, b, ldb)
    lib.swapRows(nrhs, b, ldb, pivots: c["ipiv"], c.pick(transposed, n, c.int(0)), reverse: true)
  }
}

/// getrf's factors in one n×n array (L unit lower, U upper), as triangular products and solves of
/// a matrix with n rows.
struct LUFactors {
  let c: BLASRuleContext
  let factors: Value
  let lda: Value

  init(_ c: BLASRuleContext, _ factors: Value, _ lda: Value) {
    self.c = c
    self.factors = factors
    self.lda = lda
  }

  private var n: Value { c["n"] }
  private func side(_ left: Bool) -> Value { c.int(left ? CBLAS.left : CBLAS.right) }
  private func trans(_ transposed: Bool) -> Value { c.int(transposed ? CBLAS.trans : CBLAS.noTrans) }

  /// b := op(L)b or b op(L), b n×n (and likewise with U, and the solves).
  func multiplyLower(left: Bool, transposed: Bool, _ b: Value, _ ld: Value) {
    c.library.trmm(
      side(left), c.int(CBLAS.lower), trans(transposed), c.int(CBLAS.unit), n, n, c.one, factors, lda, b, ld)
  }
  func multiplyUpper(left: Bool, transposed: Bool, _ b: Value, _ ld: Value) {
    c.library.trmm(
      side(left), c.int(CBLAS.upper), trans(transposed), c.int(CBLAS.nonUnit), n, n, c.one, factors, lda, b, ld)
  }
  func solveLower(left: Bool, transposed: Bool, _ b: Value, _ ld: Value) {
    c.library.trsm(
      side(left), c.int(CBLAS.lower), trans(transposed), c.int(CBLAS.unit), n, n, c.one, factors, lda, b, ld)
  }
  func solveUpper(left: Bool, transposed: Bool, _ b: Value, _ ld: Value) {
    c.library.trsm(
      side(left), c.int(CBLAS.upper), trans(transposed), c.int(CBLAS.nonUnit), n, n, c.one, factors, lda, b, ld)
  }
}
