// The vocabulary BLAS derivative rules are written in: calls of CBLAS routines of one precision
// (declared in the module on first use; the program links OpenBLAS or another CBLAS, or, for
// kernels of libraries that bring their own, swad links its `BLASRuntime` in), and three
// loops over the columns (or rows) of a matrix, emitted once per module as small internal functions,
// for what BLAS has no routine for: scaling, adding and taking the inner product of whole matrices
// or of one triangle of them.
import CLLVM
import LLVMBinding

/// CBLAS's enumerations, as the C header numbers them.
enum CBLAS {
  static let rowMajor: Int64 = 101, columnMajor: Int64 = 102
  static let noTrans: Int64 = 111, trans: Int64 = 112
  static let upper: Int64 = 121, lower: Int64 = 122
  static let nonUnit: Int64 = 131, unit: Int64 = 132
  static let left: Int64 = 141, right: Int64 = 142
}

/// Which elements of a matrix a matrix loop visits.
enum MatrixPart: Int64 {
  case all = 0
  /// The triangle `uplo` names, diagonal included (what a symmetric or triangular routine reads).
  case triangle = 1
  /// That triangle without the diagonal (a unit-triangular matrix's stored part).
  case strictTriangle = 2
}

/// Which implementation of CBLAS's routines the derivative code calls.
enum BLASBackend {
  /// The program's BLAS library (`cblas_dgemm`): it calls BLAS itself.
  case program
  /// swad's own (`swad_blas_dgemm`, `BLASRuntime`): the program may link no BLAS (Eigen's kernels).
  case swad
}

/// Emits BLAS calls of one precision at the builder's position, in one layout.
struct BLASLibrary {
  let module: Module
  let builder: Builder
  /// `double` or `float`.
  let element: IRType
  /// `CblasRowMajor` or `CblasColMajor` (an `i32`), for level-2 and level-3 routines.
  let layout: Value
  var backend: BLASBackend = .program

  var context: Context { module.context }
  var i32: IRType { IRType.int(32, in: module.context) }
  var pointer: IRType { IRType.pointer(in: module.context) }
  var void: IRType { IRType.void(in: module.context) }
  var prefix: String { element == IRType.double(in: module.context) ? "d" : "s" }
  /// The start of the names of swad's helper loops for this backend and precision
  /// (`swad.blas.d.`, `swad.blas.own.d.`): each backend's helpers call that backend's routines.
  var helperPrefix: String { (backend == .program ? "swad.blas." : "swad.blas.own.") + prefix + "." }

  func int(_ value: Int64) -> Value { Value.constInt(i32, value) }
  func part(_ part: MatrixPart) -> Value { int(part.rawValue) }
  func real(_ value: Double) -> Value { Value.constReal(element, value) }

  @discardableResult
  private func call(_ name: String, returning result: IRType? = nil, _ arguments: [Value]) -> Value {
    let type = IRType.function(returning: result ?? void, arguments.map(\.type))
    let routine = (backend == .program ? "cblas_" : BLASRuntime.prefix) + prefix + name
    let function = module.declareFunction(named: routine, type: type)
    return builder.call(function, arguments)
  }

  // MARK: - Level 1

  func axpy(_ n: Value, _ alpha: Value, _ x: Value, _ incx: Value, _ y: Value, _ incy: Value) {
    call("axpy", [n, alpha, x, incx, y, incy])
  }
  func swap(_ n: Value, _ x: Value, _ incx: Value, _ y: Value, _ incy: Value) {
    call("swap", [n, x, incx, y, incy])
  }
  func scal(_ n: Value, _ alpha: Value, _ x: Value, _ incx: Value) { call("scal", [n, alpha, x, incx]) }
  func copy(_ n: Value, _ x: Value, _ incx: Value, _ y: Value, _ incy: Value) {
    call("copy", [n, x, incx, y, incy])
  }
  func dot(_ n: Value, _ x: Value, _ incx: Value, _ y: Value, _ incy: Value) -> Value {
    call("dot", returning: element, [n, x, incx, y, incy])
  }

  // MARK: - Level 2

