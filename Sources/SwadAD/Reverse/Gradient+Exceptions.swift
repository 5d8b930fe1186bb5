// Reverse mode, exceptions. The reverse sweep follows only the paths on which the function returns:
// an exception aborts the whole gradient. The augmented forward function keeps the original's
// exception paths: a call that was an invoke is an invoke again (of the callee's augmented function
// when the callee is differentiated) unwinding into a copy of the original's cleanups (primal code
// only), which then releases the shadows this call of the augmented function made for the reverse
// sweep, and rethrows. The combined gradient releases the tape when the augmented function throws.
// An exception caught inside the function, after which it goes on, stops the program at run time.
import CLLVM
import LLVMBinding

extension GradientEmitter: UnwindEmitting {
  var unwindTarget: Function { augmented }

  func replaceEmitted(_ old: Value, with new: Value) {
    map.replace(old, with: new)
    forEachLane { for (key, value) in shadows where value == old { shadows[key] = new } }
    for (key, value) in auxiliaries where value == old { auxiliaries[key] = new }
  }

  /// Whether an exception may pass through the function: it has landing pads, or it is C++ code not
  /// known to be `nounwind`. Optimizations that hold back releases until the reverse sweep are then
  /// off: an exception would skip them.
  var mayUnwind: Bool {
    unwind.sites != nil || (!original.isNoUnwind && module.cxxPersonality != nil)
  }

  /// Maps the exception paths' blocks (before the forward sweep). Reverse mode cannot go on after
  /// an exception is caught inside the function: the reverse sweep knows only the paths without
  /// exceptions, so the augmented function stops the program where a handler would go back to them
  /// (`emitExceptionPathsForward`). A catch that no exception reaches costs nothing: libstdc++'s
  /// `shrink_to_fit` catches a failed allocation, `std::stoi` behind a `try` may never throw; all
  /// were refused before.
  func prepareExceptionPaths() throws {
    let rejoined = prepareUnwindRegion(normalOrder: blocks)
    guard !rejoined.isEmpty else { return }
    unwind.rejoined = Set(rejoined)
    // Named at the `catch` (its `__cxa_begin_catch`, where the program's own line is), not at the
    // first instruction after it, which may be a library's inlined into the handler.
    unwind.catchCall = unwind.region.lazy.flatMap(\.instructions).first {
      $0.isCall && $0.calledFunction?.name == "__cxa_begin_catch" && $0.sourceLocation != nil
    }
  }

  /// The edges of `emitted`, the copy of `block`'s terminator, back to normal blocks, sent to a block
  /// that stops the program instead (`prepareExceptionPaths`).
  private func stopWhereCaughtExceptionGoesOn(_ block: BasicBlock, emitted: Instruction) {
    guard let terminator = block.terminator else { return }
    let back = (0..<terminator.successorCount).filter { unwind.rejoined.contains(terminator.successor($0)) }
    guard !back.isEmpty else { return }
    let stop = augmented.appendBlock(named: "caught.exception")
    let here = Builder(context: module.context)
    here.position(atEndOf: stop)
    here.debugLocation = (unwind.catchCall ?? terminator).debugLocation
    RunTimeStops.emit(
      "an exception was caught and the function went on, which a gradient in reverse mode cannot "
        + "follow (its reverse sweep knows only the paths without exceptions); move the try/catch out of "
        + "the differentiated code, or use forward mode", at: unwind.catchCall ?? terminator,
      function: original.name, module: module, builder: here)
    here.unreachable()
    for index in back { emitted.setSuccessor(index, stop) }
  }

