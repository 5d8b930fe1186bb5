// Copies of a record through a temporary that SROA cut in two, joined again before AD.
import CLLVM
import LLVMBinding

/// libstdc++'s `vector::insert(pos, const T&)` and `emplace` keep the new element in a
/// `_Temporary_value`, a union whose constructor writes its first byte (`_M_byte = 0`) before the
/// element is copied over it. That byte store makes SROA cut the temporary at byte 1: the copy in
/// becomes `load i8` of the record's first byte and a `memcpy` of the other 15 into a `[15 x i8]`
/// slot, the copy out a `store i8` and a `memcpy` back. For `{double w; char c}` (or `{float f;
/// double w}`, `{const double *p; double w}`) the first byte is a piece of the double (or float,
/// or pointer): no adjoint moves back in pieces, and with nothing in the function to say the bytes
/// were a double's, the gradient through the inserted element was silently garbage.
///
/// The two halves are the one copy they were: where the piece is loaded only to be stored, next to
/// the copies of the rest with nothing between that touches the memory, the temporary becomes a
/// slot for the whole record again, copied in and out whole, which every later analysis follows
/// like any record's copy.
enum SplitCopies {
  static func join(in function: Function, module: Module, builder: Builder) {
    guard let entry = function.blocks.first else { return }
    for slot in entry.instructions where slot.opcode == LLVMAlloca {
      guard let split = Split(slot: slot, module: module) else { continue }
      split.join(module: module, builder: builder)
    }
  }

  /// A temporary cut at `headSize` bytes: the head loaded from `source` and stored to
  /// `destination`, the rest copied in from and out to the bytes after them.
  private struct Split {
    let slot: Instruction
    let headLoad: Instruction
    let headStore: Instruction
    let copyIn: Instruction
    let copyOut: Instruction
    let headSize: Int
    let restSize: Int

    init?(slot: Instruction, module: Module) {
      let dataLayout = LLVMGetModuleDataLayout(module.ref)!
      let restSize = Int(module.allocSize(of: slot.allocatedType))
      var copyIn: Instruction?
      var copyOut: Instruction?
      for user in slot.value.users {
        guard let call = user.asInstruction, call.isCall, let name = call.calledFunction?.name else { return nil }
        if name.hasPrefix("llvm.lifetime") { continue }
        guard name.hasPrefix("llvm.memcpy"), call.arguments.count >= 4,
          call.arguments[2].constantInt == Int64(restSize), call.arguments[3].constantInt == 0
        else { return nil }
        if call.arguments[0] == slot.value, call.arguments[1] != slot.value, copyIn == nil {
          copyIn = call
        } else if call.arguments[1] == slot.value, call.arguments[0] != slot.value, copyOut == nil {
          copyOut = call
        } else {
          return nil
        }
      }
      // The rest's places: a constant number of bytes after the head's.
      guard let copyIn, let copyOut,
        let (source, sourceOffset) = Self.base(of: copyIn.arguments[1], dataLayout),
        let (destination, destinationOffset) = Self.base(of: copyOut.arguments[0], dataLayout),
        sourceOffset == destinationOffset, (1...8).contains(sourceOffset)
      else { return nil }
      let headSize = sourceOffset
      // The head: loaded from the source's first bytes only to be stored to the destination's.
      guard
        let headLoad = source.users.lazy.compactMap(\.asInstruction).first(where: { load in
          load.opcode == LLVMLoad && !load.isVolatile && load.operand(0) == source && load.type.isInteger
            && load.type.integerWidth == UInt32(8 * headSize) && load.parent == copyIn.parent
        }),
        headLoad.value.users.count == 1, let headStore = headLoad.value.users.first?.asInstruction,
        headStore.opcode == LLVMStore, !headStore.isVolatile, headStore.operand(0) == headLoad.value,
        headStore.operand(1) == destination, headStore.parent == copyOut.parent,
        Self.nothingTouchesMemory(between: headLoad, and: copyIn, allowingLoads: true),
        Self.nothingTouchesMemory(between: headStore, and: copyOut, allowingLoads: false)
      else { return nil }
      self.slot = slot
      self.headLoad = headLoad
      self.headStore = headStore
      self.copyIn = copyIn
      self.copyOut = copyOut
      self.headSize = headSize
      self.restSize = restSize
    }

