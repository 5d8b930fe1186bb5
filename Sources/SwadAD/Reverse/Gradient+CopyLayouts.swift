// Reverse mode: what a copy of memory moves (its floating-point values and its pointers, byte by
// byte), worked out from the copy's own accesses, the declared types, the records around it and
// the caller's hints, and the checks that refuse a copy no layout can be trusted for.
import CLLVM
import LLVMBinding

extension GradientEmitter {
  /// The type of the elements held in the memory that `pointers` reach: from the loads, stores and
  /// GEPs of the function that use the same underlying objects (a struct when elements are structs),
  /// else from the caller's hint for a parameter; double when nothing says.
  func floatTypeOfMemory(reachedBy pointers: [Value]) -> IRType {
    inferredTypeOfMemory(reachedBy: pointers) ?? IRType.double(in: module.context)
  }

  /// What a memcpy `call` without `!tbaa.struct` moves: the accesses of this function to the copied
  /// range when they say pointers only or floats only (`CopiedStructs.accessesInCopiedRange`; laid
  /// out when the floats do not start at multiples of their size from the copy's start), their
  /// layout when they say both at distinct offsets (`CopiedStructs.layoutOfCopiedRange`; the forward
  /// sweep refuses a copy whose accesses disagree), records at run-time offsets as all their
  /// accesses lay them out modulo their size (`CopiedStructs.periodicLayoutOfCopiedRange`, before
  /// the accesses near the copy, which may show only some fields), else the element type of the
  /// memory as a whole (`inferredTypeOfMemory`), or the integers the function indexes by (`MemoryTypes.indexType`).
  func copiedRangeType(_ call: Instruction) -> IRType? {
    let range = CopiedStructs.accessesInCopiedRange(call, in: blocks, module: module)
    if let indexed = indexedLayoutAgreeingWithAccesses(call) { return indexed }
    if let declared = debugLayoutAgreeingWithAccesses(call) { return declared }
    // A copy of run-time length moves whole records where a side's declared type says one starts:
    // its accesses anywhere in the memory say only that some bytes are pointers and some floats.
    if call.arguments[2].constantInt == nil,
      let record = CopiedStructs.declaredLayoutOfCopiedRange(call, module: module)
        ?? localRecordOfVariableCopy(call)
    {
      return record
    }
    // A Swift specialization moving its elements by index (a `removeFirst()`'s shift down), where
    // the element type its runtime calls name is all that types them.
    if call.arguments[2].constantInt == nil, UntypedCopies.isSwift(original),
      let element = CopiedStructs.swiftElementLayoutOfCopiedRange(call, module: module)
    {
      return element
    }
    // Records holding pointers beside floating-point values, as a copy moving the same memory
    // declares them (a temporary in a sort): the accesses cannot tell those bytes apart.
    if let related = CopiedStructs.declaredLayoutOfRelatedCopies(
      call, in: blocks, module: module, laidOut: hintedLayoutOfCopiedRange)
    {
      return related
    }
    // Records at run-time places (an array's elements swapped or merged by a sort), laid out by
    // every access to them modulo their size: the accesses near the copy may show only some fields.
    if let periodic = CopiedStructs.periodicLayoutOfCopiedRange(
      call, in: blocks, module: module, swift: UntypedCopies.isSwift(original))
    {
      return periodic
    }
    if let float = range.float, !range.pointer {
      if CopiedStructs.floatsAlignedInCopiedRange(call, in: blocks, module: module) { return float }
      return CopiedStructs.layoutOfCopiedRange(call, in: blocks, module: module) ?? float
    }
    if range.pointer, !range.floats { return IRType.pointer(in: module.context) }
    if range.pointer, let layout = CopiedStructs.layoutOfCopiedRange(call, in: blocks, module: module) {
      return layout
    }
    if !range.pointer, !range.floats {
      if let hinted = hintedLayoutOfCopiedRange(call) ?? pointeeHintedLayoutOfCopiedRange(call)
        ?? carriedFloatLayoutOfCopiedRange(call) ?? layoutThroughCopySlot(call)
      {
        return hinted
      }
      if let declared = CopiedStructs.declaredLayoutOfCopiedRange(call, module: module) { return declared }
      if let record = CopiedStructs.recordLayoutOfCopiedRange(call, in: blocks, module: module) {
        return record
      }
    }
    if let sibling = layoutOfSiblingCopy(call) { return sibling }
    // The memory's first access: right for arrays of one kind of element. Where the function reads
    // the same memory both as pointers and as floating-point values, it is a guess that Swift code
    // cannot check at run time (`checkTransferCanBeFollowed` refuses it).
    let sides = [call.arguments[0], call.arguments[1]]
    if let accessed = MemoryTypes.accessedType(reachedBy: sides, in: blocks) {
      if !(accessed.containsPointer && accessed.containsFloatingPoint),
        MemoryTypes.accessesMixPointersAndFloats(reachedBy: sides, in: blocks)
      {
        copiesGuessedOverMixedMemory.insert(call)
      }
      if call.arguments[2].constantInt == nil, accessed.isFloatingPoint,
        floatsLieOffTheirGrid(call, size: Int(module.allocSize(of: accessed)))
      {
        copiesOfFloatsOffTheirGrid.insert(call)
      }
      warnIfRecordCopyIsGuessed(call, accessed: accessed)
      return accessed
    }
    // Indices (an argsort's `std::vector<int>` at -O0) are integers: nothing moves back, nothing is
    // a pointer.
    return MemoryTypes.hintedType(reachedBy: sides, in: original, hints: derivative.signature.memoryHints)
      ?? MemoryTypes.indexType(reachedBy: sides, in: blocks)
  }

