// Functions and basic blocks.
import CLLVM

/// A function, defined or declared.
public struct Function: Hashable, CustomStringConvertible {
  public let ref: LLVMValueRef
  public init(_ ref: LLVMValueRef) { self.ref = ref }

  public var value: Value { Value(ref) }
  public var name: String { value.name }
  public var description: String { "@\(name)" }
  /// The function's type (not the pointer type of the function value).
  public var type: IRType { IRType(LLVMGlobalGetValueType(ref)) }
  public var returnType: IRType { type.returnType }
  public var isDeclaration: Bool { LLVMIsDeclaration(ref) != 0 }

  public var parameters: [Value] {
    let n = LLVMCountParams(ref)
    return (0..<n).map { Value(LLVMGetParam(ref, $0)) }
  }
  public func parameter(_ index: Int) -> Value { Value(LLVMGetParam(ref, UInt32(index))) }

  public var blocks: [BasicBlock] {
    intrusiveList(first: LLVMGetFirstBasicBlock(ref), next: LLVMGetNextBasicBlock, BasicBlock.init)
  }
  public var entryBlock: BasicBlock? { isDeclaration ? nil : BasicBlock(LLVMGetEntryBasicBlock(ref)) }

  public func appendBlock(named name: String = "") -> BasicBlock {
    BasicBlock(LLVMAppendBasicBlockInContext(LLVMGetTypeContext(type.ref), ref, name))
  }

  public var callingConvention: UInt32 {
    get { LLVMGetFunctionCallConv(ref) }
    nonmutating set { LLVMSetFunctionCallConv(ref, newValue) }
  }
  public var linkage: LLVMLinkage {
    get { LLVMGetLinkage(ref) }
    nonmutating set { LLVMSetLinkage(ref, newValue) }
  }
  public var intrinsicID: UInt32 { LLVMGetIntrinsicID(ref) }
  public var isIntrinsic: Bool { intrinsicID != 0 }

  /// The source location of the function's definition, if it has debug info.
  public var sourceLocation: SourceLocation? { SourceLocation(of: ref) }

  // MARK: Attributes

  /// Adds the enum attribute `name` (e.g. "alwaysinline", "nounwind") at `index`
  /// (`LLVMAttributeFunctionIndex`, `LLVMAttributeReturnIndex`, or 1 + parameter number).
  public func addAttribute(_ name: String, at index: LLVMAttributeIndex = functionAttributeIndex) {
    let kind = LLVMGetEnumAttributeKindForName(name, name.utf8.count)
    let attribute = LLVMCreateEnumAttribute(LLVMGetTypeContext(type.ref), kind, 0)
    LLVMAddAttributeAtIndex(ref, index, attribute)
  }
  public func removeAttribute(_ name: String, at index: LLVMAttributeIndex = functionAttributeIndex) {
    let kind = LLVMGetEnumAttributeKindForName(name, name.utf8.count)
    LLVMRemoveEnumAttributeAtIndex(ref, index, kind)
  }
  public func hasAttribute(_ name: String, at index: LLVMAttributeIndex = functionAttributeIndex)
    -> Bool
  {
    let kind = LLVMGetEnumAttributeKindForName(name, name.utf8.count)
    return LLVMGetEnumAttributeAtIndex(ref, index, kind) != nil
  }

  /// Adds the string attribute `key`, with `value`, to the function.
  public func addStringAttribute(_ key: String, value: String = "") {
    let attribute = LLVMCreateStringAttribute(
      LLVMGetTypeContext(type.ref), key, UInt32(key.utf8.count), value, UInt32(value.utf8.count))
    LLVMAddAttributeAtIndex(ref, functionAttributeIndex, attribute)
  }
  /// The value of the string attribute `key`, if the function has it.
  public func stringAttributeValue(_ key: String) -> String? {
    guard
      let attribute = LLVMGetStringAttributeAtIndex(ref, functionAttributeIndex, key, UInt32(key.utf8.count))
    else { return nil }
    var length: UInt32 = 0
    guard let bytes = LLVMGetStringAttributeValue(attribute, &length) else { return "" }
    return String(decoding: UnsafeRawBufferPointer(start: bytes, count: Int(length)), as: UTF8.self)
  }
  public func hasStringAttribute(_ key: String) -> Bool {
    LLVMGetStringAttributeAtIndex(ref, functionAttributeIndex, key, UInt32(key.utf8.count)) != nil
  }
  public func removeStringAttribute(_ key: String) {
    LLVMRemoveStringAttributeAtIndex(ref, functionAttributeIndex, key, UInt32(key.utf8.count))
  }

