// Loads from a scratch array that an earlier loop filled element by element read what that loop
// computed: before AD they compute it again from its inputs.
import CLLVM
import LLVMBinding
import SwadAD
import SwadAnalysis

/// Numeric code often fills a temporary array in one loop and reads it in the loops that follow:
/// ADBench's GMM computes `xcentered[i] = x[i] - mu[i]` and then reads `xcentered[i]` in two loops.
/// The reverse sweep needs the values read, and the temporary is overwritten for the next sample, so
/// AD kept every value read on the tape: 160 of the 320 bytes GMM's gradient pushed per sample and
/// component. Read as `x[i] - mu[i]`, the values come from memory the reverse sweep can read again,
/// and the arithmetic is redone (`Gradient+Loops`, cheap floating-point arithmetic): none of it is
/// kept. The primal loses a load and gains the loads and the subtraction, about even.
///
/// A load `a[j]` is replaced with the value stored to `a[k]` at `k = j` when:
/// - `a` is the start of a local allocation (a stack slot or a `malloc`) that nothing but loads and
///   stores reaches (`free` and lifetime markers aside), and one store writes it: `a[k] = f(k)`, in a
///   one-block loop whose counter `k` runs from 0 by 1 until `k + 1 == n`, so every run of that loop
///   writes `a[0..<n]` whole;
/// - that loop dominates the load, so the last run before the load wrote every element;
/// - `j` counts from 0 by 1 in a loop around the load whose back edge is taken only while
///   `j + 1 != n` (the same `n`, or the same widening of it), so `0 <= j < n`;
/// - `f(k)` is arithmetic of `k`, of values from before the filling loop and of loads, and nothing
///   between the filling loop and the load may write what those loads read, nor free it or end its
///   lifetime (the indices a helper left in a heap block that is freed once they are copied out).
/// When no load of the array is left, its store goes too.
public enum ScratchArrayForwarding {
  /// Forwards the qualifying loads of `function`. Returns how many it replaced.
  @discardableResult
  public static func run(on function: Function, context: Context) -> Int {
    guard !function.isDeclaration else { return 0 }
    let dominators = DominatorTree(function: function)
    let loops = LoopInfo(function: function, dominators: dominators)
    let builder = Builder(context: context)
    // Gathered first: forwarding erases loads.
    let arrays = function.blocks.flatMap(\.instructions).map(\.value).filter(MemoryWrites.isLocalAllocation)
    return arrays.reduce(0) {
      $0 + forwardLoads(of: $1, loops: loops, dominators: dominators, builder: builder)
    }
  }

  /// The filling loop of an array: its one store `base[counter] = value`.
  struct Fill {
    let store: Instruction
    let loop: Loop
    let counter: Instruction
    let end: Value
  }

  private static func forwardLoads(
    of array: Value, loops: LoopInfo, dominators: DominatorTree, builder: Builder
  )
    -> Int
  {
    guard let (loads, stores) = accesses(of: array), stores.count == 1, !loads.isEmpty,
      let fill = fill(stores[0], of: array, loops: loops)
    else { return 0 }
    let element = fill.store.operand(1).asInstruction!.gepSourceElementType
    let inputs = recipeLoads(of: fill)  // what the stored value reads
    var forwarded = 0
    for load in loads {
      guard let address = load.operand(0).asInstruction, address.opcode == LLVMGetElementPtr,
        address.operandCount == 2, address.operand(0) == array, address.gepSourceElementType == element,
        load.type == fill.store.operand(0).type, !load.isVolatile,
        !fill.loop.contains(load.parent), dominators.dominates(fill.loop.header, load.parent),
        let index = address.operand(1).asInstruction,
        counts(index, below: fill.end, around: load, loops: loops),
        index.type == fill.counter.type,
        isUnwritten(inputs, between: fill, and: load)
      else { continue }
      builder.position(before: load)
      builder.debugLocation = load.debugLocation
      guard let value = recompute(fill.store.operand(0), of: fill, at: index.value, builder: builder) else {
        continue
      }
      load.value.replaceAllUses(with: value)
      load.eraseFromParent()
      forwarded += 1
    }
    if forwarded == loads.count { fill.store.eraseFromParent() }
    return forwarded
  }

  /// The loads and stores that reach `array`, if nothing else does (it does not escape).
  private static func accesses(of array: Value) -> (loads: [Instruction], stores: [Instruction])? {
    var loads: [Instruction] = []
    var stores: [Instruction] = []
    var work = [array]
    var seen: Set<Value> = []
    while let pointer = work.popLast() {
      guard seen.insert(pointer).inserted else { continue }
      for user in pointer.users {
        guard let instruction = user.asInstruction else { return nil }
        switch instruction.opcode {
        case LLVMLoad: loads.append(instruction)
        case LLVMStore:
          guard instruction.operand(1) == pointer, instruction.operand(0) != pointer else { return nil }
          stores.append(instruction)
        case LLVMGetElementPtr, LLVMBitCast: work.append(instruction.value)
        case LLVMCall:
          guard let name = instruction.calledFunction?.name,
            name == "free" || name.hasPrefix("llvm.lifetime.")
          else { return nil }
        default: return nil
        }
      }
    }
    return (loads, stores)
  }

