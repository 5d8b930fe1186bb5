// Reverse mode, parallel regions: adjoints of memory other threads of the region may read too.
//
// A load of shared memory the region never writes gets its adjoint in the thread's window of
// private adjoints for the load's base pointer (`OpenMPSupport.addToWindow`), added to the shadow
// once, when the thread's reverse sweep ends; other shared memory gets it atomically. A window
// grows on demand, so each addition checks that its index is inside. Inside a counted loop, where
// the index is an affine function of the loop's inductions, the check moves out of the loop: on
// entering the loop's reverse, the window is grown once to cover the indices of the loop's first
// and last iterations (every index in between is then covered too), and the additions inside add
// without a check (`WindowCover`).
import CLLVM
import LLVMBinding
import SwadAnalysis

/// A term of a windowed access's element index: an index of a GEP over doubles, or a byte offset
/// of one over bytes that is a multiple of 8 by its form (LLVM writes constant strides that way).
struct WindowTerm: Equatable {
  let value: Value
  let bytes: Bool
}

/// A windowed access inside a counted loop, covered once per run of the loop's reverse: `terms`
/// (their sum is the element's index) are defined before the loop or are affine functions of its
/// iteration number that cannot wrap.
struct WindowCover {
  let window: AdjointWindow
  let base: Value
  let terms: [WindowTerm]
  let counter: Counter
}

extension GradientEmitter {
  /// Whether the adjoint of a load of `pointer` must be added atomically: in a parallel region,
  /// unless only this thread may read the same memory (`ParallelAccesses`).
  func addsAtomically(reading pointer: Value) -> Bool {
    guard derivative.signature.inParallelRegion else { return false }
    return !ParallelAccesses.isThreadExclusive(pointer, in: original, classifier: generator.classifier)
  }

  /// Whether this reverse function runs with other threads of its region: the thread-local flag the
  /// region's wrapper sets, read once on entry (it holds for the whole sweep; a nested region's
  /// wrapper restores it), so that the additions' branches on it are loop-invariant.
  var concurrentSweep: Value {
    if let read = concurrentFlagOnEntry { return read }
    let flag = OpenMPSupport(module: module).concurrentFlag
    let read = allocaBuilder.load(IRType.int(1, in: module.context), from: flag, "omp.concurrent")
    concurrentFlagOnEntry = read
    return read
  }

  /// The adjoint of a load of memory other threads may read too: into the thread's window of
  /// private adjoints for the load's base pointer (added to the shadow once, when the thread's
  /// reverse sweep ends) when the region never writes that memory, else atomically.
  func addSharedAdjoint(_ seed: Value, to shadow: Value, of load: Instruction, in block: BasicBlock) {
    guard let (base, terms) = windowedAccess(load) else { return addAtomically(seed, to: shadow) }
    let support = OpenMPSupport(module: module)
    let window: AdjointWindow
    if let made = adjointWindows[base] {
      window = made
    } else {
      window = support.makeWindow(allocaBuilder)
      adjointWindows[base] = window
    }
    let covered = coverInLoop(window, base: base, terms: terms, at: block)
    let position = elementIndex(terms) { primalInReverse($0, at: block) }
    // A team of one thread adds into the shadow directly.
    let windowed = reverse.appendBlock(named: "omp.window.add")
    let plain = reverse.appendBlock(named: "omp.plain.add")
    let done = reverse.appendBlock(named: "omp.added")
    builder.condBr(concurrentSweep, windowed, plain)
    builder.position(atEndOf: plain)
    builder.accumulate(seed, into: shadow)
    builder.br(done)
    builder.position(atEndOf: windowed)
    if covered {
      support.addToCoveredWindow(window, index: position, value: seed, builder: builder)
    } else {
      let baseShadow = shadowInReverse(base, at: block)
      support.addToWindow(
        window, index: position, value: seed, shadow: baseShadow, builder: builder, in: reverse)
    }
    builder.br(done)
    builder.position(atEndOf: done)
  }

