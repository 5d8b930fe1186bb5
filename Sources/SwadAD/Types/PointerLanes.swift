// A pointer loaded as a lane of a floating-point vector: the optimizer merges the loads of a
// struct's fields into one vector load when most of them are doubles (Eigen's AVX expression
// evaluators: a scalar, then the data pointer), and takes the pointer out of it through the
// integers (`bitcast` to <4 x i64>, `extractelement`, `inttoptr`). Through the doubles the
// pointer's shadow was lost, and the loads through it were constant: Eigen's vectorized exp()
// under -march=haswell had a gradient of 0 without an error. Such a lane is loaded again as the
// pointer it is, from its place in memory, where the vector was loaded. A lane of a vector of
// pointers taken through the integers (GVN forwarding a `store <4 x ptr>` of a table of row
// pointers to a later load of one row) is that lane of the pointers.
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

  /// Rewrites `inttoptr (extractelement (ptrtoint <N x ptr> %v to <N x i64>), k)` as
  /// `extractelement <N x ptr> %v, k`: a pointer whose shadow is lane k of the vector's. Through the
  /// integers it had none, and the stores through it were taken for stores into memory without a
  /// shadow (a false stop at run time in Gaussian elimination over row pointers, -O2 -march=native).
  static func extractedPointersAsPointers(in function: Function, builder: Builder) {
    for block in function.blocks {
      for cast in block.instructions where cast.opcode == LLVMIntToPtr {
        guard let extract = cast.operand(0).asInstruction, extract.opcode == LLVMExtractElement,
          let bits = extract.operand(0).asInstruction, bits.opcode == LLVMPtrToInt,
          let pointers = Optional(bits.operand(0)), pointers.type.isVector,
          pointers.type.elementType == cast.type, bits.type.elementType.integerWidth == 64
        else { continue }
        builder.position(before: cast)
        builder.debugLocation = cast.debugLocation
        let lane = builder.extractElement(pointers, extract.operand(1))
        cast.value.replaceAllUses(with: lane)
        cast.eraseFromParent()
        if extract.value.users.isEmpty { extract.eraseFromParent() }
        if bits.value.users.isEmpty { bits.eraseFromParent() }
      }
    }
  }
}
