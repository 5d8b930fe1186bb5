// LLVM values, constants and uses as small non-owning values, valid while their module lives.
import CLLVM
import LLVMExtensions

/// Any LLVM value: a constant, an argument, an instruction, a global, a function.
public struct Value: Hashable, CustomStringConvertible {
  public let ref: LLVMValueRef
  public init(_ ref: LLVMValueRef) { self.ref = ref }

  public var type: IRType { IRType(LLVMTypeOf(ref)) }
  public var kind: LLVMValueKind { LLVMGetValueKind(ref) }
  public var description: String { takeMessage(LLVMPrintValueToString(ref)) }

  public var name: String {
    get {
      var length = 0
      guard let chars = LLVMGetValueName2(ref, &length) else { return "" }
      return String(decoding: UnsafeRawBufferPointer(start: chars, count: length), as: UTF8.self)
    }
    nonmutating set { LLVMSetValueName2(ref, newValue, newValue.utf8.count) }
  }

  // MARK: Classification

  public var isConstant: Bool { LLVMIsConstant(ref) != 0 }
  public var isUndef: Bool { LLVMIsUndef(ref) != 0 }
  public var isPoison: Bool { LLVMIsPoison(ref) != 0 }
  public var isNull: Bool { LLVMIsNull(ref) != 0 }
  public var isArgument: Bool { LLVMIsAArgument(ref) != nil }
  public var isGlobalVariable: Bool { LLVMIsAGlobalVariable(ref) != nil }
  public var isGlobalValue: Bool { LLVMIsAGlobalValue(ref) != nil }
  public var isMetadataAsValue: Bool { LLVMGetValueKind(ref) == LLVMMetadataAsValueValueKind }
  public var isInlineAsm: Bool { LLVMIsAInlineAsm(ref) != nil }
  /// Whether this is an alloca of a Swift error register's slot (`alloca swifterror`).
  public var isSwiftErrorSlot: Bool { LLVMIsAAllocaInst(ref) != nil && swadAllocaIsSwiftError(ref) != 0 }

  public var asInstruction: Instruction? { LLVMIsAInstruction(ref).map(Instruction.init) }
  public var asFunction: Function? { LLVMIsAFunction(ref).map(Function.init) }
  public var asBasicBlock: BasicBlock? {
    LLVMValueIsBasicBlock(ref) != 0 ? BasicBlock(LLVMValueAsBasicBlock(ref)) : nil
  }

  /// The value with pointer casts and aliases stripped (`bitcast`, `addrspacecast`, GEPs at offset 0
  /// in constant expressions), as when looking for the function a call really targets.
  public var strippingPointerCasts: Value {
    var current = self
    while true {
      if let alias = LLVMIsAGlobalAlias(current.ref), let target = LLVMAliasGetAliasee(alias) {
        current = Value(target)
        continue
      }
      if LLVMIsAConstantExpr(current.ref) != nil {
        let opcode = LLVMGetConstOpcode(current.ref)
        if opcode == LLVMBitCast || opcode == LLVMAddrSpaceCast || opcode == LLVMIntToPtr
          || opcode == LLVMPtrToInt
        {
          current = Value(LLVMGetOperand(current.ref, 0))
          continue
        }
      }
      if let inst = current.asInstruction,
        inst.opcode == LLVMBitCast || inst.opcode == LLVMAddrSpaceCast
      {
        current = inst.operand(0)
        continue
      }
      return current
    }
  }

  // MARK: Constants

  /// The double value of a floating-point constant, if it is one.
  public var constantDouble: Double? {
    guard LLVMIsAConstantFP(ref) != nil else { return nil }
    var lossy: LLVMBool = 0
    return LLVMConstRealGetDouble(ref, &lossy)
  }

  /// The value of an integer constant, sign-extended, if it is one.
  public var constantInt: Int64? {
    guard LLVMIsAConstantInt(ref) != nil else { return nil }
    return LLVMConstIntGetSExtValue(ref)
  }