  /// The element index `Σ terms`, in i64, each term's value given by `value`.
  private func elementIndex(_ terms: [WindowTerm], _ value: (Value) -> Value) -> Value {
    terms.map { term in
      let wide = builder.intCast(value(term.value), to: i64, signed: true)
      return term.bytes ? builder.exactAShr(wide, Value.constInt(i64, 3)) : wide
    }.reduce(Value.constInt(i64, 0)) { builder.add($0, $1) }
  }

  /// For a load of `base[i₁]…[iₙ]` (doubles, through a chain of one-index GEPs over doubles, or
  /// over bytes by multiples of 8) in a forked microtask, where `base` is the same for every thread
  /// and iteration and the microtask writes none of its memory: the base and the index terms (their
  /// sum is the element's index).
  private func windowedAccess(_ load: Instruction) -> (Value, [WindowTerm])? {
    let double = IRType.double(in: module.context)
    let byte = IRType.int(8, in: module.context)
    // (Where the shadow may be the primal, the caller skips constant memory before coming here.)
    guard load.type == double else { return nil }
    var pointer = load.operand(0)
    var terms: [WindowTerm] = []
    while let gep = pointer.asInstruction, gep.opcode == LLVMGetElementPtr, gep.operandCount == 2 {
      if gep.gepSourceElementType == double {
        terms.append(WindowTerm(value: gep.operand(1), bytes: false))
      } else if gep.gepSourceElementType == byte, Self.isMultipleOfEight(gep.operand(1)) {
        terms.append(WindowTerm(value: gep.operand(1), bytes: true))
      } else {
        break
      }
      pointer = gep.operand(0)
    }
    guard !terms.isEmpty else { return nil }
    let base = pointer
    // Defined once, or loaded (again in each chunk of a dynamic schedule) from a captured variable
    // the microtask never writes: the same pointer every time.
    if let definition = base.asInstruction, cycles.isCyclic(definition.parent) {
      guard definition.opcode == LLVMLoad, ParallelAccesses.isSharedBase(base, in: original) else {
        return nil
      }
    }
    // Only the forked function itself: what it writes is all the region writes.
    let forked = original.value.users.contains { user in
      guard let call = user.asInstruction, call.isCall else { return false }
      return OpenMPRuntime.microtask(of: call) == original
    }
    guard forked, ParallelAccesses.regionNeverWrites(base, in: original, classifier: generator.classifier)
    else {
      return nil
    }
    return (base, terms)
  }

  /// Whether `value` is a multiple of 8 by its form: such a constant, a product or left shift that
  /// has such a factor, a sum or difference of such values, their extensions.
  private static func isMultipleOfEight(_ value: Value) -> Bool {
    if let constant = value.constantInt { return constant % 8 == 0 }
    guard let instruction = value.asInstruction else { return false }
    let operands = (0..<instruction.operandCount).map { instruction.operand($0) }
    switch instruction.opcode {
    case LLVMMul: return operands.contains(where: isMultipleOfEight)
    case LLVMShl: return (operands[1].constantInt ?? 0) >= 3 || isMultipleOfEight(operands[0])
    case LLVMAdd, LLVMSub: return operands.allSatisfy(isMultipleOfEight)
    case LLVMSExt, LLVMZExt: return isMultipleOfEight(operands[0])
    default: return false
    }
  }

  // MARK: - Covering a loop's indices on entry

  /// Whether the access `base[Σ terms]` in `block` is covered on entry to its innermost loop's
  /// reverse (a counted loop, the terms affine in its iteration number): then it is noted for
  /// `emitWindowCovers`, and the slots it will read on entry are asked for now, while the loop's
  /// slots are still being collected.
  private func coverInLoop(_ window: AdjointWindow, base: Value, terms: [WindowTerm], at block: BasicBlock)
    -> Bool
  {
    guard let loop = loops.loop(containing: block), let counter = counters[loop.header],
      counter.loop === loop,
      terms.allSatisfy({ isAffine($0.value, in: counter, signed: true) })
    else { return false }
    let id = ObjectIdentifier(loop)
    let known = windowCovers[id, default: []].contains {
      $0.window.record == window.record && $0.terms == terms
    }
    if !known {
      for term in terms { askSlots(of: term.value, in: counter) }
      windowCovers[id, default: []].append(
        WindowCover(window: window, base: base, terms: terms, counter: counter))
    }
    return true
  }

