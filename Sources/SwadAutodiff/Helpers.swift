// Derivatives of functions over arrays of Doubles: gradients, Jacobian-vector and vector-Jacobian
// products, and Hessian-vector products by forward over reverse.
//
// The function to differentiate is a C function pointer, written at the call site as a closure that
// captures nothing (`{ x, n in loss(x, n) }`): Enzyme's entry points take a function, not a Swift
// closure with a context. Every helper is emitted into the calling module (@_alwaysEmitIntoClient)
// and inlined (@inline(__always)), so the closure is a constant function where the entry point is
// called, as the AD transform requires; the program must be built with the swad driver.

/// `f(x, n)`: a scalar function of the `n` values at `x`.
public typealias ScalarFunction = @convention(c) (UnsafePointer<Double>, Int) -> Double

/// `f(x, n, y, m)`: writes `m` results to `y` from the `n` values at `x`.
public typealias VectorFunction = @convention(c) (UnsafePointer<Double>, Int, UnsafeMutablePointer<Double>, Int) -> Void

/// `g(x, dx, n)`: ADDS the gradient of some scalar function at `x` into `dx` (as a derivative generated
/// by `@autodiffReverse(name:, .duplicated, .const, .active)` does).
public typealias GradientFunction = @convention(c) (UnsafePointer<Double>, UnsafeMutablePointer<Double>, Int) -> Void

// The entry points the helpers call: declarations only (swad replaces every call of them), so
// SwadAutodiff's own object code never refers to them.

@usableFromInline @_silgen_name("__enzyme_autodiff_SwadAutodiff_valueWithGradient")
func _entry_valueWithGradient(_ f: ScalarFunction, _ primal: Int32, _ dup: Int32, _ x: UnsafePointer<Double>, _ dx: UnsafeMutablePointer<Double>, _ const: Int32, _ n: Int) -> Double

@usableFromInline @_silgen_name("__enzyme_fwddiff_SwadAutodiff_valueWithJVP")
func _entry_valueWithJVP(_ f: VectorFunction, _ dupX: Int32, _ x: UnsafePointer<Double>, _ v: UnsafePointer<Double>, _ constN: Int32, _ n: Int, _ dupY: Int32, _ y: UnsafeMutablePointer<Double>, _ dy: UnsafeMutablePointer<Double>, _ constM: Int32, _ m: Int)

@usableFromInline @_silgen_name("__enzyme_autodiff_SwadAutodiff_valueWithVJP")
func _entry_valueWithVJP(_ f: VectorFunction, _ dupX: Int32, _ x: UnsafePointer<Double>, _ dx: UnsafeMutablePointer<Double>, _ constN: Int32, _ n: Int, _ dupY: Int32, _ y: UnsafeMutablePointer<Double>, _ dy: UnsafeMutablePointer<Double>, _ constM: Int32, _ m: Int)

@usableFromInline @_silgen_name("__enzyme_fwddiff_SwadAutodiff_hessianVectorProduct")
func _entry_hessianVectorProduct(_ g: GradientFunction, _ dupX: Int32, _ x: UnsafePointer<Double>, _ v: UnsafePointer<Double>, _ dupG: Int32, _ gradient: UnsafeMutablePointer<Double>, _ hvp: UnsafeMutablePointer<Double>, _ const: Int32, _ n: Int)

// MARK: - Gradients (reverse mode)

/// The value of `f` at `x`, and its gradient written to `gradient` (which must have `x.count` elements).
@_alwaysEmitIntoClient @inline(__always)
public func valueWithGradient(
  of f: ScalarFunction, at x: UnsafeBufferPointer<Double>, into gradient: UnsafeMutableBufferPointer<Double>
) -> Double {
  precondition(gradient.count == x.count, "valueWithGradient: the gradient needs as many elements as x")
  gradient.update(repeating: 0)
  return _entry_valueWithGradient(
    f, enzyme_primal_return, enzyme_dup, baseAddress(of: x), baseAddress(of: gradient), enzyme_const, x.count)
}