  /// The attributes at `index` (function, return, or 1 + parameter number).
  public func attributes(at index: LLVMAttributeIndex) -> [LLVMAttributeRef?] {
    var attributes = [LLVMAttributeRef?](repeating: nil, count: Int(LLVMGetAttributeCountAtIndex(ref, index)))
    LLVMGetAttributesAtIndex(ref, index, &attributes)
    return attributes
  }
  /// Adds each of `attributes` (from `attributes(at:)` of any function of the context) at `index`.
  public func addAttributes(_ attributes: [LLVMAttributeRef?], at index: LLVMAttributeIndex) {
    for attribute in attributes { LLVMAddAttributeAtIndex(ref, index, attribute) }
  }

  /// Moves every block of this function, in order, to the end of `other` (which must have the
  /// parameters the blocks use, or have them replaced afterwards). This function is left without a body.
  public func moveBody(to other: Function) {
    for block in blocks {
      LLVMRemoveBasicBlockFromParent(block.ref)
      LLVMAppendExistingBasicBlock(other.ref, block.ref)
    }
  }

  /// Runs a function pass pipeline given as text (`"instcombine,early-cse"`) over this function.
  public func runPasses(_ pipeline: String, targetMachine: TargetMachine? = nil) throws {
    let options = LLVMCreatePassBuilderOptions()
    defer { LLVMDisposePassBuilderOptions(options) }
    if let error = LLVMRunPassesOnFunction(ref, pipeline, targetMachine?.ref, options) {
      throw LLVMError.passPipeline(pipeline: pipeline, message: consumeError(error))
    }
  }

  public func erase() { LLVMDeleteFunction(ref) }
  /// Deletes a function that may still be used (by itself, or by code being deleted too): its uses
  /// become poison first.
  public func eraseWithUses() {
    LLVMReplaceAllUsesWith(ref, LLVMGetPoison(LLVMTypeOf(ref)))
    LLVMDeleteFunction(ref)
  }

  /// Whether parameter `index` has `captures(none)`: no copy of the pointer, of its address or its
  /// provenance, outlives the call (a copy the function makes and drops before it returns is not a
  /// capture). LLVM encodes the components as bits; none is 0.
  public func capturesNothing(parameter index: Int) -> Bool {
    let kind = LLVMGetEnumAttributeKindForName("captures", 8)
    guard let attribute = LLVMGetEnumAttributeAtIndex(ref, LLVMAttributeIndex(index + 1), kind) else {
      return false
    }
    return LLVMGetEnumAttributeValue(attribute) == 0
  }

  /// The kind of the `memory(...)` attribute, of functions and of calls.
  static var memoryAttributeKind: UInt32 { LLVMGetEnumAttributeKindForName("memory", 6) }

  /// The `memory(...)` attribute as LLVM encodes it (two mod/ref bits per location), if present.
  public var memoryEffects: UInt64? {
    guard let attribute = LLVMGetEnumAttributeAtIndex(ref, functionAttributeIndex, Self.memoryAttributeKind)
    else {
      return nil
    }
    return LLVMGetEnumAttributeValue(attribute)
  }

  /// Whether the `memory(...)` attribute says the function touches `errno` and nothing else: what
  /// clang declares the C math functions with, unless `-fno-math-errno`.
  public var touchesOnlyErrno: Bool {
    guard let effects = memoryEffects, effects != 0 else { return false }
    // Location 2 is errno (see `touchesProgramMemory`).
    return effects & ~(UInt64(3) << 4) == 0
  }

