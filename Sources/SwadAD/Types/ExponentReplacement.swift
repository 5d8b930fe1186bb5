// A float's exponent replaced on its bits: `(bits(x) & (sign | significand)) | bits(2^e)` is x
// scaled by a power of two into [2^e, 2^(e+1)), the significand `frexp` returns when e = -1. Eigen's
// vectorized log takes its argument apart so (`pfrexp`), and through the integers its derivative
// was refused. The pattern becomes a call of a small function of swad's whose derivative the rule
// table gives (`RuleTable.floatBits`); the function does the same on the bits, so every value is
// as it was.
import CLLVM
import LLVMBinding

enum ExponentReplacement {
  /// The name of the function for `type` (double or float, or vectors of them): the rule table
  /// knows the element names, and a vector's name adds the lane count after them.
  static func functionName(for type: IRType) -> String? {
    let element = type.isVector ? type.elementType : type
    let base: String
    switch element.kind {
    case LLVMDoubleTypeKind: base = "swad.exponent.replaced.f64"
    case LLVMFloatTypeKind: base = "swad.exponent.replaced.f32"
    default: return nil
    }
    return type.isVector ? base + ".v\(type.vectorSize)" : base
  }

  /// Rewrites `bitcast (or (and (bitcast x), mask), exponent)` into `swad.exponent.replaced(x', 2^e)`
  /// where mask keeps the significand (and the sign: x' = x; without it, x' = fabs(x)) and exponent
  /// is a constant with only exponent bits, neither all zeros nor all ones. The bits may also be an
  /// integer load (x is then that load reinterpreted).
  static func rewrite(in function: Function, module: Module, builder: Builder) {
    for block in function.blocks {
      for cast in block.instructions where cast.opcode == LLVMBitCast {
        guard let helperName = functionName(for: cast.type), let pattern = match(cast) else { continue }
        builder.position(before: cast)
        builder.debugLocation = cast.debugLocation
        var operand = pattern.value ?? builder.bitCast(pattern.bits!, to: cast.type)
        if !pattern.keepsSign {
          let fabs = module.intrinsic("llvm.fabs", overloadedOn: [cast.type])!
          operand = builder.call(fabs, [operand])
        }
        let unit = Value(LLVMConstBitCast(pattern.exponent.ref, cast.type.ref))
        let replaced = builder.call(
          helper(named: helperName, type: cast.type, module: module), [operand, unit])
        let castName = cast.value.name
        cast.value.replaceAllUses(with: replaced)
        var dead = [cast]
        while let instruction = dead.popLast() {
          let operands = Set(instruction.operands.compactMap(\.asInstruction))
          instruction.eraseFromParent()
          dead += operands.filter {
            $0.value.users.isEmpty && [LLVMOr, LLVMAnd, LLVMBitCast].contains($0.opcode)
          }
        }
        replaced.name = castName
      }
    }
  }

  private struct Pattern {
    /// The float, or nil where it is `bits` reinterpreted.
    var value: Value?
    var bits: Value?
    var keepsSign: Bool
    var exponent: Value
  }

  private static func match(_ cast: Instruction) -> Pattern? {
    let type = cast.type
    guard let or = cast.operand(0).asInstruction, or.opcode == LLVMOr else { return nil }
    let element = type.isVector ? type.elementType : type
    let width: UInt64 = element.kind == LLVMDoubleTypeKind ? 64 : 32
    let significandBits: UInt64 = width == 64 ? 52 : 23
    let significand = (UInt64(1) << significandBits) - 1
    let sign = UInt64(1) << (width - 1)
    let exponentField = (sign - 1) & ~significand
    for (masked, exponent) in [(or.operand(0), or.operand(1)), (or.operand(1), or.operand(0))] {
      guard let exponentBits = exponent.splatBits, exponentBits & ~exponentField == 0,
        exponentBits != 0, exponentBits != exponentField,
        let and = masked.asInstruction, and.opcode == LLVMAnd,
        let mask = and.operand(1).splatBits ?? and.operand(0).splatBits,
        mask == significand || mask == sign | significand
      else { continue }
      // The float whose bits these are: cast from it, or loaded as an integer (`memcpy` into a
      // `uint64_t`), cast here and made a float load by `FloatCarriers.loadFloatsAsFloats`.
      let bits = and.operand(1).splatBits == nil ? and.operand(1) : and.operand(0)
      if let source = bits.asInstruction, source.opcode == LLVMBitCast, source.operand(0).type == type {
        return Pattern(value: source.operand(0), bits: nil, keepsSign: mask & sign != 0, exponent: exponent)
      }
      guard let load = bits.asInstruction, load.opcode == LLVMLoad, FloatCarriers.mayBeFloatBits(load.value)
      else { continue }
      return Pattern(value: nil, bits: bits, keepsSign: mask & sign != 0, exponent: exponent)
    }
    return nil
  }

  /// The function: the same operations on the bits, inlined after differentiation.
  private static func helper(named name: String, type: IRType, module: Module) -> Function {
    if let existing = module.definedFunction(named: name) { return existing }
    let element = type.isVector ? type.elementType : type
    let width: UInt32 = element.kind == LLVMDoubleTypeKind ? 64 : 32
    let integer = IRType.int(width, in: module.context)
    let bitsType = type.isVector ? IRType.vector(of: integer, count: type.vectorSize) : integer
    let keep: Int64 = width == 64 ? Int64(bitPattern: 0x800F_FFFF_FFFF_FFFF) : 0x807F_FFFF
    let function = module.defineInternalFunction(named: name, returning: type, [type, type]) { f, b in
      let masked = b.and(b.bitCast(f.parameters[0], to: bitsType), .constInt(bitsType, keep))
      let bits = b.or(masked, b.bitCast(f.parameters[1], to: bitsType))
      b.ret(b.bitCast(bits, to: type))
    }
    function.addAttribute("alwaysinline")
    return function
  }
}