  /// `store` as a fill: `array[k] = value` in a one-block loop counting `k` from 0 by 1 until
  /// `k + 1 == end`.
  private static func fill(_ store: Instruction, of array: Value, loops: LoopInfo) -> Fill? {
    guard !store.isVolatile, let address = store.operand(1).asInstruction,
      address.opcode == LLVMGetElementPtr, address.operandCount == 2, address.operand(0) == array,
      address.gepSourceElementType == store.operand(0).type,
      let loop = loops.loop(containing: store.parent), loop.blocks.count == 1,
      let counter = address.operand(1).asInstruction, counter.isPhi, counter.parent == loop.header,
      let end = exitBound(of: counter, in: loop, latch: loop.header)
    else { return nil }
    return Fill(store: store, loop: loop, counter: counter, end: end)
  }

  /// `end` if `phi` starts at 0, steps by 1 and `latch`'s branch leaves `loop` when `phi + 1 == end`
  /// (and only goes around while it is not): the values of `phi` in `loop` are `0..<end`.
  private static func exitBound(of phi: Instruction, in loop: Loop, latch: BasicBlock) -> Value? {
    guard let induction = Induction(phi, of: loop, latch: latch), induction.start.constantInt == 0,
      induction.step == 1, let branch = latch.terminator, branch.opcode == LLVMBr, branch.operandCount == 3,
      let test = branch.condition.asInstruction, test.opcode == LLVMICmp
    else { return nil }
    let next = induction.next
    let end: Value
    if test.operand(0) == next.value {
      end = test.operand(1)
    } else if test.operand(1) == next.value {
      end = test.operand(0)
    } else {
      return nil
    }
    // The successor taken when `next == end` leaves the loop; the other is the back edge.
    let equalSuccessor = test.intPredicate == LLVMIntEQ ? branch.successor(0) : branch.successor(1)
    let otherSuccessor = test.intPredicate == LLVMIntEQ ? branch.successor(1) : branch.successor(0)
    guard [LLVMIntEQ, LLVMIntNE].contains(test.intPredicate), !loop.contains(equalSuccessor),
      otherSuccessor == loop.header, end.asInstruction.map({ !loop.contains($0.parent) }) ?? true
    else { return nil }
    return end
  }

  /// Whether `index` is the counter of a loop around `load` that takes the values `0..<end`.
  private static func counts(
    _ index: Instruction, below end: Value, around load: Instruction, loops: LoopInfo
  )
    -> Bool
  {
    var loop = loops.loop(containing: load.parent)
    while let current = loop {
      if current.header == index.parent {
        guard current.latches.count == 1 else { return false }
        return exitBound(of: index, in: current, latch: current.latches[0]).map { isSame($0, end) } ?? false
      }
      loop = current.parent
    }
    return false
  }

  /// Whether `a` and `b` are the same value: one value, or the same pure computation of the same
  /// values. The optimizer computes a loop's trip count once per loop: `-O0` input reaches AD with
  /// `zext i32 %n` in each loop's preheader, and `for (k = 0; k < n + 3; k++)` with
  /// `smax(n + 3, 1)` in each, which GVN does not merge (neither preheader dominates the other's
  /// uses... nor is it asked to).
  private static func isSame(_ a: Value, _ b: Value, depth: Int = 0) -> Bool {
    if a == b { return true }
    guard depth < 4, let x = a.asInstruction, let y = b.asInstruction, x.opcode == y.opcode, x.type == y.type,
      x.operandCount == y.operandCount, isPure(x)
    else { return false }
    if x.opcode == LLVMICmp, x.intPredicate != y.intPredicate { return false }
    if x.opcode == LLVMCall, x.calledFunction != y.calledFunction { return false }
    return (0..<x.operandCount).allSatisfy { isSame(x.operand($0), y.operand($0), depth: depth + 1) }
  }

  /// Integer arithmetic, casts, comparisons, selects and intrinsics that touch no memory (`smax`):
  /// the same operands give the same result.
  private static func isPure(_ instruction: Instruction) -> Bool {
    switch instruction.opcode {
    case LLVMZExt, LLVMSExt, LLVMTrunc, LLVMAdd, LLVMSub, LLVMMul, LLVMShl, LLVMLShr, LLVMAShr, LLVMAnd,
      LLVMOr,
      LLVMXor, LLVMICmp, LLVMSelect:
      return true
    case LLVMCall:
      guard let callee = instruction.calledFunction else { return false }
      return callee.isIntrinsic && callee.memoryEffects == 0
    default: return false
    }
  }

