// The talk's sine fit (benchmarks/sine_fit.c) as a plain Swift loop over an array, its gradient by
// @autodiffReverse, on the data the C version wrote: swift SineFit DUMP [reps] [budget s].
import SwadAutodiff

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

@autodiffReverse(name: "d_loss", .const, .active, .active, .active, .active, .active)
func loss(t: [Double], a: Double, b: Double, p: Double, c: Double) -> Double {
  var sum = 0.0
  for i in 0..<t.count {
    let r = a * sin(2.0 * Double.pi * (Double(i) + c) / p) + b - t[i]
    sum += r * r
  }
  return sum
}

@main
struct SineFitBenchmark {
  static func main() {
    let arguments = CommandLine.arguments
    let data = readDump(arguments[1])
    let t = data["t"]!, x = data["x"]!
    report(
      name: "sine_fit", size: "N=\(t.count)", expected: data["gradient"]!,
      reps: arguments.count > 2 ? Int(arguments[2])! : 101, budget: arguments.count > 3 ? Double(arguments[3])! : 20,
      primal: { loss(t: t, a: x[0] + opaqueZero(), b: x[1], p: x[2], c: x[3]) },
      gradient: {
        let (_, da, db, dp, dc) = d_loss(t: t, a: x[0] + opaqueZero(), b: x[1], p: x[2], c: x[3], seed: 1)
        return [da, db, dp, dc]
      })
  }
}
