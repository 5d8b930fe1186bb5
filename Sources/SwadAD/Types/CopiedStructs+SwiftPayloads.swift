// The words of Swift enum payloads in the records a copy moves.
import CLLVM
import LLVMBinding

extension CopiedStructs {
  /// The 8-byte words of Swift enum payloads in the records a copy moves, as the records' size and
  /// the words' offsets in one record, when a side's declared type is such a record, the copy starts
  /// at a record's start and moves whole records; nil otherwise. Swift lays out an enum whose
  /// payload has no spare bits (a `Double`, an `Int`) as the payload's bytes and a tag byte
  /// (`%T4main5PhaseO = <{ [8 x i8], [1 x i8] }>`): nothing in the type says what the bytes hold, so
  /// no layout moves them (`Double?` and `Float?` are told by their types' names: `MemoryTypes`).
  static func swiftPayloadWordsOfCopiedRange(_ call: Instruction, module: Module) -> (
    recordSize: Int, words: [Int]
  )? {
    guard call.arguments.count >= 3 else { return nil }
    let dataLayout = LLVMGetModuleDataLayout(module.ref)!
    var found: (recordSize: Int, words: [Int])?
    for side in call.arguments.prefix(2) {
      let type: IRType
      let start: Int
      if let declared = CopiedBytes.declaredType(at: side, dataLayout), !declared.indexesBytes {
        (type, start) = CopiedBytes.elementPosition(declared.type, at: declared.offset, dataLayout)
      } else if let record = recordIndexed(from: side) {
        // The end of the records Swift moves (`getelementptr %T4main7ChannelV, ptr %from, i64 %count`).
        (type, start) = (record, 0)
      } else {
        continue
      }
      let size = Int(module.allocSize(of: type))
      let words = swiftPayloadWords(in: type, at: 0, module: module)
      guard size > 0, !words.isEmpty else { continue }
      guard start == 0, found == nil || (found!.recordSize == size && found!.words == words) else {
        return nil
      }
      found = (size, words)
    }
    guard let found else { return nil }
    if let length = call.arguments[2].constantInt, Int(length) % found.recordSize != 0 { return nil }
    return found
  }

  /// The struct that a `getelementptr` with one index steps through from `pointer`, when one does.
  private static func recordIndexed(from pointer: Value) -> IRType? {
    let records = Set(
      pointer.users.compactMap { user -> IRType? in
        guard let gep = user.asInstruction, gep.opcode == LLVMGetElementPtr, gep.operand(0) == pointer,
          gep.operandCount == 2, gep.gepSourceElementType.isStruct
        else { return nil }
        return gep.gepSourceElementType
      })
    return records.count == 1 ? records.first : nil
  }

  /// The payload words of the Swift enums in `type`, at their offsets from `offset`.
  private static func swiftPayloadWords(in type: IRType, at offset: Int, module: Module) -> [Int] {
    guard type.isStruct else { return [] }
    let elements = type.structElements
    func isBytes(_ element: IRType) -> Bool {
      element.isArray && element.elementType.isInteger && element.elementType.integerWidth == 8
    }
    if elements.count == 2, type.structName?.hasPrefix("T") == true, isBytes(elements[0]),
      isBytes(elements[1]),
      elements[0].arrayLength >= 8, elements[0].arrayLength % 8 == 0, elements[1].arrayLength == 1,
      offset % 8 == 0, MemoryTypes.floatLeaves(of: type, module: module).isEmpty
    {
      return (0..<Int(elements[0].arrayLength) / 8).map { offset + 8 * $0 }
    }
    let dataLayout = LLVMGetModuleDataLayout(module.ref)
    return elements.enumerated().flatMap { index, element in
      swiftPayloadWords(
        in: element, at: offset + Int(LLVMOffsetOfElement(dataLayout, type.ref, UInt32(index))),
        module: module)
    }
  }
}
