// The function input-swift-files.test differentiates, in a file of its own: all Swift inputs form
// one module, so main.swift calls it directly.
#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

func model(_ a: Double, _ b: Double) -> Double { a * a * b + tanh(b) }
