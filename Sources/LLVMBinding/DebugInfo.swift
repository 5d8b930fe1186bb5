// Debug-info metadata: source locations and their scopes as typed values, and a builder that owns
// LLVM's DIBuilder for the few nodes swad makes (subprograms, lexical block files).
import CLLVM
import LLVMExtensions

/// A `DILocation`: a line and column in a scope, possibly inlined at another location.
public struct DebugLocation: Hashable {
  public let ref: LLVMMetadataRef
  public init(_ ref: LLVMMetadataRef) { self.ref = ref }

  public var line: UInt32 { LLVMDILocationGetLine(ref) }
  public var column: UInt32 { LLVMDILocationGetColumn(ref) }
  public var scope: DebugScope { DebugScope(LLVMDILocationGetScope(ref)) }
  public var inlinedAt: DebugLocation? { LLVMDILocationGetInlinedAt(ref).map(DebugLocation.init) }

  /// The name of the location's file, as the compiler was given it.
  public var fileName: String? {
    guard let file = scope.file else { return nil }
    var length: UInt32 = 0
    guard let chars = LLVMDIFileGetFilename(file, &length), length > 0 else { return nil }
    return String(decoding: UnsafeRawBufferPointer(start: chars, count: Int(length)), as: UTF8.self)
  }

  /// The location in the function the code finally sits in: the end of the inlined-at chain.
  public var outermost: DebugLocation {
    var location = self
    while let next = location.inlinedAt { location = next }
    return location
  }

  /// The location `line`:`column` in `scope`, inlined at `inlinedAt` (uniqued by LLVM).
  public init(line: UInt32, column: UInt32, scope: DebugScope, inlinedAt: DebugLocation?, context: Context) {
    ref = LLVMDIBuilderCreateDebugLocation(context.ref, line, column, scope.ref, inlinedAt?.ref)
  }

  /// `metadata` as a location, if it is one.
  public init?(_ metadata: LLVMMetadataRef?) {
    guard let metadata, LLVMGetMetadataKind(metadata) == LLVMMetadataKind(LLVMDILocationMetadataKind) else {
      return nil
    }
    ref = metadata
  }
}

/// A `DIScope` that locations name: a subprogram or a lexical block (file) inside one.
public struct DebugScope: Hashable {
  public let ref: LLVMMetadataRef
  public init(_ ref: LLVMMetadataRef) { self.ref = ref }

  public var isSubprogram: Bool {
    LLVMGetMetadataKind(ref) == LLVMMetadataKind(LLVMDISubprogramMetadataKind)
  }
  /// The `DIFile` of the scope.
  public var file: LLVMMetadataRef? { LLVMDIScopeGetFile(ref) }
  /// The first line of a subprogram (0 for other scopes).
  public var subprogramLine: UInt32 { isSubprogram ? LLVMDISubprogramGetLine(ref) : 0 }
  /// The subprogram the scope is, or is a block of.
  public var subprogram: DebugScope { DebugScope(swadDILocalScopeGetSubprogram(ref)) }
}

extension Function {
  /// The function's `DISubprogram`, if it has debug info.
  public var subprogram: DebugScope? {
    get { LLVMGetSubprogram(ref).map(DebugScope.init) }
    nonmutating set {
      if let newValue { LLVMSetSubprogram(ref, newValue.ref) }
    }
  }
}

extension Instruction {
  /// The instruction's location, typed.
  public var location: DebugLocation? {
    get { LLVMInstructionGetDebugLoc(ref).map(DebugLocation.init) }
    nonmutating set { LLVMInstructionSetDebugLoc(ref, newValue?.ref) }
  }

  /// Whether debug records (`#dbg_value`, `#dbg_declare`, ...) sit before the instruction.
  public var hasDebugRecords: Bool { LLVMGetFirstDbgRecord(ref) != nil }
}

extension Module {
  /// Whether the module has debug info: a compile unit in `llvm.dbg.cu`.
  public var hasDebugInfo: Bool { LLVMGetNamedMetadataNumOperands(ref, "llvm.dbg.cu") > 0 }

  /// The compilers that made the module, as `llvm.ident` names them ("Debian clang version 22.1.0").
  public var producers: [String] {
    let count = Int(LLVMGetNamedMetadataNumOperands(ref, "llvm.ident"))
    var nodes = [LLVMValueRef?](repeating: nil, count: count)
    nodes.withUnsafeMutableBufferPointer { LLVMGetNamedMetadataOperands(ref, "llvm.ident", $0.baseAddress) }
    return nodes.compactMap { node -> String? in
      guard let node, LLVMGetMDNodeNumOperands(node) > 0 else { return nil }
      var operand: LLVMValueRef?
      LLVMGetMDNodeOperands(node, &operand)
      var length: UInt32 = 0
      guard let operand, let bytes = LLVMGetMDString(operand, &length) else { return nil }
      return String(decoding: UnsafeRawBufferPointer(start: bytes, count: Int(length)), as: UTF8.self)
    }
  }
}

