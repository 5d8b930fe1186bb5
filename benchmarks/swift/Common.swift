// What the Swift benchmarks share: the data file a C benchmark wrote (SWAD_BENCH_DUMP, see
// benchmarks/dump.h), a monotonic clock, medians, and the comparison of gradients.
#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The arrays of a dump file by name (an array named twice is the concatenation of its parts).
func readDump(_ path: String) -> [String: [Double]] {
  guard let file = fopen(path, "rb") else {
    print("cannot open \(path)")
    exit(2)
  }
  defer { fclose(file) }
  var arrays: [String: [Double]] = [:]
  var line = [CChar](repeating: 0, count: 256)
  while fgets(&line, Int32(line.count), file) != nil {
    let header = String(cString: line).split(separator: " ")
    guard header.count == 2, let count = Int(header[1].trimmingCharacters()) else {
      print("\(path): a bad header")
      exit(2)
    }
    var values = [Double](repeating: 0, count: count)
    let read = values.withUnsafeMutableBufferPointer { fread($0.baseAddress, 8, count, file) }
    guard read == count else {
      print("\(path): \(header[0]) is cut short")
      exit(2)
    }
    arrays[String(header[0]), default: []].append(contentsOf: values)
  }
  return arrays
}

extension Substring {
  func trimmingCharacters() -> String { String(filter { !$0.isWhitespace }) }
}

func now() -> Double {
  var ts = timespec()
  clock_gettime(CLOCK_MONOTONIC, &ts)
  return Double(ts.tv_sec) + 1e-9 * Double(ts.tv_nsec)
}

func median(_ samples: [Double]) -> Double { samples.sorted()[samples.count / 2] }

/// Inputs are perturbed through this zero, which the optimizer cannot see through, so that no
/// repetition can be hoisted out of a timing loop.
@inline(never) func opaqueZero() -> Double { CommandLine.arguments.count > 1000 ? 1 : 0 }

/// The largest difference between two gradients, relative to each component or, for the tiny ones,
/// to 1e-6 of the largest.
func maxRelativeDifference(_ a: [Double], _ b: [Double]) -> Double {
  guard a.count == b.count else { return .infinity }
  let floor = 1e-6 * b.map { abs($0) }.max()!
  var worst = 0.0
  for i in a.indices {
    let difference = abs(a[i] - b[i]) / max(abs(a[i]), abs(b[i]), floor)
    if !(difference <= worst) { worst = difference }  // also catches NaN
  }
  return worst
}

/// Times `primal` and `gradient` alternately (so that a busy machine slows both alike), at most
/// `reps` times each or until `budget` seconds are spent (at least 3), checks the gradient against
/// swad's gradient of the C version, and prints the result line read by scripts/bench:
///   SWIFTRESULT name size primal-ms gradient-ms max-rel-difference verdict repetitions
func report(
  name: String, size: String, expected: [Double], reps: Int, budget: Double,
  primal: () -> Double, gradient: () -> [Double]
) {
  var primalTimes: [Double] = [], gradientTimes: [Double] = [], spent = 0.0
  var value = 0.0, g: [Double] = []
  while primalTimes.count < reps && (primalTimes.count < 3 || spent < budget) {
    var t0 = now()
    value += primal()
    var t1 = now()
    primalTimes.append(t1 - t0)
    t0 = now()
    g = gradient()
    t1 = now()
    gradientTimes.append(t1 - t0)
    spent += gradientTimes.last! + primalTimes.last!
  }
  let tp = median(primalTimes) * 1e3, tg = median(gradientTimes) * 1e3
  let difference = maxRelativeDifference(g, expected)
  let ok = difference <= 1e-8
  print("swift \(name) \(size): value \(value / Double(primalTimes.count)), \(g.count) parameters")
  print("  Swift primal \(tp) ms, swad gradient \(tg) ms (\(tg / tp)x), medians of \(primalTimes.count)")
  print("  gradient \(ok ? "agrees with" : "DISAGREES with") swad's gradient of the C version (max rel. difference \(difference))")
  print("SWIFTRESULT \(name) \(size) \(tp) \(tg) \(difference) \(ok ? "ok" : "WRONG") \(primalTimes.count)")
  if !ok { exit(1) }
}
