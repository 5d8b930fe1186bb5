import LLVMBinding
import XCTest

// Which functions are Eigen's kernels read as BLAS routines (by mangled name and LLVM type), and
// swad's own BLAS defining every routine the rules of the routines they are read as call.
@testable import SwadAD

final class EigenKernelsTests: XCTestCase {
  private static let matrixTail = "lPKdlS4_lPdlldRNS0_15level3_blockingIddEEPNS0_16GemmParallelInfoIlEE"
  private static let vectorTail = "llRKS3_RKS4_Pdld"

  /// Declares `name` in `module` with the kernel's parameters (`i` index, `p` pointer, `s` scalar).
  private func declare(_ name: String, _ shape: String, scalar: IRType, index: IRType, in module: Module)
    -> Function
  {
    let context = module.context
    let types = shape.map { kind -> IRType in
      switch kind {
      case "i": return index
      case "p": return IRType.pointer(in: context)
      default: return scalar
      }
    }
    return module.declareFunction(named: name, type: .function(returning: IRType.void(in: context), types))
  }

  func testTheInstantiationsAreRecognized() {
    let context = Context()
    let module = Module(name: "m", context: context)
    let i64 = IRType.int(64, in: context)
    let double = IRType.double(in: context)
    // Row-major lhs, column-major rhs, column-major result with inner stride 1.
    let matrix = declare(
      "_ZN5Eigen8internal29general_matrix_matrix_productIldLi1ELb0EdLi0ELb0ELi0ELi1EE3runEl"
        + Self.matrixTail,
      "iiipipipiispp", scalar: double, index: i64, in: module)
    guard case .matrixProduct(true, false)? = EigenKernel.kernel(named: matrix.name, callee: matrix)?.0 else {
      return XCTFail("the matrix-matrix kernel")
    }
    let vector = declare(
      "_ZN5Eigen8internal29general_matrix_vector_productIldNS0_22const_blas_data_mapperIdlLi0EEELi0ELb0EdNS2_IdlLi1EEELb0ELi0EE3runE"
        + Self.vectorTail, "iipppis", scalar: double, index: i64, in: module)
    guard case .vectorProduct(false, true)? = EigenKernel.kernel(named: vector.name, callee: vector)?.0 else {
      return XCTFail("the matrix-vector kernel")
    }
    XCTAssertEqual(EigenKernel.kernel(named: vector.name, callee: vector)?.isDouble, true)
    // Single precision with an int index.
    let single = declare(
      "_ZN5Eigen8internal29general_matrix_matrix_productIifLi0ELb0EfLi0ELb0ELi0ELi1EE3runEiiiPKfiS4_iPfiifRNS0_15level3_blockingIffEEPNS0_16GemmParallelInfoIiEE",
      "iiipipipiispp", scalar: IRType.float(in: context), index: IRType.int(32, in: context), in: module)
    XCTAssertEqual(EigenKernel.kernel(named: single.name, callee: single)?.isDouble, false)
  }

  func testOtherFunctionsAreNot() {
    let context = Context()
    let module = Module(name: "m", context: context)
    let i64 = IRType.int(64, in: context)
    let double = IRType.double(in: context)
    // A row-major result (Eigen forwards it to the column-major kernel), an inner stride other than 1,
    // a complex scalar, and the right name with a parameter missing.
    let names = [
      "_ZN5Eigen8internal29general_matrix_matrix_productIldLi0ELb0EdLi0ELb0ELi1ELi1EE3runEl"
        + Self.matrixTail,
      "_ZN5Eigen8internal29general_matrix_matrix_productIldLi0ELb0EdLi0ELb0ELi0ELin1EE3runEl"
        + Self.matrixTail,
      "_ZN5Eigen8internal29general_matrix_matrix_productIlSt7complexIdELi0ELb0ES3_Li0ELb0ELi0ELi1EE3runE",
    ]
    for name in names {
      let f = declare(name, "iiipipipiispp", scalar: double, index: i64, in: module)
      XCTAssertNil(EigenKernel.kernel(named: f.name, callee: f), name)
    }
    let short = declare(
      "_ZN5Eigen8internal29general_matrix_matrix_productIldLi0ELb0EdLi0ELb0ELi0ELi1EE3runEl"
        + Self.matrixTail,
      "iiipipipispp", scalar: double, index: i64, in: module)
    XCTAssertNil(EigenKernel.kernel(named: short.name, callee: short))
  }

  func testSwadsBLASDefinesWhatTheRulesCall() throws {
    // gemm's and gemv's rules call gemm, gemv, ger and the level-1 routines (through the matrix
    // loops): each, in both precisions, defined with CBLAS's parameters.
    let context = Context()
    let runtime = try Module.parse(Array(BLASRuntime.ir.utf8), name: "swad-blas-runtime", context: context)
    let arity = ["axpy": 6, "scal": 4, "copy": 5, "swap": 5, "dot": 5, "gemv": 12, "ger": 10, "gemm": 14]
    for (routine, count) in arity {
      for precision in ["d", "s"] {
        let name = BLASRuntime.prefix + precision + routine
        let function = try XCTUnwrap(runtime.function(named: name), name)
        XCTAssertFalse(function.isDeclaration, name)
        XCTAssertEqual(function.type.parameterTypes.count, count, name)
      }
    }
    XCTAssertNotNil(runtime.function(named: BLASRuntime.prefix + "index"))
  }
}
