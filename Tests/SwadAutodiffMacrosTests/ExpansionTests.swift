// Whole expansions: the derivative's body declares the Enzyme entry point locally (a bodyless
// @_silgen_name function with a unique `__enzyme_autodiff_…`/`__enzyme_fwddiff_…` name) and calls it
// with a C closure that calls the annotated function, Enzyme's markers (SwadAutodiff.enzyme_*), and
// the arguments: pointers to arrays and inout values, non-nil buffer base addresses.
import SwadAutodiffMacros
import SwiftSyntaxMacrosTestSupport
import XCTest

final class ExpansionTests: XCTestCase {
  func testReverseScalars() {
    assertMacroExpansion(
      """
      @autodiffReverse(name: "df", .active, .active, .active)
      func f(x: Double, y: Double) -> Double { x * y + sin(x) * y }
      """,
      expandedSource: """
        func f(x: Double, y: Double) -> Double { x * y + sin(x) * y }

        func df(x: Double, y: Double, seed: Double) -> (Double, Double, Double) {
            enum __Enzyme {
                @_silgen_name("__enzyme_autodiff___macro_local_2dffMu_")
                static func call(_ f: @convention(c) (Double, Double) -> Double, _ a0: Int32, _ a1: Int32, _ a2: Double, _ a3: Int32, _ a4: Double, _ a5: Double) -> (Double, Double, Double)
            }
            return __Enzyme.call({ (__a0: Double, __a1: Double) -> Double in
                    f(x: __a0, y: __a1)
                }, SwadAutodiff.enzyme_primal_return, SwadAutodiff.enzyme_out, x, SwadAutodiff.enzyme_out, y, seed)
        }
        """,
      macros: autodiffMacros)
  }

  func testForwardWithAConstant() {
    assertMacroExpansion(
      """
      @autodiffForward(name: "d_f", .dual, .const, .dual)
      func f(x: Double, bias: Double) -> Double { x + bias }
      """,
      expandedSource: """
        func f(x: Double, bias: Double) -> Double { x + bias }

        func d_f(x: Double, dx: Double, bias: Double) -> (Double, Double) {
            enum __Enzyme {
                @_silgen_name("__enzyme_fwddiff___macro_local_3d_ffMu_")
                static func call(_ f: @convention(c) (Double, Double) -> Double, _ a0: Int32, _ a1: Int32, _ a2: Double, _ a3: Double, _ a4: Int32, _ a5: Double) -> (Double, Double)
            }
            return __Enzyme.call({ (__a0: Double, __a1: Double) -> Double in
                    f(x: __a0, bias: __a1)
                }, SwadAutodiff.enzyme_primal_return, SwadAutodiff.enzyme_dup, x, dx, SwadAutodiff.enzyme_const, bias)
        }
        """,
      macros: autodiffMacros)
  }

  func testReverseBufferAndArray() {
    assertMacroExpansion(
      """
      @autodiffReverse(name: "d_dot", .duplicated, .duplicated, .active)
      func dot(x: UnsafeBufferPointer<Float>, w: [Float]) -> Float { 0 }
      """,
      expandedSource: """
        func dot(x: UnsafeBufferPointer<Float>, w: [Float]) -> Float { 0 }

        func d_dot(x: UnsafeBufferPointer<Float>, dx: UnsafeMutableBufferPointer<Float>, w: [Float], dw: inout [Float], seed: Float) -> Float {
            enum __Enzyme {
                @_silgen_name("__enzyme_autodiff___macro_local_5d_dotfMu_")
                static func call(_ f: @convention(c) (UnsafePointer<Float>, Int, UnsafeRawPointer) -> Float, _ a0: Int32, _ a1: Int32, _ a2: UnsafePointer<Float>, _ a3: UnsafeMutablePointer<Float>, _ a4: Int32, _ a5: Int, _ a6: Int32, _ a7: UnsafeRawPointer, _ a8: UnsafeMutableRawPointer, _ a9: Float) -> Float
            }
            precondition(dx.count == x.count, "d_dot: the shadow 'dx' needs as many elements as 'x'")
            precondition(dw.count == w.count, "d_dot: the shadow 'dw' needs as many elements as 'w'")
            dw.withUnsafeMutableBufferPointer { _ in
            }
            return withUnsafePointer(to: w) { __pw in
                withUnsafeMutablePointer(to: &dw) { __pdw in
                    __Enzyme.call({ (__a0: UnsafePointer<Float>, __a1: Int, __a2: UnsafeRawPointer) -> Float in
                            dot(x: UnsafeBufferPointer(start: __a0, count: __a1), w: __a2.assumingMemoryBound(to: [Float].self).pointee)
                        }, SwadAutodiff.enzyme_primal_return, SwadAutodiff.enzyme_dup, SwadAutodiff.baseAddress(of: x), SwadAutodiff.baseAddress(of: dx), SwadAutodiff.enzyme_const, x.count, SwadAutodiff.enzyme_dup, UnsafeRawPointer(__pw), UnsafeMutableRawPointer(__pdw), seed)
                }
            }
        }
        """,
      macros: autodiffMacros)
  }

