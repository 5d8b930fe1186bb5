// swad's own math functions in place of their calls: which calls are replaced, on which targets and
// under which flags, and that the result is valid IR of the call's type. (Their values: the runtime
// test Tests/lit/Runtime/Driver/vector-library-swad.c.)
import CLLVM
import LLVMBinding
import XCTest

@testable import SwadPipeline

final class InlineMathKernelsTests: XCTestCase {
  func module(triple: String) throws -> Module {
    let source = """
      target triple = "\(triple)"
      define double @f(double %x, float %y, <2 x double> %v) {
        %a = call double @tanh(double %x)
        %b = call float @tanhf(float %y)
        %c = call <2 x double> @llvm.tanh.v2f64(<2 x double> %v)
        %d = call double @sin(double %a)
        %e = call double @tanh(double %a, double %x)
        %c0 = extractelement <2 x double> %c, i32 0
        %bd = fpext float %b to double
        %s = fadd double %c0, %bd
        %t = fadd double %s, %d
        %u = fadd double %t, %e
        ret double %u
      }
      declare double @tanh(double)
      declare float @tanhf(float)
      declare double @sin(double)
      declare <2 x double> @llvm.tanh.v2f64(<2 x double>)
      """
    return try Module.parse(Array(source.utf8), name: "kernels.ll", context: Context())
  }

  func calledNames(_ module: Module) -> [String] {
    module.function(named: "f")!.blocks.flatMap(\.instructions).compactMap { $0.calledFunction?.name }
  }

  /// tanh by its C names and its intrinsic, scalar and vector, on any target; not `sin`, which has
  /// no kernel, nor a call of `tanh` with the wrong number of arguments (a different function).
  func testTheCallsOfTanhBecomeArithmeticOnEveryTarget() throws {
    for triple in ["x86_64-pc-linux-gnu", "aarch64-unknown-linux-gnu"] {
      let module = try module(triple: triple)
      XCTAssertEqual(InlineMathKernels.expandCalls(in: module), 3, triple)
      XCTAssertNoThrow(try module.verify(), triple)
      let called = calledNames(module)
      XCTAssertFalse(called.contains("tanhf") || called.contains("llvm.tanh.v2f64"), triple)
      XCTAssertEqual(called.filter { $0 == "tanh" }.count, 1, "the call with two arguments stays")
      XCTAssertTrue(called.contains("sin"), triple)
      XCTAssertTrue(called.contains("llvm.copysign.v2f64"), "the vector call's kernel is of vectors")
    }
  }

  /// exp may set errno (on overflow): a call that may write memory keeps the library's function,
  /// one free of side effects (`-fno-math-errno`) and the intrinsic become the kernel.
  func testExpIsReplacedOnlyWhereItCannotSetErrno() throws {
    let source = """
      target triple = "x86_64-pc-linux-gnu"
      define double @f(double %x) {
        %a = call double @exp(double %x)
        %b = call double @exp(double %a) memory(none)
        %c = call double @llvm.exp.f64(double %b)
        ret double %c
      }
      declare double @exp(double)
      declare double @llvm.exp.f64(double)
      """
    let module = try Module.parse(Array(source.utf8), name: "exp.ll", context: Context())
    XCTAssertEqual(InlineMathKernels.expandCalls(in: module), 2)
    XCTAssertNoThrow(try module.verify())
    XCTAssertEqual(calledNames(module).filter { $0 == "exp" || $0.hasPrefix("llvm.exp") }, ["exp"])
  }

  /// swad's library expands its kernels, then offers libmvec's variants for the rest on x86-64
  /// only; libmvec's library expands nothing.
  func testTheLibrariesRewriteWhatTheyHave() throws {
    let x86 = try module(triple: "x86_64-pc-linux-gnu")
    XCTAssertEqual(VectorLibrary.swad.apply(to: x86), 4, "three kernels and sin's variants")
    let arm = try module(triple: "aarch64-unknown-linux-gnu")
    XCTAssertEqual(VectorLibrary.swad.apply(to: arm), 3, "no libmvec there")
    let libmvec = try module(triple: "x86_64-pc-linux-gnu")
    VectorLibrary.libmvec.apply(to: libmvec)
    XCTAssertTrue(calledNames(libmvec).contains("tanhf"))
    XCTAssertEqual(VectorLibrary(rawValue: "swad"), .swad)
    XCTAssertTrue(VectorLibrary.names.contains("swad"))
  }
}