  /// The copied bytes as the element type the function indexes their memory by lays them out
  /// (`CopiedStructs.indexedLayoutOfCopiedRange`), when every pointer and floating-point access to
  /// the copied range agrees with it (the accesses' own layout may cover one record of several).
  private func indexedLayoutAgreeingWithAccesses(_ call: Instruction) -> IRType? {
    guard let indexed = CopiedStructs.indexedLayoutOfCopiedRange(call, module: module),
      accessesAgree(with: indexed, call)
    else { return nil }
    return indexed
  }

  /// The copied bytes as the source's types lay them out (`DeclaredDebugTypes`, from debug info),
  /// when every pointer and floating-point access of this function to the copied range
  /// (`accessesAgree`), and the caller's hint for it, agree with them. The hints and accesses see
  /// some fields of a record; the declared type sees them all (`{std::string name; double conc;
  /// double rate}` moved by `push_back`: the caller's hint, from its stores, had `conc` only, and
  /// `rate`'s adjoint stayed in the vector, silently).
  private func debugLayoutAgreeingWithAccesses(_ call: Instruction) -> IRType? {
    guard let declared = DeclaredDebugTypes.layoutOfCopiedRange(call, module: module),
      accessesAgree(with: declared, call)
    else { return nil }
    if let hinted = hintedLayoutOfCopiedRange(call),
      !Set(scalarLeaves(of: declared)).isSuperset(of: scalarLeaves(of: hinted))
    {
      return nil
    }
    return declared
  }

  /// Whether the pointer and floating-point accesses of this function to the bytes `call` copies
  /// agree with `layout`: they do not conflict, and where they can be laid out, each of their
  /// leaves is one of `layout`'s; where they cannot (none, or floats of mixed widths), they at least
  /// do not say pointers where `layout` has none.
  private func accessesAgree(with layout: IRType, _ call: Instruction) -> Bool {
    let range = CopiedStructs.accessesInCopiedRange(call, in: blocks, module: module)
    guard !range.conflict else { return false }
    guard let accessed = CopiedStructs.layoutOfCopiedRange(call, in: blocks, module: module) else {
      return !(range.pointer && !layout.containsPointer)
    }
    return Set(scalarLeaves(of: layout)).isSuperset(of: scalarLeaves(of: accessed))
  }