  /// Copies the exception paths into the augmented function, after the normal paths: primal code
  /// only (the primal's cleanups), then `resume`.
  func emitExceptionPathsForward() {
    for block in unwind.region {
      builder.position(atEndOf: map[block])
      for instruction in block.instructions {
        builder.debugLocation = instruction.debugLocation
        switch instruction.opcode {
        case LLVMPHI:
          let primal = builder.phi(instruction.type, instruction.value.name)
          map.map(instruction.value, to: primal.value)
          pendingPhis.append((instruction, primal, []))
        case LLVMLandingPad:
          visitLandingPad(instruction)
        case LLVMCall:
          emitCall(instruction) { copyPrimal(instruction) }
        default:
          copyPrimal(instruction)
        }
        if instruction.isTerminator {
          exitBlocks[block] = builder.insertBlock
          if let emitted = builder.insertBlock.terminator {
            stopWhereCaughtExceptionGoesOn(block, emitted: emitted)
          }
        }
      }
    }
  }

  /// Registers, in C++ code, every shadow the reverse sweep releases (of stack slots, of heap blocks
  /// the function frees, of by-value arguments) as it is made: should an exception thrown anywhere
  /// later abort the gradient, the combined gradient releases them all (see
  /// `TapeRuntime.pendingShadows`). Call after the forward sweep of the normal paths.
  func registerShadowsForUnwinding() {
    guard module.cxxPersonality != nil else { return }
    let void = IRType.void(in: module.context)
    let register = Builder(context: module.context)
    for block in blocks {
      for instruction in block.instructions {
        var made: [(shadow: Value, allocator: String?)] = []
        forEachLane {
          if heapShadows.contains(instruction.value), let shadow = shadows[instruction.value] {
            made.append((shadow, instruction.isCall ? instruction.calledFunction?.name : nil))
          }
          for index in (argumentCopies[instruction.value] ?? [:]).keys.sorted() {
            made.append((argumentCopies[instruction.value]![index]!, nil))
          }
        }
        for (shadow, allocator) in made {
          guard let creation = shadow.asInstruction, let next = creation.next else { continue }
          let userDeallocator = allocator.flatMap(module.function(named:))
            .flatMap { generator.classifier.rules.allocationLike[$0]?.deallocator }
          let name =
            allocator.flatMap(CXXRuntime.deallocator(forAllocator:))
            ?? (allocator == "swift_allocObject" ? "swift_release" : "free")
          let release =
            userDeallocator
            ?? module.declareFunction(named: name, type: .function(returning: void, [tape.pointer]))
          register.position(before: next)
          tape.push([shadow, release.value], tape: tape.pendingShadows, builder: register)
        }
      }
    }
  }
}

extension ReverseGenerator {
  /// The combined gradient's call of the augmented function: an invoke when the function may throw
  /// (C++ not known `nounwind`), whose landing pad releases the tape and the shadows made so far
  /// before rethrowing.
  func callAugmented(
    _ augmented: Function, of original: Function, _ arguments: [Value], tape tapeSlot: Value,
    unwindMark: Value?, releaseMark: Value, builder: Builder
  ) -> Value {
    let call = builder.call(augmented, arguments, "primal")
    guard !original.isNoUnwind, let personality = original.personality ?? module.cxxPersonality,
      let mark = unwindMark
    else { return call }
    let gradient = builder.insertBlock.parent
    gradient.personality = personality
    let continuation = gradient.appendBlock(named: "primal.done")
    let pad = gradient.appendBlock(named: "unwind")
    let invoke = Instruction(call.ref).rebuiltAsInvoke(normal: continuation, unwind: pad)
    builder.position(atEndOf: pad)
    let landingType = IRType.structure(
      [tape.pointer, IRType.int(32, in: module.context)], in: module.context)
    let landing = LLVMBuildLandingPad(builder.ref, landingType.ref, personality.ref, 0, "")!
    LLVMSetCleanup(landing, 1)
    builder.call(tape.releasePendingShadows, [mark])
    // The shadows of blocks the forward sweep freed (a vector's storage replaced as it grew) wait
    // for the end of the gradient, which no longer comes: released now. They were dropped (leaked).
    builder.call(tape.releaseShadowsAfterGradient, [releaseMark])
    builder.call(tape.free, [tapeSlot])
    LLVMBuildResume(builder.ref, landing)
    builder.position(atEndOf: continuation)
    return invoke.value
  }
}

