// Reverse mode, stencils and loop-invariant elements: the adjoints a loop's loads add to
// neighbouring elements, or to one element every iteration reads, summed in registers across
// iterations.
//
// A stencil `b[i] = f(a[i-1], a[i], a[i+1])` reads each element of `a` in three iterations, so its
// reverse loop adds to each element of ā three times, a read-modify-write of memory each, and
// consecutive iterations' updates of the same element form a chain through memory that keeps the
// loop scalar and waiting on store-to-load forwarding. Instead, the reverse loop keeps one pending
// sum per offset (`ā[i + c]` for the offsets c the loop reads): a load's adjoint goes to its
// offset's pending sum; when the reverse loop steps to the next iteration, the element no later
// iteration reaches (the largest offset's, as the reverse sweep runs i downwards) is added to
// memory once and the sums shift by one; when the loop's reverse ends, all are added.
//
// Delaying additions to ā is right when nothing else in the loop's reverse reads or clears those
// elements in between. Other additions (the reverse of every other load) commute with them; what
// does not is a store's reverse, which reads the stored-over element's adjoint and clears it. So
// the loop qualifies (`planAdjointRotations`) when it calls nothing that touches the program's
// memory (math intrinsics, libm) and every store in it has an index affine in the loop's
// iteration number; and the reverse sweep, on entering the loop, checks at run time that the
// range of ā the pending sums cover overlaps none of those stores' shadows (arrays passed twice,
// a sweep in place). When it does, the additions go to memory one by one as before. Primal memory
// is not compared: the reverse sweep only reads it, and a shadow is never primal memory (the
// group's loads are not of memory whose shadow may be its primal, `ConstantShadows`) — which also
// keeps the primal pointers off the tape.
//
// A load whose address does not change in the loop (`x[i]` in `for j { out[j] += a[j] * x[i] }`,
// left in the loop because `out` may alias `x`) is the same with a single sum that never shifts: it
// goes to memory when the loop's reverse ends. Its reverse loop otherwise adds to one element every
// iteration, a chain through memory that took 60% of Swift GMM's reverse sweep at d = 64.
//
// In a parallel region only memory this thread alone reads takes pending sums (its adjoints are
// plain additions anyway); shared memory keeps its windows and atomics.
import CLLVM
import LLVMBinding
import SwadAnalysis

/// The mark on a reverse function whose loops branch on the flag the check on entering them sets:
/// each such loop is worth a copy per outcome, which LLVM's O2 does not make (non-trivial loop
/// unswitching is O3's). The pipeline unswitches the loops of the functions so marked and removes
/// the mark (`VersionedLoopUnswitching` in SwadPipeline).
public enum LoopVersioning {
  public static let attribute = "swad-versioned-loops"
}

/// The elements `base[phi + offset]` one group of a loop's loads reads, with the pending sums of
/// their adjoints, one per offset; or the one element `*base` when `phi` is nil.
struct RotatedAdjoints {
  /// The loop-invariant original pointer the loads index (or read, without a `phi`).
  let base: Value
  /// A unit-step induction of the loop (`step` ±1), the index of offset 0; nil when the loads read
  /// `base` itself, in every iteration the same element (one sum, offset 0, never shifted; `step`
  /// is then 0 and unused).
  let phi: Instruction?
  let step: Int64
  /// The loads' element type and its size in bytes.
  let element: IRType
  let size: Int64
  var offsets: [Int64: Value] = [:]  // offset → the pending sum's slot
  var loads: [Instruction: Int64] = [:]
  /// The loads in program order (the plan's output must not depend on hashing).
  var order: [Instruction] = []
  /// Whether every load runs in every iteration (then every element a sum holds was read, and the
  /// sums go to memory without testing them).
  var everyIteration = false
  var lowest: Int64 { offsets.keys.min()! }
  var highest: Int64 { offsets.keys.max()! }
}

/// Memory a loop stores to: `base + Σ term · scale`, `size` bytes.
struct CheckedAccess {
  let base: Value
  let terms: [(value: Value, scale: Int64)]
  let size: Int64
}

/// The plan for one loop: its groups, what they must stay apart from, and the flag the check on
/// entering the loop's reverse sets.
struct AdjointRotation {
  let counter: Counter
  var groups: [RotatedAdjoints]
  let others: [CheckedAccess]
  let flag: Value
}