/// Makes debug-info nodes in a module.
public final class DebugInfoBuilder {
  public let ref: LLVMDIBuilderRef

  public init(module: Module) { ref = LLVMCreateDIBuilder(module.ref) }
  deinit { LLVMDisposeDIBuilder(ref) }

  /// A distinct subprogram definition for `function`, named as the function, at `line`, in the
  /// compile unit and file of the subprogram `like`; marked artificial: the compiler wrote it.
  public func subprogram(for function: Function, like: DebugScope, line: UInt32) -> DebugScope {
    let name = function.name
    let local = function.linkage == LLVMInternalLinkage || function.linkage == LLVMPrivateLinkage
    return DebugScope(swadDISubprogramCreateLike(like.ref, name, name.utf8.count, line, local ? 1 : 0))
  }

  /// A scope in `scope` whose code comes from `file`.
  public func lexicalBlockFile(in scope: DebugScope, file: LLVMMetadataRef) -> DebugScope {
    DebugScope(LLVMDIBuilderCreateLexicalBlockFile(ref, scope.ref, file, 0)!)
  }
}

/// A `DIType`: the source-level type debug info gives a variable or a member, with what it says of
/// the bytes of a value of that type.
public struct DebugType: Hashable {
  public let ref: LLVMMetadataRef
  public init(_ ref: LLVMMetadataRef) { self.ref = ref }

  /// What one scalar of a type holds.
  public enum LeafKind: Equatable {
    case integer, floatingPoint, pointer
    /// Bytes the type says no one thing of: a union's, a member pointer's.
    case opaque
  }

  /// One scalar of a type: `size` bits at bit `offset` from the type's start.
  public struct Leaf: Equatable {
    public let offset: Int
    public let size: Int
    public let kind: LeafKind
  }

  /// The type of the memory `pointer` points to, as the debug records of its function declare it
  /// (`swadDeclaredPointeeType`): a variable living there, or a pointer variable whose value it is.
  public static func declaredPointee(of pointer: Value) -> DebugType? {
    swadDeclaredPointeeType(pointer.ref).map(DebugType.init)
  }

  /// The type a pointer, reference or one-pointer class (an iterator) of this type points to.
  public var pointee: DebugType? { swadDebugTypePointee(ref).map(DebugType.init) }

  /// The size of a value in bits (0 when unknown).
  public var sizeInBits: Int { Int(swadDebugTypeSizeInBits(ref)) }

  /// The scalars overlapping bits `bits`, in order; nil when part of that window is not described
  /// (a type only declared, an array of unknown length).
  public func leaves(overlapping bits: Range<Int>) -> [Leaf]? {
    var capacity = 16
    while true {
      var buffer = [SwadDebugLeaf](repeating: SwadDebugLeaf(), count: capacity)
      let count = Int(
        swadDebugTypeLeaves(ref, UInt64(bits.lowerBound), UInt64(bits.upperBound), &buffer, UInt64(capacity)))
      guard count >= 0 else { return nil }
      guard count > capacity else {
        return buffer.prefix(count).map { leaf in
          let kind: LeafKind =
            switch leaf.Kind {
            case SwadDebugLeafInteger: .integer
            case SwadDebugLeafFloat: .floatingPoint
            case SwadDebugLeafPointer: .pointer
            default: .opaque
            }
          return Leaf(offset: Int(leaf.OffsetInBits), size: Int(leaf.SizeInBits), kind: kind)
        }
      }
      capacity = count
    }
  }
}

extension DebugType {
  /// How a value of a type is passed to a function, as far as the type says (`swadDebugTypePassing`).
  public enum Passing {
    /// One value: an integer, a floating-point value, a pointer.
    case scalar
    /// A record, an array or a complex number, by value.
    case aggregate
    /// A C++ class passed by an invisible reference (one that is not trivially copyable).
    case byReference
    case unknown
  }

  public var passing: Passing {
    switch swadDebugTypePassing(ref) {
    case SwadDebugPassingScalar: .scalar
    case SwadDebugPassingAggregate: .aggregate
    case SwadDebugPassingByReference: .byReference
    default: .unknown
    }
  }
}

extension Function {
  /// The debug-info types of the function's source-level parameters, as its subprogram's type lists
  /// them (an implicit `this` included); nil without a subprogram, or for a variadic function.
  public var sourceParameterTypes: [DebugType]? {
    var capacity = 8
    while true {
      var buffer = [LLVMMetadataRef?](repeating: nil, count: capacity)
      let count = Int(swadSubprogramParameterTypes(ref, &buffer, UInt64(capacity)))
      guard count >= 0 else { return nil }
      guard count > capacity else { return buffer.prefix(count).compactMap { $0.map(DebugType.init) } }
      capacity = count
    }
  }
}