  func testForwardBatchedVectorShadowAndInout() {
    assertMacroExpansion(
      """
      @autodiffForward(name: "df", width: 2, .dualv, .dual, .dualv)
      func f(x: Double, y: inout Double) -> Double { 0 }
      """,
      expandedSource: """
        func f(x: Double, y: inout Double) -> Double { 0 }

        func df(x: Double, dx: (Double, Double), y: inout Double, dy_0: inout Double, dy_1: inout Double) -> (Double, (Double, Double)) {
            enum __Enzyme {
                @_silgen_name("__enzyme_fwddiff___macro_local_2dffMu_")
                static func call(_ f: @convention(c) (Double, UnsafeMutablePointer<Double>) -> Double, _ a0: Int32, _ a1: Int32, _ a2: Int, _ a3: Int32, _ a4: Double, _ a5: Double, _ a6: Double, _ a7: Int32, _ a8: UnsafeMutablePointer<Double>, _ a9: UnsafeMutablePointer<Double>, _ a10: UnsafeMutablePointer<Double>) -> (Double, Double, Double)
            }
            let __r = withUnsafeMutablePointer(to: &y) { __py in
                withUnsafeMutablePointer(to: &dy_0) { __pdy_0 in
                    withUnsafeMutablePointer(to: &dy_1) { __pdy_1 in
                        __Enzyme.call({ (__a0: Double, __a1: UnsafeMutablePointer<Double>) -> Double in
                                f(x: __a0, y: &__a1.pointee)
                            }, SwadAutodiff.enzyme_primal_return, SwadAutodiff.enzyme_width, 2, SwadAutodiff.enzyme_dup, x, dx.0, dx.1, SwadAutodiff.enzyme_dup, __py, __pdy_0, __pdy_1)
                    }
                }
            }
            return (__r.0, (__r.1, __r.2))
        }
        """,
      macros: autodiffMacros)
  }

  func testInstanceMethodPassesSelfAsAConstant() {
    assertMacroExpansion(
      """
      struct Poly {
          var c: Double
          @autodiffReverse(name: "d_eval", .active, .active)
          func eval(at x: Double) -> Double { c * x * x }
      }
      """,
      expandedSource: """
        struct Poly {
            var c: Double
            func eval(at x: Double) -> Double { c * x * x }

            func d_eval(at x: Double, seed: Double) -> (Double, Double) {
                enum __Enzyme {
                    @_silgen_name("__enzyme_autodiff___macro_local_6d_evalfMu_")
                    static func call(_ f: @convention(c) (UnsafeRawPointer, Double) -> Double, _ a0: Int32, _ a1: Int32, _ a2: UnsafeRawPointer, _ a3: Int32, _ a4: Double, _ a5: Double) -> (Double, Double)
                }
                return withUnsafePointer(to: self) { __pself in
                    __Enzyme.call({ (__a0: UnsafeRawPointer, __a1: Double) -> Double in
                            __a0.assumingMemoryBound(to: Poly.self).pointee.eval(at: __a1)
                        }, SwadAutodiff.enzyme_primal_return, SwadAutodiff.enzyme_const, UnsafeRawPointer(__pself), SwadAutodiff.enzyme_out, x, seed)
                }
            }
        }
        """,
      macros: autodiffMacros)
  }
}
