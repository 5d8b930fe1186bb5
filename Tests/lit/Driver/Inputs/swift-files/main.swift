// main.swift of input-swift-files.test: top-level code calling model(_:_:) from model.swift.
#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

@_silgen_name("__enzyme_autodiff_model")
func gradient(_ f: @convention(c) (Double, Double) -> Double, _ a: Double, _ b: Double) -> (Double, Double)

let (a, b) = (1.25, -0.5)
let (da, db) = gradient({ model($0, $1) }, a, b)
let want = (2 * a * b, a * a + 1 - tanh(b) * tanh(b))
print("gradient (\(da), \(db)) by hand (\(want.0), \(want.1))")
exit(abs(da - want.0) <= 1e-12 * abs(want.0) && abs(db - want.1) <= 1e-12 * abs(want.1) ? 0 : 1)
