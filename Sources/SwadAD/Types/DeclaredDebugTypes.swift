// What the source's own types, as debug info declares them, say of the bytes a copy moves.
//
// Optimized C++ moves the trivially copyable members of a record beside a `std::string` with one
// `memcpy` of their bytes (`{std::string id; double v; int k}` copies `v` and `k` as 12 bytes at
// offset 32), in a helper (`std::__do_uninit_copy`, `_M_realloc_insert`) whose only other accesses
// are the string's pointer and length. No access says what the 12 bytes are; the memory's first
// access, the string's pointer, was taken for them and the double's adjoint stayed in the copy
// (the gradient was silently 0). With `-g` the records of the helper declare its pointers `Rec *`,
// and the type's members say where the double is.
import CLLVM
import LLVMBinding

enum DeclaredDebugTypes {
  /// The bytes a memcpy or memmove `call` moves, as the debug-info type declared for the memory on
  /// each side lays them out (a packed struct of the copied floating-point values and pointers,
  /// other bytes as bytes), when the sides that say something agree and no copied byte lies in a
  /// union, in an array of bytes or in a scalar only partly copied. For a copy of whole values of
  /// the type (by a constant length, or by a run-time length from a value's start: a merge moving
  /// records of unoptimized `std::stable_sort`), the type's layout, which the copy repeats.
  static func layoutOfCopiedRange(_ call: Instruction, module: Module) -> IRType? {
    // (A module without debug info, a benchmark's, asks no record.)
    guard module.hasDebugInfo else { return nil }
    let length = call.arguments[2].constantInt.map { Int($0) }
    guard length ?? 1 > 0 else { return nil }
    var found: IRType?
    for side in call.arguments.prefix(2) {
      guard let (type, offset) = declaredPointee(of: side, LLVMGetModuleDataLayout(module.ref)!, depth: 4),
        let layout = layout(of: type, from: offset, length: length, module: module)
      else { continue }
      if let earlier = found, earlier != layout { return nil }
      found = layout
    }
    guard let found, found.containsFloatingPoint || found.containsPointer else { return nil }
    return found
  }

  /// The declared type of the memory `pointer` points into and the byte offset it is at there: the
  /// records of its own value, else through constant `getelementptr`s and casts to a pointer that
  /// has them, else the pointee of the type declared for the memory it was loaded from (unoptimized
  /// code keeps a `Rec *` in a stack slot of that type).
  static func declaredPointee(of pointer: Value, _ dataLayout: LLVMTargetDataRef, depth: Int) -> (
    DebugType, Int
  )? {
    if let type = DebugType.declaredPointee(of: pointer) { return (type, 0) }
    guard depth > 0, let instruction = pointer.asInstruction else { return nil }
    switch instruction.opcode {
    case LLVMGetElementPtr:
      guard let bytes = StackSlots.constantOffset(of: instruction, dataLayout),
        let (type, offset) = declaredPointee(of: instruction.operand(0), dataLayout, depth: depth - 1)
      else { return nil }
      return (type, offset + bytes)
    case LLVMBitCast, LLVMAddrSpaceCast:
      return declaredPointee(of: instruction.operand(0), dataLayout, depth: depth - 1)
    case LLVMLoad:
      guard instruction.type.isPointer,
        let (slot, offset) = declaredPointee(of: instruction.operand(0), dataLayout, depth: depth - 1),
        offset == 0, let pointee = slot.pointee
      else { return nil }
      return (pointee, 0)
    default:
      return nil
    }
  }

  /// Whether the debug-info type declared for the memory `load` reads has one integer scalar
  /// exactly there (a `uintptr_t` field holding a child's address beside a `double`), not a
  /// union's bytes nor part of a floating-point value.
  static func declaresInteger(at load: Instruction) -> Bool {
    let dataLayout = LLVMGetModuleDataLayout(LLVMGetGlobalParent(load.function.ref))!
    let bits = Int(LLVMSizeOfTypeInBits(dataLayout, load.type.ref))
    guard let (type, offset) = declaredPointee(of: load.operand(0), dataLayout, depth: 4),
      case let size = type.sizeInBits, size > 0,
      case let start = offset * 8 % size,
      let leaves = type.leaves(overlapping: start..<start + bits)
    else { return false }
    return leaves.count == 1 && leaves[0].kind == .integer && leaves[0].offset == start
      && leaves[0].size == bits
  }

  /// The `length` bytes of `type` from byte `offset` (taken within one value of the type: an offset
  /// past its end is one into a later element of an array of them) as a packed struct; the whole
  /// type when the copy starts at a value's start and moves whole values (a length only known at
  /// run time, nil, is taken for a number of them).
  private static func layout(of type: DebugType, from offset: Int, length: Int?, module: Module) -> IRType? {
    let size = type.sizeInBits / 8
    guard size > 0, type.sizeInBits % 8 == 0, offset >= 0 else { return nil }
    let start = offset % size
    let window: Int
    guard let length else {
      guard start == 0 else { return nil }
      return layout(of: type, from: 0, length: size, module: module)
    }
    if start == 0, length % size == 0 {
      window = size
    } else if start + length <= size {
      window = length
    } else {
      return nil
    }
    guard let leaves = type.leaves(overlapping: start * 8..<(start + window) * 8) else { return nil }
    var fields: [(Int, IRType)] = []
    for leaf in leaves {
      // Integers (bit fields among them, partly copied or not) move no adjoint and hold no shadow.
      if leaf.kind == .integer { continue }
      // Bytes of a union or of a byte array, or a value only partly copied: the copy's bytes are
      // not one thing each.
      guard leaf.kind != .opaque, leaf.offset % 8 == 0, leaf.offset >= start * 8,
        leaf.offset + leaf.size <= (start + window) * 8, let scalar = scalarType(leaf, module: module)
      else { return nil }
      fields.append((leaf.offset / 8 - start, scalar))
    }
    return CopiedStructs.packedLayout(fields, length: window, module: module)
  }

  /// The IR type of a declared pointer or floating-point scalar.
  private static func scalarType(_ leaf: DebugType.Leaf, module: Module) -> IRType? {
    let context = module.context
    switch leaf.kind {
    case .pointer: return leaf.size == 64 ? .pointer(in: context) : nil
    case .integer, .opaque: return nil
    case .floatingPoint:
      switch leaf.size {
      case 32: return .float(in: context)
      case 64: return .double(in: context)
      // `long double`: the x87 format in 16 bytes.
      case 128 where module.allocSize(of: .x86FP80(in: context)) == 16: return .x86FP80(in: context)
      default: return nil
      }
    }
  }
}
