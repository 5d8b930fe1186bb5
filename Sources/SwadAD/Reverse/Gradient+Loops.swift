// Reverse mode, loops: values the reverse sweep of a loop gets without the tape.
//
// Inside a natural loop the reverse code needs, each iteration, values of three kinds that need not
// be pushed every iteration:
//  - values defined before the loop: they are the same in every iteration, so they are set once
//    each time the reverse sweep enters the loop (on the reversed exit edge) into a stack slot of
//    the reverse function;
//  - the loop's counter (`Counter`): set on entry to its value in the last iteration and stepped
//    back on each reversed back edge; comparing it with its initial value also tells the header's
//    reverse whether control came around the back edge or from before the loop, so neither pushes
//    a block index;
//  - cheap integer and address arithmetic on values of the first two kinds, recomputed.
import CLLVM
import LLVMBinding
import SwadAnalysis

/// A loop counter: a header phi `i = [start, preheader], [i ± step, latch]` with a constant step,
/// in a loop entered only from one preheader and continued only from one latch. Other header phis
/// of that form (`inductions`) are stepped back with it. A pointer advanced by a constant number of
/// bytes (`p = [begin, preheader], [p + 8, latch]`: a C++ iterator loop, an Eigen linear traversal)
/// counts as well, as the counter of a loop without an integer one: the reverse sweep steps it back
/// instead of keeping it, and compares it with `begin` instead of keeping the branch each iteration
/// took. The features that compute with the iteration number (`RecordArray`, rotated adjoints,
/// the exit test's trip count) take integer counters only.
struct Counter {
  let loop: Loop
  let phi: Instruction
  let preheader: BasicBlock
  let latch: BasicBlock
  let start: Value
  /// `i_next = i + step`.
  let step: Int64
  /// Every induction variable of the header with its step, the counter first.
  var inductions: [(phi: Instruction, step: Int64)] = []

  static func find(in loops: LoopInfo) -> [BasicBlock: Counter] {
    var counters: [BasicBlock: Counter] = [:]
    for loop in loops.loops where loop.latches.count == 1 {
      let latch = loop.latches[0]
      // Integers first: an integer counter serves the features that compute with the iteration.
      let phis = loop.header.instructions.filter(\.isPhi)
      for phi in phis.filter({ $0.type.isInteger }) + phis.filter({ $0.type.isPointer }) {
        // Stepping back must give the same values: the induction cannot have wrapped.
        guard let induction = Induction(phi, of: loop, latch: latch), induction.cannotWrap else { continue }
        if var counter = counters[loop.header] {
          counter.inductions.append((phi, induction.step))
          counters[loop.header] = counter
        } else {
          counters[loop.header] = Counter(
            loop: loop, phi: phi, preheader: induction.preheader, latch: latch, start: induction.start,
            step: induction.step, inductions: [(phi, induction.step)])
        }
      }
    }
    return counters
  }
}

extension GradientEmitter {
  /// The stack slot of the reverse function that holds `key` while the reverse sweep is in `loop`.
  func loopSlot(_ loop: Loop, _ key: CacheKey) -> Value {
    let id = ObjectIdentifier(loop)
    if let found = loopValues[id]?.first(where: { $0.key == key }) { return found.slot }
    let slot = allocaBuilder.alloca(forwardValue(key).type, "loop")
    loopValues[id, default: []].append((key, slot))
    return slot
  }

  /// The counter of a loop around `block` of which `value` is an induction variable, if any.
  func counter(_ value: Value, around block: BasicBlock) -> Counter? {
    guard let phi = value.asInstruction, phi.isPhi, let counter = counters[phi.parent],
      counter.inductions.contains(where: { $0.phi == phi }), counter.loop.contains(block)
    else { return nil }
    return counter
  }

  /// Whether `argument` is a `byval` parameter of the original (its memory is the augmented
  /// function's own copy, gone after it returns).
  func isByValue(_ argument: Value) -> Bool {
    guard let index = original.parameters.firstIndex(of: argument) else { return false }
    return ByValueParameters.type(of: original, parameter: index) != nil
  }

