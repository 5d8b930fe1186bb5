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
/// like any record's copy. `vector::insert(pos, n, value)` and `resize(n, value)` copy the one
/// temporary out to each new element (`{char c; double w}`'s `c` stored and the other 15 bytes
/// copied, in a loop): each such pair becomes a copy of the whole record.
enum SplitCopies {
  static func join(in function: Function, module: Module, builder: Builder) {
    guard let entry = function.blocks.first else { return }
    for slot in entry.instructions where slot.opcode == LLVMAlloca {
      guard let split = Split(slot: slot, module: module) else { continue }
      split.join(module: module, builder: builder)
    }
  }

  /// A temporary cut at `headSize` bytes: the head loaded from `source` and stored to each
  /// destination, the rest copied in from and out to the bytes after them.
  private struct Split {
    let slot: Instruction
    let headLoad: Instruction
    /// Each copy out of the rest with the store of the head beside it.
    let copiesOut: [(headStore: Instruction, copyOut: Instruction)]
    let copyIn: Instruction
    let headSize: Int
    let restSize: Int

    init?(slot: Instruction, module: Module) {
      let dataLayout = LLVMGetModuleDataLayout(module.ref)!
      let restSize = Int(module.allocSize(of: slot.allocatedType))
      var copyIn: Instruction?
      var copiesOut: [Instruction] = []
      for user in slot.value.users {
        guard let call = user.asInstruction, call.isCall, let name = call.calledFunction?.name else { return nil }
        if name.hasPrefix("llvm.lifetime") { continue }
        guard name.hasPrefix("llvm.memcpy"), call.arguments.count >= 4,
          call.arguments[2].constantInt == Int64(restSize), call.arguments[3].constantInt == 0
        else { return nil }
        if call.arguments[0] == slot.value, call.arguments[1] != slot.value, copyIn == nil {
          copyIn = call
        } else if call.arguments[1] == slot.value, call.arguments[0] != slot.value {
          copiesOut.append(call)
        } else {
          return nil
        }
      }
      // The head: loaded, in the rest's copy's block, from the bytes just before the rest's source,
      // only to be stored to the bytes just before each destination.
      guard let copyIn, !copiesOut.isEmpty else { return nil }
      let (source, sourceOffset) = Self.place(of: copyIn.arguments[1], dataLayout)
      guard
        let headLoad = copyIn.parent.instructions.first(where: { load in
          guard load.opcode == LLVMLoad, !load.isVolatile, load.type.isInteger,
            case let width = Int(load.type.integerWidth), width % 8 == 0, (1...8).contains(width / 8)
          else { return false }
          let (base, offset) = Self.place(of: load.operand(0), dataLayout)
          return base == source && offset + width / 8 == sourceOffset
        }),
        case let headSize = Int(headLoad.type.integerWidth) / 8,
        headLoad.value.users.count == copiesOut.count,
        Self.nothingTouchesMemory(between: headLoad, and: copyIn, allowingLoads: true)
      else { return nil }
      // Each copy out of the rest with the head's store to the bytes before it, beside it in its
      // block (an unrolled fill stores to `p`, `p + 16`, ... and copies to `p + 1`, `p + 17`, ...).
      var paired: [(headStore: Instruction, copyOut: Instruction)] = []
      var stores = headLoad.value.users.compactMap { $0.asInstruction }
      for copyOut in copiesOut {
        let (destination, offset) = Self.place(of: copyOut.arguments[0], dataLayout)
        guard
          let index = stores.firstIndex(where: { store in
            guard store.opcode == LLVMStore, !store.isVolatile, store.operand(0) == headLoad.value,
              store.parent == copyOut.parent
            else { return false }
            let (base, at) = Self.place(of: store.operand(1), dataLayout)
            return base == destination && at + headSize == offset
              && Self.nothingTouchesMemory(between: store, and: copyOut, allowingLoads: false)
          })
        else { return nil }
        paired.append((stores.remove(at: index), copyOut))
      }
      self.slot = slot
      self.headLoad = headLoad
      self.copiesOut = paired
      self.copyIn = copyIn
      self.headSize = headSize
      self.restSize = restSize
    }

    /// One slot for the whole record, copied in where the later of the head's load and the rest's
    /// copy was, and out where the later of each head's store and the rest's copy beside it was.
    func join(module: Module, builder: Builder) {
      let context = module.context
      let i64 = IRType.int(64, in: context)
      let length = Value.constInt(i64, Int64(headSize + restSize))
      let source = headLoad.operand(0)
      builder.position(before: slot)
      let whole = builder.alloca(.array(of: .int(8, in: context), count: UInt64(headSize + restSize)))
      whole.asInstruction!.alignment = max(slot.alignment, headLoad.alignment)
      builder.position(before: Self.later(headLoad, copyIn).next!)
      let joinedIn = builder.memcpy(whole, source, length: length, alignment: headLoad.alignment).asInstruction!
      joinedIn.debugLocation = copyIn.debugLocation
      var joined = [joinedIn]
      for (headStore, copyOut) in copiesOut {
        builder.position(before: Self.later(headStore, copyOut).next!)
        let joinedOut = builder.memcpy(
          headStore.operand(1), whole, length: length, alignment: min(headStore.alignment, slot.alignment)
        ).asInstruction!
        joinedOut.debugLocation = copyOut.debugLocation
        joined.append(joinedOut)
      }
      if let fields = wholeFields(context: context) {
        for copy in joined { copy.setMetadata("tbaa.struct", fields, context: context) }
      }
      for (headStore, copyOut) in copiesOut {
        copyOut.eraseFromParent()
        headStore.eraseFromParent()
      }
      for instruction in [copyIn, headLoad] { instruction.eraseFromParent() }
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
      return MetadataNode.tuple(fields, context: context)
    }

    /// `pointer` as a base and the constant number of bytes a `getelementptr` adds to it (0 for
    /// a pointer that is no such `getelementptr`).
    private static func place(of pointer: Value, _ dataLayout: LLVMTargetDataRef) -> (Value, Int) {
      guard let gep = pointer.asInstruction, gep.opcode == LLVMGetElementPtr,
        let offset = StackSlots.constantOffset(of: gep, dataLayout)
      else { return (pointer, 0) }
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
