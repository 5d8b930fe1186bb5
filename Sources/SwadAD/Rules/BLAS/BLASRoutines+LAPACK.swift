// The LAPACK routines of the table (Cholesky factorization and solve, Fortran spelling `dpotrf_`,
// `dpotrs_`): see BLASRoutines.swift for the notation. Their derivatives are written in BLAS.
//
// Notation: with uplo Lower, A = LLᵀ and F = L; with Upper, A = UᵀU and F = U. Only the `uplo`
// triangle of A is read (A's other triangle is neither read nor written), so a tangent Ȧ is the
// symmetric matrix that triangle stores, and an adjoint G of the symmetric A (as if every element
// were free) reaches the stored triangle as the triangle of G + Gᵀ with its diagonal halved.
// Φ(M) is the lower triangle of M with its diagonal halved.
import CLLVM
import LLVMBinding

extension BLASRoutines {
  /// potrf: A := F (the factor overwrites the `uplo` triangle of A). `info` is not read: at a matrix
  /// that is not positive definite the factor, and so its derivative, is not defined.
  /// Lower: L̇ = LΦ(L⁻¹ȦL⁻ᵀ) (two trsms, a trmm, after the call); the stored triangle's adjoint is
  /// the triangle of P + Pᵀ, diagonal halved, P = L⁻ᵀΦ(LᵀL̄)L⁻¹; P + Pᵀ = L⁻ᵀ sym(LᵀL̄)L⁻¹, where
  /// sym(M) is the symmetric matrix M's lower triangle stores (a trmm, a mirror, two trsms).
  /// Upper (L = Uᵀ): U̇ = Ψ(U⁻ᵀȦU⁻¹)U, Ψ the upper triangle with the diagonal halved; the adjoint
  /// is U⁻¹ sym(ŪUᵀ)U⁻ᵀ, sym taken from the upper triangle.
  static let potrf = BLASRoutine(
    name: "potrf", takesLayout: true,
    parameters: [p("uplo", .uplo), p("n", .integer), p("a", .array), p("lda", .integer), p("info", .status)],
    returnsScalar: false,
    extents: ["a": .matrix(rows: value("n"), cols: value("n"), leading: "lda")],
    output: "a",
    adjointReads: { _ in [exit("a")] },
    tangentBefore: nil,
    tangentAfter: { c in
      let da = c.d("a")!
      let lib = c.library
      let (uplo, n, lda) = (c["uplo"], c["n"], c["lda"])
      let factor = c.atExit("a")
      let (left, right) = (c.int(CBLAS.left), c.int(CBLAS.right))
      let (noTrans, trans, nonUnit) = (c.int(CBLAS.noTrans), c.int(CBLAS.trans), c.int(CBLAS.nonUnit))
      let ld = c.denseLeading(rows: n, cols: n)
      let w = c.temporary(c.b.mul(n, n), zeroed: true)
      // W := Ȧ, then F⁻¹ȦF⁻ᵀ (lower) or F⁻ᵀȦF⁻¹ (upper).
      lib.axpyMatrix(c.part(.triangle), uplo: uplo, n, n, c.one, da, lda, w, ld)
      lib.mirrorTriangle(c.part(.strictTriangle), uplo: uplo, n, w, ld)
      lib.trsm(left, uplo, c.byLower(noTrans, trans), nonUnit, n, n, c.one, factor, lda, w, ld)
      lib.trsm(right, uplo, c.byLower(trans, noTrans), nonUnit, n, n, c.one, factor, lda, w, ld)
      // Φ: the stored triangle, diagonal halved; then L̇ = LΦ (or U̇ = ΦU), triangular as F.
      lib.scaleMatrix(c.part(.strictTriangle), uplo: c.otherTriangle(uplo), n, n, c.zero, w, ld)
      lib.scaleDiagonal(n, lib.real(0.5), w, ld)
      lib.trmm(c.byLower(left, right), uplo, noTrans, nonUnit, n, n, c.one, factor, lda, w, ld)
      replaceTriangle(c, with: w, ld: ld, in: da, lda)
    },
    adjoint: { c in
      let da = c.d("a")!
      let lib = c.library
      let (uplo, n, lda) = (c["uplo"], c["n"], c["lda"])
      let factor = c.atExit("a")
      let (left, right) = (c.int(CBLAS.left), c.int(CBLAS.right))
      let (noTrans, trans, nonUnit) = (c.int(CBLAS.noTrans), c.int(CBLAS.trans), c.int(CBLAS.nonUnit))
      let ld = c.denseLeading(rows: n, cols: n)
      let w = c.temporary(c.b.mul(n, n), zeroed: true)
      // W := F̄ (its triangle), then LᵀL̄ (lower) or ŪUᵀ (upper): F's triangle of it is what counts.
      lib.axpyMatrix(c.part(.triangle), uplo: uplo, n, n, c.one, da, lda, w, ld)
      lib.trmm(c.byLower(left, right), uplo, trans, nonUnit, n, n, c.one, factor, lda, w, ld)
      lib.mirrorTriangle(c.part(.strictTriangle), uplo: uplo, n, w, ld)
      lib.trsm(left, uplo, c.byLower(trans, noTrans), nonUnit, n, n, c.one, factor, lda, w, ld)
      lib.trsm(right, uplo, c.byLower(noTrans, trans), nonUnit, n, n, c.one, factor, lda, w, ld)
      lib.scaleDiagonal(n, lib.real(0.5), w, ld)
      // The factor overwrote the triangle: its adjoint replaces F̄ there.
      replaceTriangle(c, with: w, ld: ld, in: da, lda)
    },
    isLAPACK: true)