  /// What the blocks that can run after `load` (its own block included) may write.
  func writesAfter(_ load: Instruction) -> MemoryWrites {
    let start = load.parent
    if let known = writesAfterBlock[start] { return known }
    let after = reachable(from: start)
    let made = memoryWrites(
      in: blocks.filter(after.contains), ignoring: Set(deferredReleases.keys).union(restorableStores))
    writesAfterBlock[start] = made
    return made
  }

  /// What `loop` may write (computed once per loop).
  func writes(in loop: Loop) -> MemoryWrites {
    if let known = loopWrites[ObjectIdentifier(loop)] { return known }
    let made = memoryWrites(in: blocks.filter(loop.contains))
    loopWrites[ObjectIdentifier(loop)] = made
    return made
  }

  /// What `blocks` of the original may write, `ignoring` some instructions, with the objects of a
  /// parallel region's caller known for what they are (`callerObject`).
  func memoryWrites(in blocks: [BasicBlock], ignoring: Set<Instruction> = []) -> MemoryWrites {
    var made = MemoryWrites(blocks: blocks, classifier: generator.classifier, ignoring: ignoring)
    made.callerObject = { [unowned self] in self.callerObject($0) }
    made.isDistinctArgument = { [unowned self] in self.isDistinctArgument($0) }
    return made
  }

  /// How the reverse sweep reads a load without the tape: redone (`again`), or taken once per run of
  /// `loop` from a slot (the value is the same in every iteration).
  enum Reload {
    case again
    case oncePerRun(Loop)
  }

  /// Whether the reverse code of `block` can read `load` without the tape: memory the function never
  /// writes after it (in a combined gradient, where nothing runs between the sweeps), or memory at a
  /// loop-invariant address that the loop does not write.
  func reload(_ load: Instruction, at block: BasicBlock) -> Reload? {
    guard !load.isVolatile, load.opcode == LLVMLoad else { return nil }
    let pointer = load.operand(0)
    // Stack memory is gone when the reverse function runs (it is another frame); memory of unknown
    // origin might be stack memory.
    // In a parallel region other threads run the code before `load` after it too: anything counts.
    let later =
      derivative.signature.inParallelRegion ? writesAfter(blocks[0].firstInstruction!) : writesAfter(load)
    if derivative.signature.combined && outlivesForwardSweep(MemoryWrites.underlyingObject(pointer))
      && !later.mayWrite(pointer)
    {
      return .again
    }
    guard let loop = loops.loop(containing: load.parent), loop.contains(block) else { return nil }
    let pointerDefinition = pointer.asInstruction?.parent
    let invariantAddress = pointerDefinition.map { !loop.contains($0) } ?? true
    // Exits into code that can only trap (Swift's bounds checks) end the program, not the loop.
    let everyIteration = loop.exitEdges.filter { mayLeave.contains($0.to) }
      .allSatisfy { dominators.dominates(load.parent, $0.from) }
    guard invariantAddress, everyIteration, !writes(in: loop).mayWrite(pointer) else { return nil }
    return .oncePerRun(loop)
  }

  /// A load the reverse sweep can redo or take once per loop (`reload`), or compute again from what
  /// filled its scratch array (`scratchReadWithoutTape`).
  private func loadWithoutTape(_ load: Instruction, at block: BasicBlock, depth: Int) -> Value? {
    switch reload(load, at: block) {
    case nil: return scratchReadWithoutTape(load, at: block, depth: depth)
    case .oncePerRun(let loop): return builder.load(load.type, from: loopSlot(loop, .primal(load.value)))
    case .again:
      if let made = recomputed[.primal(load.value)]?[builder.insertBlock] { return made }
      let copy = load.cloneForDerivative()
      copy.setOperand(0, primalInReverse(load.operand(0), at: block, depth: depth + 1))
      builder.insert(copy)
      recomputed[.primal(load.value), default: [:]][builder.insertBlock] = copy.value
      madeWithoutTape.note(.primal(load.value), .reloaded)
      return copy.value
    }
  }

