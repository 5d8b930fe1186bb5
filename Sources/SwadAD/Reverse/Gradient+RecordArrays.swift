// Reverse mode, loops whose records form an array indexed by the iteration.
//
// A block in a loop pushes its record each time it runs, and its reverse pops it: every iteration
// goes through the tape's top pointer in memory, twice, which keeps both sweeps of the loop scalar
// (the optimizer cannot keep the top in a register across the tape's growing call). When a counted
// loop's records are all pushed at most once per iteration, by blocks of the loop itself, and
// nothing else touches the tape inside the loop (no inner loop's records, no callee's, no block
// index), the records of one run of the loop can lie on the tape as an array of equal elements,
// element k holding iteration k's records. Then:
//  - the forward sweep reserves the whole array before the loop when the trip count is known there
//    (an exit test `i == n` or `i != n` on an induction variable stepping by one), and stores
//    iteration k's records at element k; otherwise, when every iteration runs every block that
//    pushes, it pushes them as before, which lays them out the same way. A block some iterations
//    skip (the triangle's last row, an `if` on the counter) leaves its part of their elements
//    unwritten; its reverse skips them too. As in Enzyme's per-loop caches, the array is then as
//    long as the loop, however rarely the block runs;
//  - the reverse sweep pops the array in one piece where it enters the loop (the trip count is the
//    counter's last value there), and reads element k in the iteration whose counter is k.
// Both loops then index memory by the iteration, as the primal loop does, and the optimizer can
// vectorize them. An array reserved whole is laid out by columns, one per value of the element
// (the trip count being known to both sweeps): the forward loop stores each value, and the reverse
// loop loads it, at consecutive addresses, which vector stores and loads cover. Elements side by
// side would interleave them: in the LSTM's gate loop (16 values an iteration) the vectorizer found
// the interleaved stores too costly and left the loop scalar, its libmvec calls with it.
import CLLVM
import LLVMBinding
import SwadAnalysis

/// The records of a counted loop laid out as an array with one element per iteration.
struct RecordArray {
  let loop: Loop
  let counter: Counter
  /// The blocks that push records, in the order each iteration runs them, with where their record
  /// starts in an element.
  let members: [(block: BasicBlock, offset: Int64)]
  let elementSize: Int64
  /// The exit test that gives the trip count before the loop, so that the forward sweep reserves
  /// the array whole; nil when each iteration pushes its own element.
  let exitTest: CountingExitTest?
  /// Reverse function slots, set where the reverse sweep enters the loop: the array's address, the
  /// counter's start and, for an array in columns, the trip count.
  var base: Value?
  var start: Value?
  var count: Value?

  /// Whether each value of the element has a column of its own (value j of iteration k at
  /// `base + offset(j) · count + k · size(j)`), or the elements lie side by side (`base + k ·
  /// elementSize + offset(j)`): columns where the forward sweep reserves the array whole, knowing
  /// the trip count; side by side where it pushes the elements one by one.
  var inColumns: Bool { exitTest != nil }
}

extension GradientEmitter {
  /// Decides which counted loops keep their records as arrays, and pops each array where the
  /// reverse sweep enters its loop. Runs once the reverse sweep has asked for every value it needs.
  func planRecordArrays() {
    for loop in loops.loops {
      guard var array = recordArray(for: loop) else { continue }
      let base = allocaBuilder.alloca(tape.pointer, "records")
      let start = allocaBuilder.alloca(array.counter.phi.type, "records.start")
      let countSlot = array.inColumns ? allocaBuilder.alloca(i64, "records.count") : nil
      let counterSlot = loopSlot(loop, .primal(array.counter.phi.value))
      for entry in loopEntries where entry.exiting == array.counter.latch && !loop.contains(entry.exit) {
        builder.position(before: entry.block.terminator!)
        builder.debugLocation = entry.exiting.terminator?.debugLocation
        // The counter's slot holds its value in the last iteration (set by `fillLoopEntries`).
        let first = primalInReverse(array.counter.start, at: loop.header)
        if !array.counter.start.isConstant { builder.store(first, to: start) }
        let count = builder.add(
          iteration(
            of: builder.load(array.counter.phi.type, from: counterSlot),
            from: first, array.counter), Value.constInt(i64, 1))
        let bytes = builder.mul(count, Value.constInt(i64, array.elementSize))
        builder.store(tape.popBlock(bytes: bytes, tape: reverseTape, builder: builder), to: base)
        if let countSlot { builder.store(count, to: countSlot) }
      }
      array.base = base
      array.start = start
      array.count = countSlot
      for member in array.members { recordArrays[member.block] = array }
    }
  }

