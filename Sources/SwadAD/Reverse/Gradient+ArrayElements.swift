// Reverse mode: the Swift runtime's copies and moves of array elements (`swift_arrayInitWithCopy`,
// `swift_arrayInitWithTake…`), through which an array of structs that hold arrays grows.
import CLLVM
import LLVMBinding

extension GradientEmitter {
  /// The type of the elements `call` copies: from this function's accesses to the memory (the
  /// standard library's specialization indexes its storage by the element type), or from the
  /// specialization's name (`…_consumeAndCreateNew…F6module10DenseLayerV_Tg5` is specialized for the
  /// struct Swift's IR names `%T6module10DenseLayerV`); an error when neither tells, or when the type
  /// has bytes of unknown content (an enum's payload), which may be a float whose adjoint would be
  /// lost.
  private func elementType(of call: Instruction) throws -> IRType {
    let name = call.calledFunction?.name ?? "the runtime"
    guard
      let type = inferredTypeOfMemory(reachedBy: [call.arguments[0], call.arguments[1]])
        ?? SwiftRuntime.specializationType(of: call.function, in: module),
      module.allocSize(of: type) > 0
    else {
      throw ADError(
        "cannot tell the type of the elements '\(name)' copies from the code around it, so their "
          + "floating-point fields' adjoints could not be moved back", at: call)
    }
    guard !SwiftRuntime.hasOpaqueBytes(type) else {
      throw ADError(
        "the elements '\(name)' copies have fields whose bytes may hold a floating-point value or not (an "
          + "enum's payload: \(type)), so their adjoints could not be moved back; keep such a field out of "
          + "the array's elements", at: call)
    }
    return type
  }

  /// Forward sweep: the same call on the shadows, so that the references the elements hold are
  /// copied with their retains (a shadow array's elements are the shadows' arrays); then the
  /// floating-point fields the call copied into the destination's shadow are cleared: they are
  /// adjoints, which come back in the reverse sweep, not values.
  func copyArrayElementShadows(_ call: Instruction) throws {
    let arguments = call.arguments
    guard let destination = shadow(of: arguments[0]) else { return }
    let element = try elementType(of: call)
    let copy = {
      let made = call.cloneForDerivative()
      for index in 0..<made.operandCount { made.setOperand(index, self.map[call.operand(index)]) }
      made.setOperand(0, destination)
      // Constant elements are their own shadows (their references are).
      made.setOperand(1, self.shadow(of: arguments[1]) ?? self.map[arguments[1]])
      self.builder.insert(made)
      self.builder.clearFloatingPointFields(
        of: element, at: destination, count: self.map[arguments[2]], module: self.module)
    }
    if constantShadows.contains(arguments[0]) {
      builder.unlessConstantShadow(destination, primal: map[arguments[0]], copy)
    } else {
      copy()
    }
  }

  /// Reverse sweep: the destination elements' floating-point adjoints go back to the source's (and
  /// are cleared), as a memcpy's do; from constant elements they are only cleared.
  func reverseArrayElementCopy(_ call: Instruction, in block: BasicBlock) throws {
    let arguments = call.arguments
    guard shadow(of: arguments[0]) != nil else { return }
    let element = try elementType(of: call)
    let count = builder.intCast(primalInReverse(arguments[2], at: block), to: i64, signed: false)
    let destination = shadowInReverse(arguments[0], at: block)
    unlessConstantShadow(of: arguments[0], at: block) {
      guard shadow(of: arguments[1]) != nil else {
        return builder.clearFloatingPointFields(of: element, at: destination, count: count, module: module)
      }
      let bytes = builder.mul(count, Value.constInt(i64, Int64(module.allocSize(of: element))))
      unlessConstantShadow(of: arguments[1], at: block) {
        accumulate(
          into: shadowInReverse(arguments[1], at: block), from: destination, bytes: bytes, element: element)
      }
    }
  }
}
