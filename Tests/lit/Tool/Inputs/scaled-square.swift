// A small Swift function for the Swift bitcode round-trip test (Tool/roundtrip-swift-bitcode.test).

@_cdecl("swad_scaled_square")
public func scaledSquare(_ x: Double, _ k: Double) -> Double { k * x * x }

public func sumOfSquares(_ xs: [Double]) -> Double { xs.reduce(0) { $0 + $1 * $1 } }
