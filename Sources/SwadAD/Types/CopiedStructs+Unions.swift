// Records declared with a union: their type says nothing of what the union's bytes hold.
//
// Clang declares a union by one of its members (`union { double d; struct { char c; double w; } r; }`
// is `%union.U = type { %struct.R }`), so a layout read from a record that holds one places the
// floating-point values and pointers of that member only. A `std::vector<Rec>` whose `Rec` holds a
// `std::variant<double, R>` keeps the double of one alternative at byte 0 and that of the other at
// byte 8, and both elements are moved by the same untyped copies (`std::swap`, a shift by
// assignment, the vector's growth): laid out by the declaration, the first alternative's adjoint
// stayed behind (the gradient silently 0).
import CLLVM
import LLVMBinding

extension CopiedStructs {
  /// The first union as clang declares one (a struct named `union.…`) that `type` is or holds.
  static func union(in type: IRType) -> IRType? {
    if type.isStruct {
      if type.structName?.hasPrefix("union.") == true { return type }
      return type.structElements.lazy.compactMap(union(in:)).first
    }
    return type.isArray ? union(in: type.elementType) : nil
  }

  /// Whether every scalar `type` is made of is a floating-point value (no integer, pointer or
  /// padding byte beside them).
  static func holdsOnlyFloatingPoint(_ type: IRType) -> Bool {
    if type.isStruct { return !type.structElements.isEmpty && type.structElements.allSatisfy(holdsOnlyFloatingPoint) }
    if type.isArray || type.isVector { return holdsOnlyFloatingPoint(type.elementType) }
    return type.isFloatingPoint
  }

  /// Whether `type` is or holds a union as clang declares one.
  static func containsUnion(_ type: IRType) -> Bool { union(in: type) != nil }

  /// The union (as declared: its largest member) that the records the copy `call` moves hold: a
  /// side's stack slot, the type a `getelementptr` to it indexes, or an element type its object is
  /// stepped through holds one; or `blocks` step through or keep records that hold one, of a size
  /// the copy's length fits (the records themselves, or all but their tail padding, or several of
  /// them, or a length known only at run time). The second catches the moves of a sort or a
  /// rotation, whose pointers step by bytes (`getelementptr i8, ptr %p, i64 -32`) and declare
  /// nothing. nil when the copy moves no such records.
  static func unionOfCopiedRecords(_ call: Instruction, in blocks: [BasicBlock], module: Module) -> IRType? {
    let dataLayout = LLVMGetModuleDataLayout(module.ref)!
    for side in call.arguments.prefix(2) {
      if let declared = CopiedBytes.declaredType(at: side, dataLayout), let found = union(in: declared.type) {
        return found
      }
      let (object, _) = CopiedBytes.base(of: side, dataLayout)
      if let found = indexingSteps(of: object).lazy.compactMap({ union(in: $0.element) }).first { return found }
    }
    let length = call.arguments[2].constantInt.map { Int($0) }
    for (size, found) in unionRecords(in: blocks, module: module) {
      guard let length else { return found }
      if length % size == 0 || (length > size - 8 && length < size) { return found }
    }
    return nil
  }

  /// The records holding a union that `blocks` index by or keep in stack slots, by their size, with
  /// the union they hold.
  private static func unionRecords(in blocks: [BasicBlock], module: Module) -> [(size: Int, union: IRType)] {
    var records: [(size: Int, union: IRType)] = []
    for block in blocks {
      for instruction in block.instructions {
        var type: IRType
        switch instruction.opcode {
        case LLVMGetElementPtr: type = instruction.gepSourceElementType
        case LLVMAlloca: type = instruction.allocatedType
        default: continue
        }
        if type.isArray { type = type.elementType }
        guard type.isStruct, let found = union(in: type) else { continue }
        let size = Int(module.allocSize(of: type))
        if size >= 8 { records.append((size, found)) }
      }
    }
    return records
  }
}
