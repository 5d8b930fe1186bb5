// LLVM types as small non-owning values, valid while their context lives.
import CLLVM

/// An LLVM type.
public struct IRType: Hashable, CustomStringConvertible {
  public let ref: LLVMTypeRef
  public init(_ ref: LLVMTypeRef) { self.ref = ref }

  public var kind: LLVMTypeKind { LLVMGetTypeKind(ref) }
  public var context: LLVMContextRef { LLVMGetTypeContext(ref) }
  public var description: String { takeMessage(LLVMPrintTypeToString(ref)) }

  // MARK: Classification

  public var isVoid: Bool { kind == LLVMVoidTypeKind }
  public var isPointer: Bool { kind == LLVMPointerTypeKind }
  public var isInteger: Bool { kind == LLVMIntegerTypeKind }
  public var isStruct: Bool { kind == LLVMStructTypeKind }
  public var isArray: Bool { kind == LLVMArrayTypeKind }
  public var isVector: Bool { kind == LLVMVectorTypeKind || kind == LLVMScalableVectorTypeKind }
  public var isFunction: Bool { kind == LLVMFunctionTypeKind }
  public var isAggregate: Bool { isStruct || isArray }

  /// A scalar floating-point type (half, bfloat, float, double, x86_fp80, fp128, ppc_fp128).
  public var isFloatingPoint: Bool {
    switch kind {
    case LLVMHalfTypeKind, LLVMBFloatTypeKind, LLVMFloatTypeKind, LLVMDoubleTypeKind,
      LLVMX86_FP80TypeKind, LLVMFP128TypeKind, LLVMPPC_FP128TypeKind:
      return true
    default: return false
    }
  }

  /// A floating-point scalar or a vector of them: the types on which float arithmetic operates.
  public var isFloatingPointOrVector: Bool {
    isFloatingPoint || (isVector && elementType.isFloatingPoint)
  }

  /// Whether a value of this type can carry a derivative: floats, vectors of floats, and aggregates
  /// that contain them.
  public var containsFloatingPoint: Bool {
    if isFloatingPointOrVector { return true }
    if isStruct { return structElements.contains { $0.containsFloatingPoint } }
    if isArray { return elementType.containsFloatingPoint }
    return false
  }

  /// Whether the type contains pointers anywhere (directly, in vectors, or in aggregates).
  public var containsPointer: Bool {
    if isPointer { return true }
    if isVector { return elementType.isPointer }
    if isStruct { return structElements.contains { $0.containsPointer } }
    if isArray { return elementType.containsPointer }
    return false
  }

  // MARK: Components

  public var integerWidth: UInt32 { LLVMGetIntTypeWidth(ref) }
  /// The element type of an array or vector.
  public var elementType: IRType { IRType(LLVMGetElementType(ref)) }
  public var arrayLength: UInt64 { LLVMGetArrayLength2(ref) }
  public var vectorSize: UInt32 { LLVMGetVectorSize(ref) }
  public var structElements: [IRType] {
    let n = LLVMCountStructElementTypes(ref)
    return (0..<n).map { IRType(LLVMStructGetTypeAtIndex(ref, $0)) }
  }
  public var isPackedStruct: Bool { LLVMIsPackedStruct(ref) != 0 }
  public var structName: String? { LLVMGetStructName(ref).map { String(cString: $0) } }

  // Function types.
  public var returnType: IRType { IRType(LLVMGetReturnType(ref)) }
  public var parameterTypes: [IRType] {
    let n = Int(LLVMCountParamTypes(ref))
    var refs = [LLVMTypeRef?](repeating: nil, count: n)
    LLVMGetParamTypes(ref, &refs)
    return refs.map { IRType($0!) }
  }
  public var isVariadic: Bool { LLVMIsFunctionVarArg(ref) != 0 }

  /// The number of leaf elements of an aggregate along an index path, or the element type at `index`.
  public func element(at index: UInt32) -> IRType {
    isStruct ? IRType(LLVMStructGetTypeAtIndex(ref, index)) : elementType
  }

  // MARK: Construction

  public static func void(in context: Context) -> IRType { IRType(LLVMVoidTypeInContext(context.ref)) }
  public static func int(_ bits: UInt32, in context: Context) -> IRType {
    IRType(LLVMIntTypeInContext(context.ref, bits))
  }
  public static func float(in context: Context) -> IRType { IRType(LLVMFloatTypeInContext(context.ref)) }
  public static func double(in context: Context) -> IRType {
    IRType(LLVMDoubleTypeInContext(context.ref))
  }
  /// x86's 80-bit extended precision (C's `long double` there).
  public static func x86FP80(in context: Context) -> IRType { IRType(LLVMX86FP80TypeInContext(context.ref)) }
  public static func pointer(in context: Context, addressSpace: UInt32 = 0) -> IRType {
    IRType(LLVMPointerTypeInContext(context.ref, addressSpace))
  }
  public static func function(returning result: IRType, _ parameters: [IRType], variadic: Bool = false)
    -> IRType
  {
    var refs: [LLVMTypeRef?] = parameters.map { $0.ref }
    return IRType(LLVMFunctionType(result.ref, &refs, UInt32(refs.count), variadic ? 1 : 0))
  }
  public static func structure(_ elements: [IRType], in context: Context, packed: Bool = false) -> IRType {
    var refs: [LLVMTypeRef?] = elements.map { $0.ref }
    return IRType(LLVMStructTypeInContext(context.ref, &refs, UInt32(refs.count), packed ? 1 : 0))
  }
  public static func array(of element: IRType, count: UInt64) -> IRType {
    IRType(LLVMArrayType2(element.ref, count))
  }
  public static func vector(of element: IRType, count: UInt32) -> IRType {
    IRType(LLVMVectorType(element.ref, count))
  }
}
