// Copies of one record's length into and out of the same memory, typed by the one that declares it.
//
// Unoptimized C++ sorting a `std::vector` of `{int id; const double *src; double gain}` records
// moves them with 24-byte memcpys, none tagged: into a temporary (`R val = std::move(*i)`, a stack
// slot declared `%struct.R`), out of it, and from one element to the next (`*last = std::move(*next)`,
// between two loop pointers into the vector that declare nothing). The accesses the function makes
// to the vector's memory at offsets nothing pins (the comparator's reads of `gain`) said "doubles"
// for the copies between elements: the pointers' shadows stayed behind and the gradient was
// silently wrong. The copies are of one kind of record: the temporary's declared type says what it
// is, for every copy of that length that moves the same memory.
import CLLVM
import LLVMBinding

extension CopiedStructs {
  /// The layout of a constant-length copy as the declared types of the copies of the same length
  /// that move the same memory lay it out (`declaredLayoutOfCopiedRange` of each, the copy's own
  /// included), when they agree and the record holds both pointers and floating-point values (what
  /// no scan of accesses at unknown offsets can tell apart); nil otherwise.
  /// `laidOut` says what else lays out a copy of the group (a caller's hint for the memory it
  /// copies from: `v.insert(v.begin(), r)` moves the last record to the new end with a copy between
  /// two loads of `end`, and copies `r`, which the caller built, into the hole).
  static func declaredLayoutOfRelatedCopies(
    _ call: Instruction, in blocks: [BasicBlock], module: Module, laidOut: ((Instruction) -> IRType?)? = nil
  )
    -> IRType?
  {
    guard call.arguments.count >= 3 else { return nil }
    guard let length = call.arguments[2].constantInt else {
      return recordOfRelatedCopies(call, in: blocks, module: module)
    }
    guard length > 0 else { return nil }
    let copies = memoryCopies(in: blocks).filter { $0.arguments[2].constantInt == length }
    // The group: copies linked to this one through the memory their sides reach, to a fixpoint (the
    // temporary links the array to itself).
    var roots = memoryRoots(of: call)
    var group: [Instruction] = [call]
    var remaining = Array(copies.filter { $0 != call })
    var grew = true
    while grew {
      grew = false
      remaining.removeAll { copy in
        let reached = memoryRoots(of: copy)
        guard !reached.isDisjoint(with: roots) else { return false }
        roots.formUnion(reached)
        group.append(copy)
        grew = true
        return true
      }
    }
    // The declared types first; what else lays out a copy only where none declares anything.
    let declared = agreedLayout(of: group, module: module) { declaredLayoutOfCopiedRange($0, module: module) }
    guard let found = declared ?? laidOut.flatMap({ agreedLayout(of: group, module: module, by: $0) }),
      found.containsPointer, found.containsFloatingPoint
    else { return nil }
    return found
  }

  /// The layout the copies of `group` agree on as `layout` lays each out (those it says nothing of
  /// aside); nil when none says anything or two disagree.
  private static func agreedLayout(
    of group: [Instruction], module: Module, by layout: (Instruction) -> IRType?
  ) -> IRType? {
    var found: IRType?
    for copy in group {
      guard let laidOut = layout(copy), laidOut.containsPointer || laidOut.containsFloatingPoint else {
        continue
      }
      if let known = found, leaves(of: known, module: module) != leaves(of: laidOut, module: module) {
        return nil
      }
      found = found ?? laidOut
    }
    return found
  }

  /// The pointer and floating-point leaves of a layout at their offsets: what two layouts of one
  /// record (one with its integer fields, one with bytes there) agree on.
  private static func leaves(of layout: IRType, module: Module) -> [String] {
    (MemoryTypes.floatLeaves(of: layout, module: module)
      + MemoryTypes.pointerLeaves(of: layout, module: module))
      .sorted { $0.0 < $1.0 }.map { "\($0.0) \($0.1)" }
  }

  /// A copy of run-time length (`std::move_backward` of records in an insertion sort, one memmove)
  /// as the record that the copies of one record's length moving the same memory declare (a
  /// temporary of the record's type), when they agree on one that holds both pointers and
  /// floating-point values and each side of the copy lies a whole number of records from where
  /// its memory is known to start.
  private static func recordOfRelatedCopies(_ call: Instruction, in blocks: [BasicBlock], module: Module)
    -> IRType?
  {
    let roots = memoryRoots(of: call)
    var found: IRType?
    for copy in memoryCopies(in: blocks) where copy != call {
      guard let length = copy.arguments[2].constantInt, length > 0,
        !memoryRoots(of: copy).isDisjoint(with: roots),
        let declared = declaredLayoutOfCopiedRange(copy, module: module),
        declared.containsPointer, declared.containsFloatingPoint,
        module.allocSize(of: declared) == length
      else { continue }
      if let known = found, leaves(of: known, module: module) != leaves(of: declared, module: module) {
        return nil
      }
      found = found ?? declared
    }
    guard let found else { return nil }
    let size = Int(module.allocSize(of: found))
    let dataLayout = LLVMGetModuleDataLayout(module.ref)!
    for side in call.arguments.prefix(2) {
      guard case (_, let offset?) = CopiedBytes.base(of: side, dataLayout), offset % size == 0 else {
        return nil
      }
    }
    return found
  }

  /// The memcpy and memmove calls of `blocks`.
  private static func memoryCopies(in blocks: [BasicBlock]) -> [Instruction] {
    blocks.flatMap(\.instructions).filter { copy in
      guard copy.isCall, let callee = copy.calledFunction else { return false }
      return callee.name.hasPrefix("llvm.memcpy") || callee.name.hasPrefix("llvm.memmove")
    }
  }

  /// The objects a copy's two sides point into: through address arithmetic, casts, and the choices
  /// of phis and selects (a loop's pointer stepping through an array reaches the array's start).
  private static func memoryRoots(of copy: Instruction) -> Set<Value> {
    var roots: Set<Value> = []
    var seen: Set<Value> = []
    var work = Array(copy.arguments.prefix(2))
    while let pointer = work.popLast() {
      guard seen.insert(pointer).inserted else { continue }
      guard let instruction = pointer.asInstruction else {
        if !pointer.isConstant { roots.insert(pointer) }
        continue
      }
      switch instruction.opcode {
      case LLVMGetElementPtr, LLVMBitCast, LLVMAddrSpaceCast:
        work.append(instruction.operand(0))
      case LLVMPHI:
        work += instruction.incoming.map(\.value)
      case LLVMSelect:
        work += [instruction.operand(1), instruction.operand(2)]
      case LLVMLoad:
        // A pointer loaded from a field of an object (a vector's `begin` or `end`) reaches the
        // memory the object's other pointer fields do.
        roots.insert(pointer)
        let dataLayout = LLVMGetModuleDataLayout(LLVMGetGlobalParent(instruction.function.ref))!
        if case (let holder, _?) = CopiedBytes.base(of: instruction.operand(0), dataLayout) {
          roots.insert(holder)
        }
      default:
        roots.insert(pointer)
      }
    }
    return roots
  }
}