  /// The bytes a memcpy `call` moves into or out of a stack slot that only copies of its length use (a
  /// swap's temporary: `tmp = a; a = b; b = tmp`), as the other copies through the slot lay them out,
  /// when one of them says floating-point values or pointers. `std::map<int, std::function<…>>`
  /// assigned a lambda swaps the function objects' storage through such a slot: its copy into the
  /// map's node was typed by the node's first access elsewhere (its manager and invoker pointers),
  /// and the lambda's captured double lost its adjoint (silently 0).
  private func layoutThroughCopySlot(_ call: Instruction) -> IRType? {
    guard let length = call.arguments[2].constantInt, length > 0 else { return nil }
    for side in call.arguments.prefix(2) {
      guard let slot = side.asInstruction, slot.opcode == LLVMAlloca else { continue }
      var others: [Instruction] = []
      let onlyCopies = slot.value.users.allSatisfy { user in
        guard let copy = user.asInstruction, copy.isCall, let callee = copy.calledFunction else {
          return false
        }
        if callee.name.hasPrefix("llvm.lifetime.") { return true }
        guard callee.name.hasPrefix("llvm.memcpy") || callee.name.hasPrefix("llvm.memmove"),
          copy.arguments[2].constantInt == length, copy.arguments.prefix(2).contains(slot.value)
        else { return false }
        if copy != call { others.append(copy) }
        return true
      }
      guard onlyCopies else { continue }
      copiesBeingLaidOut.insert(call)
      defer { copiesBeingLaidOut.remove(call) }
      for other in others where !copiesBeingLaidOut.contains(other) {
        guard let layout = CopiedStructs.type(of: other, module: module) ?? copiedRangeType(other),
          layout.containsFloatingPoint || layout.containsPointer
        else { continue }
        return layout
      }
    }
    return nil
  }

  /// The bytes a memcpy `call` moves as another copy of the same length out of the same source lays
  /// them out, when its field list, a caller's hint, the floating-point values it carries or a
  /// stack slot it goes through does. `vector::insert(pos, n, value)` of `{float scale; double w}`
  /// from unoptimized input copies `value` (a reference parameter) into its temporary and, when the
  /// vector grows, into the new storage: the first copy is laid out through the temporary, while the
  /// second fell to the memory's first access, a `float`, and moved the double's adjoint as two
  /// floats (the gradient silently garbage).
  private func layoutOfSiblingCopy(_ call: Instruction) -> IRType? {
    guard let length = call.arguments[2].constantInt, length > 0 else { return nil }
    let source = call.arguments[1]
    copiesBeingLaidOut.insert(call)
    defer { copiesBeingLaidOut.remove(call) }
    for user in source.users {
      guard let other = user.asInstruction, other != call, other.isCall, !copiesBeingLaidOut.contains(other),
        let name = other.calledFunction?.name,
        name.hasPrefix("llvm.memcpy") || name.hasPrefix("llvm.memmove"),
        other.arguments[1] == source, other.arguments[2].constantInt == length
      else { continue }
      if let layout = CopiedStructs.type(of: other, module: module) ?? hintedLayoutOfCopiedRange(other)
        ?? pointeeHintedLayoutOfCopiedRange(other) ?? carriedFloatLayoutOfCopiedRange(other)
        ?? layoutThroughCopySlot(other), layout.containsFloatingPoint || layout.containsPointer
      {
        return layout
      }
    }
    return nil
  }

  /// Once a module without debug info: a warning when the first access to a copy's memory,
  /// `accessed`, lays out a copy of a constant length where it may well be wrong, because it is
  /// - records longer than the copy (taken as a whole, none of their fields lies inside it), or
  /// - a pointer, where the length is no whole number of pointers, or the memory is records (the
  ///   function accesses it with more than one type) and no access of the function lies in the
  ///   copied bytes.
  /// C++ moves the members after a `std::string` (`{double v; int k}`, 12 bytes at offset 32) so, in
  /// helpers whose only accesses are the string's; with `-g` the records' declared types lay such
  /// copies out (`DeclaredDebugTypes`), without, the double's adjoint stays behind. Not an error:
  /// the same guess is right for `std::function`'s storage and many more, which nothing tells apart.
  private func warnIfRecordCopyIsGuessed(_ call: Instruction, accessed: IRType) {
    guard !generator.warnedOfGuessedRecordCopy, !module.hasDebugInfo,
      let length = call.arguments[2].constantInt, length >= 8, !accessed.isFloatingPoint
    else { return }
    let size = Int64(module.allocSize(of: accessed))
    let recordsLongerThanCopy = (accessed.isStruct || accessed.isArray) && size > length
    if !recordsLongerThanCopy {
      guard accessed.containsPointer, !accessed.containsFloatingPoint else { return }
      // Memory of a declared IR type (a stack slot of an Eigen expression object) is not untyped.
      let dataLayout = LLVMGetModuleDataLayout(module.ref)!
      let sides = [call.arguments[0], call.arguments[1]]
      guard
        !sides.contains(where: { side in
          CopiedBytes.declaredType(at: side, dataLayout).map { !$0.indexesBytes } ?? false
        })
      else { return }
      let range = CopiedStructs.accessesInCopiedRange(call, in: blocks, module: module)
      guard
        length % size != 0
          || (!range.pointer && !range.floats
            && MemoryTypes.accessedTypes(reachedBy: sides, in: blocks).count > 1)
      else { return }
    }
    generator.warnedOfGuessedRecordCopy = true
    generator.remarks.append(
      .warning(
        "in function '\(demangledIfPossible(original.name))': a copy of \(length) bytes of records that "
          + "nothing in the module lays out (the members after a std::string, moved by a standard "
          + "container) is laid out by a guess, the memory's first access; if the guess is wrong, the "
          + "derivatives of the floating-point values among those bytes are lost without an error. The "
          + "module has no debug info: compile with -g, and the records' declared types lay such "
          + "copies out"))
  }

