// Reverse mode, combined gradients: what the forward sweep leaves to the reverse sweep. A release
// of an allocation made once per call waits for the allocation's reverse (the reverse sweep reads
// the memory again instead of keeping it), and a store after loops that read its memory is undone
// before their reverse and redone at the exit (`restoreStoredOver`, `redoRestoredStores`).
import CLLVM
import LLVMBinding

extension GradientEmitter {
  /// The releases (`free`, `swift_release`) a combined gradient defers to the reverse sweep: those of
  /// an allocation made at most once per call, found through casts, phis and selects.
  func findDeferredReleases() {
    guard derivative.signature.combined else { return }
    for block in blocks {
      for instruction in block.instructions where instruction.isCall {
        let releases: Bool
        switch generator.classifier.semantics(of: instruction) {
        case .deallocation: releases = true
        case .referenceCounting: releases = instruction.calledFunction?.name == "swift_release"
        default: releases = false
        }
        guard releases, let argument = instruction.arguments.first else { continue }
        var object = MemoryWrites.underlyingObject(argument)
        if let allocation = allocationSharedWithRegion(object) { object = allocation }  // `Gradient+OpenMP`
        guard let allocation = object.asInstruction, allocation.isCall, !cycles.isCyclic(allocation.parent),
          !cycles.isCyclic(block), everyPathToReturn(from: allocation.parent, passes: block)
        else { continue }
        switch generator.classifier.semantics(of: allocation) {
        case .allocation(.uninitialized), .allocation(.zeroed), .allocation(.swiftObject):
          // An exception between the skipped release and the reverse sweep would leak it.
          if !mayUnwind { deferredReleases[instruction] = object }
        default: continue
        }
      }
    }
    // Worth it only for a store that would keep loads in loops from being loaded again: one that may
    // write their memory and runs after them.
    var loopLoads = blocks.filter { cycles.isCyclic($0) }.flatMap { block in
      block.instructions.filter { $0.opcode == LLVMLoad }.map {
        (block, MemoryWrites.underlyingObject($0.operand(0)))
      }
    }
    // A parallel region's loads too: a store after its fork to memory the region may read through
    // its captured variables keeps the region's gradient from loading it again (`Gradient+OpenMP`).
    for block in blocks {
      for fork in block.instructions where fork.isCall {
        guard case .openMP(.fork) = generator.classifier.semantics(of: fork) else { continue }
        loopLoads += OpenMPRuntime.captured(by: fork).flatMap(objectsReadThrough).map { (block, $0) }
      }
    }
    // Not in a parallel region: other threads may read the memory while it is undone.
    guard !loopLoads.isEmpty, !derivative.signature.inParallelRegion else { return }
    var candidates: Set<Instruction> = []
    for block in blocks where !cycles.isCyclic(block) {
      for store in block.instructions where store.opcode == LLVMStore && !store.isVolatile {
        let object = MemoryWrites.underlyingObject(store.operand(1))
        // Undone and redone while the reverse sweep runs: the memory must still be there. A
        // caller's stack slot is gone with the caller's forward sweep (Eigen's `solve` writing its
        // result into a `Vector3d` of the function that called it, at -O0): the undoing wrote into
        // whatever frame lay there then, and the gradient came out wrong, differently for each
        // stack layout.
        guard !MemoryWrites.isLocalAllocation(object), outlivesForwardSweep(object),
          loopLoads.contains(where: {
            MemoryWrites.mayAlias($0.1, object) && reachable(from: $0.0).contains(block)
          })
        else { continue }
        candidates.insert(store)
      }
    }
    // A store can be undone if every later write to its memory can be undone too (`*err = a;
    // *err += b;`): undone newest first, redone oldest first.
    var changed = true
    while changed {
      changed = false
      for store in candidates {
        if writesFollowing(store, alsoIgnoring: candidates).mayWrite(store.operand(1)) {
          candidates.remove(store)
          changed = true
        }
      }
    }
    restorableStores = candidates
  }

  /// Whether every path from `start` to a return runs `block` (it post-dominates `start`).
  func everyPathToReturn(from start: BasicBlock, passes block: BasicBlock) -> Bool {
    if start == block { return true }
    var seen: Set<BasicBlock> = [start]
    var work = [start]
    while let current = work.popLast() {
      if current.terminator?.opcode == LLVMRet { return false }
      for next in current.successors where next != block && seen.insert(next).inserted { work.append(next) }
    }
    return true
  }

  /// Releases, at an allocation's reverse, the primal allocation whose release was deferred.
  func releaseDeferredPrimal(_ allocation: Instruction, in block: BasicBlock) {
    for (release, object) in deferredReleases where object == allocation.value {
      let function = release.calledFunction!
      // Sized, aligned and nothrow `operator delete` take more than the pointer.
      let arguments =
        [primalInReverse(allocation.value, at: block)]
        + release.arguments.dropFirst().map { primalInReverse($0, at: block) }
      let call = builder.call(function, arguments)
      Instruction(call.ref).callingConvention = release.callingConvention
    }
  }
}
