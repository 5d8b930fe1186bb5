// Signs changed on a float's bits (`and`/`xor` with a sign mask, as unoptimized Eigen's `pabs` and
// `pnegate` do on packets) made `fabs` and `fneg` of the floats, so that the derivative follows them.
import CLLVM
import LLVMBinding

extension FloatCarriers {
  /// Makes a sign cleared or flipped on a float's or a vector's bits, read back as floats, a `fabs`
  /// or an `fneg` of the floats: `bitcast (and <2 x i64> %bits, 0x7fff…) to <2 x double>` is `fabs`
  /// of `%bits` as doubles, `xor` with 0x8000… is `fneg`. Unoptimized Eigen takes the absolute value
  /// of a packet so (`_mm_and_pd` with a mask, on the packet loaded as integers); through the
  /// integers, the derivatives of `cwiseAbs()`, `lpNorm<1>()` and the like were lost without an
  /// error at -O0, and so was C's `memcpy` of a double into a `uint64_t` with its sign flipped.
  static func signOperationsAsFloats(in function: Function, module: Module, builder: Builder) {
    let casts = function.blocks.flatMap(\.instructions).filter { cast in
      guard cast.opcode == LLVMBitCast, cast.type.isFloatingPointOrVector,
        let bits = cast.operand(0).asInstruction, bits.opcode == LLVMAnd || bits.opcode == LLVMXor,
        bits.type.isVector == cast.type.isVector,
        !bits.type.isVector || bits.type.vectorSize == cast.type.vectorSize
      else { return false }
      return true
    }
    for cast in casts {
      let bits = cast.operand(0).asInstruction!
      guard let change = SignChange(bits) else { continue }
      builder.position(before: cast)
      builder.debugLocation = cast.debugLocation
      let made = change.emit(as: cast.type, module: module, builder: builder)
      let castName = cast.value.name
      cast.value.replaceAllUses(with: made)
      cast.eraseFromParent()
      made.name = castName
      change.eraseIfUnused()
    }
    signOperationsStoredAsFloats(in: function, module: module, builder: builder)
  }

  /// The same for a vector whose lanes' signs are changed on their bits between a load and a store:
  /// unoptimized Eigen negates a dynamic-size vector (`-v`, `u = -u`) or takes its absolute value
  /// (`cwiseAbs()`) packet by packet, each loaded as `<2 x i64>`, changed and stored as integers into
  /// the result's memory, which is read back as doubles later. Through the integers the derivative
  /// was lost without an error (0, or the sign lost, in both modes). Only vectors: a scalar `i64`
  /// masked so is as likely a hash or a count as a double.
  private static func signOperationsStoredAsFloats(in function: Function, module: Module, builder: Builder) {
    let stores = function.blocks.flatMap(\.instructions).filter { store in
      guard store.opcode == LLVMStore, !store.isVolatile, let bits = store.operand(0).asInstruction,
        bits.opcode == LLVMAnd || bits.opcode == LLVMXor, bits.type.isVector,
        [32, 64].contains(bits.type.elementType.integerWidth), bits.value.users.count == 1
      else { return false }
      return true
    }
    // The stores made floats do not count as integers written where the loads read (`u = -u` in
    // place: the packet is stored back where it was loaded from).
    let rewritten = Set(stores)
    for store in stores {
      let bits = store.operand(0).asInstruction!
      guard let change = SignChange(bits, ignoring: rewritten), change.value.asInstruction?.opcode == LLVMLoad
      else { continue }
      let element =
        bits.type.elementType.integerWidth == 64
        ? IRType.double(in: module.context) : IRType.float(in: module.context)
      builder.position(before: store)
      builder.debugLocation = store.debugLocation
      let made = change.emit(
        as: IRType.vector(of: element, count: bits.type.vectorSize), module: module, builder: builder)
      builder.store(made, to: store.operand(1)).asInstruction?.alignment = store.alignment
      store.eraseFromParent()
      change.eraseIfUnused()
    }
  }

  /// A sign cleared (`and` with 0x7fff… in some lanes, all ones in the others) or flipped (`xor`
  /// with 0x8000… in some lanes, zero in the others) on the bits of `value`, which may be a float's.
  private struct SignChange {
    let bits: Instruction
    let value: Value
    let lanes: [UInt64]
    let kept: UInt64
    let changed: UInt64

    init?(_ bits: Instruction, ignoring ignored: Set<Instruction> = []) {
      let width = (bits.type.isVector ? bits.type.elementType : bits.type).integerWidth
      let sign = UInt64(1) << UInt64(width - 1)
      let all = width == 64 ? UInt64.max : (UInt64(1) << UInt64(width)) - 1
      // The constant mask and the other operand. Each lane either keeps its float or changes its
      // sign; Eigen's SSE code flips the sign of one lane of two (a quaternion's conjugate, the
      // cofactors of `Matrix4d::inverse()`).
      let operands = [(bits.operand(1), bits.operand(0)), (bits.operand(0), bits.operand(1))]
      guard
        let (lanes, value) = operands.lazy.compactMap({ mask, value in mask.laneBits.map { ($0, value) } })
          .first,
        FloatCarriers.mayBeFloatBits(value, ignoring: ignored)
      else { return nil }
      let (kept, changed) = bits.opcode == LLVMAnd ? (all, all & ~sign) : (UInt64(0), sign)
      guard lanes.allSatisfy({ $0 == kept || $0 == changed }), lanes.contains(changed) else { return nil }
      (self.bits, self.value, self.lanes, self.kept, self.changed) = (bits, value, lanes, kept, changed)
    }

    /// `fneg` or `fabs` of the value as `type`, lane by lane where only some lanes change.
    func emit(as type: IRType, module: Module, builder: Builder) -> Value {
      var floats = value
      if let cast = value.asInstruction, cast.opcode == LLVMBitCast, cast.operand(0).type == type {
        floats = cast.operand(0)
      } else {
        floats = builder.bitCast(value, to: type)
      }
      var made: Value
      if bits.opcode == LLVMXor {
        made = builder.fneg(floats)
      } else {
        made = builder.call(module.intrinsic("llvm.fabs", overloadedOn: [type])!, [floats])
      }
      if lanes.contains(kept) {
        // Lane i of the result: the changed float where the mask changes it, else the float as is.
        let count = Int64(lanes.count)
        let i32 = IRType.int(32, in: builder.context)
        var picks = lanes.enumerated().map { lane, bits in
          Value.constInt(i32, bits == changed ? count + Int64(lane) : Int64(lane)).ref as LLVMValueRef?
        }
        made = builder.shuffleVector(floats, made, mask: Value(LLVMConstVector(&picks, UInt32(count))))
      }
      return made
    }

    /// Erases the integer operation, and bit casts feeding it, once nothing uses them.
    func eraseIfUnused() {
      guard bits.value.users.isEmpty else { return }
      let operands = bits.operands
      bits.eraseFromParent()
      for case let cast? in operands.map(\.asInstruction)
      where cast.opcode == LLVMBitCast && cast.value.users.isEmpty {
        cast.eraseFromParent()
      }
    }
  }
}
