// Instructions: opcode, operands, predicates, calls and their placement.
import CLLVM

/// An instruction.
public struct Instruction: Hashable, CustomStringConvertible {
  public let ref: LLVMValueRef
  public init(_ ref: LLVMValueRef) { self.ref = ref }

  public var value: Value { Value(ref) }
  public var type: IRType { value.type }
  public var opcode: LLVMOpcode { LLVMGetInstructionOpcode(ref) }
  public var description: String { value.description }
  public var parent: BasicBlock { BasicBlock(LLVMGetInstructionParent(ref)) }
  public var function: Function { parent.parent }
  public var next: Instruction? { LLVMGetNextInstruction(ref).map(Instruction.init) }
  /// Whether `other` comes after this instruction in the same block.
  public func precedes(_ other: Instruction) -> Bool {
    var current = next
    while let instruction = current {
      if instruction == other { return true }
      current = instruction.next
    }
    return false
  }
  public var previous: Instruction? { LLVMGetPreviousInstruction(ref).map(Instruction.init) }

  // MARK: Operands

  public var operandCount: Int { Int(LLVMGetNumOperands(ref)) }
  public func operand(_ index: Int) -> Value { Value(LLVMGetOperand(ref, UInt32(index))!) }
  public var operands: [Value] { (0..<operandCount).map(operand) }
  public func setOperand(_ index: Int, _ value: Value) { LLVMSetOperand(ref, UInt32(index), value.ref) }

  // MARK: Kinds

  public var isTerminator: Bool { LLVMIsATerminatorInst(ref) != nil }
  public var isCall: Bool { opcode == LLVMCall || opcode == LLVMInvoke || opcode == LLVMCallBr }
  public var isPhi: Bool { opcode == LLVMPHI }

  // MARK: Comparisons

  public var floatPredicate: LLVMRealPredicate { LLVMGetFCmpPredicate(ref) }
  public var intPredicate: LLVMIntPredicate { LLVMGetICmpPredicate(ref) }

  // MARK: Calls

  /// The call-site attributes of a call, by attribute index (function, return value, then argument
  /// i at i + 1), without empty entries.
  public var callSiteAttributes: [(index: LLVMAttributeIndex, attributes: [LLVMAttributeRef?])] {
    let indices =
      [functionAttributeIndex, LLVMAttributeIndex(LLVMAttributeReturnIndex)]
      + (0..<arguments.count).map { LLVMAttributeIndex($0 + 1) }
    return indices.compactMap { index in
      let count = Int(LLVMGetCallSiteAttributeCount(ref, index))
      guard count > 0 else { return nil }
      var attributes = [LLVMAttributeRef?](repeating: nil, count: count)
      LLVMGetCallSiteAttributes(ref, index, &attributes)
      return (index, attributes)
    }
  }

  /// The called operand of a call or invoke (the last operand), as written.
  public var calledOperand: Value { Value(LLVMGetCalledValue(ref)) }
  /// The called function, looking through casts and aliases; nil for indirect calls.
  public var calledFunction: Function? { calledOperand.strippingPointerCasts.asFunction }
  public var calledFunctionType: IRType { IRType(LLVMGetCalledFunctionType(ref)) }
  /// The call's arguments (operands without the callee and, for invokes, the destinations).
  public var arguments: [Value] {
    let n = Int(LLVMGetNumArgOperands(ref))
    return (0..<n).map(operand)
  }
  public var callingConvention: UInt32 {
    get { LLVMGetInstructionCallConv(ref) }
    nonmutating set { LLVMSetInstructionCallConv(ref, newValue) }
  }
  public var isTailCall: Bool {
    get { LLVMIsTailCall(ref) != 0 }
    nonmutating set { LLVMSetTailCall(ref, newValue ? 1 : 0) }
  }
  public var operandBundleCount: Int { Int(LLVMGetNumOperandBundles(ref)) }
  /// The type given by an `sret`/`byval` attribute of call argument `index`, if any.
  public func hasCallSiteAttribute(_ name: String, argument index: Int) -> Bool {
    let kind = LLVMGetEnumAttributeKindForName(name, name.utf8.count)
    return LLVMGetCallSiteEnumAttribute(ref, LLVMAttributeIndex(index + 1), kind) != nil
  }
  /// Whether a call has the call-site function attribute `name` (`nobuiltin`, `strictfp`).
  public func hasCallSiteFunctionAttribute(_ name: String) -> Bool {
    let kind = LLVMGetEnumAttributeKindForName(name, name.utf8.count)
    return LLVMGetCallSiteEnumAttribute(ref, functionAttributeIndex, kind) != nil
  }
  /// The alignment a call-site `align` attribute promises for pointer argument `index`, if any.
  public func callSiteAlignment(argument index: Int) -> Int? {
    let kind = LLVMGetEnumAttributeKindForName("align", 5)
    guard let attribute = LLVMGetCallSiteEnumAttribute(ref, LLVMAttributeIndex(index + 1), kind) else {
      return nil
    }
    return Int(LLVMGetEnumAttributeValue(attribute))
  }
  public func callSiteTypeAttribute(_ name: String, argument index: Int) -> IRType? {
    let kind = LLVMGetEnumAttributeKindForName(name, name.utf8.count)
    guard let attribute = LLVMGetCallSiteEnumAttribute(ref, LLVMAttributeIndex(index + 1), kind) else {
      return nil
    }
    return LLVMGetTypeAttributeValue(attribute).map(IRType.init)
  }