  /// Whether the `memory(...)` attribute lets the function write (or, unless `writesOnly`, read)
  /// memory the program can reach: argument memory or other memory, errno and memory inaccessible to
  /// the program aside. Nil without the attribute (then it may touch anything).
  public func touchesProgramMemory(writesOnly: Bool) -> Bool? {
    guard let effects = memoryEffects else { return nil }
    let mask: UInt64 = writesOnly ? 2 : 3
    // Locations: 0 argument memory, 1 inaccessible memory, 2 errno, 3 and above other memory.
    return ([0] + Array(3..<32)).contains { (effects >> (2 * UInt64($0))) & mask != 0 }
  }

  /// Whether `memory(...)` effects (`memoryEffects`, `Instruction.callSiteMemoryEffects`) let a
  /// call write anything, errno and inaccessible memory included; nil (no attribute) lets it.
  public static func effectsMayWrite(_ effects: UInt64?) -> Bool {
    guard let effects else { return true }
    // Two bits a location, the higher one for writes.
    return (0..<32).contains { (effects >> (2 * UInt64($0))) & 2 != 0 }
  }
}

/// A basic block.
public struct BasicBlock: Hashable, CustomStringConvertible {
  public let ref: LLVMBasicBlockRef
  public init(_ ref: LLVMBasicBlockRef) { self.ref = ref }

  public var value: Value { Value(LLVMBasicBlockAsValue(ref)) }
  public var name: String { String(cString: LLVMGetBasicBlockName(ref)) }
  public var description: String { "%\(name)" }
  public var parent: Function { Function(LLVMGetBasicBlockParent(ref)) }

  public var instructions: [Instruction] {
    intrusiveList(first: LLVMGetFirstInstruction(ref), next: LLVMGetNextInstruction, Instruction.init)
  }
  public var firstInstruction: Instruction? { LLVMGetFirstInstruction(ref).map(Instruction.init) }
  public var terminator: Instruction? { LLVMGetBasicBlockTerminator(ref).map(Instruction.init) }

  public var successors: [BasicBlock] {
    guard let term = terminator else { return [] }
    let n = LLVMGetNumSuccessors(term.ref)
    return (0..<n).map { BasicBlock(LLVMGetSuccessor(term.ref, $0)) }
  }

  /// The blocks whose terminators branch here, each once (not those that only take its address).
  public var predecessors: [BasicBlock] {
    var result: [BasicBlock] = []
    for user in value.users {
      guard let branch = user.asInstruction, branch.isTerminator, !result.contains(branch.parent) else {
        continue
      }
      result.append(branch.parent)
    }
    return result
  }

  /// The first instruction that is not a phi node.
  public var firstNonPhi: Instruction? { instructions.first { $0.opcode != LLVMPHI } }

  public func moveAfter(_ other: BasicBlock) { LLVMMoveBasicBlockAfter(ref, other.ref) }
  public func erase() { LLVMDeleteBasicBlock(ref) }
}

/// A file, line and column from debug info.
public struct SourceLocation: Hashable, CustomStringConvertible {
  public var file: String
  public var line: UInt32
  public var column: UInt32

  public init(file: String, line: UInt32, column: UInt32) {
    self.file = file
    self.line = line
    self.column = column
  }

  /// The location of an instruction, global or function, if debug info records one.
  init?(of ref: LLVMValueRef) {
    var length: UInt32 = 0
    guard let chars = LLVMGetDebugLocFilename(ref, &length), length > 0 else { return nil }
    let name = String(decoding: UnsafeRawBufferPointer(start: chars, count: Int(length)), as: UTF8.self)
    // The file as the compiler was given it, as clang prints it in its own diagnostics.
    file = name
    line = LLVMGetDebugLocLine(ref)
    column = LLVMIsAInstruction(ref) != nil ? LLVMGetDebugLocColumn(ref) : 0
  }

  public var description: String { column > 0 ? "\(file):\(line):\(column)" : "\(file):\(line)" }

  /// `file.c:12`: the file without its directories, and the line, as remarks name a place.
  public var shortDescription: String {
    "\(file.split(separator: "/").last.map(String.init) ?? file):\(line)"
  }
}

/// The attribute index of the function itself (`LLVMAttributeFunctionIndex`, which is ~0).
public let functionAttributeIndex = LLVMAttributeIndex(UInt32.max)
