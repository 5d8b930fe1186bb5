// Checks shared by the Swift API's runtime tests: relative comparisons, central finite differences,
// and a summary that fails the test when any check failed.
#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

nonisolated(unsafe) var checkCount = 0
nonisolated(unsafe) var failureCount = 0

/// `got` equals `want` to `tolerance`, relative to |want| (absolute below 1).
func check(_ what: String, _ got: Double, _ want: Double, tolerance: Double = 1e-12) {
  checkCount += 1
  if got == want || abs(got - want) <= tolerance * max(abs(want), 1) { return }
  failureCount += 1
  print("FAIL \(what): got \(got), want \(want)")
}

func check(_ what: String, _ got: Float, _ want: Float, tolerance: Float = 1e-5) {
  check(what, Double(got), Double(want), tolerance: Double(tolerance))
}

func check(_ what: String, _ got: [Double], _ want: [Double], tolerance: Double = 1e-12) {
  guard got.count == want.count else {
    checkCount += 1
    failureCount += 1
    print("FAIL \(what): got \(got.count) values, want \(want.count)")
    return
  }
  for i in got.indices { check("\(what)[\(i)]", got[i], want[i], tolerance: tolerance) }
}

/// The central finite difference of `f` at `x`.
func centralDifference(_ f: (Double) -> Double, at x: Double, h: Double = 1e-6) -> Double {
  (f(x + h) - f(x - h)) / (2 * h)
}

/// Checks `gradient`, the gradient of `f` at `p`, coordinate by coordinate against central
/// differences (to `tolerance`) and against `forward`, the derivative along a direction.
func checkGradient(
  _ what: String, _ gradient: [Double], of f: ([Double]) -> Double, at p: [Double],
  forward: ([Double]) -> Double, tolerance: Double = 1e-7
) {
  for i in p.indices {
    var shifted = p
    let fd = centralDifference(
      { x in
        shifted[i] = x
        return f(shifted)
      }, at: p[i])
    check("\(what)[\(i)] against central differences", gradient[i], fd, tolerance: tolerance)
    var direction = [Double](repeating: 0, count: p.count)
    direction[i] = 1
    check("\(what)[\(i)] against forward mode", gradient[i], forward(direction))
  }
}

/// Checks the gradient `reverse` writes, coordinate by coordinate, against central differences of
/// `f` at `p` (to 1e-6), and the derivative `forward` gives along each coordinate against it.
func checkBoth(
  _ what: String, _ p: [Double], reverse: (inout [Double]) -> Void, forward: ([Double]) -> Double,
  _ f: ([Double]) -> Double
) {
  var gradient = [Double](repeating: 0, count: p.count)
  reverse(&gradient)
  for i in p.indices {
    var up = p
    var down = p
    up[i] += 1e-6
    down[i] -= 1e-6
    let want = (f(up) - f(down)) / 2e-6
    check("\(what) reverse [\(i)]", gradient[i], want, tolerance: 1e-6)
    var direction = [Double](repeating: 0, count: p.count)
    direction[i] = 1
    check("\(what) forward [\(i)]", forward(direction), gradient[i], tolerance: 1e-12)
  }
}

/// The resident memory of this process now, in bytes (Linux's /proc/self/statm).
func residentBytes() -> Int {
  guard let file = fopen("/proc/self/statm", "r") else { return 0 }
  defer { fclose(file) }
  var size = 0
  var resident = 0
  guard
    withUnsafeMutablePointer(
      to: &size,
      { size in
        withUnsafeMutablePointer(to: &resident) { resident in
          withVaList([size, resident]) { vfscanf(file, "%ld %ld", $0) }
        }
      }) == 2
  else { return 0 }
  return resident * Int(sysconf(Int32(_SC_PAGESIZE)))
}

/// Prints the summary; exits with 1 when a check failed.
func finish() {
  if failureCount > 0 {
    print("\(failureCount) of \(checkCount) checks failed")
    exit(1)
  }
  print("\(checkCount) checks passed")
}
