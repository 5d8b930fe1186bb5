// The C math functions that never set errno in the C libraries swad runs on.

/// Without `-fno-math-errno`, clang declares every math function as writing `errno`, and LLVM
/// treats a call of one as a write to memory: loops around it are not reordered, not jammed, not
/// vectorized. The C standard lets some functions set `ERANGE` only when the result is subnormal,
/// and lets others set nothing at all; glibc and musl set `errno` in none of the functions below,
/// whatever the argument (glibc raises the underflow exception and leaves `errno` alone; musl never
/// sets it in its math library). A call of one of them writes no memory, errno included, and may be
/// marked so. Doubles only: the float variants have been rewritten in recent glibc releases.
public enum MathErrno {
  /// The functions, by C name.
  public static let neverSet: Set<String> = ["tanh", "atan", "asinh", "cbrt", "erf"]
}