  /// Whether the reverse code of `block` reads `value` without pushing it every iteration: a
  /// constant or an argument, a value from before the loop (set once per run of the loop), an
  /// induction, a load it can redo, or arithmetic it recomputes from such values. Mirrors
  /// `valueWithoutTape` without making anything, for the decisions that depend on it.
  func isAvailableWithoutTape(_ value: Value, at block: BasicBlock, depth: Int) -> Bool {
    guard depth < 6 else { return false }
    guard let instruction = value.asInstruction else { return true }
    guard let loop = loops.loop(containing: block), loop.contains(instruction.parent) else { return true }
    if counter(value, around: block) != nil { return true }
    if instruction.opcode == LLVMLoad {
      guard let kind = reload(instruction, at: block) else {
        return isScratchReadAvailable(instruction, at: block, depth: depth)
      }
      guard case .again = kind else { return true }
      return isAvailableWithoutTape(instruction.operand(0), at: block, depth: depth + 1)
    }
    if storeKeeping(value, at: block) != nil { return true }
    guard Self.isRecomputable(instruction) || Self.isCheapFloatArithmetic(instruction) else { return false }
    return instruction.operands.allSatisfy { isAvailableWithoutTape($0, at: block, depth: depth + 1) }
  }

  /// Whether memory at `object` outlives the forward sweep: an argument's, a global's, the heap's,
  /// or memory the caller's data points to (a `std::vector`'s elements: a pointer loaded from such
  /// memory that the function never writes, so it is the caller's pointer, not one to this frame).
  func outlivesForwardSweep(_ object: Value, depth: Int = 0) -> Bool {
    if object.isGlobalVariable || callerObject(object) != nil { return true }
    if object.isArgument, !isByValue(object), let index = original.parameters.firstIndex(of: object) {
      return generator.argumentLifetimes.outlivesForwardSweep(original, parameter: index)
    }
    if MemoryWrites.isLocalAllocation(object) { return object.asInstruction?.opcode != LLVMAlloca }
    guard depth < 3, let load = object.asInstruction, load.opcode == LLVMLoad, !load.isVolatile else {
      return false
    }
    let address = load.operand(0)
    return !writesAfter(blocks[0].firstInstruction!).mayWrite(address)
      && outlivesForwardSweep(MemoryWrites.underlyingObject(address), depth: depth + 1)
  }

  /// How the reverse code of `block` reads `key` without the tape, if it can: a loop slot, the
  /// counter, or a recomputation. Nil means: save it on the tape.
  func valueWithoutTape(_ key: CacheKey, at block: BasicBlock, depth: Int) -> Value? {
    guard let loop = loops.loop(containing: block) else { return nil }
    let value = key.original
    if case .primal = key, let counter = counter(value, around: block) {
      madeWithoutTape.note(key, .induction)
      return builder.load(value.type, from: loopSlot(counter.loop, key))
    }
    if case .shadow(_, let keyLane) = key, value.type.isPointer, let counter = counter(value, around: block),
      let start = value.asInstruction?.incoming.first(where: { !counter.loop.contains($0.block) })?.value
    {
      // A pointer induction's shadow advances with it, by the same bytes: it stays as far from the
      // shadow of where it started as the pointer from its start.
      let pointer = primalInReverse(value, at: block, depth: depth + 1)
      let begin = primalInReverse(start, at: block, depth: depth + 1)
      let shadowBegin = inLane(keyLane) { shadowInReverse(start, at: block, depth: depth + 1) }
      let distance = builder.sub(
        builder.cast(LLVMPtrToInt, pointer, to: i64), builder.cast(LLVMPtrToInt, begin, to: i64))
      madeWithoutTape.note(key, .induction)
      return builder.gep(tape.i8, shadowBegin, [distance])
    }
    if case .primal = key, let load = value.asInstruction, load.opcode == LLVMLoad,
      let made = loadWithoutTape(load, at: block, depth: depth)
    {
      return made
    }
    if case .primal = key, let store = storeKeeping(value, at: block) {
      return loadStored(value, from: store, at: block, depth: depth)
    }
    let definition = value.asInstruction?.parent
    if definition == nil || !loop.contains(definition!) {
      // Defined before the loop. A value from straight-line code is in a slot already.
      if definition == nil || !cycles.isCyclic(definition!) { return nil }
      return builder.load(forwardValue(key).type, from: loopSlot(loop, key))
    }
    return recompute(key, at: block, depth: depth)
  }