/// The value of `f` at `x` and its gradient.
@_alwaysEmitIntoClient @inline(__always)
public func valueWithGradient(of f: ScalarFunction, at x: [Double]) -> (value: Double, gradient: [Double]) {
  var gradient = [Double](repeating: 0, count: x.count)
  let value = x.withUnsafeBufferPointer { x in
    gradient.withUnsafeMutableBufferPointer { gradient in valueWithGradient(of: f, at: x, into: gradient) }
  }
  return (value, gradient)
}

/// The gradient of `f` at `x`.
@_alwaysEmitIntoClient @inline(__always)
public func gradient(of f: ScalarFunction, at x: [Double]) -> [Double] {
  valueWithGradient(of: f, at: x).gradient
}

// MARK: - Jacobian-vector products (forward mode)

/// `f(x)` written to `value` and the directional derivative J·v to `jvp` (both of `f`'s `m` outputs).
@_alwaysEmitIntoClient @inline(__always)
public func valueWithJVP(
  of f: VectorFunction, at x: UnsafeBufferPointer<Double>, along v: UnsafeBufferPointer<Double>,
  value: UnsafeMutableBufferPointer<Double>, jvp: UnsafeMutableBufferPointer<Double>
) {
  precondition(v.count == x.count, "jvp: the direction v needs as many elements as x")
  precondition(jvp.count == value.count, "jvp: the product needs as many elements as the value")
  jvp.update(repeating: 0)
  _entry_valueWithJVP(
    f, enzyme_dup, baseAddress(of: x), baseAddress(of: v), enzyme_const, x.count, enzyme_dup,
    baseAddress(of: value), baseAddress(of: jvp), enzyme_const, value.count)
}

/// `f(x)` and J·v, for `f` with `outputCount` outputs.
@_alwaysEmitIntoClient @inline(__always)
public func valueWithJVP(
  of f: VectorFunction, at x: [Double], along v: [Double], outputCount: Int
) -> (value: [Double], jvp: [Double]) {
  var value = [Double](repeating: 0, count: outputCount)
  var jvp = [Double](repeating: 0, count: outputCount)
  x.withUnsafeBufferPointer { x in
    v.withUnsafeBufferPointer { v in
      value.withUnsafeMutableBufferPointer { value in
        jvp.withUnsafeMutableBufferPointer { jvp in valueWithJVP(of: f, at: x, along: v, value: value, jvp: jvp) }
      }
    }
  }
  return (value, jvp)
}

/// J·v: the derivative of `f` (with `outputCount` outputs) at `x` in the direction `v`.
@_alwaysEmitIntoClient @inline(__always)
public func jvp(of f: VectorFunction, at x: [Double], along v: [Double], outputCount: Int) -> [Double] {
  valueWithJVP(of: f, at: x, along: v, outputCount: outputCount).jvp
}

// MARK: - Vector-Jacobian products (reverse mode)

/// `f(x)` written to `value` and uᵀ·J written to `vjp` (`x.count` elements), for the cotangent `u` of
/// `f`'s outputs.
@_alwaysEmitIntoClient @inline(__always)
public func valueWithVJP(
  of f: VectorFunction, at x: UnsafeBufferPointer<Double>, cotangent u: UnsafeBufferPointer<Double>,
  value: UnsafeMutableBufferPointer<Double>, vjp: UnsafeMutableBufferPointer<Double>
) {
  precondition(u.count == value.count, "vjp: the cotangent needs as many elements as the value")
  precondition(vjp.count == x.count, "vjp: the product needs as many elements as x")
  vjp.update(repeating: 0)
  // The output's shadow holds the cotangent on entry; the derivative consumes it.
  let seed = UnsafeMutableBufferPointer<Double>.allocate(capacity: max(u.count, 1))
  defer { seed.deallocate() }
  _ = seed.initialize(from: u)
  _entry_valueWithVJP(
    f, enzyme_dup, baseAddress(of: x), baseAddress(of: vjp), enzyme_const, x.count, enzyme_dup,
    baseAddress(of: value), seed.baseAddress!, enzyme_const, value.count)
}

