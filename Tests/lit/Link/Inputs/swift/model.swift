// The function main.swift differentiates, in another file of the module (its own object).
#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

func f(_ x: Double, _ y: Double) -> Double { x * y + sin(x) * y }
