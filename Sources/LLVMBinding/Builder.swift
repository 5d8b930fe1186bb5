// The IR builder: typed construction of instructions at a chosen position.
import CLLVM

/// An IR builder. Building before a position is set is a programmer error and traps with a message.
public final class Builder {
  public let ref: LLVMBuilderRef
  public let context: Context
  private var positioned = false

  public init(context: Context) {
    self.context = context
    ref = LLVMCreateBuilderInContext(context.ref)
  }

  deinit { LLVMDisposeBuilder(ref) }

  // MARK: Position

  public func position(atEndOf block: BasicBlock) {
    LLVMPositionBuilderAtEnd(ref, block.ref)
    positioned = true
  }
  public func position(before instruction: Instruction) {
    LLVMPositionBuilderBefore(ref, instruction.ref)
    positioned = true
  }
  /// Before `instruction` and the debug records attached to it, so that they stay with it.
  public func position(beforeWithDebugRecords instruction: Instruction) {
    LLVMPositionBuilderBeforeInstrAndDbgRecords(ref, instruction.ref)
    positioned = true
  }
  public var insertBlock: BasicBlock {
    precondition(positioned, "builder used before it was positioned")
    return BasicBlock(LLVMGetInsertBlock(ref))
  }
  /// The debug location given to new instructions.
  public var debugLocation: LLVMMetadataRef? {
    get { LLVMGetCurrentDebugLocation2(ref) }
    set { LLVMSetCurrentDebugLocation2(ref, newValue) }
  }

  private func checked(_ made: LLVMValueRef?) -> Value {
    precondition(positioned, "builder used before it was positioned")
    return Value(made!)
  }

  // MARK: Floating-point arithmetic

  public func fadd(_ a: Value, _ b: Value, _ name: String = "") -> Value {
    checked(LLVMBuildFAdd(ref, a.ref, b.ref, name))
  }
  public func fsub(_ a: Value, _ b: Value, _ name: String = "") -> Value {
    checked(LLVMBuildFSub(ref, a.ref, b.ref, name))
  }
  public func fmul(_ a: Value, _ b: Value, _ name: String = "") -> Value {
    checked(LLVMBuildFMul(ref, a.ref, b.ref, name))
  }
  public func fdiv(_ a: Value, _ b: Value, _ name: String = "") -> Value {
    checked(LLVMBuildFDiv(ref, a.ref, b.ref, name))
  }
  public func frem(_ a: Value, _ b: Value, _ name: String = "") -> Value {
    checked(LLVMBuildFRem(ref, a.ref, b.ref, name))
  }
  public func fneg(_ a: Value, _ name: String = "") -> Value { checked(LLVMBuildFNeg(ref, a.ref, name)) }
  public func fcmp(_ predicate: LLVMRealPredicate, _ a: Value, _ b: Value, _ name: String = "") -> Value {
    checked(LLVMBuildFCmp(ref, predicate, a.ref, b.ref, name))
  }

  // MARK: Integer arithmetic

  public func add(_ a: Value, _ b: Value, _ name: String = "") -> Value {
    checked(LLVMBuildAdd(ref, a.ref, b.ref, name))
  }
  public func sub(_ a: Value, _ b: Value, _ name: String = "") -> Value {
    checked(LLVMBuildSub(ref, a.ref, b.ref, name))
  }
  public func mul(_ a: Value, _ b: Value, _ name: String = "") -> Value {
    checked(LLVMBuildMul(ref, a.ref, b.ref, name))
  }
  public func udiv(_ a: Value, _ b: Value, _ name: String = "") -> Value {
    checked(LLVMBuildUDiv(ref, a.ref, b.ref, name))
  }
  public func icmp(_ predicate: LLVMIntPredicate, _ a: Value, _ b: Value, _ name: String = "") -> Value {
    checked(LLVMBuildICmp(ref, predicate, a.ref, b.ref, name))
  }
  public func and(_ a: Value, _ b: Value, _ name: String = "") -> Value {
    checked(LLVMBuildAnd(ref, a.ref, b.ref, name))
  }
  public func or(_ a: Value, _ b: Value, _ name: String = "") -> Value {
    checked(LLVMBuildOr(ref, a.ref, b.ref, name))
  }
  public func xor(_ a: Value, _ b: Value, _ name: String = "") -> Value {
    checked(LLVMBuildXor(ref, a.ref, b.ref, name))
  }
  public func shl(_ a: Value, _ b: Value, _ name: String = "") -> Value {
    checked(LLVMBuildShl(ref, a.ref, b.ref, name))
  }
  public func lshr(_ a: Value, _ b: Value, _ name: String = "") -> Value {
    checked(LLVMBuildLShr(ref, a.ref, b.ref, name))
  }
  /// `ashr exact`: the caller knows the shifted-out bits are zero.
  public func exactAShr(_ a: Value, _ b: Value, _ name: String = "") -> Value {
    let shifted = checked(LLVMBuildAShr(ref, a.ref, b.ref, name))
    if let instruction = shifted.asInstruction { LLVMSetExact(instruction.ref, 1) }
    return shifted
  }