extension GradientEmitter {
  // MARK: - Planning

  /// Finds the loops whose loads' adjoints can be summed in registers (see the file's comment).
  func planAdjointRotations() {
    guard width == 1 else { return }
    for loop in loops.loops {
      guard let counter = counters[loop.header], counter.loop === loop,
        !loops.loops.contains(where: { $0 !== loop && loop.contains($0.header) }),
        let rotation = planRotation(of: counter)
      else { continue }
      adjointRotations[ObjectIdentifier(loop)] = rotation
      for (index, group) in rotation.groups.enumerated() {
        for load in group.order { rotatedLoads[load] = (ObjectIdentifier(loop), index) }
      }
      remark(rotation)
    }
  }

  /// Says which adjoints the loop's reverse sums in registers, and what the check compares.
  private func remark(_ rotation: AdjointRotation) {
    let place = sourcePlace(of: rotation.counter.loop.header).map { " at \($0)" } ?? ""
    let groups = rotation.groups.map { group in
      group.phi == nil
        ? "an element read at one address in every iteration"
        : "\(group.offsets.count) neighbouring elements (offsets \(group.lowest) to \(group.highest))"
    }
    let stores = rotation.others.count == 1 ? "1 store" : "\(rotation.others.count) stores"
    generator.remarks.append(
      Remark(
        "\(generator.remarkNames.function(original.name)): the reverse of the loop\(place) sums in registers the "
          + "adjoints of \(groups.joined(separator: "; ")); on entering it, a check against the shadows "
          + "of \(stores) picks them over additions in memory"))
  }

  private func planRotation(of counter: Counter) -> AdjointRotation? {
    let loop = counter.loop
    var groups: [RotatedAdjoints] = []
    var others: [CheckedAccess] = []
    for block in blocks where loop.contains(block) {
      for instruction in block.instructions {
        switch instruction.opcode {
        case LLVMLoad:
          // A load of base[phi + offset], or of the one element *base: into its group.
          let element: (Value, Instruction?, Int64, Int64)?
          if let (base, phi, step, offset) = unitElement(of: instruction, in: counter) {
            element = (base, phi, step, offset)
          } else if isInvariantElement(instruction, in: counter) {
            element = (instruction.operand(0), nil, 0, 0)
          } else {
            element = nil
          }
          // In a parallel region, memory other threads may read too takes its adjoints in a window
          // or atomically (`Gradient+SharedAdjoints`), never as a pending sum: flushing one would
          // add to shared memory without either.
          guard let (base, phi, step, offset) = element, !addsAtomically(reading: instruction.operand(0))
          else { break }
          if let index = groups.firstIndex(where: {
            $0.base == base && $0.phi == phi && $0.element == instruction.type
          }) {
            groups[index].loads[instruction] = offset
            groups[index].order.append(instruction)
          } else {
            var group = RotatedAdjoints(
              base: base, phi: phi, step: step, element: instruction.type,
              size: Int64(module.storeSize(of: instruction.type)))
            group.loads[instruction] = offset
            group.order.append(instruction)
            groups.append(group)
          }
        // Any other load's reverse adds to its shadow, which commutes with the pending sums.
        case LLVMStore:
          guard
            let access = checkedAccess(
              instruction.operand(1), bytes: instruction.operand(0).type, in: counter)
          else { return nil }
          others.append(access)
        case LLVMCall, LLVMInvoke:
          guard let callee = instruction.calledFunction, Self.touchesNoMemory(callee) else { return nil }
        case LLVMAtomicRMW, LLVMAtomicCmpXchg, LLVMFence, LLVMVAArg:
          return nil
        default:
          break
        }
      }
    }
    // A group of an induction whose loads read one offset gains nothing (each element is added to
    // once), and one whose offsets span more than 8 would hold too many sums in registers: their
    // loads add to memory like the others.
    let kept = { (group: RotatedAdjoints) -> Bool in
      guard group.phi != nil else { return true }
      let offsets = Set(group.loads.values)
      return offsets.count >= 2 && offsets.max()! - offsets.min()! <= 8
    }
    groups = groups.filter(kept)
    guard !groups.isEmpty else { return nil }
    // A block every iteration the reverse sweep visits runs dominates the latch and every block
    // that leaves the loop (a header that tests and leaves runs one last time without the body).
    let ends =
      [counter.latch]
      + blocks.filter { block in
        loop.contains(block) && block.successors.contains { !loop.contains($0) }
      }
    for index in groups.indices {
      // Every offset between the lowest and the highest gets a sum: the sums shift by one.
      let low = groups[index].loads.values.min()!
      let high = groups[index].loads.values.max()!
      for offset in low...high {
        // Cleared on every entry into the loop's reverse too (`emitRotationCheck`); this only keeps
        // the slot defined on every path.
        let slot = allocaBuilder.alloca(groups[index].element, "pending")
        allocaBuilder.store(Value.constReal(groups[index].element, -0.0), to: slot)
        groups[index].offsets[offset] = slot
      }
      if let phi = groups[index].phi { _ = loopSlot(loop, .primal(phi.value)) }
      groups[index].everyIteration = groups[index].order.allSatisfy { load in
        ends.allSatisfy { dominators.dominates(load.parent, $0) }
      }
    }
    for access in others { for term in access.terms { askSlots(of: term.value, in: counter) } }
    let flag = allocaBuilder.alloca(IRType.int(1, in: module.context), "rotated")
    allocaBuilder.store(Value.constInt(IRType.int(1, in: module.context), 0), to: flag)
    return AdjointRotation(counter: counter, groups: groups, others: others, flag: flag)
  }

