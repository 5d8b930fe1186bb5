// Reverse mode: the records declared with a union that a caller hands a callee, so that the callee's
// copies of them are sorted word by word at run time.
import CLLVM
import LLVMBinding

extension GradientEmitter {
  /// Per argument of a call: the record a pointer argument points to the start of, when the caller
  /// declares it with a union holding floating-point values (a stack slot of `std::variant<double,
  /// int, IDD>`) or was handed such a hint for it itself; nil for the others.
  ///
  /// `std::deque::push_back` of such a variant, when it opens a new node, copies the element in
  /// `_M_push_back_aux`, which sees only a pointer and 32 bytes. Nothing there says the bytes are a
  /// union's, and the copy's reverse moved them as one alternative lays them out: a `double`
  /// alternative's adjoint, at byte 0 where `IDD` has its `int`, was lost (silently 0).
  func unionHints(for arguments: [Value]) -> [IRType?] {
    let dataLayout = LLVMGetModuleDataLayout(module.ref)!
    return arguments.map { argument -> IRType? in
      guard argument.type.isPointer else { return nil }
      if let declared = CopiedBytes.declaredType(at: argument, dataLayout), declared.offset == 0,
        !declared.indexesBytes, let union = CopiedStructs.union(in: declared.type), union.containsFloatingPoint
      {
        return declared.type
      }
      return hintedUnionRecord(at: argument)
    }
  }

  /// The union-declared record a caller's hint says the parameter `place` points to the start of.
  private func hintedUnionRecord(at place: Value) -> IRType? {
    let hints = derivative.signature.unionHints
    guard hints.contains(where: { $0 != nil }),
      case (let object, 0?) = CopiedBytes.base(of: place, LLVMGetModuleDataLayout(module.ref)!),
      let parameter = object.isArgument ? object : MemoryTypes.spilledArgument(object),
      let index = original.parameters.firstIndex(of: parameter), index < hints.count
    else { return nil }
    return hints[index]
  }

  /// The union of the record a memcpy or memmove `call` copies whole (all of it, or all but the tail
  /// padding a copy may leave out) from or to a parameter the caller's hint says points to one.
  func hintedUnionOfCopiedRecord(_ call: Instruction) -> IRType? {
    guard let length = call.arguments[2].constantInt.map({ Int($0) }) else { return nil }
    for side in call.arguments.prefix(2) {
      guard let record = hintedUnionRecord(at: side) else { continue }
      let size = Int(module.allocSize(of: record))
      if length == size || (length > size - 8 && length < size) { return CopiedStructs.union(in: record) }
    }
    return nil
  }
}
