// Copying a function's instructions into a derivative function, with operands remapped.
import CLLVM
import LLVMBinding
import SwadAnalysis

/// The map from the original function's values and blocks to their copies in a derivative function.
/// Constants, globals and functions map to themselves.
struct ValueMap {
  private(set) var values: [Value: Value] = [:]
  private(set) var blocks: [BasicBlock: BasicBlock] = [:]

  subscript(value: Value) -> Value {
    if let mapped = values[value] { return mapped }
    if let block = value.asBasicBlock, let mapped = blocks[block] { return mapped.value }
    precondition(value.isConstant || value.isGlobalValue || value.isMetadataAsValue || value.isInlineAsm
      || value.asBasicBlock != nil, "value used before its copy was made: \(value)")
    return value
  }

  subscript(block: BasicBlock) -> BasicBlock { blocks[block]! }

  mutating func map(_ original: Value, to copy: Value) { values[original] = copy }
  mutating func map(_ original: BasicBlock, to copy: BasicBlock) { blocks[original] = copy }
  func contains(_ value: Value) -> Bool { values[value] != nil }
}

/// An emitter that copies the original's instructions into a derivative function.
protocol PrimalCopier: AnyObject {
  var map: ValueMap { get set }
  var builder: Builder { get }
}

extension PrimalCopier {
  /// Copies `instruction` as it is (its derivative, if any, is emitted separately) and maps it.
  @discardableResult
  func copyPrimal(_ instruction: Instruction) -> Instruction {
    let copy = builder.insertCopy(of: instruction, mapping: map)
    map.map(instruction.value, to: copy.value)
    return copy
  }
}

extension Builder {
  /// Inserts a copy of `instruction` with every operand remapped, and returns it. Phi nodes are not
  /// copied this way (their incoming blocks are not operands); callers build them.
  func insertCopy(of instruction: Instruction, mapping map: ValueMap) -> Instruction {
    precondition(!instruction.isPhi, "phi nodes are rebuilt, not copied")
    let copy = instruction.cloneForDerivative()
    for index in 0..<copy.operandCount {
      copy.setOperand(index, map[instruction.operand(index)])
    }
    insert(copy, instruction.value.name)
    return copy
  }
}

extension Function {
  /// Copies `byval` (the callee's own copy of an argument) from parameter `from` of `original` to
  /// parameter `to` of this function: without it, a derivative would write the caller's memory.
  /// Copies `noalias` (C's `restrict`) from parameter `from` of `original` to parameter `to`: the
  /// primal keeps its promise, and a shadow of a `restrict` pointer overlaps nothing else either.
  func copyNoAlias(from original: Function, parameter from: Int, to: Int) {
    let kind = LLVMGetEnumAttributeKindForName("noalias", 7)
    guard let attribute = LLVMGetEnumAttributeAtIndex(original.ref, LLVMAttributeIndex(from + 1), kind) else { return }
    LLVMAddAttributeAtIndex(ref, LLVMAttributeIndex(to + 1), attribute)
  }

  func copyByValue(from original: Function, parameter from: Int, to: Int) {
    let kind = LLVMGetEnumAttributeKindForName("byval", 5)
    guard let attribute = LLVMGetEnumAttributeAtIndex(original.ref, LLVMAttributeIndex(from + 1), kind) else { return }
    LLVMAddAttributeAtIndex(ref, LLVMAttributeIndex(to + 1), attribute)
    let alignment = LLVMGetEnumAttributeKindForName("align", 5)
    if let align = LLVMGetEnumAttributeAtIndex(original.ref, LLVMAttributeIndex(from + 1), alignment) {
      LLVMAddAttributeAtIndex(ref, LLVMAttributeIndex(to + 1), align)
    }
  }

  /// Copies the string attributes (target CPU and features, frame pointer policy) of `other`, so
  /// that code inlined between the two stays compatible. Enum attributes such as `memory(none)`
  /// describe the original function and would be wrong for its derivative.
  func copyStringAttributes(from other: Function) {
    let index = functionAttributeIndex
    let count = Int(LLVMGetAttributeCountAtIndex(other.ref, index))
    guard count > 0 else { return }
    var attributes = [LLVMAttributeRef?](repeating: nil, count: count)
    LLVMGetAttributesAtIndex(other.ref, index, &attributes)
    for attribute in attributes.compactMap({ $0 }) where LLVMIsStringAttribute(attribute) != 0 {
      LLVMAddAttributeAtIndex(ref, index, attribute)
    }
  }
}

extension Instruction {
  /// A detached copy for a derivative function. Assignment-tracking links (`!DIAssignID`) tie an
  /// instruction to debug records of its own function, so the copy drops them.
  func cloneForDerivative() -> Instruction {
    let copy = clone()
    let kind = LLVMGetMDKindID("DIAssignID", 10)
    if LLVMGetMetadata(copy.ref, kind) != nil { LLVMSetMetadata(copy.ref, kind, nil) }
    // A derivative puts code between a call and the return (tape records, tangents): a `musttail`
    // call becomes an ordinary tail call.
    if opcode == LLVMCall, LLVMGetTailCallKind(copy.ref) == LLVMTailCallKindMustTail {
      LLVMSetTailCallKind(copy.ref, LLVMTailCallKindTail)
    }
    return copy
  }
}