  /// The records of `loop` as an array, when its records allow it.
  private func recordArray(for loop: Loop) -> RecordArray? {
    // Exits into code that only traps (Swift's bounds and overflow checks) end the program, not the
    // loop: the reverse sweep never runs after them.
    let exits = loop.exitEdges.filter { mayLeave.contains($0.to) }
    guard let counter = counters[loop.header], counter.phi.type.isInteger, counter.step.magnitude == 1,
      exits.count == 1, exits[0].from == counter.latch
    else { return nil }
    var members: [BasicBlock] = []
    for block in blocks where loop.contains(block) {
      if pushesBlockIndex(block) { return nil }
      for instruction in block.instructions where instruction.isCall && augmentedCalls[instruction] != nil {
        return nil  // the callee's augmented function pushes its own records
      }
      guard let keys = cache.records[block], !keys.isEmpty else { continue }
      // Pushed at most once per iteration: by a block of this loop, not of an inner one.
      guard loops.loop(containing: block) === loop else { return nil }
      members.append(block)
    }
    guard !members.isEmpty else { return nil }
    // The array is reserved at the end of the preheader: one that may also skip the loop (optimized
    // input keeps few dedicated preheaders) reserves nothing when it does (`forwardArrayBytes`).
    let exitTest = entryCondition(of: counter) != nil ? CountingExitTest(counter) : nil
    // A block some iterations skip leaves its part of their elements unwritten, and its reverse
    // skips those elements too. Pushing would then lay out elements of different sizes, so such a
    // block needs the array reserved whole before the loop: a known trip count, and the preheader
    // placed (and so reserving) before the loop's blocks.
    if members.contains(where: { !dominators.dominates($0, counter.latch) }) {
      guard exitTest != nil, let preheader = blocks.firstIndex(of: counter.preheader),
        members.allSatisfy({ blocks.firstIndex(of: $0)! > preheader })
      else { return nil }
    } else {
      // Blocks that every iteration runs, in the order it runs them (pushes lay elements out so).
      members.sort { dominators.dominates($0, $1) }
    }
    var offset: Int64 = 0
    var placed: [(block: BasicBlock, offset: Int64)] = []
    for block in members {
      placed.append((block, offset))
      offset += cache.records[block]!.reduce(Int64(0)) { $0 + tape.slotSize(of: forwardValue($1).type) }
    }
    return RecordArray(loop: loop, counter: counter, members: placed, elementSize: offset, exitTest: exitTest)
  }

  /// The iteration number (from 0, as an i64) whose counter is `value`, for a counter starting at
  /// `start` and stepping by ±1.
  func iteration(of value: Value, from start: Value, _ counter: Counter) -> Value {
    let steps = counter.step > 0 ? difference(value, start) : difference(start, value)
    // The iteration number is below 2^width (the counter does not come back to a value), so the
    // difference modulo 2^width is exact, and not negative.
    return steps.type.integerWidth == 64 ? steps : builder.intCast(steps, to: i64, signed: false)
  }

  /// Loads `block`'s record (values of `types`) for the current iteration, in the reverse sweep of
  /// one of the members of `array`.
  func loadReverseRecord(_ types: [IRType], of block: BasicBlock, in array: RecordArray) -> [Value] {
    let base = builder.load(tape.pointer, from: array.base!)
    let start =
      array.counter.start.isConstant
      ? array.counter.start : builder.load(array.counter.phi.type, from: array.start!)
    let current = builder.load(
      array.counter.phi.type, from: loopSlot(array.loop, .primal(array.counter.phi.value)))
    let k = iteration(of: current, from: start, array.counter)
    let count = array.count.map { builder.load(i64, from: $0) }
    return zip(types, fieldAddresses(types, k: k, of: block, in: array, base: base, count: count)).map {
      type, address in
      let value = builder.load(type, from: address)
      Instruction(value.ref).alignment = 8
      return value
    }
  }
}