  func gbmv(
    _ trans: Value, _ m: Value, _ n: Value, _ kl: Value, _ ku: Value, _ alpha: Value, _ a: Value,
    _ lda: Value,
    _ x: Value, _ incx: Value, _ beta: Value, _ y: Value, _ incy: Value
  ) {
    call("gbmv", [layout, trans, m, n, kl, ku, alpha, a, lda, x, incx, beta, y, incy])
  }
  func gemv(
    _ trans: Value, _ m: Value, _ n: Value, _ alpha: Value, _ a: Value, _ lda: Value, _ x: Value,
    _ incx: Value, _ beta: Value, _ y: Value, _ incy: Value
  ) {
    call("gemv", [layout, trans, m, n, alpha, a, lda, x, incx, beta, y, incy])
  }
  func ger(
    _ m: Value, _ n: Value, _ alpha: Value, _ x: Value, _ incx: Value, _ y: Value, _ incy: Value,
    _ a: Value, _ lda: Value
  ) {
    call("ger", [layout, m, n, alpha, x, incx, y, incy, a, lda])
  }
  func trsv(
    _ uplo: Value, _ trans: Value, _ diag: Value, _ n: Value, _ a: Value, _ lda: Value, _ x: Value,
    _ incx: Value
  ) {
    call("trsv", [layout, uplo, trans, diag, n, a, lda, x, incx])
  }
  func trmv(
    _ uplo: Value, _ trans: Value, _ diag: Value, _ n: Value, _ a: Value, _ lda: Value, _ x: Value,
    _ incx: Value
  ) {
    call("trmv", [layout, uplo, trans, diag, n, a, lda, x, incx])
  }
  /// trmv (or, `solve`, trsv) on a dense matrix, or tpmv (tpsv) on a packed one (`lda` nil).
  func triangularVector(
    solve: Bool, _ uplo: Value, _ trans: Value, _ diag: Value, _ n: Value, _ a: Value, _ lda: Value?,
    _ x: Value, _ incx: Value
  ) {
    if let lda {
      call(solve ? "trsv" : "trmv", [layout, uplo, trans, diag, n, a, lda, x, incx])
    } else {
      call(solve ? "tpsv" : "tpmv", [layout, uplo, trans, diag, n, a, x, incx])
    }
  }
  /// symv on a dense matrix, spmv on a packed one (`lda` nil).
  func symmetricVector(
    _ uplo: Value, _ n: Value, _ alpha: Value, _ a: Value, _ lda: Value?, _ x: Value, _ incx: Value,
    _ beta: Value, _ y: Value, _ incy: Value
  ) {
    if let lda {
      call("symv", [layout, uplo, n, alpha, a, lda, x, incx, beta, y, incy])
    } else {
      call("spmv", [layout, uplo, n, alpha, a, x, incx, beta, y, incy])
    }
  }
  /// syr (spr when `lda` is nil): A := αxxᵀ + A on a triangle.
  func symmetricRank1(
    _ uplo: Value, _ n: Value, _ alpha: Value, _ x: Value, _ incx: Value, _ a: Value, _ lda: Value?
  ) {
    if let lda {
      call("syr", [layout, uplo, n, alpha, x, incx, a, lda])
    } else {
      call("spr", [layout, uplo, n, alpha, x, incx, a])
    }
  }
  /// syr2 (spr2 when `lda` is nil): A := αxyᵀ + αyxᵀ + A on a triangle.
  func symmetricRank2(
    _ uplo: Value, _ n: Value, _ alpha: Value, _ x: Value, _ incx: Value, _ y: Value, _ incy: Value,
    _ a: Value, _ lda: Value?
  ) {
    if let lda {
      call("syr2", [layout, uplo, n, alpha, x, incx, y, incy, a, lda])
    } else {
      call("spr2", [layout, uplo, n, alpha, x, incx, y, incy, a])
    }
  }

  // MARK: - Level 3