  // MARK: Conversions

  public func cast(_ op: LLVMOpcode, _ value: Value, to type: IRType, _ name: String = "") -> Value {
    checked(LLVMBuildCast(ref, op, value.ref, type.ref, name))
  }
  /// Converts a float of one width to another (fpext or fptrunc), or returns it unchanged.
  public func fpCast(_ value: Value, to type: IRType, _ name: String = "") -> Value {
    value.type == type ? value : checked(LLVMBuildFPCast(ref, value.ref, type.ref, name))
  }
  public func siToFP(_ value: Value, to type: IRType, _ name: String = "") -> Value {
    checked(LLVMBuildSIToFP(ref, value.ref, type.ref, name))
  }
  public func intCast(_ value: Value, to type: IRType, signed: Bool, _ name: String = "") -> Value {
    value.type == type ? value : checked(LLVMBuildIntCast2(ref, value.ref, type.ref, signed ? 1 : 0, name))
  }
  public func bitCast(_ value: Value, to type: IRType, _ name: String = "") -> Value {
    value.type == type ? value : checked(LLVMBuildBitCast(ref, value.ref, type.ref, name))
  }
  public func intToPointer(_ value: Value, to type: IRType, _ name: String = "") -> Value {
    checked(LLVMBuildIntToPtr(ref, value.ref, type.ref, name))
  }

  // MARK: Memory

  public func alloca(_ type: IRType, _ name: String = "") -> Value {
    checked(LLVMBuildAlloca(ref, type.ref, name))
  }
  public func arrayAlloca(_ type: IRType, count: Value, _ name: String = "") -> Value {
    checked(LLVMBuildArrayAlloca(ref, type.ref, count.ref, name))
  }
  public func load(_ type: IRType, from pointer: Value, _ name: String = "") -> Value {
    checked(LLVMBuildLoad2(ref, type.ref, pointer.ref, name))
  }
  @discardableResult
  public func store(_ value: Value, to pointer: Value) -> Value {
    checked(LLVMBuildStore(ref, value.ref, pointer.ref))
  }
  public func gep(
    _ type: IRType, _ pointer: Value, _ indices: [Value], inBounds: Bool = false,
    _ name: String = ""
  ) -> Value {
    var refs: [LLVMValueRef?] = indices.map { $0.ref }
    let made =
      inBounds
      ? LLVMBuildInBoundsGEP2(ref, type.ref, pointer.ref, &refs, UInt32(refs.count), name)
      : LLVMBuildGEP2(ref, type.ref, pointer.ref, &refs, UInt32(refs.count), name)
    return checked(made)
  }
  /// `pointer + bytes`, as an i8 GEP.
  public func byteOffset(_ pointer: Value, _ bytes: Value, _ name: String = "") -> Value {
    gep(IRType.int(8, in: context), pointer, [bytes], inBounds: true, name)
  }
  public func memset(_ pointer: Value, byte: Value, length: Value, alignment: UInt32 = 1) -> Value {
    checked(LLVMBuildMemSet(ref, pointer.ref, byte.ref, length.ref, alignment))
  }
  public func memcpy(_ destination: Value, _ source: Value, length: Value, alignment: UInt32 = 1) -> Value {
    checked(LLVMBuildMemCpy(ref, destination.ref, alignment, source.ref, alignment, length.ref))
  }
  public func memmove(_ destination: Value, _ source: Value, length: Value, alignment: UInt32 = 1) -> Value {
    checked(LLVMBuildMemMove(ref, destination.ref, alignment, source.ref, alignment, length.ref))
  }

  // MARK: Aggregates and vectors