  /// Functions that neither read nor write memory the program can reach, by their `memory(...)`
  /// attribute: math and integer intrinsics, `llvm.assume`, libm's functions (which write errno
  /// only), a pure function of the program's. Their reverse is a rule's arithmetic or a derivative
  /// that reaches no shadow either. And lifetime markers, which the reverse sweep leaves alone.
  private static func touchesNoMemory(_ callee: Function) -> Bool {
    if callee.isIntrinsic && callee.name.hasPrefix("llvm.lifetime.") { return true }
    return callee.touchesProgramMemory(writesOnly: false) == false
  }

  /// For a floating-point load of `base[phi + offset]` (a chain of one-index GEPs inside the loop,
  /// over a loop-invariant base, whose only varying term is a unit-step induction in the loads'
  /// element size), its base, induction, the induction's step, and the offset in elements.
  private func unitElement(of load: Instruction, in counter: Counter) -> (Value, Instruction, Int64, Int64)? {
    guard load.type.isFloatingPoint, !constantShadows.contains(load.operand(0)),
      shadow(of: load.operand(0)) != nil
    else { return nil }
    let size = Int64(module.storeSize(of: load.type))
    var pointer = load.operand(0)
    var bytes: Int64 = 0
    var induction: (phi: Instruction, step: Int64)?
    while let gep = pointer.asInstruction, counter.loop.contains(gep.parent) {
      guard gep.opcode == LLVMGetElementPtr, gep.operandCount == 2, let scale = elementSize(of: gep) else {
        return nil
      }
      let term = gep.operand(1)
      if let constant = term.constantInt {
        bytes += constant * scale
      } else {
        guard induction == nil, scale == size, let (phi, step, addend) = unitInduction(term, in: counter)
        else {
          return nil
        }
        induction = (phi, step)
        bytes += addend * scale
      }
      pointer = gep.operand(0)
    }
    guard let induction, bytes % size == 0 else { return nil }
    return (pointer, induction.phi, induction.step, bytes / size)
  }

  /// `term` as `phi + addend`, phi a ±1-step induction of the counter's loop, without wrapping once
  /// extended to 64 bits: the induction, its sign extension (nsw steps) or `add nsw` of a constant.
  private func unitInduction(_ term: Value, in counter: Counter) -> (Instruction, Int64, Int64)? {
    guard let instruction = term.asInstruction else { return nil }
    switch instruction.opcode {
    case LLVMPHI:
      guard let induction = counter.inductions.first(where: { $0.phi == instruction }),
        induction.phi.type.isInteger, induction.step.magnitude == 1,
        isAffine(term, in: counter, signed: true)
      else { return nil }
      return (instruction, induction.step, 0)
    case LLVMSExt:
      return unitInduction(instruction.operand(0), in: counter)
    case LLVMAdd:
      guard instruction.type.integerWidth >= 64 || LLVMGetNSW(instruction.ref) != 0,
        let constant = instruction.operand(1).constantInt,
        let (phi, step, addend) = unitInduction(instruction.operand(0), in: counter)
      else { return nil }
      return (phi, step, addend + constant)
    default:
      return nil
    }
  }

