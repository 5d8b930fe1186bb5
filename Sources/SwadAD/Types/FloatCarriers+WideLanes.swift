// Lanes of float vectors taken through wider integers, made shuffles of the floats again.
import CLLVM
import LLVMBinding

extension FloatCarriers {
  /// Makes a lane of a float vector's bits, taken as a wider integer and read back as floats, those
  /// floats: `bitcast (extractelement (bitcast <4 x double> %v to <2 x i128>), 1) to <2 x double>`
  /// is `shufflevector %v, poison, <2, 3>`. The pre-AD simplification writes the upper half of an
  /// AVX vector so (a leapfrog step on `<4 x double>` at -O2 -march=native); through the `i128`, the
  /// values were refused as floats carried by integers.
  static func extractedLanesOfFloatsAsFloats(in function: Function, builder: Builder) {
    let casts = function.blocks.flatMap(\.instructions).filter { cast in
      guard cast.opcode == LLVMBitCast, cast.type.isFloatingPointOrVector,
        let extract = cast.operand(0).asInstruction, extract.opcode == LLVMExtractElement,
        extract.operand(1).constantInt != nil, let wide = extract.operand(0).asInstruction,
        wide.opcode == LLVMBitCast, wide.operand(0).type.isVector,
        wide.operand(0).type.elementType.isFloatingPoint
      else { return false }
      let element = cast.type.isVector ? cast.type.elementType : cast.type
      return element == wide.operand(0).type.elementType
    }
    for cast in casts {
      let extract = cast.operand(0).asInstruction!
      let floats = extract.operand(0).asInstruction!.operand(0)
      let lanes = cast.type.isVector ? Int(cast.type.vectorSize) : 1
      let first = Int(extract.operand(1).constantInt!) * lanes
      guard first + lanes <= Int(floats.type.vectorSize) else { continue }
      builder.position(before: cast)
      builder.debugLocation = cast.debugLocation
      let i32 = IRType(LLVMInt32TypeInContext(LLVMGetTypeContext(cast.type.ref)))
      let made: Value
      if lanes == 1 {
        made = builder.extractElement(floats, Value.constInt(i32, Int64(first)))
      } else {
        let mask = Value(
          (first..<first + lanes).map { LLVMConstInt(i32.ref, UInt64($0), 0) }
            .withUnsafeBufferPointer { elements in
              LLVMConstVector(UnsafeMutablePointer(mutating: elements.baseAddress), UInt32(elements.count))!
            })
        made = builder.shuffleVector(floats, Value.poison(floats.type), mask: mask)
      }
      cast.value.replaceAllUses(with: made)
      cast.eraseFromParent()
      if extract.value.users.isEmpty {
        let wide = extract.operand(0).asInstruction!
        extract.eraseFromParent()
        if wide.value.users.isEmpty { wide.eraseFromParent() }
      }
    }
  }
}
