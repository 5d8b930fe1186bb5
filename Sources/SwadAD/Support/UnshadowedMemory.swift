// Values with a derivative written into memory that has no shadow, and read back: an error at run
// time, where the derivative would otherwise be silently 0. Shared by both modes.
import CLLVM
import LLVMBinding

/// Memory can lack a shadow of its own and still be written by the differentiated code: memory
/// reached through a pointer the derivative has no shadow for (a global `double *work` the program
/// allocated before asking for the gradient, a Swift global array), or memory whose shadow is the
/// memory itself (constant data, `ConstantShadows`). A value with a derivative stored there loses
/// it, and a read of that memory later in the same derivative gives a value whose derivative is
/// silently 0. Whether a shadow is the memory itself is known only at run time, and the write and
/// the read may be in different functions, so the check happens at run time:
///
/// - a store of a value that may have a derivative (a varied float) into such memory records the
///   bytes it wrote (`swad.unshadowed.write`);
/// - a load from such memory whose value feeds the derivative checks the records
///   (`swad.unshadowed.read`): reading bytes a recorded store wrote stops the program with an error
///   naming both places, with file and line when the module has debug info.
///
/// Writes nothing reads back (a log of the loss, an output buffer passed as constant) cost a record
/// each and are no error. The records start empty at each derivative call (`resetBefore`). A module
/// whose derivatives make no such store pays nothing: `define` removes the reads' checks.
enum UnshadowedMemory {
  static let writeName = "swad.unshadowed.write"
  static let readName = "swad.unshadowed.read"
  static let resetName = "swad.unshadowed.reset"

  /// Whether `store` writes a value that may carry a derivative (a varied float or vector of floats).
  static func writesDerivative(_ store: Instruction, isVaried: (Value) -> Bool) -> Bool {
    guard store.opcode == LLVMStore else { return false }
    let value = store.operand(0)
    return value.type.containsFloatingPoint && !value.type.containsPointer && isVaried(value)
  }

  /// Whether the value `load` reads feeds the derivative: a float some varied instruction uses, or a
  /// pointer through which such a float is loaded (a row of a Swift array of arrays).
  static func feedsDerivative(_ load: Instruction, isVaried: (Value) -> Bool) -> Bool {
    feeds(load.value, isVaried: isVaried, depth: 0)
  }

  private static func feeds(_ value: Value, isVaried: (Value) -> Bool, depth: Int) -> Bool {
    // Past four pointer levels, assume it does: a check too many costs a load and a branch, one
    // too few a silent 0.
    guard depth < 4 else { return true }
    if value.type.containsFloatingPoint && !value.type.containsPointer {
      // Used by the derivative's arithmetic, or handed on: returned, passed to a call, stored; also
      // through arithmetic that is not varied itself (`cache.a + cache.b`, both read back from a
      // constant object) on its way there.
      var seen: Set<Value> = [value]
      var work = [value]
      while let current = work.popLast() {
        for user in current.users {
          guard let instruction = user.asInstruction else { continue }
          switch instruction.opcode {
          case LLVMRet, LLVMCall, LLVMInvoke: return true
          case LLVMStore: if instruction.operand(0) == current { return true }
          default:
            if isVaried(user) { return true }
            // Past 64 values, assume it does, as past four pointer levels.
            guard seen.count < 64 else { return true }
            if instruction.type.containsFloatingPoint, seen.insert(user).inserted { work.append(user) }
          }
        }
      }
      return false
    }
    guard value.type.isPointer else { return false }
    for user in value.users {
      guard let instruction = user.asInstruction else { continue }
      switch instruction.opcode {
      case LLVMGetElementPtr, LLVMBitCast, LLVMAddrSpaceCast, LLVMPHI, LLVMSelect:
        if instruction.operand(0) == value || instruction.opcode != LLVMGetElementPtr,
          feeds(instruction.value, isVaried: isVaried, depth: depth + 1)
        {
          return true
        }
      case LLVMLoad:
        if instruction.operand(0) == value, feeds(instruction.value, isVaried: isVaried, depth: depth + 1) {
          return true
        }
      default: continue
      }
    }
    return false
  }