    /// One slot for the whole record, copied in where the later of the head's load and the rest's
    /// copy was, and out where the later of the head's store and the rest's copy was.
    func join(module: Module, builder: Builder) {
      let context = module.context
      let i64 = IRType.int(64, in: context)
      let length = Value.constInt(i64, Int64(headSize + restSize))
      let source = headLoad.operand(0)
      let destination = headStore.operand(1)
      builder.position(before: slot)
      let whole = builder.alloca(.array(of: .int(8, in: context), count: UInt64(headSize + restSize)))
      whole.asInstruction!.alignment = max(slot.alignment, headLoad.alignment)
      builder.position(before: Self.later(headLoad, copyIn).next!)
      let joinedIn = builder.memcpy(whole, source, length: length, alignment: headLoad.alignment).asInstruction!
      joinedIn.debugLocation = copyIn.debugLocation
      builder.position(before: Self.later(headStore, copyOut).next!)
      let joinedOut = builder.memcpy(
        destination, whole, length: length, alignment: min(headStore.alignment, slot.alignment)
      ).asInstruction!
      joinedOut.debugLocation = copyOut.debugLocation
      if let fields = wholeFields(context: context) {
        for copy in [joinedIn, joinedOut] { copy.setMetadata("tbaa.struct", fields, context: context) }
      }
      for instruction in [copyOut, headStore, copyIn, headLoad] { instruction.eraseFromParent() }
      // The lifetime markers that remain now bound the whole record's slot.
      slot.value.replaceAllUses(with: whole)
      slot.eraseFromParent()
    }

    /// The rest's field description (`!tbaa.struct`) for the whole record: its fields after the
    /// head, the one SROA cut (the first, 7 bytes of a double or a pointer) whole again. clang's
    /// description is all that says where a `{const double *p; double w}` keeps its pointer when
    /// the function only moves it.
    private func wholeFields(context: Context) -> LLVMMetadataRef? {
      guard let node = LLVMGetMetadata(copyIn.ref, LLVMGetMDKindID("tbaa.struct", 11)) else { return nil }
      let operands = MetadataOperands.of(node)
      guard !operands.isEmpty, operands.count % 3 == 0 else { return nil }
      let i64 = LLVMInt64TypeInContext(context.ref)
      var fields: [LLVMMetadataRef?] = []
      for index in stride(from: 0, to: operands.count, by: 3) {
        guard let offsetValue = operands[index], let sizeValue = operands[index + 1],
          LLVMIsAConstantInt(offsetValue) != nil, LLVMIsAConstantInt(sizeValue) != nil, let tag = operands[index + 2]
        else { return nil }
        var offset = Int64(LLVMConstIntGetZExtValue(offsetValue)) + Int64(headSize)
        var size = Int64(LLVMConstIntGetZExtValue(sizeValue))
        // The cut field: what was left of a double, a float or a pointer after the head.
        if offset == Int64(headSize),
          let field = CopiedStructs.fieldType(tag: tag, size: size + Int64(headSize), context: context),
          field.isFloatingPoint || field.isPointer
        {
          offset = 0
          size += Int64(headSize)
        }
        fields += [
          LLVMValueAsMetadata(LLVMConstInt(i64, UInt64(offset), 0)),
          LLVMValueAsMetadata(LLVMConstInt(i64, UInt64(size), 0)), LLVMValueAsMetadata(tag),
        ]
      }
      return fields.withUnsafeMutableBufferPointer {
        LLVMMDNodeInContext2(context.ref, $0.baseAddress, $0.count)
      }
    }

    /// `pointer` as a base and the constant number of bytes a `getelementptr` adds to it.
    private static func base(of pointer: Value, _ dataLayout: LLVMTargetDataRef) -> (Value, Int)? {
      guard let gep = pointer.asInstruction, gep.opcode == LLVMGetElementPtr,
        let offset = StackSlots.constantOffset(of: gep, dataLayout)
      else { return nil }
      return (gep.operand(0), offset)
    }

    /// Whether the instructions strictly between `a` and `b` (one block) neither write memory, nor,
    /// unless `allowingLoads`, read it: address arithmetic and lifetime markers.
    private static func nothingTouchesMemory(between a: Instruction, and b: Instruction, allowingLoads: Bool)
      -> Bool
    {
      let (first, last) = later(a, b) == b ? (a, b) : (b, a)
      var current = first.next
      while let instruction = current, instruction != last {
        switch instruction.opcode {
        case LLVMGetElementPtr, LLVMBitCast, LLVMPtrToInt, LLVMAdd, LLVMSub: break
        case LLVMLoad where allowingLoads && !instruction.isVolatile: break
        case LLVMCall:
          let name = instruction.calledFunction?.name ?? ""
          guard name.hasPrefix("llvm.lifetime") || name.hasPrefix("llvm.dbg") else { return false }
        default: return false
        }
        current = instruction.next
      }
      return current != nil
    }

    /// The later of two instructions of one block.
    private static func later(_ a: Instruction, _ b: Instruction) -> Instruction { a.precedes(b) ? b : a }
  }
}
