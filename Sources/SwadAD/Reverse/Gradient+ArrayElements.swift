// Reverse mode: the Swift runtime's copies and moves of array elements (`swift_arrayInitWithCopy`,
// `swift_arrayInitWithTake…`), through which an array of structs that hold arrays grows.
import CLLVM
import LLVMBinding

extension GradientEmitter {
  /// Forward sweep: the same call on the shadows, so that the references the elements hold are
  /// copied with their retains (a shadow array's elements are the shadows' arrays); then the
  /// floating-point fields the call copied into the destination's shadow are cleared: they are
  /// adjoints, which come back in the reverse sweep, not values.
  func copyArrayElementShadows(_ call: Instruction) throws {
    let arguments = call.arguments
    guard let destination = shadow(of: arguments[0]) else { return }
    let element = try SwiftRuntime.elementType(
      copiedBy: call, accessedAs: inferredTypeOfMemory(reachedBy: [arguments[0], arguments[1]]),
      module: module)
    // Constant elements are their own shadows (their references are).
    builder.copyElements(
      like: call, into: destination, from: shadow(of: arguments[1]) ?? map[arguments[1]],
      mapped: { self.map[$0] },
      element: element, clearing: true,
      primal: constantShadows.contains(arguments[0]) ? map[arguments[0]] : nil,
      module: module)
  }

  /// Reverse sweep: the destination elements' floating-point adjoints go back to the source's (and
  /// are cleared), as a memcpy's do; from constant elements they are only cleared.
  func reverseArrayElementCopy(_ call: Instruction, in block: BasicBlock) throws {
    let arguments = call.arguments
    guard shadow(of: arguments[0]) != nil else { return }
    let element = try SwiftRuntime.elementType(
      copiedBy: call, accessedAs: inferredTypeOfMemory(reachedBy: [arguments[0], arguments[1]]),
      module: module)
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