/// A counted loop's exit test that gives its trip count before it runs: the latch leaves when an
/// induction variable stepping by one (or its next value) equals a value defined before the loop.
struct CountingExitTest {
  let start: Value
  let bound: Value
  let step: Int64
  /// The test compares the current value, not the next: one more iteration.
  let comparesCurrent: Bool

  init?(_ counter: Counter) {
    let loop = counter.loop
    let latch = counter.latch
    guard let branch = latch.terminator, branch.opcode == LLVMBr, branch.operandCount == 3,
      let test = branch.operand(0).asInstruction, test.opcode == LLVMICmp
    else { return nil }
    let exitsOnTrue = !loop.contains(branch.successor(0))
    let predicate = test.intPredicate
    guard (predicate == LLVMIntEQ && exitsOnTrue) || (predicate == LLVMIntNE && !exitsOnTrue) else {
      return nil
    }
    func definedBefore(_ value: Value) -> Bool {
      guard let instruction = value.asInstruction else { return value.isConstant || value.isArgument }
      return !loop.contains(instruction.parent)
    }
    for (tested, bound) in [(test.operand(0), test.operand(1)), (test.operand(1), test.operand(0))]
    where definedBefore(bound) {
      for (phi, step) in counter.inductions where phi.type.isInteger && step.magnitude == 1 {
        guard let start = phi.incoming.first(where: { !loop.contains($0.block) })?.value,
          let next = phi.incoming.first(where: { $0.block == latch })?.value,
          tested == phi.value || tested == next
        else { continue }
        (self.start, self.bound, self.step, comparesCurrent) = (start, bound, step, tested == phi.value)
        return
      }
    }
    return nil
  }
}

extension GradientEmitter {
  /// The number of iterations of a loop with `test` as an i64, made in the augmented function
  /// before the loop: `bound − start` (times the step's sign), one more when the test compares the
  /// current value.
  func forwardIterationCount(_ test: CountingExitTest) -> Value {
    let bound = map[test.bound]
    let start = map[test.start]
    let distance = test.step > 0 ? difference(bound, start) : difference(start, bound)
    let count =
      distance.type.integerWidth == 64 ? distance : builder.intCast(distance, to: i64, signed: false)
    return test.comparesCurrent ? builder.add(count, Value.constInt(i64, 1)) : count
  }

  /// How the preheader of `counter`'s loop enters it: always, or when its branch's condition is
  /// `true` (or `false`); nil for a preheader that ends otherwise (a switch).
  func entryCondition(of counter: Counter) -> (always: Bool, onTrue: Bool)? {
    let preheader = counter.preheader
    if preheader.successors.count == 1 { return (true, true) }
    guard let branch = preheader.terminator, branch.opcode == LLVMBr, branch.operandCount == 3,
      branch.successor(0) != branch.successor(1)
    else { return nil }
    return (false, branch.successor(0) == counter.loop.header)
  }

  /// The bytes of `array` of `count` elements, reserved at the end of its preheader in the augmented
  /// function: nothing when the preheader's branch skips the loop (the reverse sweep then pops
  /// nothing either).
  func forwardArrayBytes(_ array: RecordArray, count: Value) -> Value {
    let bytes = builder.mul(count, Value.constInt(i64, array.elementSize))
    guard let entry = entryCondition(of: array.counter), !entry.always else { return bytes }
    let condition = map[array.counter.preheader.terminator!.operand(0)]
    let zero = Value.constInt(i64, 0)
    return entry.onTrue ? builder.select(condition, bytes, zero) : builder.select(condition, zero, bytes)
  }