  /// The check a derivative makes for `instruction` (a copy of it was just emitted), when it is a
  /// store of a value with a derivative or a load feeding the derivative, and its memory may have no
  /// shadow: none at all (`shadow` nil), or one that may be the memory itself (`mayBeConstant`, then
  /// decided at run time).
  ///
  /// A stored pointer loses its shadow the same way (a new row stored into a Swift global's array):
  /// `stored` is the shadow of a stored pointer and its primal, when it has one, and
  /// `storedMayBeConstant` says whether that shadow may be the pointer itself (no derivative then).
  static func check(
    _ instruction: Instruction, shadow: Value?, mayBeConstant: Bool, primal pointer: Value,
    stored: (shadow: Value, primal: Value)? = nil, storedMayBeConstant: Bool = false,
    isVaried: (Value) -> Bool, mapped: (Value) -> Value?, inLoop: Bool, builder: Builder, module: Module
  ) {
    guard !instruction.isVolatile else { return }
    let emit: () -> Void
    if instruction.opcode == LLVMStore {
      let storesPointer = instruction.operand(0).type.isPointer && stored != nil
      guard storesPointer || writesDerivative(instruction, isVaried: isVaried) else { return }
      emit = {
        guard storesPointer, storedMayBeConstant, let stored else {
          return noteWrite(of: instruction, at: pointer, inLoop: inLoop, builder: builder, module: module)
        }
        builder.branchOnConstantShadow(
          stored.shadow, primal: stored.primal, constant: {},
          active: {
            noteWrite(of: instruction, at: pointer, inLoop: inLoop, builder: builder, module: module)
          })
      }
    } else {
      guard instruction.opcode == LLVMLoad, feedsDerivative(instruction, isVaried: isVaried) else { return }
      // The read tests the records first, and whether the memory has a shadow only when there are
      // some: in loops over data with shadows, one load and one branch.
      var unshadowed = Value.constInt(IRType.int(1, in: module.context), 1)
      if let shadow {
        guard mayBeConstant else { return }
        unshadowed = builder.isConstantShadow(shadow, primal: pointer)
      }
      // A gradient's read of an adjoint through a shadow that may be its primal, which it
      // discards when it is (`loadThroughShadow`): a derivative of that gradient (a Hessian-vector
      // product) reads nothing there then.
      if let (a, b) = discardedWhenEqual(instruction), let a = mapped(a), let b = mapped(b) {
        unshadowed = builder.and(unshadowed, builder.icmp(LLVMIntNE, a, b))
      }
      return checkRead(
        of: instruction, at: pointer, unshadowed: unshadowed, inLoop: inLoop, builder: builder,
        module: module)
    }
    guard let shadow else { return emit() }
    guard mayBeConstant else { return }
    builder.branchOnConstantShadow(shadow, primal: pointer, constant: emit, active: {})
  }

  /// The two pointers whose equality makes what `load` reads irrelevant (`loadThroughShadow` and
  /// `storeThroughShadow` of a gradient, through a shadow that may be its primal): each user of the
  /// load is a `select` on `icmp eq a, b`, with `load`'s address one of them, that either discards
  /// the load when they are equal or only stores it back where it was read.
  private static func discardedWhenEqual(_ load: Instruction) -> (Value, Value)? {
    var pair: (Value, Value)?
    for user in load.value.users {
      guard let select = user.asInstruction, select.opcode == LLVMSelect,
        let compare = select.operand(0).asInstruction, compare.opcode == LLVMICmp,
        LLVMGetICmpPredicate(compare.ref) == LLVMIntEQ,
        compare.operand(0) == load.operand(0) || compare.operand(1) == load.operand(0)
      else { return nil }
      let discarded = select.operand(2) == load.value && select.operand(1).isConstant
      let storedBack =
        select.operand(1) == load.value && select.operand(2).isConstant
        && select.value.users.allSatisfy { store in
          guard let store = store.asInstruction, store.opcode == LLVMStore else { return false }
          return store.operand(0) == select.value && store.operand(1) == load.operand(0)
        }
      guard discarded || storedBack else { return nil }
      if let (a, b) = pair, !(a == compare.operand(0) && b == compare.operand(1)) { return nil }
      pair = (compare.operand(0), compare.operand(1))
    }
    return pair
  }

