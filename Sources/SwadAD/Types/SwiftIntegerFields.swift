// Integer words that move an integer field of the Swift records a specialization works on.
import CLLVM
import LLVMBinding

/// Swift's sort of `[Item]`, `struct Item { var box: Box; var w: Double; var id: Int }`, moves each
/// record field by field, `id` as an `i64` loaded and stored elsewhere, at byte offsets from the
/// records' storage. Nothing in the function says that word is an integer: the storage holds
/// pointers and doubles, and such an untyped word may be a double's bits (a generic swap's), so
/// reverse mode refused the copy ("holds a pointer for some accesses and a floating-point value
/// for others"). The specialization names its element type (`SwiftRuntime.specializationType`,
/// the metadata it hands the runtime), and its accesses modulo the element's stride lay the
/// records out (`CopiedStructs.periodicFields`): where those put the element's pointers and
/// doubles, the word lies in its integer field. Such a load is marked, and moves as the integer
/// it is (`ActivityAnalysis.copiesDeclaredInteger`).
enum SwiftIntegerFields {
  static let kind = "swad.integer.field"

  /// Marks in `function`, a Swift one, the integer loads only stored elsewhere that move an
  /// integer field of the element type the function works on.
  static func mark(in function: Function, module: Module) {
    guard UntypedCopies.isSwift(function),
      let element = CopiedStructs.swiftElementType(of: function, module: module), element.isStruct
    else { return }
    let stride = Int(module.allocSize(of: element))
    let leaves = Set(CopiedStructs.periodicLeaves(of: element, module: module).map { Leaf(offset: $0, type: $1) })
    let integers = integerFields(of: element, at: 0, module: module)
    guard !leaves.isEmpty, !integers.isEmpty else { return }
    let loads = function.blocks.flatMap(\.instructions).filter { load in
      load.opcode == LLVMLoad && !load.isVolatile && load.type.isInteger && load.type.integerWidth % 8 == 0
        && ActivityAnalysis.isOnlyStored(load)
    }
    guard !loads.isEmpty else { return }
    let blocks = function.blocks
    let places = StridedPlaces(
      blocks: blocks, dataLayout: LLVMGetModuleDataLayout(module.ref)!, throughSlots: true)
    for load in loads {
      let size = Int(module.storeSize(of: load.type))
      let movesField = load.value.users.allSatisfy { user in
        guard let store = user.asInstruction,
          let (period, start, fields) = CopiedStructs.periodicFields(
            of: store.operand(1), and: load.operand(0), in: blocks, module: module, swift: true, places: places),
          period == stride
        else { return false }
        // The element's phases that put its pointers and doubles where the accesses do: at each,
        // the word must be one of its integer fields.
        let found = Set(fields.map { Leaf(offset: $0.key, type: $0.value) })
        let phases = (0..<stride).filter { phase in
          Set(leaves.map { Leaf(offset: ($0.offset + phase) % stride, type: $0.type) }) == found
        }
        return !phases.isEmpty
          && phases.allSatisfy { phase in
            let offset = ((start - phase) % stride + stride) % stride
            return integers.contains { $0.offset == offset && $0.size == size }
          }
      }
      if movesField {
        load.setMetadata(kind, LLVMMDNodeInContext2(module.context.ref, nil, 0), context: module.context)
      }
    }
  }

  /// Whether `load` was marked as moving an integer field.
  static func isMarked(_ load: Instruction) -> Bool { load.metadata(kind) != nil }

  private struct Leaf: Hashable {
    let offset: Int
    let type: IRType
  }

  /// The integer fields of `type` (Swift's `Int` is `%TSi = <{ i64 }>`) with their offsets and sizes.
  private static func integerFields(of type: IRType, at offset: Int, module: Module) -> [(offset: Int, size: Int)]
  {
    if type.isInteger { return [(offset, Int(module.storeSize(of: type)))] }
    guard type.isStruct else { return [] }
    let dataLayout = LLVMGetModuleDataLayout(module.ref)!
    return type.structElements.enumerated().flatMap { index, element in
      integerFields(
        of: element, at: offset + Int(LLVMOffsetOfElement(dataLayout, type.ref, UInt32(index))), module: module)
    }
  }
}