  /// On the reverse edge `entry` into `loop` (the builder before its terminator, the loop's slots
  /// filled): when the region has other threads, each covered window grows, if it must, to the
  /// indices of the loop's first and last iterations, and the function's copies of its fields are
  /// read again. A team of one thread skips all of it (its additions go to the shadows directly).
  func emitWindowCovers(for loop: Loop, at entry: BasicBlock, exit: BasicBlock) {
    guard let covers = windowCovers[ObjectIdentifier(loop)], let terminator = entry.terminator else { return }
    let support = OpenMPSupport(module: module)
    let grow = reverse.appendBlock(named: "omp.cover")
    let after = reverse.appendBlock(named: "omp.covered")
    builder.condBr(concurrentSweep, grow, after)
    terminator.removeFromParent()
    builder.position(atEndOf: after)
    builder.insert(terminator)
    builder.position(atEndOf: grow)
    for cover in covers {
      let ends = [false, true].map { last in
        elementIndex(cover.terms) { valueInIteration($0, last: last, of: cover.counter, entry: exit) }
      }
      let ascending = builder.icmp(LLVMIntSLE, ends[0], ends[1])
      let low = builder.select(ascending, ends[0], ends[1])
      let high = builder.select(ascending, ends[1], ends[0])
      support.coverWindow(
        cover.window, low: low, high: high, shadow: shadowInReverse(cover.base, at: exit), builder: builder)
    }
    builder.br(after)
    builder.position(before: terminator)
  }

  /// At the end of the reverse sweep: each window's adjoints go to their shadows.
  func flushAdjointWindows() {
    guard !adjointWindows.isEmpty else { return }
    let flush = OpenMPSupport(module: module).windowFlush
    for window in adjointWindows.values.map(\.record).sorted(by: { $0.name < $1.name }) {
      builder.call(flush, [window])
    }
  }

  /// `*address += value`, atomically, leaf by leaf (floats and vectors of floats; aggregates by
  /// their floating-point members), when the region has several threads; plainly when it has one.
  func addAtomically(_ value: Value, to address: Value) {
    let type = value.type
    if type.isFloatingPoint {
      let atomic = reverse.appendBlock(named: "omp.atomic.add")
      let plain = reverse.appendBlock(named: "omp.plain.add")
      let done = reverse.appendBlock(named: "omp.added")
      builder.condBr(concurrentSweep, atomic, plain)
      builder.position(atEndOf: atomic)
      _ = LLVMBuildAtomicRMW(
        builder.ref, LLVMAtomicRMWBinOpFAdd, address.ref, value.ref, LLVMAtomicOrderingMonotonic, 0)
      builder.br(done)
      builder.position(atEndOf: plain)
      builder.accumulate(value, into: address)
      builder.br(done)
      builder.position(atEndOf: done)
      return
    }
    let i32 = IRType.int(32, in: module.context)
    if type.isVector {
      for lane in 0..<Int64(type.vectorSize) {
        let element = builder.extractElement(value, Value.constInt(i32, lane))
        addAtomically(element, to: builder.gep(type.elementType, address, [Value.constInt(i64, lane)]))
      }
      return
    }
    guard type.isAggregate else { return }
    let count = type.isStruct ? type.structElements.count : Int(type.arrayLength)
    for index in 0..<count where type.element(at: UInt32(index)).containsFloatingPoint {
      let member = builder.gep(type, address, [Value.constInt(i32, 0), Value.constInt(i32, Int64(index))])
      addAtomically(builder.extractValue(value, UInt32(index)), to: member)
    }
  }
}
