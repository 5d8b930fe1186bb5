// Generic metadata: the nodes attached to instructions by kind (`!llvm.loop`, ...), their operands,
// and the self-referential nodes loop IDs are.
import CLLVM

extension Instruction {
  /// The metadata node attached as `kind` (`"llvm.loop"`, ...).
  public func metadata(_ kind: String) -> LLVMMetadataRef? {
    let node: LLVMValueRef? = LLVMGetMetadata(ref, kindID(kind))
    return node.flatMap { LLVMValueAsMetadata($0) }
  }

  public func setMetadata(_ kind: String, _ node: LLVMMetadataRef, context: Context) {
    LLVMSetMetadata(ref, kindID(kind), LLVMMetadataAsValue(context.ref, node))
  }

  public func removeMetadata(_ kind: String) {
    LLVMSetMetadata(ref, kindID(kind), nil)
  }

  /// The ID of the metadata kind `kind` in the instruction's context: LLVM's own kinds have the same
  /// ID in every context, a new kind (`swad.…`) only in the one that registered it.
  private func kindID(_ kind: String) -> UInt32 {
    LLVMGetMDKindIDInContext(LLVMGetTypeContext(LLVMTypeOf(ref)), kind, UInt32(kind.utf8.count))
  }
}

/// Generic metadata nodes (`!{...}`), for the few that swad rebuilds.
public enum MetadataNode {
  /// The operands of `node` (nil for null operands).
  public static func operands(of node: LLVMMetadataRef, context: Context) -> [LLVMMetadataRef?] {
    let value = LLVMMetadataAsValue(context.ref, node)
    var operands = [LLVMValueRef?](repeating: nil, count: Int(LLVMGetMDNodeNumOperands(value)))
    operands.withUnsafeMutableBufferPointer { LLVMGetMDNodeOperands(value, $0.baseAddress) }
    return operands.map { operand -> LLVMMetadataRef? in operand.flatMap { LLVMValueAsMetadata($0) } }
  }

  /// The uniqued node `!{operands...}`.
  public static func tuple(_ operands: [LLVMMetadataRef?], context: Context) -> LLVMMetadataRef {
    var all = operands
    return all.withUnsafeMutableBufferPointer { LLVMMDNodeInContext2(context.ref, $0.baseAddress, $0.count) }!
  }

  /// The metadata string `!"text"`.
  public static func string(_ text: String, context: Context) -> LLVMMetadataRef {
    LLVMMDStringInContext2(context.ref, text, text.utf8.count)!
  }

  /// The constant `i32 value` as metadata (`!{!"llvm.loop.unroll.count", i32 4}`'s second operand).
  public static func int32(_ value: Int, context: Context) -> LLVMMetadataRef {
    LLVMValueAsMetadata(LLVMConstInt(LLVMInt32TypeInContext(context.ref), UInt64(value), 0))
  }

  /// The constant `i1 value` as metadata (`!{!"llvm.loop.vectorize.enable", i1 false}`'s second operand).
  public static func int1(_ value: Bool, context: Context) -> LLVMMetadataRef {
    LLVMValueAsMetadata(LLVMConstInt(LLVMInt1TypeInContext(context.ref), value ? 1 : 0, 0))
  }

  /// The text of `metadata` when it is a string (`!"text"`).
  public static func stringValue(of metadata: LLVMMetadataRef, context: Context) -> String? {
    var length: UInt32 = 0
    guard let chars = LLVMGetMDString(LLVMMetadataAsValue(context.ref, metadata), &length) else { return nil }
    return String(decoding: UnsafeRawBufferPointer(start: chars, count: Int(length)), as: UTF8.self)
  }

  /// The string that starts `metadata` when it is a node whose first operand is one: the name of a
  /// loop property (`!{!"llvm.loop.mustprogress"}`) or of a tag.
  public static func leadingString(of metadata: LLVMMetadataRef, context: Context) -> String? {
    guard LLVMIsAMDNode(LLVMMetadataAsValue(context.ref, metadata)) != nil,
      let first = operands(of: metadata, context: context).first ?? nil
    else { return nil }
    return stringValue(of: first, context: context)
  }

  /// A new distinct node whose first operand is the node itself, followed by `operands`: the shape
  /// of a loop ID (`!llvm.loop`).
  public static func selfReferential(_ operands: [LLVMMetadataRef?], context: Context) -> LLVMMetadataRef {
    // A uniqued node whose operand is replaced by the node itself becomes distinct.
    let placeholder = LLVMTemporaryMDNode(context.ref, nil, 0)!
    var all = [placeholder] + operands
    let node = all.withUnsafeMutableBufferPointer {
      LLVMMDNodeInContext2(context.ref, $0.baseAddress, $0.count)
    }!
    LLVMMetadataReplaceAllUsesWith(placeholder, node)
    return node
  }
}
