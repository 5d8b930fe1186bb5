// Integer constants that can only be floating-point values' bits.
import LLVMBinding

enum ConstantBits {
  /// Whether the 64-bit constant `value` can only be a double's bits: as an integer past 2^52 (no
  /// count, index or size is), as a double a normal number of a size payloads have (2^-64 to 2^64).
  /// The reads of such bits may be far from the store (a nested Swift enum's constant `Double`
  /// payload, read through a list of lists in a recursive helper), where the search for them does
  /// not reach; mirrored into the shadow, the constant was its own tangent.
  static func isPlainlyDouble(_ value: Value) -> Bool {
    guard value.type.integerWidth == 64, let bits = value.constantInt.map({ UInt64(bitPattern: $0) }),
      bits & ~(UInt64(1) << 63) >= UInt64(1) << 52
    else { return false }
    let magnitude = abs(Double(bitPattern: bits))
    return magnitude.isNormal && magnitude >= 0x1p-64 && magnitude <= 0x1p64
  }

  /// Whether the constant `value` can only be a floating-point value's bits: a double's
  /// (`isPlainlyDouble`), or, in 32 bits, a float's of a size payloads have (2^-16 to 2^16: as
  /// an integer, past 9·10^8 — no count or index of a choice between constants is).
  static func isPlainlyFloat(_ value: Value) -> Bool {
    if isPlainlyDouble(value) { return true }
    guard value.type.integerWidth == 32, let bits = value.constantInt.map({ UInt32(truncatingIfNeeded: $0) })
    else { return false }
    let magnitude = abs(Float(bitPattern: bits))
    return magnitude.isNormal && magnitude >= 0x1p-16 && magnitude <= 0x1p16
  }
}
