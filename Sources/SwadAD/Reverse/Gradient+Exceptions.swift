// Reverse mode, exceptions. The reverse sweep follows only the paths on which the function returns:
// an exception aborts the whole gradient. The augmented forward function keeps the original's
// exception paths: a call that was an invoke is an invoke again (of the callee's augmented function
// when the callee is differentiated) unwinding into a copy of the original's cleanups (primal code
// only), which then releases the shadows this call of the augmented function made for the reverse
// sweep, and rethrows. The combined gradient releases the tape when the augmented function throws.
import CLLVM
import LLVMBinding

extension GradientEmitter: UnwindEmitting {
  var unwindTarget: Function { augmented }

  func replaceEmitted(_ old: Value, with new: Value) {
    map.replace(old, with: new)
    for (key, value) in shadows where value == old { shadows[key] = new }
    for (key, value) in auxiliaries where value == old { auxiliaries[key] = new }
  }

  /// Whether an exception may pass through the function: it has landing pads, or it is C++ code not
  /// known to be `nounwind`. Optimizations that hold back releases until the reverse sweep are then
  /// off: an exception would skip them.
  var mayUnwind: Bool {
    unwind.sites != nil || (!original.isNoUnwind && module.cxxPersonality != nil)
  }

  /// Maps the exception paths' blocks (before the forward sweep); reverse mode cannot go on after
  /// an exception is caught inside the function.
  func prepareExceptionPaths() throws {
    let rejoined = prepareUnwindRegion(normalOrder: blocks)
    if let block = rejoined.first {
      throw ADError(
        "cannot differentiate in reverse mode a function that catches an exception and goes on "
          + "(the reverse sweep follows only paths without exceptions); move the try/catch out of the "
          + "differentiated code or use forward mode", at: block.firstNonPhi ?? block.terminator!)
    }
  }

  /// Copies the exception paths into the augmented function, after the normal paths: primal code,
  /// with the shadows the reverse sweep would have released released before each `resume`.
  func emitExceptionPathsForward() {
    guard !unwind.region.isEmpty else { return }
    let tracked = trackShadowsForUnwinding()
    for block in unwind.region {
      builder.position(atEndOf: map[block])
      for instruction in block.instructions {
        builder.debugLocation = instruction.debugLocation
        switch instruction.opcode {
        case LLVMPHI:
          let primal = builder.phi(instruction.type, instruction.value.name)
          map.map(instruction.value, to: primal.value)
          pendingPhis.append((instruction, primal, nil))
        case LLVMLandingPad:
          visitLandingPad(instruction)
        case LLVMCall:
          emitCall(instruction) { copyPrimal(instruction) }
        case LLVMResume:
          for (slot, release) in tracked {
            let call = builder.call(release, [builder.load(tape.pointer, from: slot)])
            Instruction(call.ref).callingConvention = release.callingConvention
          }
          copyPrimal(instruction)
        default:
          copyPrimal(instruction)
        }
        if instruction.isTerminator { exitBlocks[block] = builder.insertBlock }
      }
    }
  }

  /// Stack slots of the augmented function holding the shadows the reverse sweep releases that are
  /// made at most once per call (of stack slots, of heap blocks this function frees, of by-value
  /// arguments): null until made. Returns each slot with the function that releases it.
  private func trackShadowsForUnwinding() -> [(slot: Value, release: Function)] {
    var shadowsToTrack: [(shadow: Value, allocator: String?)] = []
    for block in blocks where !cycles.isCyclic(block) {
      for instruction in block.instructions {
        if heapShadows.contains(instruction.value), let shadow = shadows[instruction.value],
          !instruction.value.users.contains(where: { user in
            user.asInstruction.map { $0.isCall && $0.calledFunction?.name == "realloc" } ?? false
          })
        {
          let allocator = instruction.isCall ? instruction.calledFunction?.name : nil
          shadowsToTrack.append((shadow, allocator))
        }
        for index in (argumentCopies[instruction.value] ?? [:]).keys.sorted() {
          shadowsToTrack.append((argumentCopies[instruction.value]![index]!, nil))
        }
      }
    }
    guard !shadowsToTrack.isEmpty else { return [] }
    let entry = Builder(context: module.context)
    entry.position(before: map[blocks[0]].firstInstruction!)
    let void = IRType.void(in: module.context)
    var tracked: [(slot: Value, release: Function)] = []
    for (shadow, allocator) in shadowsToTrack {
      guard let made = shadow.asInstruction, let next = made.next else { continue }
      let slot = entry.alloca(tape.pointer, "unwind.slot")
      entry.store(Value.null(tape.pointer), to: slot)
      let store = Builder(context: module.context)
      store.position(before: next)
      store.store(shadow, to: slot)
      let name = allocator.flatMap(CXXRuntime.deallocator(forAllocator:))
        ?? (allocator == "swift_allocObject" ? "swift_release" : "free")
      tracked.append((slot, module.declareFunction(named: name, type: .function(returning: void, [tape.pointer]))))
    }
    return tracked
  }
}

extension ReverseGenerator {
  /// The combined gradient's call of the augmented function: an invoke when the function may throw
  /// (C++ not known `nounwind`), whose landing pad releases the tape before rethrowing.
  func callAugmented(_ augmented: Function, of original: Function, _ arguments: [Value], tape tapeSlot: Value,
                     builder: Builder) -> Value {
    let call = builder.call(augmented, arguments, "primal")
    guard !original.isNoUnwind, let personality = original.personality ?? module.cxxPersonality else { return call }
    let gradient = builder.insertBlock.parent
    gradient.personality = personality
    let continuation = gradient.appendBlock(named: "primal.done")
    let pad = gradient.appendBlock(named: "unwind")
    let invoke = Instruction(call.ref).rebuiltAsInvoke(normal: continuation, unwind: pad)
    builder.position(atEndOf: pad)
    let landingType = IRType.structure([tape.pointer, IRType.int(32, in: module.context)], in: module.context)
    let landing = LLVMBuildLandingPad(builder.ref, landingType.ref, personality.ref, 0, "")!
    LLVMSetCleanup(landing, 1)
    builder.call(tape.free, [tapeSlot])
    LLVMBuildResume(builder.ref, landing)
    builder.position(atEndOf: continuation)
    return invoke.value
  }
}