  /// Recomputes cheap integer and address arithmetic (and a shadow GEP from its base's shadow) in
  /// the reverse sweep, from operands the reverse sweep can read.
  private func recompute(_ key: CacheKey, at block: BasicBlock, depth: Int) -> Value? {
    guard depth < 6, let instruction = key.original.asInstruction else { return nil }
    if let made = recomputed[key]?[builder.insertBlock] { return made }
    let opcode = instruction.opcode
    let made: Value
    switch key {
    case .primal:
      // Floating-point arithmetic only when its operands cost no tape either: then redoing it
      // saves the 8 bytes it would push every iteration (and the reverse sweep reads its
      // operands' memory, which it may read anyway, instead of the tape's).
      let cheapFloat =
        Self.isCheapFloatArithmetic(instruction)
        && instruction.operands.allSatisfy { isAvailableWithoutTape($0, at: block, depth: depth + 1) }
      guard Self.isRecomputable(instruction) || cheapFloat else { return nil }
      let copy = instruction.cloneForDerivative()
      for index in 0..<instruction.operandCount {
        copy.setOperand(index, primalInReverse(instruction.operand(index), at: block, depth: depth + 1))
      }
      builder.insert(copy)
      made = copy.value
    case .shadow(_, let keyLane):
      guard opcode == LLVMGetElementPtr || opcode == LLVMBitCast || opcode == LLVMAddrSpaceCast else {
        return nil
      }
      let copy = instruction.cloneForDerivative()
      copy.setOperand(
        0, inLane(keyLane) { shadowInReverse(instruction.operand(0), at: block, depth: depth + 1) })
      for index in 1..<max(instruction.operandCount, 1) where index < instruction.operandCount {
        copy.setOperand(index, primalInReverse(instruction.operand(index), at: block, depth: depth + 1))
      }
      builder.insert(copy)
      made = copy.value
    case .auxiliary, .argumentCopy:
      return nil
    }
    recomputed[key, default: [:]][builder.insertBlock] = made
    madeWithoutTape.note(key, .recomputed)
    return made
  }

  /// Whether `instruction` is cheaper to redo than to save: integer and address arithmetic, and the
  /// overflow-checked arithmetic Swift and `__builtin_*_overflow` compile to (`llvm.smul.with.overflow`
  /// and its result's fields), which is pure.
  static func isRecomputable(_ instruction: Instruction) -> Bool {
    if recomputable.contains(instruction.opcode.rawValue) { return true }
    if instruction.opcode == LLVMExtractValue, let aggregate = instruction.operand(0).asInstruction {
      return isOverflowArithmetic(aggregate)
    }
    return isOverflowArithmetic(instruction)
  }

  /// Floating-point operations of one rounding and a few cycles, worth redoing rather than saving
  /// when their operands need no tape (`isAvailableWithoutTape`).
  static func isCheapFloatArithmetic(_ instruction: Instruction) -> Bool {
    [LLVMFAdd, LLVMFSub, LLVMFMul, LLVMFNeg].contains(instruction.opcode)
  }

  private static func isOverflowArithmetic(_ instruction: Instruction) -> Bool {
    guard instruction.isCall, let name = instruction.calledFunction?.name, name.hasPrefix("llvm.") else {
      return false
    }
    return ["sadd", "uadd", "ssub", "usub", "smul", "umul"].contains {
      name.hasPrefix("llvm.\($0).with.overflow.")
    }
  }

  /// Integer and address operations cheaper to redo than to save.
  private static let recomputable: Set<UInt32> = Set(
    [
      LLVMAdd, LLVMSub, LLVMMul, LLVMShl, LLVMLShr, LLVMAShr, LLVMAnd, LLVMOr, LLVMXor, LLVMTrunc, LLVMZExt,
      LLVMSExt, LLVMPtrToInt, LLVMIntToPtr, LLVMGetElementPtr, LLVMICmp, LLVMSIToFP, LLVMUIToFP,
    ].map(\.rawValue))

  // MARK: - Entering loops and going around them