  /// Whether a floating-point access of this function to the objects a copy moves lies, from the
  /// copy's start, at a constant offset (before any variable index) that is no multiple of `size`:
  /// laid out as whole values from the copy's start, such a value's adjoint would be moved in two
  /// halves of two others.
  private func floatsLieOffTheirGrid(_ call: Instruction, size: Int) -> Bool {
    guard size > 0 else { return false }
    let dataLayout = LLVMGetModuleDataLayout(module.ref)!
    let starts = call.arguments.prefix(2).map { CopiedBytes.modularBase(of: $0, dataLayout) }
    for instruction in blocks.lazy.flatMap(\.instructions) where instruction != call {
      guard let access = MemoryWrites.access(by: instruction), access.type.isFloatingPoint else { continue }
      let place = CopiedBytes.modularBase(of: access.pointer, dataLayout)
      for start in starts where start.object == place.object && start.stride == 0 {
        let relative = place.offset - start.offset
        guard relative >= 0 else { continue }
        // (A variable index whose steps nothing bounds makes the stride 1: that says nothing.)
        if relative % size != 0 { return true }
      }
    }
    return false
  }

  /// Before the forward sweep's copy of memory (memcpy, memmove): an error when the copied bytes are
  /// accessed both as pointers and as floating-point values.
  func checkTransferCanBeFollowed(_ call: Instruction) throws {
    let arguments = call.arguments
    // Records declared with a union whose members put floating-point values at different places
    // (`{int group; std::variant<double, int, {int; double; double}, {char; double}>}`), copied from
    // a place no 8-byte word starts at (SROA's piece after `group`, 4-byte aligned on both sides;
    // a piece after a byte is joined back or laid out by its tag elsewhere): the words that
    // tell a double from the rest at run time do not line up with it, and laid out by one member's
    // accesses, another member's double lost its adjoint (silently wrong).
    if CopiedStructs.type(of: call, module: module) == nil,
      inLane(0, { shadow(of: arguments[0]) != nil && shadow(of: arguments[1]) != nil }),
      (arguments[2].constantInt ?? 8) >= 8,
      (0..<2).allSatisfy({ call.callSiteAlignment(argument: $0) == 4 }),
      let union = CopiedStructs.unionOfCopiedRecords(call, in: blocks, module: module),
      union.containsFloatingPoint, !CopiedStructs.holdsOnlyFloatingPoint(union)
    {
      throw ADError(
        "cannot differentiate in reverse mode this copy of part of records that hold a union (a "
          + "std::variant) with floating-point values in some of its members, from a place that is not "
          + "8-byte aligned: which of its bytes hold a value's adjoint cannot be told apart; put the "
          + "variant first in the record (or align it to 8 bytes with the fields before it), or use "
          + "forward mode", at: call)
    }
    if CopiedStructs.type(of: call, module: module) == nil, inLane(0, { shadow(of: arguments[0]) != nil }),
      case let range = CopiedStructs.accessesInCopiedRange(call, in: blocks, module: module),
      range.conflict
        || (range.pointer && range.floats
          && CopiedStructs.layoutOfCopiedRange(call, in: blocks, module: module) == nil)
    {
      throw ADError(
        "cannot differentiate in reverse mode this copy of memory that is accessed both as pointers and as "
          + "floating-point values (a union, a std::variant's storage): nothing says which the copied bytes "
          + "are (clang's type tags on an optimized copy of a struct may), and a pointer's shadow moves "
          + "forward where a value's adjoint moves back; copy the member by its own type, or use forward "
          + "mode", at: call)
    }
    // Layouts `copiedRangeType` could only guess, for copies between memory with shadows (of
    // run-time length, or in Swift).
    guard CopiedStructs.type(of: call, module: module) == nil,
      arguments[2].constantInt == nil || UntypedCopies.isSwift(original),
      inLane(0, { shadow(of: arguments[0]) != nil && shadow(of: arguments[1]) != nil })
    else { return }
    _ = copiedRangeType(call)
    // Floating-point values at offsets from the copy's start that are no multiples of their size, in
    // a copy of run-time length that nothing else lays out (records `{int header; double}` packed at
    // 12-byte steps in a byte buffer, copied whole): moved back as whole values from the start, each
    // adjoint was split across two values and the gradient came out garbage (silently).
    if copiesOfFloatsOffTheirGrid.contains(call) {
      throw ADError(
        "cannot differentiate in reverse mode this copy of run-time length whose floating-point values "
          + "lie at offsets from its start that are not multiples of their size (values packed beside "
          + "other bytes in a buffer): which bytes hold each value's adjoint cannot be laid out; copy "
          + "the values with their own type, align them to their size, or use forward mode", at: call)
    }
    // Swift's copies are not checked at run time (an object's header holds its reference count):
    // a layout guessed from the first access to memory that holds pointers and doubles is refused.
    if UntypedCopies.isSwift(original), copiesGuessedOverMixedMemory.contains(call) {
      throw ADError(
        "cannot differentiate in reverse mode this copy of records whose bytes nothing lays out: the "
          + "function reads the memory both as pointers (references) and as floating-point values, at "
          + "offsets that do not say which bytes of the copied range are which, and a reference's shadow "
          + "moves forward where a value's adjoint moves back; use forward mode, or keep the Double "
          + "values and the references in separate arrays", at: call)
    }
  }

