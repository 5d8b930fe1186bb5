// The Swift element type of the records a specialization of the standard library moves.
import CLLVM
import LLVMBinding

extension CopiedStructs {
  /// The element type that Swift's array code, specialized for it, moves with a copy of its
  /// storage (`swiftElementType`). Nothing else in such a function types the elements (it moves
  /// bytes by index), and taken for doubles, a `{w: Double, tag: Tag}`'s references left their
  /// shadows behind: the dropped element's shadow of a `removeFirst()` was released twice (a
  /// crash). nil when the function names no such type, or when a copy of constant length does not
  /// move whole elements.
  static func swiftElementLayoutOfCopiedRange(_ call: Instruction, module: Module) -> IRType? {
    guard call.arguments.count >= 3, let element = swiftElementType(of: call.function, module: module) else {
      return nil
    }
    let size = Int(module.allocSize(of: element))
    if let length = call.arguments[2].constantInt, Int(length) % size != 0 { return nil }
    return element
  }

  /// The element type a Swift function works on, padded to its stride: the type whose metadata it
  /// hands the runtime's element functions (`swift_arrayDestroy(elements, count, S)` of the
  /// elements a `removeFirst()` drops), or, for a specialization named after it, that type (for a
  /// class, a reference). nil when the function names no such type, names two, or the type has
  /// bytes of unknown content (an enum's payload).
  static func swiftElementType(of function: Function, module: Module) -> IRType? {
    var named: Set<IRType> = []
    for instruction in function.blocks.lazy.flatMap(\.instructions) where instruction.isCall {
      guard let name = instruction.calledFunction?.name, SwiftRuntime.takesElementMetadata(name),
        let type = SwiftRuntime.metadataType(of: instruction.arguments.last, in: module)
      else { continue }
      named.insert(type)
    }
    if named.isEmpty, let specialized = SwiftRuntime.specializationType(of: function, in: module) {
      named.insert(specialized)
    }
    guard named.count == 1, let type = named.first, type.isStruct || type.isPointer,
      !SwiftRuntime.hasOpaqueBytes(type, module: module)
    else { return nil }
    let element = SwiftRuntime.paddedToStride(type, module: module)
    return module.allocSize(of: element) > 0 ? element : nil
  }
}