  /// The bytes a one-index GEP steps per unit of its index (the type's allocation size), for scalar
  /// element types and structs and arrays (Swift's `%TSd = <{ double }>`).
  private func elementSize(of gep: Instruction) -> Int64? {
    let type = gep.gepSourceElementType
    guard type.isInteger || type.isFloatingPoint || type.isAggregate else { return nil }
    return Int64(module.allocSize(of: type))
  }

  /// Whether `load` reads a floating-point value at a pointer defined outside the loop, with a
  /// shadow that is never its primal.
  private func isInvariantElement(_ load: Instruction, in counter: Counter) -> Bool {
    let pointer = load.operand(0)
    guard load.type.isFloatingPoint, !constantShadows.contains(pointer), shadow(of: pointer) != nil else {
      return false
    }
    return pointer.asInstruction.map { !counter.loop.contains($0.parent) } ?? true
  }

  /// An access of `type`'s bytes at `pointer` whose byte offset from a loop-invariant base is
  /// affine in the loop's iteration number (a chain of one-index GEPs inside the loop).
  private func checkedAccess(_ pointer: Value, bytes type: IRType, in counter: Counter) -> CheckedAccess? {
    var pointer = pointer
    var terms: [(value: Value, scale: Int64)] = []
    while let instruction = pointer.asInstruction, counter.loop.contains(instruction.parent) {
      guard instruction.opcode == LLVMGetElementPtr, instruction.operandCount == 2,
        let scale = elementSize(of: instruction), isAffine(instruction.operand(1), in: counter, signed: true)
      else { return nil }
      terms.append((instruction.operand(1), scale))
      pointer = instruction.operand(0)
    }
    return CheckedAccess(base: pointer, terms: terms, size: Int64(module.storeSize(of: type)))
  }

  // MARK: - The reverse sweep

  /// The adjoint `seed` of a load of a rotated group, in the loop's reverse: into its offset's
  /// pending sum when the check on entry passed, else added to memory (`addToMemory`).
  func addRotatedAdjoint(_ seed: Value, of load: Instruction, addToMemory: () -> Void) -> Bool {
    guard let (loop, index) = rotatedLoads[load], let rotation = adjointRotations[loop] else { return false }
    let group = rotation.groups[index]
    let slot = group.offsets[group.loads[load]!]!
    let pending = reverse.appendBlock(named: "rotated.add")
    let memory = reverse.appendBlock(named: "memory.add")
    let done = reverse.appendBlock(named: "added")
    builder.condBr(builder.load(IRType.int(1, in: module.context), from: rotation.flag), pending, memory)
    builder.position(atEndOf: pending)
    builder.store(addFloats(builder.load(group.element, from: slot), seed), to: slot)
    builder.br(done)
    builder.position(atEndOf: memory)
    addToMemory()
    builder.br(done)
    builder.position(atEndOf: done)
    return true
  }