  /// Before the forward sweep's copy of memory: a stop at run time, when the copy runs, if a caller
  /// reads the copied bytes as a pointer in some elements of the memory and as a floating-point
  /// value in others (a `std::vector<std::function<…>>` holding lambdas that capture by reference
  /// and by value, moved as it grows). No one layout moves both right, and any guess was silently
  /// wrong; a helper whose copy never runs (the vector's storage reserved) is differentiated.
  func stopIfCopiedBytesAreMixed(_ call: Instruction) {
    guard CopiedStructs.type(of: call, module: module) == nil,
      inLane(0, { shadow(of: call.arguments[0]) != nil }),
      case let range = CopiedStructs.accessesInCopiedRange(call, in: blocks, module: module),
      !range.pointer, !range.floats, hintedLayoutOfCopiedRange(call) == nil, pointeeHintSaysMixed(call)
    else { return }
    RunTimeStops.emit(
      "cannot differentiate in reverse mode this copy of memory whose bytes the caller reads as a pointer in "
        + "some elements and as a floating-point value in others (std::function objects holding lambdas "
        + "that capture by reference and by value, moved by a growing std::vector): a pointer's shadow "
        + "moves forward where a value's adjoint moves back; reserve the vector's storage before filling "
        + "it, keep such lambdas in separate containers, or use forward mode", at: call, module: module,
      builder: builder)
  }

  /// The element type of memory as this function's accesses, or its caller's hint, show it.
  func inferredTypeOfMemory(reachedBy pointers: [Value]) -> IRType? {
    MemoryTypes.accessedType(reachedBy: pointers, in: blocks)
      ?? MemoryTypes.hintedType(reachedBy: pointers, in: original, hints: derivative.signature.memoryHints)
  }

  /// The pointer a pointer is derived from through GEPs and casts.
  func underlyingObject(_ pointer: Value) -> Value { MemoryTypes.underlyingObject(pointer) }
}
