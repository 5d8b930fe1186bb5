// The SSA values of a function that name one storage: a pointer chosen by a phi or a select, and a
// Swift array's buffer before and after it grows.
import CLLVM
import LLVMBinding

/// A Swift array that grows in a loop is a different SSA value after every append that may
/// reallocate: `_ContiguousArrayBuffer._consumeAndCreateNew` returns a new buffer holding the old
/// one's elements, at the same positions, and phis choose between the two. A stack of enums pushed
/// as integer words and popped as doubles (a token stack's `append` and `removeLast()`) thus
/// touches its elements through values no access shares, and the words, whose bytes are doubles,
/// were taken for integers (silently wrong in both modes). Positions in values of one family are
/// positions in one storage (`CopiedBytes.floatOverlap`). Constants (the runtime's shared empty
/// storage, which every new array starts from) join nothing: they would join unrelated arrays.
struct StorageFamilies {
  private var parent: [Value: Value] = [:]

  init(_ function: Function) {
    for instruction in function.blocks.lazy.flatMap(\.instructions) {
      guard instruction.type.isPointer else { continue }
      switch instruction.opcode {
      case LLVMPHI:
        for incoming in instruction.incoming where !incoming.value.isConstant {
          join(instruction.value, incoming.value)
        }
      case LLVMSelect:
        for index in 1...2 where !instruction.operand(index).isConstant {
          join(instruction.value, instruction.operand(index))
        }
      case LLVMCall:
        guard let callee = instruction.calledFunction, Self.copiesArrayBuffer(callee.name),
          let buffer = instruction.arguments.last, buffer.type.isPointer, !buffer.isConstant
        else { continue }
        join(instruction.value, buffer)
      default: continue
      }
    }
  }

  /// Whether `a` and `b` name one storage.
  func same(_ a: Value, _ b: Value) -> Bool {
    a == b || root(of: a) == root(of: b)
  }

  /// Swift's specializations of `_ContiguousArrayBuffer._consumeAndCreateNew`: a new buffer with the
  /// elements of the one passed last.
  static func copiesArrayBuffer(_ name: String) -> Bool {
    name.hasPrefix("$ss22_ContiguousArrayBufferV20_consumeAndCreateNew")
  }

  private func root(of value: Value) -> Value {
    var current = value
    while let next = parent[current], next != current { current = next }
    return current
  }

  private mutating func join(_ a: Value, _ b: Value) {
    let (rootA, rootB) = (root(of: a), root(of: b))
    guard rootA != rootB else { return }
    parent[rootA] = rootB
    if parent[rootB] == nil { parent[rootB] = rootB }
  }
}