  public func extractValue(_ aggregate: Value, _ index: UInt32, _ name: String = "") -> Value {
    checked(LLVMBuildExtractValue(ref, aggregate.ref, index, name))
  }
  public func insertValue(_ aggregate: Value, _ element: Value, _ index: UInt32, _ name: String = "")
    -> Value
  {
    checked(LLVMBuildInsertValue(ref, aggregate.ref, element.ref, index, name))
  }
  /// Extracts along a path of constant indices.
  public func extractValue(_ aggregate: Value, path: [UInt32]) -> Value {
    path.reduce(aggregate) { extractValue($0, $1) }
  }
  /// Inserts `element` along a path of constant indices.
  public func insertValue(_ aggregate: Value, _ element: Value, path: [UInt32]) -> Value {
    guard let first = path.first else { return element }
    let inner = insertValue(extractValue(aggregate, first), element, path: Array(path.dropFirst()))
    return insertValue(aggregate, inner, first)
  }
  public func extractElement(_ vector: Value, _ index: Value, _ name: String = "") -> Value {
    checked(LLVMBuildExtractElement(ref, vector.ref, index.ref, name))
  }
  public func insertElement(_ vector: Value, _ element: Value, _ index: Value, _ name: String = "")
    -> Value
  {
    checked(LLVMBuildInsertElement(ref, vector.ref, element.ref, index.ref, name))
  }
  public func shuffleVector(_ a: Value, _ b: Value, mask: Value, _ name: String = "") -> Value {
    checked(LLVMBuildShuffleVector(ref, a.ref, b.ref, mask.ref, name))
  }

  // MARK: Control flow

  public func select(_ condition: Value, _ a: Value, _ b: Value, _ name: String = "") -> Value {
    checked(LLVMBuildSelect(ref, condition.ref, a.ref, b.ref, name))
  }
  public func phi(_ type: IRType, _ name: String = "") -> Instruction {
    Instruction(checked(LLVMBuildPhi(ref, type.ref, name)).ref)
  }
  @discardableResult public func br(_ destination: BasicBlock) -> Instruction {
    Instruction(checked(LLVMBuildBr(ref, destination.ref)).ref)
  }
  @discardableResult
  public func condBr(_ condition: Value, _ then: BasicBlock, _ otherwise: BasicBlock) -> Instruction {
    Instruction(checked(LLVMBuildCondBr(ref, condition.ref, then.ref, otherwise.ref)).ref)
  }
  /// Emits `body` in a block of its own that runs only when `condition` holds (blocks `name` and
  /// `name.done`, placed after the current one); the builder continues after it.
  public func when(_ condition: Value, named name: String, _ body: () -> Void) {
    let function = insertBlock.parent
    let then = function.appendBlock(named: name)
    let done = function.appendBlock(named: name + ".done")
    then.moveAfter(insertBlock)
    done.moveAfter(then)
    condBr(condition, then, done)
    position(atEndOf: then)
    body()
    br(done)
    position(atEndOf: done)
  }
  @discardableResult
  public func switchOn(_ value: Value, default destination: BasicBlock, cases: [(Value, BasicBlock)])
    -> Instruction
  {
    let made = checked(LLVMBuildSwitch(ref, value.ref, destination.ref, UInt32(cases.count)))
    for (caseValue, block) in cases { LLVMAddCase(made.ref, caseValue.ref, block.ref) }
    return Instruction(made.ref)
  }
  @discardableResult public func ret(_ value: Value) -> Instruction {
    Instruction(checked(LLVMBuildRet(ref, value.ref)).ref)
  }
  @discardableResult public func retVoid() -> Instruction {
    Instruction(checked(LLVMBuildRetVoid(ref)).ref)
  }
  @discardableResult public func unreachable() -> Instruction {
    Instruction(checked(LLVMBuildUnreachable(ref)).ref)
  }

  // MARK: Calls

  @discardableResult
  public func call(_ function: Function, _ arguments: [Value], _ name: String = "") -> Value {
    let result = call(type: function.type, function.value, arguments, function.returnType.isVoid ? "" : name)
    LLVMSetInstructionCallConv(result.ref, function.callingConvention)
    return result
  }
  @discardableResult
  public func call(type: IRType, _ callee: Value, _ arguments: [Value], _ name: String = "") -> Value {
    var refs: [LLVMValueRef?] = arguments.map { $0.ref }
    return checked(LLVMBuildCall2(ref, type.ref, callee.ref, &refs, UInt32(refs.count), name))
  }

  /// Inserts a detached instruction (for example a clone) at the builder's position.
  public func insert(_ instruction: Instruction, _ name: String = "") {
    precondition(positioned, "builder used before it was positioned")
    LLVMInsertIntoBuilderWithName(ref, instruction.ref, name)
  }
}
