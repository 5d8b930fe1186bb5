// Swift's copies and destructions of a value through its type's value witness table, for types that
// are one strong reference: written out as the loads, stores, retains and releases they are.
import CLLVM
import LLVMBinding

/// Swift copies a value of a type it handles generically (an `Array<Double>` kept in a lazy
/// collection's closure context, an outlined copy of a generic struct's field) by calling a function
/// of the type's value witness table, which the runtime library holds:
///
///     %meta = call ptr @__swift_instantiateConcreteTypeFromMangledName(ptr @"$sSaySdGMD")
///     %vwt  = load ptr, ptr (getelementptr ptr, ptr %meta, i64 -1)
///     %copy = load ptr, ptr (getelementptr ptr, ptr %vwt, i32 2)   ; initializeWithCopy
///     call ptr %copy(ptr %dest, ptr %src, ptr %meta)
///
/// A call through a pointer into the runtime has no derivative: derivative code stopped there when it
/// ran ("a function outside the differentiated module"). For `Array`, `ContiguousArray`, `Dictionary`
/// and `Set` the value is one strong reference to the storage object (on Linux, without Objective-C
/// bridging), and each witness is a few loads, stores and reference counts, which AD follows as it
/// does anywhere else: the copy moves the shadow storage's reference with the storage's.
enum SwiftValueWitnessCalls {
  /// The value witnesses rewritten, by their index in the table (Swift's ABI).
  private enum Witness: Int {
    case initializeBufferWithCopyOfBuffer = 0, destroy, initializeWithCopy, assignWithCopy,
      initializeWithTake, assignWithTake
  }

  /// Rewrites the value witness calls of `functions` whose type is one strong reference.
  static func lower(in functions: [Function], module: Module) {
    // With Objective-C bridging (Apple's platforms) an array may be a bridged object, counted by
    // other runtime functions.
    guard module.targetTriple.containsBytes(of: "linux") else { return }
    var calls: [(Instruction, Witness)] = []
    for function in functions {
      for block in function.blocks {
        for instruction in block.instructions where instruction.isCall && instruction.calledFunction == nil {
          if let witness = witness(calledBy: instruction) { calls.append((instruction, witness)) }
        }
      }
    }
    guard !calls.isEmpty else { return }
    let context = module.context
    let pointer = IRType.pointer(in: context)
    let retain = module.declareFunction(named: "swift_retain", type: .function(returning: pointer, [pointer]))
    let release = module.declareFunction(
      named: "swift_release", type: .function(returning: IRType.void(in: context), [pointer]))
    let builder = Builder(context: context)
    for (call, witness) in calls {
      builder.position(before: call)
      builder.debugLocation = call.debugLocation
      let arguments = call.arguments
      let destination = arguments[0]
      switch witness {
      case .destroy:
        builder.call(release, [builder.load(pointer, from: destination)])
      case .initializeBufferWithCopyOfBuffer, .initializeWithCopy, .assignWithCopy, .initializeWithTake,
        .assignWithTake:
        let source = arguments[1]
        let reference = builder.load(pointer, from: source)
        let copies = [.initializeBufferWithCopyOfBuffer, .initializeWithCopy, .assignWithCopy].contains(
          witness)
        if copies { builder.call(retain, [reference]) }
        let assigns = witness == .assignWithCopy || witness == .assignWithTake
        let old = assigns ? builder.load(pointer, from: destination) : nil
        builder.store(reference, to: destination)
        if let old { builder.call(release, [old]) }
        if !call.value.users.isEmpty { call.value.replaceAllUses(with: destination) }
      }
      call.eraseFromParent()
    }
  }

  /// The witness `call` calls, when its callee is loaded from a value witness table of a type that
  /// is one strong reference and its arguments are those the witness takes.
  private static func witness(calledBy call: Instruction) -> Witness? {
    guard let load = call.calledOperand.asInstruction, load.opcode == LLVMLoad,
      let (table, index) = slot(load.operand(0)),
      let witness = Witness(rawValue: index),
      let tableLoad = table.asInstruction, tableLoad.opcode == LLVMLoad,
      let (metadata, offset) = slot(tableLoad.operand(0)), offset == -1,
      let type = mangledType(of: metadata), isOneStrongReference(type)
    else { return nil }
    let arguments = call.arguments
    let count = witness == .destroy ? 2 : 3
    guard arguments.count == count, arguments.allSatisfy({ $0.type.isPointer }),
      arguments.last == metadata
    else { return nil }
    return witness
  }

  /// `(base, index)` for the address of pointer-sized slot `index` from `base`:
  /// `getelementptr ptr, ptr base, index`, or `getelementptr i8, ptr base, 8 * index` as the
  /// optimizer writes it (the base itself is slot 0).
  private static func slot(_ address: Value) -> (Value, Int)? {
    guard let gep = address.asInstruction, gep.opcode == LLVMGetElementPtr else { return (address, 0) }
    guard gep.operandCount == 2, let index = gep.operand(1).constantInt else { return nil }
    let element = gep.gepSourceElementType
    if element.isPointer { return (gep.operand(0), Int(index)) }
    guard element.isInteger, element.integerWidth == 8, index % 8 == 0 else { return nil }
    return (gep.operand(0), Int(index / 8))
  }

  /// The mangled name of the type whose metadata `metadata` is: from the demangling cache variable
  /// (`$s<type>MD`) handed to `__swift_instantiateConcreteTypeFromMangledName`, the metadata
  /// accessor (`$s<type>Ma`) or the metadata itself (`$s<type>N`).
  private static func mangledType(of metadata: Value) -> Substring? {
    var symbol: String
    var suffix: String
    if metadata.strippingPointerCasts.isGlobalVariable {
      (symbol, suffix) = (metadata.strippingPointerCasts.name, "N")
    } else if let call = metadata.asInstruction, call.isCall, let callee = call.calledFunction {
      guard callee.name == "__swift_instantiateConcreteTypeFromMangledName",
        let cache = call.arguments.first?.strippingPointerCasts, cache.isGlobalVariable
      else { return nil }
      (symbol, suffix) = (cache.name, "MD")
    } else if let extract = metadata.asInstruction, extract.opcode == LLVMExtractValue,
      extract.indices == [0], let call = extract.operand(0).asInstruction, call.isCall,
      let accessor = call.calledFunction?.name
    {
      (symbol, suffix) = (accessor, "Ma")
    } else {
      return nil
    }
    guard symbol.hasPrefix("$s"), symbol.hasSuffix(suffix) else { return nil }
    return symbol.dropFirst(2).dropLast(suffix.count)
  }

  /// `Array<…>`, `ContiguousArray<…>`, `Dictionary<…>` and `Set<…>`: one strong reference to their
  /// storage object. A type nested in one of them (`Array<Double>.Window<Int>`, `SaySdG6WindowVySiG`)
  /// also starts so and ends in `G`, but names itself after a closed argument list: a `G` followed
  /// by an identifier's length. Such a name is not taken (nor one whose own identifiers hold `G`
  /// and a digit, which then stops at run time as before).
  private static func isOneStrongReference(_ type: Substring) -> Bool {
    guard type.hasSuffix("G"),
      ["Say", "SDy", "Shy", "s15ContiguousArrayVy"].contains(where: { type.hasPrefix($0) })
    else { return false }
    let characters = Array(type)
    return !characters.indices.dropLast().contains { characters[$0] == "G" && characters[$0 + 1].isNumber }
  }
}