  /// Fills the reverse edges that enter loops: each slot of each loop left by the forward edge gets
  /// its value. Inner loops first, since filling them can ask for values of the loops around them.
  func fillLoopEntries() {
    let exited = loopEntries.map { entry in
      (entry, loops.loops.filter { $0.contains(entry.exiting) && !$0.contains(entry.exit) })
    }
    for loop in loops.loops.sorted(by: { $0.depth > $1.depth }) {
      // An exit into code that can only trap is never taken backwards: the reverse sweep does not run.
      for (entry, left) in exited where left.contains(where: { $0 === loop }) && mayLeave.contains(entry.exit)
      {
        var index = 0
        // The list can grow while filling (a loop value asking for another); take it as it grows.
        while index < (loopValues[ObjectIdentifier(loop)]?.count ?? 0) {
          let (key, slot) = loopValues[ObjectIdentifier(loop)]![index]
          builder.position(before: entry.block.terminator!)
          builder.debugLocation = entry.exiting.terminator?.debugLocation
          let value: Value
          switch key {
          case .primal(let v):
            value =
              lastValueFromExitTest(of: v, leaving: loop, by: entry) ?? primalInReverse(v, at: entry.exit)
          case .shadow(let v, let lane): value = inLane(lane) { shadowInReverse(v, at: entry.exit) }
          case .auxiliary(let v): value = primalOfAuxiliary(v.asInstruction!, at: entry.exit)
          case .argumentCopy(let v, let index, let lane):
            value = inLane(lane) { argumentCopy(of: v.asInstruction!, index, at: entry.exit) }
          }
          builder.store(value, to: slot)
          index += 1
        }
        emitWindowCovers(for: loop, at: entry.block, exit: entry.exit)  // `Gradient+SharedAdjoints`
        emitRotationCheck(for: loop, exit: entry.exit)  // `Gradient+RotatedAdjoints`
      }
    }
  }

  /// Steps the induction variables back on each reversed back edge. Done last, since slots for
  /// inductions can be asked for until the loop entries are filled.
  func stepInductionsBack() {
    for (counter, block) in backEdges {
      builder.position(before: block.terminator!)
      builder.debugLocation = counter.latch.terminator?.debugLocation
      for (phi, step) in counter.inductions {
        guard
          let slot = loopValues[ObjectIdentifier(counter.loop)]?.first(where: { $0.key == .primal(phi.value) }
          )?.slot
        else { continue }
        let current = builder.load(phi.type, from: slot)
        let previous =
          phi.type.isPointer
          ? builder.gep(tape.i8, current, [Value.constInt(i64, -step)])
          : builder.sub(current, Value.constInt(phi.type, step))
        builder.store(previous, to: slot)
      }
    }
  }

  /// The reverse dispatch of a counted loop's header: around the back edge while the counter has
  /// not reached its start (stepping it back), else out of the loop to the preheader.
  func emitCountedDispatch(_ counter: Counter, at header: BasicBlock, transfer: (BasicBlock) -> Void) {
    let slot = loopSlot(counter.loop, .primal(counter.phi.value))
    let current = builder.load(counter.phi.type, from: slot)
    let start = primalInReverse(counter.start, at: header)
    let around = reverse.appendBlock(named: "rev." + label(of: header) + ".back")
    let out = reverse.appendBlock(named: "rev." + label(of: header) + ".out")
    around.moveAfter(builder.insertBlock)
    out.moveAfter(around)
    builder.condBr(builder.icmp(LLVMIntNE, current, start), around, out)
    // The latch and the preheader may still push their index for another successor's sake; the
    // header's reverse consumes it like any single-predecessor block.
    builder.position(atEndOf: around)
    if pushesBlockIndex(counter.latch) { _ = tape.pop([i64], tape: reverseTape, builder: builder) }
    transfer(counter.latch)
    stepRotatedAdjoints(of: counter, at: header)  // `Gradient+RotatedAdjoints`
    backEdges.append((counter, builder.insertBlock))
    builder.br(reverseHeads[counter.latch]!)
    builder.position(atEndOf: out)
    if pushesBlockIndex(counter.preheader) { _ = tape.pop([i64], tape: reverseTape, builder: builder) }
    finishRotatedAdjoints(of: counter, at: header)
    transfer(counter.preheader)
    builder.br(reverseHeads[counter.preheader]!)
  }
}
