// LAPACK's row interchanges (getrf's `ipiv`) for the BLAS rules, and a run-time guard for the
// shapes a rule covers: small internal functions, emitted once per module.
import CLLVM
import LLVMBinding

extension BLASLibrary {
  /// Applies the interchanges ipiv[0..<count] (1-based row numbers, as LAPACK writes them) to the
  /// rows of the matrix a (`cols` columns): in order (`reverse` false, a := PᵀA for getrf's
  /// A = PLU), or in reverse order (a := PA). Nothing for count ≤ 0.
  func swapRows(_ cols: Value, _ a: Value, _ lda: Value, pivots: Value, _ count: Value, reverse: Bool) {
    builder.call(swapRowsFunction(), [layout, cols, a, lda, pivots, count, int(reverse ? 1 : 0)])
  }

  /// Stops the program with a message naming `routine` unless rows == cols: the derivative rules of
  /// getrf cover square matrices only, and the shape is known at run time.
  func requireSquare(_ rows: Value, _ cols: Value, routine: String) {
    let context = module.context
    let i64 = IRType.int(64, in: context)
    let name = "swad.blas.require_square"
    let f: Function
    if let made = module.function(named: name), !made.isDeclaration {
      f = made
    } else {
      f = module.addFunction(named: name, type: .function(returning: void, [i32, i32, pointer, i64]))
      f.linkage = LLVMInternalLinkage
      let b = Builder(context: context)
      let entry = f.appendBlock(named: "entry")
      let fail = f.appendBlock(named: "fail")
      let done = f.appendBlock(named: "done")
      b.position(atEndOf: entry)
      b.condBr(b.icmp(LLVMIntEQ, f.parameter(0), f.parameter(1)), done, fail)
      b.position(atEndOf: fail)
      b.call(module.writeFunction, [int(2), f.parameter(2), f.parameter(3)])
      b.call(module.abortFunction, [])
      b.unreachable()
      b.position(atEndOf: done)
      b.retVoid()
    }
    let text = "swad: the derivative of \(routine) is written for square matrices only (m = n)\n"
    let message = LLVMBuildGlobalStringPtr(builder.ref, text, "swad.blas.message")!
    builder.call(f, [rows, cols, Value(message), Value.constInt(i64, Int64(text.utf8.count))])
  }

  /// `swad.blas.<d|s>.swap_rows(layout, cols, a, lda, ipiv, count, reverse)`.
  private func swapRowsFunction() -> Function {
    let name = helperPrefix + "swap_rows"
    if let made = module.function(named: name), !made.isDeclaration { return made }
    let f = module.addFunction(
      named: name, type: .function(returning: void, [i32, i32, pointer, i32, pointer, i32, i32]))
    f.linkage = LLVMInternalLinkage
    let b = Builder(context: context)
    let entry = f.appendBlock(named: "entry")
    let loop = f.appendBlock(named: "interchange")
    let body = f.appendBlock(named: "swap")
    let next = f.appendBlock(named: "next")
    let done = f.appendBlock(named: "done")
    b.position(atEndOf: entry)
    let (layout, cols, a, lda) = (f.parameter(0), f.parameter(1), f.parameter(2), f.parameter(3))
    let (pivots, count, reverse) = (f.parameter(4), f.parameter(5), f.parameter(6))
    let i64 = IRType.int(64, in: context)
    func wide(_ v: Value) -> Value { b.cast(LLVMSExt, v, to: i64) }
    let columnMajor = b.icmp(LLVMIntEQ, layout, int(CBLAS.columnMajor))
    // Row i starts at a + i (column-major, elements lda apart) or a + i·lda (row-major, adjacent).
    let rowStep = b.select(columnMajor, int(1), lda)
    let elementStep = b.select(columnMajor, lda, int(1))
    b.condBr(b.icmp(LLVMIntSGT, count, int(0)), loop, done)

    b.position(atEndOf: loop)
    let step = b.phi(i32, "step")
    let backwards = b.icmp(LLVMIntNE, reverse, int(0))
    let i = b.select(backwards, b.sub(b.sub(count, int(1)), step.value), step.value)
    let p = b.sub(b.load(i32, from: b.gep(i32, pivots, [wide(i)])), int(1))
    b.condBr(b.icmp(LLVMIntNE, p, i), body, next)

    b.position(atEndOf: body)
    let library = BLASLibrary(module: module, builder: b, element: element, layout: layout, backend: backend)
    let rowI = b.gep(element, a, [b.mul(wide(i), wide(rowStep))])
    let rowP = b.gep(element, a, [b.mul(wide(p), wide(rowStep))])
    library.swap(cols, rowI, elementStep, rowP, elementStep)
    b.br(next)

    b.position(atEndOf: next)
    let stepNext = b.add(step.value, int(1))
    b.condBr(b.icmp(LLVMIntSLT, stepNext, count), loop, done)
    step.addIncoming([(int(0), entry), (stepNext, next)])

    b.position(atEndOf: done)
    b.retVoid()
    f.addAttribute("nounwind")
    return f
  }
}