  /// The value of the call-site string attribute `key` of a call, if it has one.
  public func callSiteStringAttribute(_ key: String) -> String? {
    guard
      let attribute = LLVMGetCallSiteStringAttribute(ref, functionAttributeIndex, key, UInt32(key.utf8.count))
    else { return nil }
    var length: UInt32 = 0
    guard let bytes = LLVMGetStringAttributeValue(attribute, &length) else { return "" }
    return String(decoding: UnsafeRawBufferPointer(start: bytes, count: Int(length)), as: UTF8.self)
  }
  /// Gives a call the call-site string attribute `key` with `value`, replacing one it had.
  public func setCallSiteStringAttribute(_ key: String, value: String) {
    LLVMRemoveCallSiteStringAttribute(ref, functionAttributeIndex, key, UInt32(key.utf8.count))
    let attribute = LLVMCreateStringAttribute(
      LLVMGetTypeContext(type.ref), key, UInt32(key.utf8.count), value, UInt32(value.utf8.count))
    LLVMAddCallSiteAttribute(ref, functionAttributeIndex, attribute)
  }

  /// Whether a call has a call-site `memory(...)` attribute of its own.
  public var hasCallSiteMemoryEffects: Bool {
    LLVMGetCallSiteEnumAttribute(ref, functionAttributeIndex, Function.memoryAttributeKind) != nil
  }

  /// The call site's own `memory(...)` attribute, encoded as `Function.memoryEffects` is; nil
  /// without one (then the callee's says it all).
  public var callSiteMemoryEffects: UInt64? {
    LLVMGetCallSiteEnumAttribute(ref, functionAttributeIndex, Function.memoryAttributeKind).map {
      LLVMGetEnumAttributeValue($0)
    }
  }

  /// Gives a call the call-site attribute `memory(none)`, replacing a `memory` it had: the call
  /// touches no memory the program can see (LLVM takes the intersection with the callee's own).
  public func setCallSiteMemoryNone() {
    removeCallSiteMemoryEffects()
    let none = LLVMCreateEnumAttribute(LLVMGetTypeContext(type.ref), Function.memoryAttributeKind, 0)
    LLVMAddCallSiteAttribute(ref, functionAttributeIndex, none)
  }

  /// Removes a call's call-site `memory(...)` attribute: the callee's own applies again.
  public func removeCallSiteMemoryEffects() {
    LLVMRemoveCallSiteEnumAttribute(ref, functionAttributeIndex, Function.memoryAttributeKind)
  }

  // MARK: Memory

  public var allocatedType: IRType { IRType(LLVMGetAllocatedType(ref)) }
  public var gepSourceElementType: IRType { IRType(LLVMGetGEPSourceElementType(ref)) }
  public var isInBounds: Bool { LLVMIsInBounds(ref) != 0 }
  public var alignment: UInt32 {
    get { LLVMGetAlignment(ref) }
    nonmutating set { LLVMSetAlignment(ref, newValue) }
  }
  public var isVolatile: Bool { LLVMGetVolatile(ref) != 0 }

  // MARK: Aggregates

  /// The constant indices of an `extractvalue` or `insertvalue`.
  public var indices: [UInt32] {
    let n = Int(LLVMGetNumIndices(ref))
    guard n > 0, let base = LLVMGetIndices(ref) else { return [] }
    return Array(UnsafeBufferPointer(start: base, count: n))
  }

  // MARK: Phi nodes

  public var incoming: [(value: Value, block: BasicBlock)] {
    let n = LLVMCountIncoming(ref)
    return (0..<n).map { (Value(LLVMGetIncomingValue(ref, $0)), BasicBlock(LLVMGetIncomingBlock(ref, $0))) }
  }
  public func addIncoming(_ pairs: [(Value, BasicBlock)]) {
    var values: [LLVMValueRef?] = pairs.map { $0.0.ref }
    var blocks: [LLVMBasicBlockRef?] = pairs.map { $0.1.ref }
    LLVMAddIncoming(ref, &values, &blocks, UInt32(pairs.count))
  }

  // MARK: Switch

  /// The (case value, destination) pairs of a `switch`, without the default.
  public var switchCases: [(value: Value, destination: BasicBlock)] {
    let n = LLVMGetNumSuccessors(ref)
    return (1..<max(n, 1)).map {
      (Value(LLVMGetSwitchCaseValue(ref, $0)), BasicBlock(LLVMGetSuccessor(ref, $0)))
    }
  }
  public func successor(_ index: Int) -> BasicBlock { BasicBlock(LLVMGetSuccessor(ref, UInt32(index))) }
  public var successorCount: Int { Int(LLVMGetNumSuccessors(ref)) }
  public func setSuccessor(_ index: Int, _ block: BasicBlock) {
    LLVMSetSuccessor(ref, UInt32(index), block.ref)
  }
  public var condition: Value { Value(LLVMGetCondition(ref)) }

  // MARK: Fast-math and metadata

  public var canHaveFastMathFlags: Bool { LLVMCanValueUseFastMathFlags(ref) != 0 }
  public var fastMathFlags: LLVMFastMathFlags {
    get { canHaveFastMathFlags ? LLVMGetFastMathFlags(ref) : 0 }
    nonmutating set { if canHaveFastMathFlags { LLVMSetFastMathFlags(ref, newValue) } }
  }

  /// The source location of the instruction, if it has debug info.
  public var sourceLocation: SourceLocation? { SourceLocation(of: ref) }
  public var debugLocation: LLVMMetadataRef? {
    get { LLVMInstructionGetDebugLoc(ref) }
    nonmutating set { LLVMInstructionSetDebugLoc(ref, newValue) }
  }

  // MARK: Editing

  /// A detached copy with the same operands; insert it with a builder, then remap its operands.
  public func clone() -> Instruction { Instruction(LLVMInstructionClone(ref)) }
  public func eraseFromParent() { LLVMInstructionEraseFromParent(ref) }
  public func removeFromParent() { LLVMInstructionRemoveFromParent(ref) }
}