  /// The checks of a `memcpy` or `memmove` (`call`, a copy of it just emitted): a copy of memory with
  /// a derivative into memory without a shadow records the bytes it wrote; a copy out of memory
  /// without a shadow into memory with one checks the bytes it read. `destination` and `source` are
  /// the shadows of the two pointers, when they have one, and whether it may be the memory itself.
  static func checkTransfer(
    _ call: Instruction, destination: (shadow: Value?, mayBeConstant: Bool),
    source: (shadow: Value?, mayBeConstant: Bool), mapped: (Value) -> Value, builder: Builder, module: Module
  ) {
    let i64 = IRType.int(64, in: module.context)
    let to = mapped(call.arguments[0])
    let from = mapped(call.arguments[1])
    let bytes = builder.intCast(mapped(call.arguments[2]), to: i64, signed: false)
    /// Runs `body` when the memory has no shadow (`unshadowed`) or has one (`!unshadowed`).
    func when(
      _ side: (shadow: Value?, mayBeConstant: Bool), primal: Value, unshadowed: Bool,
      _ body: @escaping () -> Void
    ) {
      guard let shadow = side.shadow else { return unshadowed ? body() : () }
      guard side.mayBeConstant else { return unshadowed ? () : body() }
      builder.branchOnConstantShadow(
        shadow, primal: primal, constant: unshadowed ? body : {}, active: unshadowed ? {} : body)
    }
    when(source, primal: from, unshadowed: false) {
      when(destination, primal: to, unshadowed: true) {
        builder.call(
          declare(writeName, in: module),
          [to, bytes, describe(place(of: call, "a copy of memory"), in: module)])
      }
    }
    when(destination, primal: to, unshadowed: false) {
      when(source, primal: from, unshadowed: true) {
        builder.call(
          declareRead(in: module),
          [
            from, bytes, describe(place(of: call, "a copy of memory"), in: module),
            Value.constInt(IRType.int(1, in: module.context), 1),
          ])
      }
    }
  }

  /// Records, at run time, that `store` (whose memory has no shadow) wrote its bytes at `address`.
  /// `inLoop`: the store is in a loop of its function (`markForUnswitching`).
  static func noteWrite(
    of store: Instruction, at address: Value, inLoop: Bool, builder: Builder, module: Module
  ) {
    if inLoop { markForUnswitching(builder) }
    let bytes = module.allocSize(of: store.operand(0).type)
    let what =
      store.operand(0).type.isPointer
      ? "a store of an address with a shadow" : "a store of a '\(store.operand(0).type)'"
    builder.call(
      declare(writeName, in: module),
      [
        address, Value.constInt(IRType.int(64, in: module.context), Int64(bytes)),
        describe(place(of: store, what), in: module),
      ])
  }

  /// Checks, at run time, that what `load` reads at `address` was not written with a derivative
  /// since the derivative call began, when `unshadowed` (an `i1`) says the memory has no shadow.
  /// The call is made only when `unshadowed` holds (a branch around it), so that a loop whose test is
  /// fixed before it can be copied without the call (`markForUnswitching`).
  static func checkRead(
    of load: Instruction, at address: Value, unshadowed: Value, inLoop: Bool, builder: Builder, module: Module
  ) {
    let bytes = module.allocSize(of: load.type)
    let call = {
      builder.call(
        declareRead(in: module),
        [
          address, Value.constInt(IRType.int(64, in: module.context), Int64(bytes)),
          describe(place(of: load, "a load of a '\(load.type)'"), in: module), unshadowed,
        ])
    }
    guard !unshadowed.isConstant else {
      call()
      return
    }
    if inLoop { markForUnswitching(builder) }
    builder.when(unshadowed, named: "unshadowed.check") { call() }
  }

  /// Marks the function being emitted for `VersionedLoopUnswitching`: the checks' conditions (whether
  /// a shadow is its primal) are fixed before a loop that contains them, and until the loop is copied
  /// once per outcome the checks stay in every iteration, calls that keep the loop from vectorizing
  /// (an Eigen MLP's forward sweep called scalar tanh in the loop libmvec's vector tanh would run).
  /// Only for checks in loops: the stage's passes cost compile time in every function it runs on.
  private static func markForUnswitching(_ builder: Builder) {
    builder.insertBlock.parent.addStringAttribute(LoopVersioning.attribute)
  }

