// libmvec's names: parsed back into the scalar function, lanes and instruction set, made from them,
// and looked up for derivative rules as the scalar function.
import SwadAD
import XCTest

final class VectorMathFunctionsTests: XCTestCase {
  func testNamesRoundTrip() {
    for symbol in [
      "_ZGVbN2v_tanh", "_ZGVdN4v_tanh", "_ZGVeN8v_exp", "_ZGVbN4v_tanhf", "_ZGVdN8v_erff",
      "_ZGVcN4vv_pow", "_ZGVeN16vv_atan2f", "_ZGVbN2v_erf", "_ZGVdN4v_expm1",
    ] {
      let function = VectorFunction(symbol: symbol)
      XCTAssertNotNil(function, symbol)
      XCTAssertEqual(function?.symbol, symbol)
    }
    let tanhf = VectorFunction(symbol: "_ZGVdN8v_tanhf")
    XCTAssertEqual(tanhf?.name, "tanh")
    XCTAssertEqual(tanhf?.scalarName, "tanhf")
    XCTAssertEqual(tanhf?.isFloat, true)
    XCTAssertEqual(tanhf?.lanes, 8)
    XCTAssertEqual(tanhf?.isa, .avx2)
    // erf is a double function whose name ends in f.
    XCTAssertEqual(VectorFunction(symbol: "_ZGVbN2v_erf")?.isFloat, false)
  }

  func testOtherNamesAreNotLibmvecFunctions() {
    for symbol in [
      "_ZGVbN4v_tanh",  // four doubles do not fit SSE
      "_ZGVbM2v_tanh",  // masked
      "_ZGVbN2vv_tanh",  // tanh takes one argument
      "_ZGVbN2v_pow",  // pow takes two
      "_ZGVbN2l_sin",  // a linear parameter
      "_ZGVbN2v_mysin",  // not the library's
      "_ZGVxN2v_sin", "_ZGVbN2v", "tanh", "_ZGV",
    ] {
      XCTAssertNil(VectorFunction(symbol: symbol), symbol)
    }
  }

  func testMappingNamesTheCalledFunction() {
    let variant = VectorFunction(name: "atan2", isFloat: false, arity: 2, isa: .avx2)
    XCTAssertEqual(variant.mapping(of: "llvm.atan2.f64"), "_ZGV_LLVM_N4vv_llvm.atan2.f64(_ZGVdN4vv_atan2)")
  }

  func testInstructionSetsFollowTheTargetFeatures() {
    XCTAssertEqual(VectorFunction.ISA.available(features: "+cmov,+sse2,+x87"), [.sse])
    XCTAssertEqual(VectorFunction.ISA.available(features: "+sse2,+avx,-avx2"), [.sse, .avx])
    XCTAssertEqual(VectorFunction.ISA.available(features: "+sse2,+avx,+avx2,+fma"), [.sse, .avx2])
    XCTAssertEqual(VectorFunction.ISA.available(features: "+avx,+avx2,+avx512f"), [.sse, .avx2, .avx512])
    XCTAssertEqual(VectorFunction.ISA.available(features: ""), [.sse])
  }

  func testVectorFunctionsHaveTheirScalarFunctionsRules() {
    XCTAssertEqual(DerivativeRules.function(named: "_ZGVdN4v_sin")?.partials.first??.description, "cos(x0)")
    XCTAssertNotNil(DerivativeRules.function(named: "_ZGVbN4v_tanhf"))
    XCTAssertNotNil(DerivativeRules.function(named: "_ZGVbN2vv_pow"))
    XCTAssertNil(DerivativeRules.function(named: "_ZGVbN2v_mysin"))
  }
}
