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
            if dx.count != x.count {
                fatalError("d_dot: the shadow 'dx' needs as many elements as 'x'")
            }
            if dw.count != w.count {
                fatalError("d_dot: the shadow 'dw' needs as many elements as 'w'")
            }
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

  /// Batched reverse mode: `enzyme_width, N` first; N shadows after each duplicated argument, N seeds
  /// after the arguments; the entry point returns the primal, then each active argument's N adjoints
  /// (a tuple parameter's leaves one after another), rebuilt into one tuple of lanes per parameter.
  func testReverseBatched() {
    assertMacroExpansion(
      """
      @autodiffReverse(name: "df", width: 2, .duplicated, .active, .active, .active)
      func f(x: UnsafePointer<Double>, p: (Double, Double), s: Double) -> Double { 0 }
      """,
      expandedSource: """
        func f(x: UnsafePointer<Double>, p: (Double, Double), s: Double) -> Double { 0 }

        func df(x: UnsafePointer<Double>, dx_0: UnsafeMutablePointer<Double>, dx_1: UnsafeMutablePointer<Double>, p: (Double, Double), s: Double, seed_0: Double, seed_1: Double) -> (Double, ((Double, Double), (Double, Double)), (Double, Double)) {
            enum __Enzyme {
                @_silgen_name("__enzyme_autodiff___macro_local_2dffMu_")
                static func call(_ f: @convention(c) (UnsafePointer<Double>, Double, Double, Double) -> Double, _ a0: Int32, _ a1: Int32, _ a2: Int, _ a3: Int32, _ a4: UnsafePointer<Double>, _ a5: UnsafeMutablePointer<Double>, _ a6: UnsafeMutablePointer<Double>, _ a7: Int32, _ a8: Double, _ a9: Int32, _ a10: Double, _ a11: Int32, _ a12: Double, _ a13: Double, _ a14: Double) -> (Double, Double, Double, Double, Double, Double, Double)
            }
            let __r = __Enzyme.call({ (__a0: UnsafePointer<Double>, __a1: Double, __a2: Double, __a3: Double) -> Double in
                    f(x: __a0, p: (__a1, __a2), s: __a3)
                }, SwadAutodiff.enzyme_primal_return, SwadAutodiff.enzyme_width, 2, SwadAutodiff.enzyme_dup, x, dx_0, dx_1, SwadAutodiff.enzyme_out, p.0, SwadAutodiff.enzyme_out, p.1, SwadAutodiff.enzyme_out, s, seed_0, seed_1)
            return (__r.0, ((__r.1, __r.3), (__r.2, __r.4)), (__r.5, __r.6))
        }
        """,
      macros: autodiffMacros)
  }

  /// Batched buffers and arrays: every lane's shadow is checked and made unique; a `.const` Float
  /// result gets a zero seed in each lane and is returned alone.
  func testReverseBatchedBufferAndArray() {
    assertMacroExpansion(
      """
      @autodiffReverse(name: "d_dot", width: 2, .duplicated, .duplicated, .const)
      func dot(x: UnsafeBufferPointer<Float>, w: [Float]) -> Float { 0 }
      """,
      expandedSource: """
        func dot(x: UnsafeBufferPointer<Float>, w: [Float]) -> Float { 0 }

        func d_dot(x: UnsafeBufferPointer<Float>, dx_0: UnsafeMutableBufferPointer<Float>, dx_1: UnsafeMutableBufferPointer<Float>, w: [Float], dw_0: inout [Float], dw_1: inout [Float]) -> Float {
            enum __Enzyme {
                @_silgen_name("__enzyme_autodiff___macro_local_5d_dotfMu_")
                static func call(_ f: @convention(c) (UnsafePointer<Float>, Int, UnsafeRawPointer) -> Float, _ a0: Int32, _ a1: Int32, _ a2: Int, _ a3: Int32, _ a4: UnsafePointer<Float>, _ a5: UnsafeMutablePointer<Float>, _ a6: UnsafeMutablePointer<Float>, _ a7: Int32, _ a8: Int, _ a9: Int32, _ a10: UnsafeRawPointer, _ a11: UnsafeMutableRawPointer, _ a12: UnsafeMutableRawPointer, _ a13: Float, _ a14: Float) -> Float
            }
            if dx_0.count != x.count {
                fatalError("d_dot: the shadow 'dx_0' needs as many elements as 'x'")
            }
            if dx_1.count != x.count {
                fatalError("d_dot: the shadow 'dx_1' needs as many elements as 'x'")
            }
            if dw_0.count != w.count {
                fatalError("d_dot: the shadow 'dw_0' needs as many elements as 'w'")
            }
            dw_0.withUnsafeMutableBufferPointer { _ in
            }
            if dw_1.count != w.count {
                fatalError("d_dot: the shadow 'dw_1' needs as many elements as 'w'")
            }
            dw_1.withUnsafeMutableBufferPointer { _ in
            }
            return withUnsafePointer(to: w) { __pw in
                withUnsafeMutablePointer(to: &dw_0) { __pdw_0 in
                    withUnsafeMutablePointer(to: &dw_1) { __pdw_1 in
                        __Enzyme.call({ (__a0: UnsafePointer<Float>, __a1: Int, __a2: UnsafeRawPointer) -> Float in
                                dot(x: UnsafeBufferPointer(start: __a0, count: __a1), w: __a2.assumingMemoryBound(to: [Float].self).pointee)
                            }, SwadAutodiff.enzyme_primal_return, SwadAutodiff.enzyme_width, 2, SwadAutodiff.enzyme_dup, SwadAutodiff.baseAddress(of: x), SwadAutodiff.baseAddress(of: dx_0), SwadAutodiff.baseAddress(of: dx_1), SwadAutodiff.enzyme_const, x.count, SwadAutodiff.enzyme_dup, UnsafeRawPointer(__pw), UnsafeMutableRawPointer(__pdw_0), UnsafeMutableRawPointer(__pdw_1), 0, 0)
                    }
                }
            }
        }
        """,
      macros: autodiffMacros)
  }

  /// Arrays nested in arguments: a `[[Double]]` shadow's rows, and the arrays inside an `inout`
  /// struct and inside its shadow, are checked to have the primal's shape
  /// (`SwadAutodiff.requireSameShape`) and made unique (`SwadAutodiff.makeStorageUnique`) before the
  /// derivative writes into them behind copy-on-write's back.
  func testNestedArraysMadeUnique() {
    assertMacroExpansion(
      """
      @autodiffReverse(name: "d_f", .duplicated, .duplicated, .active)
      func f(m: [[Double]], model: inout Model) -> Double { 0 }
      """,
      expandedSource: """
        func f(m: [[Double]], model: inout Model) -> Double { 0 }

        func d_f(m: [[Double]], dm: inout [[Double]], model: inout Model, dmodel: inout Model, seed: Double) -> Double {
            enum __Enzyme {
                @_silgen_name("__enzyme_autodiff___macro_local_3d_ffMu_")
                static func call(_ f: @convention(c) (UnsafeRawPointer, UnsafeMutableRawPointer) -> Double, _ a0: Int32, _ a1: Int32, _ a2: UnsafeRawPointer, _ a3: UnsafeMutableRawPointer, _ a4: Int32, _ a5: UnsafeMutableRawPointer, _ a6: UnsafeMutableRawPointer, _ a7: Double) -> Double
            }
            if dm.count != m.count {
                fatalError("d_f: the shadow 'dm' needs as many elements as 'm'")
            }
            SwadAutodiff.requireSameShape(m, dm, derivative: "d_f", primal: "m", shadowName: "dm")
            SwadAutodiff.makeStorageUnique(&dm)
            SwadAutodiff.makeStorageUnique(&model)
            SwadAutodiff.requireSameShape(model, dmodel, derivative: "d_f", primal: "model", shadowName: "dmodel")
            SwadAutodiff.makeStorageUnique(&dmodel)
            let __dmodelStorage = SwadAutodiff.ArrayStorageSnapshot(dmodel)
            defer {
                __dmodelStorage.requireSameStorage(dmodel, primal: model, derivative: "d_f", primal: "model", shadowName: "dmodel")
            }
            return withUnsafePointer(to: m) { __pm in
                withUnsafeMutablePointer(to: &dm) { __pdm in
                    withUnsafeMutablePointer(to: &model) { __pmodel in
                        withUnsafeMutablePointer(to: &dmodel) { __pdmodel in
                            __Enzyme.call({ (__a0: UnsafeRawPointer, __a1: UnsafeMutableRawPointer) -> Double in
                                    f(m: __a0.assumingMemoryBound(to: [[Double]].self).pointee, model: &__a1.assumingMemoryBound(to: Model.self).pointee)
                                }, SwadAutodiff.enzyme_primal_return, SwadAutodiff.enzyme_dup, UnsafeRawPointer(__pm), UnsafeMutableRawPointer(__pdm), SwadAutodiff.enzyme_dup, UnsafeMutableRawPointer(__pmodel), UnsafeMutableRawPointer(__pdmodel), seed)
                        }
                    }
                }
            }
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