  /// `what` at `instruction`: "file:line:column: <what> in function 'f'" (without a location when
  /// the module has no debug info).
  private static func place(of instruction: Instruction, _ what: String) -> String {
    let error = ADError("", at: instruction)
    var text = error.location.map { "\($0): " } ?? ""
    text += what
    if let function = error.function { text += " in function '\(demangledIfPossible(function))'" }
    return text
  }

  /// Throws when `call`, which has no argument with a derivative and so runs as the primal, is
  /// handed memory without a shadow into which this function stored a value with a derivative
  /// (`model.weights = params; return model.loss(xs, ys)` on a class instance passed as a constant):
  /// the callee reads that value as a constant, and its derivative would be lost without a word.
  /// The run-time check cannot see it: the callee's loads are not differentiated.
  static func requireNoDerivativeHandedAway(
    in call: Instruction, function: Function, isVaried: (Value) -> Bool
  ) throws {
    guard call.type.containsFloatingPoint || call.type.containsPointer,
      !call.value.users.isEmpty
    else { return }
    let handed = Set(
      call.arguments.filter { $0.type.isPointer && !isVaried($0) }.map(MemoryWrites.underlyingObject))
    guard !handed.isEmpty else { return }
    for block in function.blocks {
      // In the call's own block, only the stores before it (`st->last = loss` after the call
      // hands nothing to it); stores in other blocks may come before it.
      let instructions =
        block == call.parent ? Array(block.instructions.prefix { $0 != call }) : block.instructions
      for store in instructions where store.opcode == LLVMStore {
        let value = store.operand(0)
        let pointer = store.operand(1)
        guard isVaried(value), value.type.containsFloatingPoint || value.type.containsPointer,
          !isVaried(pointer), handed.contains(MemoryWrites.underlyingObject(pointer))
        else { continue }
        let callee = call.calledFunction.map { "'\(demangledIfPossible($0.name))'" } ?? "the callee"
        throw ADError(
          "a derivative would be lost: \(callee) is called here with no argument that has a derivative, so it "
            + "runs as it is, but it is handed memory without a shadow into which "
            + place(of: store, "a store of a value with a derivative")
            + " wrote; what it reads there it reads as a constant. Give that memory a shadow (pass it as a "
            + "duplicated argument, keep the parameters in a struct or an array argument), or pass the values "
            + "to the callee as arguments", at: call)
      }
    }
  }

  /// Empties the records before the derivative call `call` (which they are kept for).
  static func resetBefore(_ call: Instruction, in module: Module) {
    module.callDeclaredFunction(named: resetName, before: call)
  }

  private static func declare(_ name: String, in module: Module) -> Function {
    let context = module.context
    let pointer = IRType.pointer(in: context)
    return module.declareFunction(
      named: name,
      type: .function(returning: IRType.void(in: context), [pointer, IRType.int(64, in: context), pointer]))
  }

  /// `void @swad.unshadowed.read(ptr address, i64 bytes, ptr place, i1 unshadowed)`.
  private static func declareRead(in module: Module) -> Function {
    let context = module.context
    let pointer = IRType.pointer(in: context)
    return module.declareFunction(
      named: readName,
      type: .function(
        returning: IRType.void(in: context),
        [pointer, IRType.int(64, in: context), pointer, IRType.int(1, in: context)]))
  }

  /// A constant C string holding `text`.
  private static func describe(_ text: String, in module: Module) -> Value {
    let bytes = Array(text.utf8)
    let context = module.context
    let type = IRType.array(of: IRType.int(8, in: context), count: UInt64(bytes.count + 1))
    let global = module.addGlobal(named: "swad.unshadowed.place", type: type)
    global.initializer = Value(LLVMConstStringInContext(context.ref, text, UInt32(bytes.count), 0))
    global.linkage = LLVMPrivateLinkage
    LLVMSetGlobalConstant(global.ref, 1)
    LLVMSetUnnamedAddr(global.ref, 1)
    return global
  }

