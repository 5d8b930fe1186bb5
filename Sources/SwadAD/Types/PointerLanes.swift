// A pointer loaded as a lane of a floating-point vector: the optimizer merges the loads of a
// struct's fields into one vector load when most of them are doubles (Eigen's AVX expression
// evaluators: a scalar, then the data pointer), and takes the pointer out of it through the
// integers (`bitcast` to <4 x i64>, `extractelement`, `inttoptr`). Through the doubles the
// pointer's shadow was lost, and the loads through it were constant: Eigen's vectorized exp()
// under -march=haswell had a gradient of 0 without an error. Such a lane is loaded again as the
// pointer it is, from its place in memory, where the vector was loaded.
import CLLVM
import LLVMBinding

enum PointerLanes {
  /// Rewrites `inttoptr (extractelement (bitcast (load <N x double>, p) to <N x i64>), k)` as
  /// `load ptr, p + 8k` at the vector load.
  static func loadPointersAsPointers(in function: Function, module: Module, builder: Builder) {
    for block in function.blocks {
      for cast in block.instructions where cast.opcode == LLVMIntToPtr {
        guard let extract = cast.operand(0).asInstruction, extract.opcode == LLVMExtractElement,
          let lane = extract.operand(1).constantInt,
          let bits = extract.operand(0).asInstruction, bits.opcode == LLVMBitCast,
          let load = bits.operand(0).asInstruction, load.opcode == LLVMLoad, !load.isVolatile,
          LLVMGetOrdering(load.ref) == LLVMAtomicOrderingNotAtomic,
          load.type.isVector, load.type.elementType.isFloatingPoint,
          bits.type.isVector, bits.type.vectorSize == load.type.vectorSize,
          bits.type.elementType.integerWidth == 64, module.allocSize(of: cast.type) == 8
        else { continue }
        builder.position(before: load)
        builder.debugLocation = load.debugLocation
        let i8 = IRType.int(8, in: module.context)
        let address = builder.gep(
          i8, load.operand(0), [Value.constInt(IRType.int(64, in: module.context), lane * 8)])
        let pointer = builder.load(cast.type, from: address)
        // The vector load's alignment holds for a lane at a multiple of 8 up to 8.
        LLVMSetAlignment(pointer.ref, min(load.alignment, 8))
        cast.value.replaceAllUses(with: pointer)
        cast.eraseFromParent()
        if extract.value.users.isEmpty { extract.eraseFromParent() }
        if bits.value.users.isEmpty { bits.eraseFromParent() }
      }
    }
  }
}