  func gemm(
    _ transa: Value, _ transb: Value, _ m: Value, _ n: Value, _ k: Value, _ alpha: Value, _ a: Value,
    _ lda: Value, _ b: Value, _ ldb: Value, _ beta: Value, _ c: Value, _ ldc: Value
  ) {
    call("gemm", [layout, transa, transb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc])
  }
  func syrk(
    _ uplo: Value, _ trans: Value, _ n: Value, _ k: Value, _ alpha: Value, _ a: Value, _ lda: Value,
    _ beta: Value, _ c: Value, _ ldc: Value
  ) {
    call("syrk", [layout, uplo, trans, n, k, alpha, a, lda, beta, c, ldc])
  }
  func syr2k(
    _ uplo: Value, _ trans: Value, _ n: Value, _ k: Value, _ alpha: Value, _ a: Value, _ lda: Value,
    _ b: Value, _ ldb: Value, _ beta: Value, _ c: Value, _ ldc: Value
  ) {
    call("syr2k", [layout, uplo, trans, n, k, alpha, a, lda, b, ldb, beta, c, ldc])
  }
  func symm(
    _ side: Value, _ uplo: Value, _ m: Value, _ n: Value, _ alpha: Value, _ a: Value, _ lda: Value,
    _ b: Value, _ ldb: Value, _ beta: Value, _ c: Value, _ ldc: Value
  ) {
    call("symm", [layout, side, uplo, m, n, alpha, a, lda, b, ldb, beta, c, ldc])
  }
  func trsm(
    _ side: Value, _ uplo: Value, _ trans: Value, _ diag: Value, _ m: Value, _ n: Value, _ alpha: Value,
    _ a: Value, _ lda: Value, _ b: Value, _ ldb: Value
  ) {
    call("trsm", [layout, side, uplo, trans, diag, m, n, alpha, a, lda, b, ldb])
  }
  func trmm(
    _ side: Value, _ uplo: Value, _ trans: Value, _ diag: Value, _ m: Value, _ n: Value, _ alpha: Value,
    _ a: Value, _ lda: Value, _ b: Value, _ ldb: Value
  ) {
    call("trmm", [layout, side, uplo, trans, diag, m, n, alpha, a, lda, b, ldb])
  }

  // MARK: - Whole matrices

  /// a := alpha · a on `part` of the rows × cols matrix a (triangle `uplo`).
  func scaleMatrix(
    _ part: Value, uplo: Value? = nil, _ rows: Value, _ cols: Value, _ alpha: Value,
    _ a: Value, _ lda: Value
  ) {
    builder.call(
      matrixLoop(.scale),
      [
        layout, part, uplo ?? int(CBLAS.upper), rows, cols, alpha, a, lda,
        Value.null(pointer), lda,
      ])
  }

  /// y += alpha · x on `part` of two rows × cols matrices.
  func axpyMatrix(
    _ part: Value, uplo: Value? = nil, _ rows: Value, _ cols: Value, _ alpha: Value,
    _ x: Value, _ ldx: Value, _ y: Value, _ ldy: Value
  ) {
    builder.call(
      matrixLoop(.axpy), [layout, part, uplo ?? int(CBLAS.upper), rows, cols, alpha, x, ldx, y, ldy])
  }

  /// Σ x ⊙ y over `part` of two rows × cols matrices.
  func dotMatrix(
    _ part: Value, uplo: Value? = nil, _ rows: Value, _ cols: Value, _ x: Value, _ ldx: Value,
    _ y: Value, _ ldy: Value
  ) -> Value {
    builder.call(
      matrixLoop(.dot), [layout, part, uplo ?? int(CBLAS.upper), rows, cols, real(0), x, ldx, y, ldy])
  }

  /// Copies the `part` triangle (`uplo`) of the n×n matrix a onto the opposite triangle, transposed:
  /// with part = strictTriangle, a becomes the symmetric matrix that triangle stores.
  func mirrorTriangle(_ part: Value, uplo: Value, _ n: Value, _ a: Value, _ lda: Value) {
    builder.call(matrixLoop(.mirror), [layout, part, uplo, n, n, real(0), a, lda, a, lda])
  }

  /// a := alpha · a on the diagonal of the n×n dense matrix a.
  func scaleDiagonal(_ n: Value, _ alpha: Value, _ a: Value, _ lda: Value) {
    scal(n, alpha, a, builder.add(lda, int(1)))
  }

  /// Σ sign(xᵢ)·yᵢ over n elements `inc` apart (the tangent of asum), or, `accumulate`,
  /// yᵢ += alpha · sign(xᵢ) (its adjoint) returning 0. sign is copysign(1, ·): at ±0 it follows the
  /// sign bit, as swad's rule for fabs. Nothing for inc < 1, as asum reads nothing then.
  @discardableResult
  func signLoop(accumulate: Bool, _ n: Value, _ alpha: Value, _ x: Value, _ y: Value, _ inc: Value) -> Value {
    builder.call(signFunction(), [int(accumulate ? 1 : 0), n, alpha, x, y, inc])
  }

