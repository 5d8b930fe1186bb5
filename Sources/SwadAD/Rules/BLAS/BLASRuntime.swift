// swad's own BLAS in the module: the CBLAS-shaped routines (`swad_blas_dgemm`, …) that the BLAS
// rules call through `BLASLibrary` when the program links no BLAS library (the derivatives of
// Eigen's matrix kernels, `Rules/Eigen`). The definitions (`BLASRuntimeIR.swift`, generated from
// `runtime/blas/swad_blas.c` by `scripts/gen-runtime blas`) are linked in once differentiation is
// done, if any derivative calls them.
import CLLVM
import LLVMBinding

enum BLASRuntime {
  static let prefix = "swad_blas_"

  /// `int swad_blas_index(long)`: a 64-bit size or stride as CBLAS's `int`, stopping the program
  /// with a message when it does not fit.
  static func index(_ value: Value, module: Module, builder: Builder) -> Value {
    let context = module.context
    let i32 = IRType.int(32, in: context)
    if value.type == i32 { return value }
    if let known = value.constantInt, known >= Int64(Int32.min), known <= Int64(Int32.max) {
      return Value.constInt(i32, known)
    }
    let narrow = module.declareFunction(
      named: prefix + "index", type: .function(returning: i32, [IRType.int(64, in: context)]))
    return builder.call(narrow, [value])
  }

  static func linkIfUsed(into module: Module) throws {
    try module.linkRuntime(ir, named: "swad-blas-runtime", prefix: prefix)
  }
}