  /// The loads the stored value of `fill` is computed from.
  private static func recipeLoads(of fill: Fill) -> [Instruction]? {
    var loads: [Instruction] = []
    var work = [fill.store.operand(0)]
    var seen: Set<Value> = []
    while let value = work.popLast() {
      guard seen.insert(value).inserted, let instruction = value.asInstruction,
        fill.loop.contains(instruction.parent), instruction != fill.counter
      else { continue }
      guard isRedoable(instruction) else { return nil }
      if instruction.opcode == LLVMLoad { loads.append(instruction) }
      work += instruction.operands
    }
    return loads
  }

  /// Instructions a recomputation may copy: loads, address and integer arithmetic, casts,
  /// floating-point arithmetic, and calls of intrinsics that touch no memory.
  private static func isRedoable(_ instruction: Instruction) -> Bool {
    switch instruction.opcode {
    case LLVMLoad:
      return !instruction.isVolatile && LLVMGetOrdering(instruction.ref) == LLVMAtomicOrderingNotAtomic
    case LLVMGetElementPtr, LLVMAdd, LLVMSub, LLVMMul, LLVMShl, LLVMAnd, LLVMOr, LLVMXor, LLVMTrunc, LLVMZExt,
      LLVMSExt, LLVMFAdd, LLVMFSub, LLVMFMul, LLVMFDiv, LLVMFNeg, LLVMFPExt, LLVMFPTrunc, LLVMSIToFP,
      LLVMUIToFP:
      return true
    case LLVMCall:
      guard let callee = instruction.calledFunction else { return false }
      return callee.isIntrinsic && callee.memoryEffects == 0
    default: return false
    }
  }

  /// Whether nothing that can run after `fill`'s loop and before `load` may write what `loads` read.
  private static func isUnwritten(
    _ loads: [Instruction]?, between fill: Fill, and load: Instruction
  ) -> Bool {
    guard let loads else { return false }
    if loads.isEmpty { return true }
    let objects = loads.map { MemoryWrites.underlyingObject($0.operand(0)) }
    let after = reachable(from: fill.loop.header, forward: true)
    let before = reachable(from: load.parent, forward: false, in: after)
    for block in after.intersection(before) {
      for instruction in block.instructions where instruction != fill.store {
        switch instruction.opcode {
        case LLVMStore:
          let written = MemoryWrites.underlyingObject(instruction.operand(1))
          if objects.contains(where: { MemoryWrites.mayAlias($0, written) }) { return false }
        case LLVMCall, LLVMInvoke:
          guard let callee = instruction.calledFunction else { return false }
          // Memory that is released (or whose stack slot's lifetime ends or starts again) is no
          // longer there to be read: a load moved past it would read freed memory.
          if callee.name == "free" || callee.name.hasPrefix("llvm.lifetime.") {
            guard let released = instruction.arguments.last else { return false }
            let object = MemoryWrites.underlyingObject(released)
            if objects.contains(where: { MemoryWrites.mayAlias($0, object) }) { return false }
            continue
          }
          if callee.isIntrinsic, callee.memoryEffects == 0 { continue }
          if ["malloc", "calloc"].contains(callee.name) { continue }
          if callee.touchesProgramMemory(writesOnly: true) == false { continue }
          return false
        case LLVMAtomicRMW, LLVMAtomicCmpXchg, LLVMFence:
          return false
        default: continue
        }
      }
    }
    return true
  }

  /// The blocks reachable from `start` (following successors, or predecessors when `forward` is
  /// false, then only within `within`), `start` included.
  private static func reachable(from start: BasicBlock, forward: Bool, in within: Set<BasicBlock>? = nil)
    -> Set<BasicBlock>
  {
    var predecessors: [BasicBlock: [BasicBlock]] = [:]
    if !forward {
      for block in start.parent.blocks {
        for successor in block.successors { predecessors[successor, default: []].append(block) }
      }
    }
    var reached: Set<BasicBlock> = [start]
    var work = [start]
    while let block = work.popLast() {
      for next in forward ? block.successors : predecessors[block] ?? [] {
        guard within?.contains(next) ?? true, reached.insert(next).inserted else { continue }
        work.append(next)
      }
    }
    return reached
  }

  /// `value` of `fill`'s loop computed again before the builder's position with `index` for the
  /// loop's counter.
  private static func recompute(_ value: Value, of fill: Fill, at index: Value, builder: Builder) -> Value? {
    var made: [Value: Value] = [fill.counter.value: index]
    func copy(_ value: Value) -> Value {
      if let known = made[value] { return known }
      guard let instruction = value.asInstruction, fill.loop.contains(instruction.parent) else {
        return value
      }
      let clone = instruction.clone()
      for operand in 0..<instruction.operandCount {
        clone.setOperand(operand, copy(instruction.operand(operand)))
      }
      builder.insert(clone, instruction.value.name.isEmpty ? "" : instruction.value.name + ".again")
      made[value] = clone.value
      return clone.value
    }
    return copy(value)
  }
}