  /// `swad.blas.<d|s>.sign(accumulate, n, alpha, x, y, inc)`, emitted once per module.
  private func signFunction() -> Function {
    let name = helperPrefix + "sign"
    if let made = module.function(named: name), !made.isDeclaration { return made }
    let f = module.addFunction(
      named: name, type: .function(returning: element, [i32, i32, element, pointer, pointer, i32]))
    f.linkage = LLVMInternalLinkage
    let b = Builder(context: context)
    let entry = f.appendBlock(named: "entry")
    let loop = f.appendBlock(named: "element")
    let done = f.appendBlock(named: "done")
    b.position(atEndOf: entry)
    let (accumulate, n, alpha, x, y, inc) = (
      f.parameter(0), f.parameter(1), f.parameter(2), f.parameter(3), f.parameter(4), f.parameter(5)
    )
    let i64 = IRType.int(64, in: context)
    b.condBr(b.and(b.icmp(LLVMIntSGT, n, int(0)), b.icmp(LLVMIntSGT, inc, int(0))), loop, done)

    b.position(atEndOf: loop)
    let i = b.phi(i32, "i")
    let sum = b.phi(element, "sum")
    let offset = b.mul(b.cast(LLVMSExt, i.value, to: i64), b.cast(LLVMSExt, inc, to: i64))
    let xi = b.load(element, from: b.gep(element, x, [offset]))
    let copysign = module.declareFunction(
      named: "llvm.copysign.\(prefix == "d" ? "f64" : "f32")",
      type: .function(returning: element, [element, element]))
    let sign = b.call(copysign, [real(1), xi])
    let yAddress = b.gep(element, y, [offset])
    let yi = b.load(element, from: yAddress)
    let adding = b.icmp(LLVMIntNE, accumulate, int(0))
    // One of the two effects, chosen per call: the store writes yᵢ back unchanged for the sum.
    _ = b.store(b.select(adding, b.fadd(yi, b.fmul(alpha, sign)), yi), to: yAddress)
    let nextSum = b.select(adding, sum.value, b.fadd(sum.value, b.fmul(sign, yi)))
    let next = b.add(i.value, int(1))
    b.condBr(b.icmp(LLVMIntSLT, next, n), loop, done)
    i.addIncoming([(int(0), entry), (next, loop)])
    sum.addIncoming([(real(0), entry), (nextSum, loop)])

    b.position(atEndOf: done)
    let result = b.phi(element)
    result.addIncoming([(real(0), entry), (nextSum, loop)])
    b.ret(result.value)
    f.addAttribute("nounwind")
    return f
  }

  private enum LoopKind: String { case scale, axpy, dot, mirror }

