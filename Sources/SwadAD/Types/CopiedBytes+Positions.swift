// Where bytes lie in their object up to whole array elements, and whether a copy's bytes lie beside
// the floating-point values of their memory rather than in one.
import CLLVM
import LLVMBinding

extension CopiedBytes {
  /// Whether the `size` bytes at `place` lie beside the floating-point values of their object, not
  /// in one: the loads and stores of `blocks` that move floating-point values in the object are all
  /// at offsets known up to whole elements of an array (`modularBase`), there is at least one, and
  /// none can cover these bytes (nor can a memcpy or memset of the object). A Swift array of
  /// `{Double; UInt8; Bool; Double}` swapped element by element copies the `UInt8` as a byte beside
  /// the doubles: refused as a double moved byte by byte, the user's `swapAt` could not be
  /// differentiated.
  static func liesBesideFloats(
    _ place: Value, size: Int, in blocks: [BasicBlock], dataLayout: LLVMTargetDataRef
  )
    -> Bool
  {
    let bytes = modularBase(of: place, dataLayout)
    var sawFloat = false
    for instruction in blocks.lazy.flatMap(\.instructions) {
      if instruction.isCall, let callee = instruction.calledFunction,
        ["llvm.memcpy", "llvm.memmove", "llvm.memset"].contains(where: callee.name.hasPrefix)
      {
        for pointer in instruction.arguments.prefix(2) where pointer.type.isPointer {
          let touched = modularBase(of: pointer, dataLayout)
          guard touched.object == bytes.object else { continue }
          guard let length = instruction.arguments[2].constantInt.map({ Int($0) }),
            !mayOverlap(touched, max(length, 0), bytes, size)
          else { return false }
        }
        continue
      }
      guard instruction.opcode == LLVMLoad || instruction.opcode == LLVMStore,
        let access = MemoryWrites.access(by: instruction), access.type.containsFloatingPoint
      else { continue }
      let touched = modularBase(of: access.pointer, dataLayout)
      guard touched.object == bytes.object else { continue }
      sawFloat = true
      if mayOverlap(touched, Int(LLVMStoreSizeOfType(dataLayout, access.type.ref)), bytes, size) {
        return false
      }
    }
    return sawFloat
  }

  /// The object `pointer` points into through `getelementptr`s and casts, and where in it: `offset`
  /// plus any multiple of `stride` (the greatest common divisor of the sizes its variable indices
  /// step by; 0 when no index is variable). `&a[i].tag` in an array of 24-byte structs is 8 plus a
  /// multiple of 24.
  static func modularBase(of pointer: Value, _ dataLayout: LLVMTargetDataRef) -> (
    object: Value, offset: Int, stride: Int
  ) {
    func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? abs(a) : gcd(b, a % b) }
    var current = pointer
    var offset = 0
    var stride = 0
    while let instruction = current.asInstruction {
      switch instruction.opcode {
      case LLVMGetElementPtr:
        var type = instruction.gepSourceElementType
        for (position, index) in instruction.operands.dropFirst().enumerated() {
          if position > 0 {
            if type.isStruct {
              guard let field = index.constantInt else { return (current, 0, 1) }
              offset += Int(LLVMOffsetOfElement(dataLayout, type.ref, UInt32(field)))
              type = type.structElements[Int(field)]
              continue
            }
            guard type.isArray || type.isVector else { return (current, 0, 1) }
            type = type.elementType
          }
          let size = Int(LLVMABISizeOfType(dataLayout, type.ref))
          if let constant = index.constantInt {
            offset += Int(constant) * size
          } else {
            stride = gcd(stride, size)
          }
        }
      case LLVMBitCast, LLVMAddrSpaceCast: break
      default: return (current, offset, stride)
      }
      current = instruction.operand(0)
    }
    return (current, offset, stride)
  }

  /// Whether `length` bytes at `a` and `size` bytes at `b` (positions from `modularBase` in one
  /// object) may share a byte.
  fileprivate static func mayOverlap(
    _ a: (object: Value, offset: Int, stride: Int), _ length: Int,
    _ b: (object: Value, offset: Int, stride: Int),
    _ size: Int
  ) -> Bool {
    func gcd(_ x: Int, _ y: Int) -> Int { y == 0 ? abs(x) : gcd(y, x % y) }
    let period = gcd(a.stride, b.stride)
    guard period > 0 else { return a.offset < b.offset + size && b.offset < a.offset + length }
    // b's bytes start `shift` after some position of a, modulo the period.
    let shift = ((b.offset - a.offset) % period + period) % period
    return shift < length || shift + size > period
  }
}
