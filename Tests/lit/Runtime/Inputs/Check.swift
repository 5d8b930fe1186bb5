// Helpers for the self-checking Swift runtime tests, the counterpart of check.h: each check prints a
// message on mismatch, and the test's main ends with finish(), which exits non-zero when any failed.
// Compiled with the test (`%swiftc-ad %s %S/../Inputs/Check.swift`), in the same module.
#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

var checkFailures = 0
var checkCount = 0

/// got == want exactly (so an exact zero must be zero), or within rtol relative to want.
func check(_ what: String, _ got: Double, _ want: Double, _ rtol: Double = 1e-12) {
  checkCount += 1
  if got == want || abs(got - want) <= rtol * abs(want) { return }
  checkFailures += 1
  print("FAIL \(what): got \(got), want \(want)")
}

/// Within tol relative to scale: for sums whose terms cancel (uᵀJv), compared against the size of
/// the terms rather than of the result.
func checkScaled(_ what: String, _ got: Double, _ want: Double, scale: Double, _ tol: Double = 1e-12) {
  checkCount += 1
  if abs(got - want) <= tol * scale { return }
  checkFailures += 1
  print("FAIL \(what): got \(got), want \(want) (scale \(scale))")
}

/// Prints how many checks passed, or failed, and exits with status 1 if any failed.
func finish() -> Never {
  if checkFailures > 0 {
    print("\(checkFailures) of \(checkCount) checks failed")
    exit(1)
  }
  print("\(checkCount) checks passed")
  exit(0)
}
