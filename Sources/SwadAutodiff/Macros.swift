// The attached macros: Swift's counterpart of Rust's #[autodiff_reverse] and #[autodiff_forward].
//
// The derivative is a peer of the annotated function. Swift does not let a peer macro introduce an
// arbitrary name at global scope, so the names a derivative may have are listed here (the same list
// everywhere): `d<f>`, `d_<f>`, `dd<f>`, `dd_<f>`, `grad_<f>`, `jvp_<f>`, `vjp_<f>`, `<f>_grad`,
// `<f>Gradient`, `<f>Derivative`, ... and a few plain names (`df`, `ddf`, `grad`, `jvp`, `vjp`,
// `hvp`, `derivative`, `gradient`, `tangent`). The macro explains, with a fix-it, when a name is not
// among them. `SwadAutodiffMacros.DerivativeNames` holds the same list.

/// Generates the reverse-mode (gradient) derivative of the function it is attached to, with the
/// signature Rust's `#[autodiff_reverse(name, activities...)]` generates: the parameters of `f`, each
/// `.duplicated` one followed by its shadow (`d<x>`, mutable: adjoints are ADDED into it), then
/// `seed` when the result is `.active`/`.activeOnly`; it returns the primal result (unless the
/// result is `.activeOnly` or `.const` without active parameters... see README's table), then the
/// adjoint of each `.active` parameter in order.
///
///     @autodiffReverse(name: "df", .active, .active, .active)
///     func f(x: Double, y: Double) -> Double { x * y + sin(x) * y }
///     // func df(x: Double, y: Double, seed: Double) -> (Double, Double, Double)
///
/// With `width: N` (batched reverse mode: one primal sweep, N lanes of adjoints, N rows of a
/// Jacobian), each `.duplicated` parameter is followed by N shadows (`d<x>_0` ... `d<x>_{N-1}`), an
/// active result by N seeds (`seed_0` ... `seed_{N-1}`), and each `.active` parameter's adjoint is
/// returned as a tuple of N values, one per lane:
///
///     @autodiffReverse(name: "df", width: 2, .active, .active, .activeOnly)
///     func f(x: Double, y: Double) -> Double { x * y + sin(x) * y }
///     // func df(x: Double, y: Double, seed_0: Double, seed_1: Double)
///     //     -> ((Double, Double), (Double, Double))
///
/// The body calls `__enzyme_autodiff`, which swad replaces with the synthesized gradient: build the
/// program with the `swad` driver.
@attached(
  peer,
  names: prefixed(d), prefixed(d_), prefixed(dd), prefixed(dd_), prefixed(grad_), prefixed(gradient_),
  prefixed(jvp_), prefixed(vjp_), prefixed(hvp_), prefixed(fwd_), prefixed(rev_), prefixed(diff_),
  suffixed(_d), suffixed(_grad), suffixed(_gradient), suffixed(Grad), suffixed(Gradient), suffixed(_jvp),
  suffixed(_vjp), suffixed(JVP), suffixed(VJP), suffixed(_derivative), suffixed(Derivative), suffixed(_fwd),
  suffixed(_rev), suffixed(Forward), suffixed(Reverse), suffixed(_tangent), suffixed(Tangent),
  suffixed(_prime), suffixed(Prime),
  named(df), named(ddf), named(grad), named(gradient), named(jvp), named(vjp), named(hvp),
  named(derivative), named(tangent))
public macro autodiffReverse(name: String, width: Int = 1, _ activities: Activity...) =
  #externalMacro(module: "SwadAutodiffMacros", type: "AutodiffReverseMacro")

/// Generates the forward-mode (tangent) derivative of the function it is attached to, with the
/// signature Rust's `#[autodiff_forward(name, [width,] activities...)]` generates: each `.dual`
/// parameter is followed by `width` tangents (`d<x>`, or `d<x>_0`, `d<x>_1`, ... when `width > 1`),
/// each `.dualv` parameter by one shadow holding all lanes; a `.dual` result is returned with its
/// tangent(s) after it, a `.dualOnly` result as its tangent(s) alone.
///
///     @autodiffForward(name: "df", .dual, .const, .dual)
///     func f(x: Double, bias: Double) -> Double { ... }
///     // func df(x: Double, dx: Double, bias: Double) -> (Double, Double)
@attached(
  peer,
  names: prefixed(d), prefixed(d_), prefixed(dd), prefixed(dd_), prefixed(grad_), prefixed(gradient_),
  prefixed(jvp_), prefixed(vjp_), prefixed(hvp_), prefixed(fwd_), prefixed(rev_), prefixed(diff_),
  suffixed(_d), suffixed(_grad), suffixed(_gradient), suffixed(Grad), suffixed(Gradient), suffixed(_jvp),
  suffixed(_vjp), suffixed(JVP), suffixed(VJP), suffixed(_derivative), suffixed(Derivative), suffixed(_fwd),
  suffixed(_rev), suffixed(Forward), suffixed(Reverse), suffixed(_tangent), suffixed(Tangent),
  suffixed(_prime), suffixed(Prime),
  named(df), named(ddf), named(grad), named(gradient), named(jvp), named(vjp), named(hvp),
  named(derivative), named(tangent))
public macro autodiffForward(name: String, width: Int = 1, _ activities: Activity...) =
  #externalMacro(module: "SwadAutodiffMacros", type: "AutodiffForwardMacro")