/// `f(x)` and uᵀ·J, for `f` with `u.count` outputs.
@_alwaysEmitIntoClient @inline(__always)
public func valueWithVJP(of f: VectorFunction, at x: [Double], cotangent u: [Double]) -> (value: [Double], vjp: [Double]) {
  var value = [Double](repeating: 0, count: u.count)
  var vjp = [Double](repeating: 0, count: x.count)
  x.withUnsafeBufferPointer { x in
    u.withUnsafeBufferPointer { u in
      value.withUnsafeMutableBufferPointer { value in
        vjp.withUnsafeMutableBufferPointer { vjp in valueWithVJP(of: f, at: x, cotangent: u, value: value, vjp: vjp) }
      }
    }
  }
  return (value, vjp)
}

/// uᵀ·J: the cotangent `u` of `f`'s outputs pulled back to its inputs at `x`.
@_alwaysEmitIntoClient @inline(__always)
public func vjp(of f: VectorFunction, at x: [Double], cotangent u: [Double]) -> [Double] {
  valueWithVJP(of: f, at: x, cotangent: u).vjp
}

// MARK: - Jacobians

/// The m×n Jacobian of `f` at `x`, row by row, from n forward-mode products (one per input).
@_alwaysEmitIntoClient @inline(__always)
public func jacobian(of f: VectorFunction, at x: [Double], outputCount: Int) -> [[Double]] {
  var rows = [[Double]](repeating: [Double](repeating: 0, count: x.count), count: outputCount)
  var direction = [Double](repeating: 0, count: x.count)
  for j in x.indices {
    direction[j] = 1
    let column = jvp(of: f, at: x, along: direction, outputCount: outputCount)
    direction[j] = 0
    for i in 0..<outputCount { rows[i][j] = column[i] }
  }
  return rows
}

// MARK: - Hessian-vector products (forward over reverse)

/// The gradient at `x` written to `gradient`, and the Hessian-vector product H·v written to `hvp`: the
/// forward-mode derivative, along `v`, of the gradient function `g` (reverse mode inside forward mode,
/// as the talk's appendix composes them).
///
/// `g` is the gradient, not the function: the transform needs each entry point's function to be a
/// constant, and a C closure cannot capture `f`, so a helper given `f` cannot build a gradient
/// function of its own. Generate one with the macro and wrap it:
///
///     @autodiffReverse(name: "d_f", .duplicated, .const, .active)
///     func f(x: UnsafePointer<Double>, n: Int) -> Double { ... }
///
///     hessianVectorProduct(of: { x, dx, n in _ = d_f(x: x, dx: dx, n: n, seed: 1) }, at: x, along: v, ...)
@_alwaysEmitIntoClient @inline(__always)
public func hessianVectorProduct(
  ofGradient g: GradientFunction, at x: UnsafeBufferPointer<Double>, along v: UnsafeBufferPointer<Double>,
  gradient: UnsafeMutableBufferPointer<Double>, into hvp: UnsafeMutableBufferPointer<Double>
) {
  precondition(v.count == x.count && gradient.count == x.count && hvp.count == x.count,
               "hessianVectorProduct: x, v, the gradient and the product need the same number of elements")
  gradient.update(repeating: 0)
  hvp.update(repeating: 0)
  _entry_hessianVectorProduct(
    g, enzyme_dup, baseAddress(of: x), baseAddress(of: v), enzyme_dup, baseAddress(of: gradient),
    baseAddress(of: hvp), enzyme_const, x.count)
}

/// H·v at `x`, from the gradient function `g` (see the buffer form).
@_alwaysEmitIntoClient @inline(__always)
public func hessianVectorProduct(ofGradient g: GradientFunction, at x: [Double], along v: [Double]) -> [Double] {
  var gradient = [Double](repeating: 0, count: x.count)
  var hvp = [Double](repeating: 0, count: x.count)
  x.withUnsafeBufferPointer { x in
    v.withUnsafeBufferPointer { v in
      gradient.withUnsafeMutableBufferPointer { gradient in
        hvp.withUnsafeMutableBufferPointer { hvp in
          hessianVectorProduct(ofGradient: g, at: x, along: v, gradient: gradient, into: hvp)
        }
      }
    }
  }
  return hvp
}
