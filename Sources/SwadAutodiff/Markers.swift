// Enzyme's activity markers, for calls of the entry points written by hand and for the code the
// macros and helpers generate. Enzyme (and swad) recognize a marker by the NAME of the global a value
// is loaded from, as C's `extern int enzyme_dup;` does: an `@_silgen_name` variable without an
// initializer is exactly such an external global, and a client module loads it directly (no
// accessor), so `__enzyme_autodiff_f(f, enzyme_const, x, ...)` works from Swift as it does from C.
// swad deletes the loads and the globals after differentiation; nothing defines them at run time,
// so they may only be used as arguments of entry-point calls.
// swiftlint:disable identifier_name

/// The next argument is not differentiated.
@_silgen_name("enzyme_const") nonisolated(unsafe) public var enzyme_const: Int32
/// Reverse mode: the next (scalar) argument is active; its adjoint is returned.
@_silgen_name("enzyme_out") nonisolated(unsafe) public var enzyme_out: Int32
/// The next argument is followed by its shadow (one per lane with `enzyme_width`).
@_silgen_name("enzyme_dup") nonisolated(unsafe) public var enzyme_dup: Int32
/// As `enzyme_dup`; the primal value is not needed by the caller.
@_silgen_name("enzyme_dupnoneed") nonisolated(unsafe) public var enzyme_dupnoneed: Int32
/// `enzyme_dupv, stride, x, dx`: one shadow pointer whose lanes are `stride` bytes apart.
@_silgen_name("enzyme_dupv") nonisolated(unsafe) public var enzyme_dupv: Int32
/// As `enzyme_dupv`; the primal value is not needed by the caller.
@_silgen_name("enzyme_dupnoneedv") nonisolated(unsafe) public var enzyme_dupnoneedv: Int32
/// `enzyme_width, N`: N lanes at once: N directions (forward mode), or N seeds of the outputs (reverse).
@_silgen_name("enzyme_width") nonisolated(unsafe) public var enzyme_width: Int32
/// The call returns the primal result before the derivatives.
@_silgen_name("enzyme_primal_return") nonisolated(unsafe) public var enzyme_primal_return: Int32