  /// `swad.blas.<d|s>.<kind>_matrix(layout, part, uplo, rows, cols, alpha, x, ldx, y, ldy)`: for each
  /// major index j (a column in column-major, a row in row-major), the level-1 routine on the run of
  /// the minor index that `part` selects, contiguous in memory. Returns the sum of the dots (or 0).
  /// A leading dimension of 0 (no BLAS matrix has one) marks a packed triangle (the `uplo` triangle
  /// of a square matrix, runs stored one after the other, as spmv and tpmv read them).
  private func matrixLoop(_ kind: LoopKind) -> Function {
    let name = helperPrefix + kind.rawValue + "_matrix"
    if let made = module.function(named: name), !made.isDeclaration { return made }
    let f = module.addFunction(
      named: name,
      type: .function(returning: element, [i32, i32, i32, i32, i32, element, pointer, i32, pointer, i32]))
    f.linkage = LLVMInternalLinkage
    let b = Builder(context: context)
    let entry = f.appendBlock(named: "entry")
    let loop = f.appendBlock(named: "major")
    let body = f.appendBlock(named: "run")
    let next = f.appendBlock(named: "next")
    let done = f.appendBlock(named: "done")
    b.position(atEndOf: entry)
    let (layout, part, uplo, rows, cols) = (
      f.parameter(0), f.parameter(1), f.parameter(2), f.parameter(3), f.parameter(4)
    )
    let (alpha, x, ldx, y, ldy) = (
      f.parameter(5), f.parameter(6), f.parameter(7), f.parameter(8), f.parameter(9)
    )
    let i64 = IRType.int(64, in: context)
    let columnMajor = b.icmp(LLVMIntEQ, layout, int(CBLAS.columnMajor))
    let majors = b.select(columnMajor, cols, rows)
    let minors = b.select(columnMajor, rows, cols)
    // In column-major order an upper triangle holds, in column j, the rows 0...j; in row-major
    // order, in row j, the columns j..<n. `leading`: the run starts at 0 and ends at j.
    let leading = b.icmp(LLVMIntEQ, b.icmp(LLVMIntEQ, uplo, int(CBLAS.upper)), columnMajor)
    let hasRows = b.and(b.icmp(LLVMIntSGT, majors, int(0)), b.icmp(LLVMIntSGT, minors, int(0)))
    b.condBr(hasRows, loop, done)

    b.position(atEndOf: loop)
    let j = b.phi(i32, "j")
    let sum = b.phi(element, "sum")
    // The run [lo, hi) of minor indices in major index j.
    let strict = b.icmp(LLVMIntEQ, part, int(MatrixPart.strictTriangle.rawValue))
    let jEnd = b.select(strict, j.value, b.add(j.value, int(1)))
    let jStart = b.select(strict, b.add(j.value, int(1)), j.value)
    let whole = b.icmp(LLVMIntEQ, part, int(MatrixPart.all.rawValue))
    let clampedEnd = b.select(b.icmp(LLVMIntSLT, jEnd, minors), jEnd, minors)
    let clampedStart = b.select(b.icmp(LLVMIntSLT, jStart, minors), jStart, minors)
    let lo = b.select(whole, int(0), b.select(leading, int(0), clampedStart))
    let hi = b.select(whole, minors, b.select(leading, clampedEnd, minors))
    let count = b.sub(hi, lo, "count")
    b.condBr(b.icmp(LLVMIntSGT, count, int(0)), body, next)

    b.position(atEndOf: body)
    func wide(_ v: Value) -> Value { b.cast(LLVMSExt, v, to: i64) }
    func at(_ base: Value, _ ld: Value) -> Value {
      let dense = b.add(b.mul(wide(j.value), wide(ld)), wide(lo))
      // Packed: the runs before j hold j(j+1)/2 elements (leading runs 0...j') or
      // j·n − j(j−1)/2 (trailing runs j'..<n); within its run, lo sits lo − (first index of the
      // whole run, the diagonal included) further.
      let jj = wide(j.value)
      let one64 = Value.constInt(i64, 1)
      let two64 = Value.constInt(i64, 2)
      let before = b.select(
        leading, b.udiv(b.mul(jj, b.add(jj, one64)), two64),
        b.sub(b.mul(jj, wide(minors)), b.udiv(b.mul(jj, b.sub(jj, one64)), two64)))
      let packed = b.add(before, b.sub(wide(lo), b.select(leading, Value.constInt(i64, 0), jj)))
      let offset = b.select(b.icmp(LLVMIntEQ, ld, int(0)), packed, dense)
      return b.gep(element, base, [offset])
    }
    let library = BLASLibrary(module: module, builder: b, element: element, layout: layout, backend: backend)
    var runSum = sum.value
    switch kind {
    case .scale: library.scal(count, alpha, at(x, ldx), int(1))
    case .axpy: library.axpy(count, alpha, at(x, ldx), int(1), at(y, ldy), int(1))
    case .dot: runSum = b.fadd(sum.value, library.dot(count, at(x, ldx), int(1), at(y, ldy), int(1)))
    case .mirror:
      // Element (minor i, major j) of the run goes to (minor j, major i): from lo·ld + j, ld apart.
      let target = b.gep(element, y, [b.add(b.mul(wide(lo), wide(ldy)), wide(j.value))])
      library.copy(count, at(x, ldx), int(1), target, ldy)
    }
    b.br(next)

    b.position(atEndOf: next)
    let nextSum = b.phi(element)
    nextSum.addIncoming([(sum.value, loop), (runSum, body)])
    let jNext = b.add(j.value, int(1))
    b.condBr(b.icmp(LLVMIntSLT, jNext, majors), loop, done)
    j.addIncoming([(int(0), entry), (jNext, next)])
    sum.addIncoming([(real(0), entry), (nextSum.value, next)])

    b.position(atEndOf: done)
    let result = b.phi(element)
    result.addIncoming([(real(0), entry), (nextSum.value, next)])
    b.ret(result.value)
    f.addAttribute("nounwind")
    return f
  }
}