  /// On the reverse edge `entry` into `loop` (its slots filled): the check that the groups' pending
  /// elements overlap nothing else the loop touches, and the sums cleared.
  func emitRotationCheck(for loop: Loop, exit: BasicBlock) {
    guard let rotation = adjointRotations[ObjectIdentifier(loop)] else { return }
    let counter = rotation.counter
    var apart = Value.constInt(IRType.int(1, in: module.context), 1)
    var ranges: [(Value, Value)] = []
    for access in rotation.others where shadow(of: access.base) != nil {
      let ends = [false, true].map { last in
        access.terms.map { term in
          builder.mul(
            builder.intCast(
              valueInIteration(term.value, last: last, of: counter, entry: exit), to: i64, signed: true),
            Value.constInt(i64, term.scale))
        }.reduce(Value.constInt(i64, 0)) { builder.add($0, $1) }
      }
      let low = builder.select(builder.icmp(LLVMIntSLE, ends[0], ends[1]), ends[0], ends[1])
      let high = builder.add(
        builder.select(builder.icmp(LLVMIntSLE, ends[0], ends[1]), ends[1], ends[0]),
        Value.constInt(i64, access.size))
      let address = builder.cast(LLVMPtrToInt, shadowInReverse(access.base, at: exit), to: i64)
      ranges.append((builder.add(address, low), builder.add(address, high)))
    }
    for group in rotation.groups {
      let size = Value.constInt(i64, group.size)
      let shadowAddress = builder.cast(LLVMPtrToInt, shadowInReverse(group.base, at: exit), to: i64)
      var (start, end) = (shadowAddress, builder.add(shadowAddress, size))
      if let phi = group.phi {
        let first = builder.intCast(
          valueInIteration(phi.value, last: false, of: counter, entry: exit), to: i64, signed: true)
        let last = builder.intCast(
          valueInIteration(phi.value, last: true, of: counter, entry: exit), to: i64, signed: true)
        let ascending = builder.icmp(LLVMIntSLE, first, last)
        let low = builder.add(builder.select(ascending, first, last), Value.constInt(i64, group.lowest))
        let high = builder.add(
          builder.select(ascending, last, first), Value.constInt(i64, group.highest + 1))
        start = builder.add(shadowAddress, builder.mul(low, size))
        end = builder.add(shadowAddress, builder.mul(high, size))
      }
      for (otherStart, otherEnd) in ranges {
        let disjoint = builder.or(
          builder.icmp(LLVMIntSLE, end, otherStart), builder.icmp(LLVMIntSLE, otherEnd, start))
        apart = builder.and(apart, disjoint)
      }
      for offset in group.offsets.keys.sorted() {
        builder.store(Value.constReal(group.element, -0.0), to: group.offsets[offset]!)
      }
    }
    builder.store(apart, to: rotation.flag)
  }

  /// On the reverse back edge of `counter`'s loop (before the inductions step back): the element no
  /// later iteration reaches gets its sum, and the sums shift by one.
  func stepRotatedAdjoints(of counter: Counter, at header: BasicBlock) {
    guard let rotation = adjointRotations[ObjectIdentifier(counter.loop)] else { return }
    for group in rotation.groups where group.phi != nil {
      // The reverse sweep runs the induction against its step: the finished element is at the end
      // the induction came from.
      let finished = group.step > 0 ? group.highest : group.lowest
      flushPending(group, offset: finished, in: counter.loop, at: header)
      let order =
        group.step > 0
        ? Array((group.lowest...group.highest).reversed()) : Array(group.lowest...group.highest)
      for (to, from) in zip(order, order.dropFirst()) {
        builder.store(builder.load(group.element, from: group.offsets[from]!), to: group.offsets[to]!)
      }
      builder.store(Value.constReal(group.element, -0.0), to: group.offsets[order.last!]!)
    }
  }

  /// When the loop's reverse ends: every sum goes to its element.
  func finishRotatedAdjoints(of counter: Counter, at header: BasicBlock) {
    guard let rotation = adjointRotations[ObjectIdentifier(counter.loop)] else { return }
    for group in rotation.groups {
      for offset in group.lowest...group.highest {
        flushPending(group, offset: offset, in: counter.loop, at: header)
      }
    }
  }

  /// `shadow[phi + offset] += pending[offset]`. When some load of the group may skip iterations,
  /// only a sum that is not zero goes to memory: zero means nothing was added to it, and the element
  /// may lie outside the array. (Adding a zero is no change either way.)
  private func flushPending(_ group: RotatedAdjoints, offset: Int64, in loop: Loop, at header: BasicBlock) {
    let pending = builder.load(group.element, from: group.offsets[offset]!)
    let add = reverse.appendBlock(named: "rotated.flush")
    let next = reverse.appendBlock(named: "rotated.flushed")
    if group.everyIteration {
      builder.br(add)
    } else {
      builder.condBr(builder.fcmp(LLVMRealUNE, pending, Value.constReal(group.element, 0)), add, next)
    }
    builder.position(atEndOf: add)
    var element = shadowInReverse(group.base, at: header)
    if let phi = group.phi {
      let value = builder.load(phi.type, from: loopSlot(loop, .primal(phi.value)))
      let index = builder.add(builder.intCast(value, to: i64, signed: true), Value.constInt(i64, offset))
      element = builder.gep(group.element, element, [index])
    }
    let old = builder.load(group.element, from: element)
    builder.store(addFloats(old, pending), to: element)
    builder.br(next)
    builder.position(atEndOf: next)
  }
}
