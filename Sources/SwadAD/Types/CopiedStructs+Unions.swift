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
  /// Whether `type` is or holds a union as clang declares one (a struct named `union.…`).
  static func containsUnion(_ type: IRType) -> Bool {
    if type.isStruct {
      return type.structName?.hasPrefix("union.") == true || type.structElements.contains(where: containsUnion)
    }
    return type.isArray && containsUnion(type.elementType)
  }

  /// Whether the copy `call` moves records declared with a union: a side's stack slot, the type a
  /// `getelementptr` to it indexes, or an element type its object is stepped through holds one; or
  /// `blocks` step through or keep records that hold one, of a size the copy's length fits (the
  /// records themselves, or all but their tail padding, or several of them, or a length known only
  /// at run time). The second catches the moves of a sort or a rotation, whose pointers step by
  /// bytes (`getelementptr i8, ptr %p, i64 -32`) and declare nothing.
  static func copiesRecordsDeclaredWithUnion(_ call: Instruction, in blocks: [BasicBlock], module: Module)
    -> Bool
  {
    let dataLayout = LLVMGetModuleDataLayout(module.ref)!
    let declared = call.arguments.prefix(2).contains { side in
      if let declared = CopiedBytes.declaredType(at: side, dataLayout), containsUnion(declared.type) {
        return true
      }
      let (object, _) = CopiedBytes.base(of: side, dataLayout)
      return indexingSteps(of: object).contains { containsUnion($0.element) }
    }
    if declared { return true }
    let length = call.arguments[2].constantInt.map { Int($0) }
    return unionRecordSizes(in: blocks, module: module).contains { size in
      guard let length else { return true }
      return length % size == 0 || (length > size - 8 && length < size)
    }
  }

  /// The sizes of the records holding a union that `blocks` index by or keep in stack slots.
  private static func unionRecordSizes(in blocks: [BasicBlock], module: Module) -> Set<Int> {
    var sizes: Set<Int> = []
    for block in blocks {
      for instruction in block.instructions {
        let type: IRType
        switch instruction.opcode {
        case LLVMGetElementPtr: type = instruction.gepSourceElementType
        case LLVMAlloca: type = instruction.allocatedType
        default: continue
        }
        guard type.isStruct || type.isArray, containsUnion(type) else { continue }
        let size = Int(module.allocSize(of: type.isArray ? type.elementType : type))
        if size >= 8 { sizes.insert(size) }
      }
    }
    return sizes
  }
}