extension ReverseGenerator {
  /// In a module with C++ code, where augmented functions register shadows for unwinding: the
  /// number of bytes of registered shadows now (the mark an exception releases down to).
  func unwindMark(builder: Builder) -> Value? {
    guard module.cxxPersonality != nil else { return nil }
    return tape.pendingBytes(builder: builder)
  }

  /// Forgets the shadows registered since `mark`: the reverse sweep releases them.
  func resetPendingShadows(to mark: Value?, builder: Builder) {
    guard let mark else { return }
    tape.resetPendingShadows(to: mark, builder: builder)
  }
}

extension TapeRuntime {
  /// `@swad.unwind.pending`, a thread's tape of `{ shadow, release function }` records: the shadows
  /// augmented functions of C++ code made and the reverse sweep will release. An exception that
  /// aborts a gradient releases those registered since the gradient started; a gradient that
  /// completes forgets them.
  var pendingShadows: Value { releaseList(named: "swad.unwind.pending") }

  /// The byte size of the registered records.
  func pendingBytes(builder: Builder) -> Value { bytes(of: pendingShadows, builder: builder) }

  func resetPendingShadows(to mark: Value, builder: Builder) {
    resetList(pendingShadows, to: mark, builder: builder)
  }

  /// Forgets the records of `list` above `mark`.
  func resetList(_ list: Value, to mark: Value, builder: Builder) {
    let fields = listFields(list, builder)
    let base = builder.load(pointer, from: fields.base)
    builder.store(builder.gep(i8, base, [mark]), to: fields.top)
  }

  /// `void @swad.unwind.release(i64 %mark)`: releases the registered shadows above `mark`, newest
  /// first, each by its release function.
  var releasePendingShadows: Function {
    releaseFunction(named: "swad.unwind.release", for: pendingShadows, cold: true)
  }

  // MARK: Lists of shadows to release

  /// A thread-local tape of `{ shadow, release function }` records named `name`.
  func releaseList(named name: String) -> Value { module.threadLocalGlobal(named: name, type: type) }

  private func listFields(_ list: Value, _ builder: Builder) -> (base: Value, top: Value) {
    let i32 = IRType.int(32, in: context)
    let fields = (0..<2).map {
      builder.gep(type, list, [Value.constInt(i32, 0), Value.constInt(i32, Int64($0))])
    }
    return (fields[0], fields[1])
  }

  /// The byte size of the records on `list`.
  func bytes(of list: Value, builder: Builder) -> Value {
    let fields = listFields(list, builder)
    let base = builder.cast(LLVMPtrToInt, builder.load(pointer, from: fields.base), to: i64)
    let top = builder.cast(LLVMPtrToInt, builder.load(pointer, from: fields.top), to: i64)
    return builder.sub(top, base, "release.mark")
  }

  /// `void @<name>(i64 %mark)`: releases the records of `list` above `mark`, newest first, each by
  /// its release function.
  func releaseFunction(named name: String, for list: Value, cold: Bool = false) -> Function {
    if let made = module.function(named: name), !made.isDeclaration { return made }
    let void = IRType.void(in: context)
    let function = module.addFunction(named: name, type: .function(returning: void, [i64]))
    function.linkage = LLVMInternalLinkage
    let b = Builder(context: context)
    let entry = function.appendBlock(named: "entry")
    let loop = function.appendBlock(named: "loop")
    let body = function.appendBlock(named: "release")
    let done = function.appendBlock(named: "done")
    b.position(atEndOf: entry)
    b.br(loop)
    b.position(atEndOf: loop)
    b.condBr(b.icmp(LLVMIntUGT, bytes(of: list, builder: b), function.parameter(0)), body, done)
    b.position(atEndOf: body)
    let record = pop([pointer, pointer], tape: list, builder: b)
    b.call(type: IRType.function(returning: void, [pointer]), record[1], [record[0]])
    b.br(loop)
    b.position(atEndOf: done)
    b.retVoid()
    function.addAttribute("noinline")
    if cold { function.addAttribute("cold") }
    return function
  }
}