  /// The `uplo` triangle of `target` := that of `source`.
  static func replaceTriangle(_ c: BLASRuleContext, with source: Value, ld: Value, in target: Value, _ lda: Value) {
    let (lib, uplo, n) = (c.library, c["uplo"], c["n"])
    lib.scaleMatrix(c.part(.triangle), uplo: uplo, n, n, c.zero, target, lda)
    lib.axpyMatrix(c.part(.triangle), uplo: uplo, n, n, c.one, source, ld, target, lda)
  }

  /// potrs: B := A⁻¹B given F (potrf's output in the `uplo` triangle of "a"), B n×nrhs.
  /// Lower: A⁻¹ = L⁻ᵀL⁻¹; upper: U⁻¹U⁻ᵀ (two trsms, the outer factor's solve first).
  /// Ẋ = A⁻¹(Ḃ − ȦX) with ȦX = ḞF X + FḞX in the factor's transposes (four trmms, two trsms, after
  /// the call); B̄ := A⁻¹B̄ =: Y (two trsms), and with Ā = −YXᵀ (X the solution):
  /// L̄ += the lower triangle of (Ā + Āᵀ)L, Ū += the upper triangle of U(Ā + Āᵀ)
  /// (a syr2k and a mirror into scratch, a trmm).
  static let potrs = BLASRoutine(
    name: "potrs", takesLayout: true,
    parameters: [
      p("uplo", .uplo), p("n", .integer), p("nrhs", .integer), p("a", .array), p("lda", .integer),
      p("b", .array), p("ldb", .integer), p("info", .status),
    ],
    returnsScalar: false,
    extents: [
      "a": .matrix(rows: value("n"), cols: value("n"), leading: "lda"),
      "b": .matrix(rows: value("n"), cols: value("nrhs"), leading: "ldb"),
    ],
    output: "b",
    adjointReads: { active in reads([(true, entry("a")), (active.contains("a"), exit("b"))]) },
    tangentBefore: nil,
    tangentAfter: { c in
      let db = c.d("b")!
      let lib = c.library
      let (uplo, n, nrhs, lda, ldb) = (c["uplo"], c["n"], c["nrhs"], c["lda"], c["ldb"])
      let (left, nonUnit) = (c.int(CBLAS.left), c.int(CBLAS.nonUnit))
      // A = F_outer F_inner: LLᵀ (outer L, inner Lᵀ) or UᵀU (outer Uᵀ, inner U).
      let outer = c.byLower(c.int(CBLAS.noTrans), c.int(CBLAS.trans))
      let inner = c.flip(outer)
      if let da = c.d("a") {
        let ld = c.denseLeading(rows: n, cols: nrhs)
        for (first, second) in [(c["a"], da), (da, c["a"])] {
          // −(op_outer(second) op_inner(first) X) added to Ḃ.
          let product = c.temporary(c.b.mul(n, nrhs), zeroed: true)
          lib.axpyMatrix(c.part(.all), n, nrhs, c.one, c["b"], ldb, product, ld)
          lib.trmm(left, uplo, inner, nonUnit, n, nrhs, c.one, first, lda, product, ld)
          lib.trmm(left, uplo, outer, nonUnit, n, nrhs, c.one, second, lda, product, ld)
          lib.axpyMatrix(c.part(.all), n, nrhs, lib.real(-1), product, ld, db, ldb)
        }
      }
      lib.trsm(left, uplo, outer, nonUnit, n, nrhs, c.one, c["a"], lda, db, ldb)
      lib.trsm(left, uplo, inner, nonUnit, n, nrhs, c.one, c["a"], lda, db, ldb)
    },
    adjoint: { c in
      let db = c.d("b")!
      let lib = c.library
      let (uplo, n, nrhs, lda, ldb) = (c["uplo"], c["n"], c["nrhs"], c["lda"], c["ldb"])
      let (left, right, nonUnit) = (c.int(CBLAS.left), c.int(CBLAS.right), c.int(CBLAS.nonUnit))
      let outer = c.byLower(c.int(CBLAS.noTrans), c.int(CBLAS.trans))
      lib.trsm(left, uplo, outer, nonUnit, n, nrhs, c.one, c["a"], lda, db, ldb)
      lib.trsm(left, uplo, c.flip(outer), nonUnit, n, nrhs, c.one, c["a"], lda, db, ldb)
      if let da = c.d("a") {
        let ld = c.denseLeading(rows: n, cols: n)
        let w = c.temporary(c.b.mul(n, n), zeroed: true)
        // W := Ā + Āᵀ = −(YXᵀ + XYᵀ), then WL (lower) or UW (upper).
        lib.syr2k(
          uplo, c.int(CBLAS.noTrans), n, nrhs, lib.real(-1), db, ldb, c.atExit("b"), ldb, c.zero, w, ld)
        lib.mirrorTriangle(c.part(.strictTriangle), uplo: uplo, n, w, ld)
        lib.trmm(c.byLower(right, left), uplo, c.int(CBLAS.noTrans), nonUnit, n, n, c.one, c["a"], lda, w, ld)
        lib.axpyMatrix(c.part(.triangle), uplo: uplo, n, n, c.one, w, ld, da, lda)
      }
    },
    isLAPACK: true)
}
