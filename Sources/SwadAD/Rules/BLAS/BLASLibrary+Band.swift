// Band storage for the BLAS rules: a rank-1 update restricted to the band of a general band matrix
// (gbmv's storage), which BLAS has no routine for. One axpy per column (column-major) or row
// (row-major): the band's run in it is contiguous in band storage.
import CLLVM
import LLVMBinding

extension BLASLibrary {
  /// A += alpha · x yᵀ on the band (kl subdiagonals, ku superdiagonals) of the m×n band matrix A in
  /// band storage (leading dimension lda), x (m) and y (n) contiguous.
  func gerBand(
    _ m: Value, _ n: Value, _ kl: Value, _ ku: Value, _ alpha: Value, _ x: Value, _ y: Value, _ a: Value,
    _ lda: Value
  ) {
    builder.call(gerBandFunction(), [layout, m, n, kl, ku, alpha, x, y, a, lda])
  }

  /// `swad.blas.<d|s>.ger_band(layout, m, n, kl, ku, alpha, x, y, a, lda)`, emitted once per module.
  /// Column-major band storage holds A(i, j) at a[ku + i − j + j·lda], row-major at
  /// a[kl + j − i + i·lda]: with J the major index (column or row), I the minor one and `before` the
  /// band's width on the minor side (ku or kl), A(I, J) is at a[J·lda + before + I − J], for
  /// J − before ≤ I ≤ J + after.
  private func gerBandFunction() -> Function {
    let name = helperPrefix + "ger_band"
    if let made = module.function(named: name), !made.isDeclaration { return made }
    let f = module.addFunction(
      named: name,
      type: .function(returning: void, [i32, i32, i32, i32, i32, element, pointer, pointer, pointer, i32]))
    f.linkage = LLVMInternalLinkage
    let b = Builder(context: context)
    let entry = f.appendBlock(named: "entry")
    let loop = f.appendBlock(named: "major")
    let body = f.appendBlock(named: "run")
    let next = f.appendBlock(named: "next")
    let done = f.appendBlock(named: "done")
    b.position(atEndOf: entry)
    let (layout, m, n, kl, ku) = (
      f.parameter(0), f.parameter(1), f.parameter(2), f.parameter(3), f.parameter(4)
    )
    let (alpha, x, y, a, lda) = (
      f.parameter(5), f.parameter(6), f.parameter(7), f.parameter(8), f.parameter(9)
    )
    let i64 = IRType.int(64, in: context)
    func wide(_ v: Value) -> Value { b.cast(LLVMSExt, v, to: i64) }
    let columnMajor = b.icmp(LLVMIntEQ, layout, int(CBLAS.columnMajor))
    let majors = b.select(columnMajor, n, m)
    let minors = b.select(columnMajor, m, n)
    let majorVector = b.select(columnMajor, y, x)
    let minorVector = b.select(columnMajor, x, y)
    let before = b.select(columnMajor, ku, kl)
    let after = b.select(columnMajor, kl, ku)
    b.condBr(b.and(b.icmp(LLVMIntSGT, majors, int(0)), b.icmp(LLVMIntSGT, minors, int(0))), loop, done)

    b.position(atEndOf: loop)
    let j = b.phi(i32, "j")
    let start = b.sub(j.value, before)
    let lo = b.select(b.icmp(LLVMIntSGT, start, int(0)), start, int(0))
    let end = b.add(b.add(j.value, after), int(1))
    let hi = b.select(b.icmp(LLVMIntSLT, end, minors), end, minors)
    let count = b.sub(hi, lo, "count")
    b.condBr(b.icmp(LLVMIntSGT, count, int(0)), body, next)

    b.position(atEndOf: body)
    let factor = b.fmul(alpha, b.load(element, from: b.gep(element, majorVector, [wide(j.value)])))
    let source = b.gep(element, minorVector, [wide(lo)])
    let offset = b.add(b.mul(wide(j.value), wide(lda)), wide(b.sub(b.add(before, lo), j.value)))
    let library = BLASLibrary(module: module, builder: b, element: element, layout: layout, backend: backend)
    library.axpy(count, factor, source, int(1), b.gep(element, a, [offset]), int(1))
    b.br(next)

    b.position(atEndOf: next)
    let jNext = b.add(j.value, int(1))
    b.condBr(b.icmp(LLVMIntSLT, jNext, majors), loop, done)
    j.addIncoming([(int(0), entry), (jNext, next)])

    b.position(atEndOf: done)
    b.retVoid()
    f.addAttribute("nounwind")
    return f
  }
}