  // MARK: - The run-time records

  /// Defines the three functions once every derivative is made; without a write, the reads' checks
  /// and the resets go (no store of the module's derivatives can lose a derivative).
  static func define(in module: Module) {
    let write = module.function(named: writeName)
    guard let write, !write.value.users.isEmpty else {
      for name in [readName, resetName, writeName] {
        guard let function = module.function(named: name), function.isDeclaration else { continue }
        for call in function.value.users { call.asInstruction?.eraseFromParent() }
        function.erase()
      }
      for global in module.globals
      where global.name.hasPrefix("swad.unshadowed.place") && global.users.isEmpty {
        LLVMDeleteGlobal(global.ref)
      }
      return
    }
    let context = module.context
    let pointer = IRType.pointer(in: context)
    let i64 = IRType.int(64, in: context)
    let i32 = IRType.int(32, in: context)
    let void = IRType.void(in: context)
    // A thread's records: { ptr records, i64 count, i64 capacity }, each record
    // { ptr address, i64 bytes, ptr place } (24 bytes).
    let stateType = IRType.structure([pointer, i64, i64], in: context)
    let state = module.threadLocalGlobal(named: "swad.unshadowed.records", type: stateType)
    var indices: [LLVMValueRef?] = [Value.constInt(i32, 0).ref, Value.constInt(i32, 1).ref]
    let countField = Value(LLVMConstInBoundsGEP2(stateType.ref, state.ref, &indices, 2))
    indices[1] = Value.constInt(i32, 2).ref
    let capacityField = Value(LLVMConstInBoundsGEP2(stateType.ref, state.ref, &indices, 2))
    let b = Builder(context: context)
    let record = Value.constInt(i64, 24)

    // reset: no records.
    if let reset = module.function(named: resetName), reset.isDeclaration {
      reset.linkage = LLVMInternalLinkage
      b.position(atEndOf: reset.appendBlock(named: "entry"))
      b.store(Value.constInt(i64, 0), to: countField)
      b.retVoid()
    }

    // write: append a record, growing the array by doubling. Kept out of line: it runs only where
    // a store's shadow turns out to be its primal, and inlined at each of the stores that may (73 in
    // the Eigen MLP's derivatives) it made the module 7% larger for the post-AD passes to go through.
    write.linkage = LLVMInternalLinkage
    write.addAttribute("noinline")
    let entry = write.appendBlock(named: "entry")
    let grow = write.appendBlock(named: "grow")
    let append = write.appendBlock(named: "append")
    b.position(atEndOf: entry)
    let count = b.load(i64, from: countField, "count")
    let capacity = b.load(i64, from: capacityField, "capacity")
    b.condBr(b.icmp(LLVMIntEQ, count, capacity), grow, append)
    b.position(atEndOf: grow)
    let doubled = b.select(
      b.icmp(LLVMIntEQ, capacity, Value.constInt(i64, 0)), Value.constInt(i64, 64),
      b.mul(capacity, Value.constInt(i64, 2)))
    let realloc = module.declareFunction(
      named: "realloc", type: .function(returning: pointer, [pointer, i64]))
    let grown = b.call(realloc, [b.load(pointer, from: state), b.mul(doubled, record)])
    b.store(grown, to: state)
    b.store(doubled, to: capacityField)
    b.br(append)
    b.position(atEndOf: append)
    let slot = b.gep(IRType.int(8, in: context), b.load(pointer, from: state), [b.mul(count, record)])
    b.store(write.parameter(0), to: slot)
    b.store(write.parameter(1), to: b.gep(IRType.int(8, in: context), slot, [Value.constInt(i64, 8)]))
    b.store(write.parameter(2), to: b.gep(IRType.int(8, in: context), slot, [Value.constInt(i64, 16)]))
    b.store(b.add(count, Value.constInt(i64, 1)), to: countField)
    b.retVoid()

    // read: nothing to do for memory with a shadow, or without records (inlined where the derivative
    // reads); otherwise a scan for a record whose bytes overlap the read's. The shadow's test comes
    // first: fixed before a loop, it lets `VersionedLoopUnswitching` copy the loop without the check
    // (the count may change in the loop, where a store records a write).
    guard let read = module.function(named: readName), read.isDeclaration else { return }
    read.linkage = LLVMInternalLinkage
    read.addAttribute("alwaysinline")
    let scan = module.addFunction(
      named: "swad.unshadowed.scan", type: .function(returning: void, [pointer, i64, pointer]))
    scan.linkage = LLVMInternalLinkage
    scan.addAttribute("noinline")
    scan.addAttribute("cold")
    let readEntry = read.appendBlock(named: "entry")
    let readScan = read.appendBlock(named: "scan")
    let readDone = read.appendBlock(named: "done")
    b.position(atEndOf: readEntry)
    let unshadowed = read.appendBlock(named: "unshadowed")
    b.condBr(read.parameter(3), unshadowed, readDone)
    unshadowed.moveAfter(readEntry)
    b.position(atEndOf: unshadowed)
    let recorded = b.load(i64, from: countField, "count")
    b.condBr(b.icmp(LLVMIntEQ, recorded, Value.constInt(i64, 0)), readDone, readScan)
    b.position(atEndOf: readScan)
    b.call(scan, [read.parameter(0), read.parameter(1), read.parameter(2)])
    b.br(readDone)
    b.position(atEndOf: readDone)
    b.retVoid()

    let scanEntry = scan.appendBlock(named: "entry")
    let loop = scan.appendBlock(named: "loop")
    let body = scan.appendBlock(named: "record")
    let fail = scan.appendBlock(named: "lost")
    let next = scan.appendBlock(named: "next")
    let done = scan.appendBlock(named: "done")
    b.position(atEndOf: scanEntry)
    let records = b.load(pointer, from: state, "records")
    let total = b.load(i64, from: countField, "count")
    let start = b.cast(LLVMPtrToInt, scan.parameter(0), to: i64)
    let end = b.add(start, scan.parameter(1))
    b.br(loop)
    b.position(atEndOf: loop)
    let index = b.phi(i64, "i")
    b.condBr(b.icmp(LLVMIntULT, index.value, total), body, done)
    b.position(atEndOf: body)
    let at = b.gep(IRType.int(8, in: context), records, [b.mul(index.value, record)])
    let written = b.cast(LLVMPtrToInt, b.load(pointer, from: at), to: i64)
    let writtenEnd = b.add(
      written, b.load(i64, from: b.gep(IRType.int(8, in: context), at, [Value.constInt(i64, 8)])))
    let overlaps = b.and(b.icmp(LLVMIntULT, start, writtenEnd), b.icmp(LLVMIntULT, written, end))
    b.condBr(overlaps, fail, next)
    b.position(atEndOf: next)
    let following = b.add(index.value, Value.constInt(i64, 1))
    b.br(loop)
    index.addIncoming([(Value.constInt(i64, 0), scanEntry), (following, next)])
    b.position(atEndOf: fail)
    let place = b.load(pointer, from: b.gep(IRType.int(8, in: context), at, [Value.constInt(i64, 16)]))
    let message =
      "swad: error: a derivative would be wrong: %s reads memory that has no shadow, where %s "
      + "wrote a value with a derivative; the derivative of that value was lost there, and through "
      + "this read it would be 0. Give that memory a shadow: pass it to the derivative as a "
      + "duplicated argument (enzyme_dup, .duplicated), make it inside the differentiated "
      + "function rather than reach it through a global, or, for memory from an allocator swad does "
      + "not know (mmap, a pool), declare that allocator with __enzyme_allocation_like\n"
    let format = describe(message, in: module)
    let dprintf = module.declareFunction(
      named: "dprintf", type: .function(returning: i32, [i32, pointer], variadic: true))
    b.call(dprintf, [Value.constInt(i32, 2), format, scan.parameter(2), place])
    // exit, not abort: an error, not a crash (the output written so far is flushed).
    let exit = module.declareFunction(named: "exit", type: .function(returning: void, [i32]))
    b.call(exit, [Value.constInt(i32, 1)])
    b.unreachable()
    b.position(atEndOf: done)
    b.retVoid()
  }
}