  /// Stores iteration k's `record` of `block` in the augmented function, given the array's start
  /// and, for an array in columns, its number of elements.
  func storeForwardRecord(
    _ record: [Value], of block: BasicBlock, in array: RecordArray, base: Value, count: Value?
  ) {
    let k = iteration(of: map[array.counter.phi.value], from: map[array.counter.start], array.counter)
    let addresses = fieldAddresses(record.map(\.type), k: k, of: block, in: array, base: base, count: count)
    for (value, address) in zip(record, addresses) {
      let store = builder.store(value, to: address)
      Instruction(store.ref).alignment = 8
    }
  }

  /// The addresses of the values (of `types`) of `block`'s record in element `k` of an array
  /// starting at `base`: in columns of `count` values, or in the element (`RecordArray.inColumns`).
  private func fieldAddresses(
    _ types: [IRType], k: Value, of block: BasicBlock, in array: RecordArray, base: Value, count: Value?
  ) -> [Value] {
    let record = array.members.first { $0.block == block }!.offset
    let offsets = tape.slotOffsets(of: types).map { record + $0 }
    guard array.inColumns else {
      let start = builder.gep(tape.i8, base, [builder.mul(k, Value.constInt(i64, array.elementSize))])
      return offsets.map { $0 == 0 ? start : builder.gep(tape.i8, start, [Value.constInt(i64, $0)]) }
    }
    guard let count else { preconditionFailure("a record array in columns without its length") }
    return zip(types, offsets).map { type, offset in
      var bytes = builder.mul(k, Value.constInt(i64, tape.slotSize(of: type)))
      if offset != 0 { bytes = builder.add(bytes, builder.mul(count, Value.constInt(i64, offset))) }
      return builder.gep(tape.i8, base, [bytes])
    }
  }
}

extension GradientEmitter {
  /// The value an induction variable of `loop`'s counter had in the loop's last iteration, computed
  /// from the exit test and the variable's start when control left by the latch and the test's
  /// operands come without the tape (the test gives the trip count); nil otherwise (it is then saved).
  func lastValueFromExitTest(
    of value: Value, leaving loop: Loop, by entry: (exit: BasicBlock, exiting: BasicBlock, block: BasicBlock)
  ) -> Value? {
    guard let counter = counters[loop.header], counter.loop === loop, entry.exiting == counter.latch,
      let test = CountingExitTest(counter),
      let induction = counter.inductions.first(where: { $0.phi.value == value }),
      induction.phi.type.isInteger,
      let start = induction.phi.incoming.first(where: { !loop.contains($0.block) })?.value
    else { return nil }
    // The variable's own start may come from the tape: it is saved instead of the last value, once
    // per run of the loop either way, and often the reverse sweep reads it anyway.
    let free = [test.bound, test.start].allSatisfy {
      Self.recomputesWithoutTape(
        $0, at: entry.exit, counters: counters, cycles: cycles, loops: loops, depth: 0)
    }
    guard free else { return nil }
    // Iterations − 1, in the test's type: (bound − start) · sign − 1, or without the − 1 when the
    // test compares the current value.
    let bound = primalInReverse(test.bound, at: entry.exit)
    let testStart = primalInReverse(test.start, at: entry.exit)
    var lastIndex = test.step > 0 ? difference(bound, testStart) : difference(testStart, bound)
    if !test.comparesCurrent { lastIndex = difference(lastIndex, Value.constInt(lastIndex.type, 1)) }
    let type = induction.phi.type
    if lastIndex.type.integerWidth != type.integerWidth {
      lastIndex = builder.intCast(lastIndex, to: type, signed: false)
    }
    let first = primalInReverse(start, at: entry.exit)
    let steps = induction.step == 1 ? lastIndex : builder.mul(lastIndex, Value.constInt(type, induction.step))
    return first.constantInt == 0 ? steps : builder.add(first, steps)
  }

  /// `a − b`, without an instruction when `b` is zero.
  private func difference(_ a: Value, _ b: Value) -> Value {
    b.constantInt == 0 ? a : builder.sub(a, b)
  }
}