  /// The constant itself, or the one constant every lane of a vector constant holds.
  public var splatScalar: Value? {
    guard LLVMIsAConstant(ref) != nil else { return nil }
    guard type.isVector else { return self }
    let lanes = (0..<type.vectorSize).map { LLVMGetAggregateElement(ref, $0).map(Value.init) }
    guard let first = lanes.first ?? nil, lanes.allSatisfy({ $0 == first }) else { return nil }
    return first
  }

  /// The value of an integer constant or of every lane of an integer vector constant, zero-extended.
  public var splatBits: UInt64? {
    guard let scalar = splatScalar, LLVMIsAConstantInt(scalar.ref) != nil else { return nil }
    return LLVMConstIntGetZExtValue(scalar.ref)
  }

  /// The values of an integer constant's lanes (one for a scalar), zero-extended, if it is one.
  public var laneBits: [UInt64]? {
    guard LLVMIsAConstant(ref) != nil else { return nil }
    let lanes =
      type.isVector ? (0..<type.vectorSize).map { LLVMGetAggregateElement(ref, $0).map(Value.init) } : [self]
    var bits: [UInt64] = []
    for lane in lanes {
      guard let lane, LLVMIsAConstantInt(lane.ref) != nil else { return nil }
      bits.append(LLVMConstIntGetZExtValue(lane.ref))
    }
    return bits
  }

  /// The string of a constant data array or a global initialized with one, if it is one.
  public var constantString: String? {
    var target = self
    if isGlobalVariable, let initializer = LLVMGetInitializer(ref) { target = Value(initializer) }
    guard LLVMIsAConstantDataSequential(target.ref) != nil, LLVMIsConstantString(target.ref) != 0 else {
      return nil
    }
    var length = 0
    guard let chars = LLVMGetAsString(target.ref, &length) else { return nil }
    var bytes = Array(UnsafeRawBufferPointer(start: chars, count: length))
    while bytes.last == 0 { bytes.removeLast() }
    return String(decoding: bytes, as: UTF8.self)
  }

  public static func constReal(_ type: IRType, _ value: Double) -> Value {
    if type.isVector {
      return splat(constReal(type.elementType, value), count: type.vectorSize)
    }
    return Value(LLVMConstReal(type.ref, value))
  }
  public static func constInt(_ type: IRType, _ value: Int64) -> Value {
    if type.isVector {
      return splat(constInt(type.elementType, value), count: type.vectorSize)
    }
    return Value(LLVMConstInt(type.ref, UInt64(bitPattern: value), 1))
  }
  public static func splat(_ scalar: Value, count: UInt32) -> Value {
    var elements: [LLVMValueRef?] = Array(repeating: scalar.ref, count: Int(count))
    return Value(LLVMConstVector(&elements, count))
  }
  /// The all-zero constant of any type (0.0, null, zeroinitializer).
  public static func null(_ type: IRType) -> Value { Value(LLVMConstNull(type.ref)) }
  public static func undef(_ type: IRType) -> Value { Value(LLVMGetUndef(type.ref)) }
  public static func poison(_ type: IRType) -> Value { Value(LLVMGetPoison(type.ref)) }

  // MARK: Uses

  /// The users of this value, one entry per use.
  public var users: [Value] {
    intrusiveList(first: LLVMGetFirstUse(ref), next: LLVMGetNextUse) { Value(LLVMGetUser($0)) }
  }

  public func replaceAllUses(with other: Value) { LLVMReplaceAllUsesWith(ref, other.ref) }

  // MARK: Globals

  public var initializer: Value? {
    get { LLVMGetInitializer(ref).map(Value.init) }
    nonmutating set { LLVMSetInitializer(ref, newValue?.ref) }
  }
  public var isDeclaration: Bool { LLVMIsDeclaration(ref) != 0 }
  public var isGlobalConstant: Bool { LLVMIsGlobalConstant(ref) != 0 }
  public var linkage: LLVMLinkage {
    get { LLVMGetLinkage(ref) }
    nonmutating set { LLVMSetLinkage(ref, newValue) }
  }
  /// The type of the value a global holds (globals themselves are pointers).
  public var globalValueType: IRType { IRType(LLVMGlobalGetValueType(ref)) }
  public func eraseGlobal() { LLVMDeleteGlobal(ref) }
}
