// Scratch arrays: a local array that one loop fills element by element and later loops read. What a
// read of an element gets is the filled value, computed again at the read's index.
import CLLVM
import LLVMBinding
import SwadAnalysis

/// Numeric code often fills a temporary array in one loop and reads it in the loops that follow:
/// ADBench's GMM computes `xcentered[i] = x[i] - mu[i]` and then reads `xcentered[i]` in two loops.
/// The reverse sweep needs the values read, and the temporary is overwritten for the next sample, so
/// AD would keep every value read on the tape. Read as `x[i] - mu[i]`, they come from memory the
/// reverse sweep can read again, and the arithmetic is redone: none of it is kept. Two users:
/// `ScratchArrayForwarding` rewrites the reads of plain C arrays before AD, and the reverse sweep
/// computes the other reads again itself (`Gradient+ScratchArrays`), leaving the primal as it is.
///
/// A load `a[j]` reads `f(j)` when:
/// - `a` is at a constant offset in a local allocation (a stack slot, a `malloc`, an `operator new`,
///   a Swift array's storage, whose elements follow a 32-byte header) that nothing but loads and
///   stores reaches (`free`, `delete`, `memset`, lifetime markers and Swift's reference counting
///   aside), and one store writes its elements: `a[k] = f(k)`, in a loop whose counter `k` runs from
///   0 by 1 until `k + 1 == n` and that runs the store in every iteration, so every run of that loop
///   that reaches its exit test wrote `a[0..<n]` whole;
/// - that loop runs before the load (`Fill.runs(before:)`), so the last run before the load wrote
///   every element, a run that left it otherwise (a failed bounds check that traps, a `throw`, an
///   early `return`) does not reach the load (`Fill.leavesEarlyOnlyAway(from:)`), and no `memset`
///   of the array runs in between;
/// - `j` counts from 0 by 1 in a loop around the load whose back edge is taken only while
///   `j + 1 != m`, with `m` the same `n` (or the same widening of it) or the counter of a loop further
///   out that counts so below `n` (or one more than it), so `0 <= j < n`;
/// - `f(k)` is arithmetic of `k`, of values from before the filling loop and of loads (`recipeLoads`;
///   whether what those loads read is still there when `f(j)` is computed again is the user's
///   question).
/// A Swift array is the storage's allocation or the shared empty storage, chosen by a phi on the
/// count, and a C++ one may be a null pointer when it holds nothing: through such a phi, the
/// array's accesses are the allocation's (with no elements, neither loop runs).
public struct ScratchArray {
  /// The allocation.
  public let object: Value
  public let fill: Fill
  /// The loads that read an element the fill wrote.
  public let reads: [Read]
  /// Every load that may read an element, the reads among them.
  public let elementLoads: [Instruction]
  /// Whether the array is plain memory that only its elements' addresses reach (no header, no phi,
  /// no `memset`, no reference counting) and the fill a loop of one block: a C array.
  public let isPlain: Bool

  /// The loop that fills an array: its one element store `base[counter] = value`, with `base` at
  /// byte `elementStart` of the allocation.
  public struct Fill {
    public let store: Instruction
    public let loop: Loop
    public let counter: Instruction
    public let end: Value
    let elementStart: Int64

    /// Whether every run of `block` comes after a whole run of the loop: the loop's header dominates
    /// it, or does once the branches taken only when `end` is 0 are left out. Those skip the fill,
    /// and a read counted by a loop that goes around while `j + 1 != end` does not run with `end`
    /// 0 (Swift tests `d == 0` again before each loop over `0..<d`, and no jump threading merges
    /// the tests). `end` must then be the same all along: an argument, or computed outside loops.
    public func runs(before block: BasicBlock, dominators: DominatorTree, loops: LoopInfo) -> Bool {
      if dominators.dominates(loop.header, block) { return true }
      guard end.isArgument || end.asInstruction.map({ loops.loop(containing: $0.parent) == nil }) == true,
        let entry = block.parent.entryBlock, entry != loop.header
      else { return false }
      return !reaches(block, from: [entry], skipping: isTakenOnlyAtZeroEnd)
    }

    /// Whether a run of the loop that leaves it other than by its exit test (a failed bounds check
    /// that traps, a C++ `at` that throws, an early `return`) reaches `block` only through the
    /// loop's header: a run that did not write every element is followed by another before
    /// `block` reads one.
    public func leavesEarlyOnlyAway(from block: BasicBlock) -> Bool {
      let latch = loop.latches[0]
      return !reaches(
        block, from: loop.exitEdges.filter { $0.from != latch }.map(\.to), skipping: { _, _ in false })
    }

    /// Whether a path from `starts` reaches `block` without passing the loop's header or an edge
    /// that `skipping` leaves out.
    private func reaches(
      _ block: BasicBlock, from starts: [BasicBlock], skipping: (BasicBlock, BasicBlock) -> Bool
    ) -> Bool {
      var reached: Set<BasicBlock> = []
      var work = starts.filter { $0 != loop.header }
      while let current = work.popLast() {
        guard reached.insert(current).inserted else { continue }
        if current == block { return true }
        work += current.successors.filter { $0 != loop.header && !skipping(current, $0) }
      }
      return false
    }

    /// Whether `from` branches to `to` only when `end == 0`.
    private func isTakenOnlyAtZeroEnd(_ from: BasicBlock, _ to: BasicBlock) -> Bool {
      guard let branch = from.terminator, branch.opcode == LLVMBr, branch.operandCount == 3,
        let test = branch.condition.asInstruction, test.opcode == LLVMICmp,
        [LLVMIntEQ, LLVMIntNE].contains(test.intPredicate),
        test.operand(0) == end && test.operand(1).constantInt == 0
          || test.operand(1) == end && test.operand(0).constantInt == 0,
        branch.successor(0) != branch.successor(1)
      else { return false }
      return to == (test.intPredicate == LLVMIntEQ ? branch.successor(0) : branch.successor(1))
    }

    /// The loads the stored value is computed from: nil unless it is all arithmetic, loads and
    /// intrinsics without memory effects of the counter and of values from before the loop.
    public var recipeLoads: [Instruction]? {
      var loads: [Instruction] = []
      var work = [store.operand(0)]
      var seen: Set<Value> = []
      while let value = work.popLast() {
        guard seen.insert(value).inserted, let instruction = value.asInstruction,
          loop.contains(instruction.parent), instruction != counter
        else { continue }
        guard ScratchArray.isRedoable(instruction) else { return nil }
        if instruction.opcode == LLVMLoad { loads.append(instruction) }
        work += instruction.operands
      }
      return loads
    }
  }

  /// A load of an element that the fill wrote at counter `index`.
  public struct Read {
    public let load: Instruction
    public let index: Instruction
  }

  /// The scratch arrays of `function`, their reads found.
  public static func all(in function: Function, loops: LoopInfo, dominators: DominatorTree) -> [ScratchArray]
  {
    function.blocks.flatMap(\.instructions).map(\.value).filter(MemoryWrites.isLocalAllocation).compactMap {
      ScratchArray($0, loops: loops, dominators: dominators)
    }
  }

  /// `object` as a scratch array, if it is one whose filled value can be computed again.
  public init?(_ object: Value, loops: LoopInfo, dominators: DominatorTree) {
    guard let accesses = Self.accesses(of: object), !accesses.loads.isEmpty else { return nil }
    let dataLayout = LLVMGetModuleDataLayout(LLVMGetGlobalParent(object.asInstruction!.function.ref))!
    // A Swift array's header (its count and capacity, before the elements) is read for bounds checks
    // and written once: those accesses are not to elements.
    func isHeader(_ access: Instruction, below elementStart: Int64) -> Bool {
      let pointer = access.opcode == LLVMLoad ? access.operand(0) : access.operand(1)
      let type = access.opcode == LLVMLoad ? access.type : access.operand(0).type
      guard let offset = Self.position(of: pointer, in: object) else { return false }
      return offset >= 0 && offset + Int64(LLVMStoreSizeOfType(dataLayout, type.ref)) <= elementStart
    }
    let fills = accesses.stores.compactMap { Self.fill($0, of: object, loops: loops, dominators: dominators) }
    guard fills.count == 1, let fill = fills.first, fill.recipeLoads != nil else { return nil }
    // Other element stores are writes like a memset: `std::vector<double> t(n)` zeroes its first
    // element with a store and the rest with a memset before the fill overwrites them all. No read
    // may have one between it and the fill (below).
    var otherWrites = accesses.otherWrites
    otherWrites += accesses.stores.filter { $0 != fill.store && !isHeader($0, below: fill.elementStart) }
    let address = fill.store.operand(1).asInstruction!
    let element = address.gepSourceElementType
    let elementLoads = accesses.loads.filter { !isHeader($0, below: fill.elementStart) }
    let reads: [Read] = elementLoads.compactMap { load in
      guard let address = load.operand(0).asInstruction, address.opcode == LLVMGetElementPtr,
        address.operandCount == 2, Self.position(of: address.operand(0), in: object) == fill.elementStart,
        address.gepSourceElementType == element, load.type == fill.store.operand(0).type, !load.isVolatile,
        !fill.loop.contains(load.parent),
        fill.runs(before: load.parent, dominators: dominators, loops: loops),
        fill.leavesEarlyOnlyAway(from: load.parent),
        let index = address.operand(1).asInstruction, index.type == fill.counter.type,
        Self.counts(index, below: fill.end, around: load, loops: loops),
        !otherWrites.contains(where: { Self.blocksBetween(fill, and: load).contains($0.parent) })
      else { return nil }
      return Read(load: load, index: index)
    }
    self.object = object
    self.fill = fill
    self.reads = reads
    self.elementLoads = elementLoads
    self.isPlain =
      accesses.isPlain && accesses.stores.count == 1 && fill.loop.blocks.count == 1
      && address.operand(0) == object
      && element == fill.store.operand(0).type
  }

  // MARK: - The array's accesses

  /// What reaches an allocation, if nothing but these does (it does not escape).
  private struct Accesses {
    var loads: [Instruction] = []
    var stores: [Instruction] = []
    /// Calls that write it whole or in part (`memset`).
    var otherWrites: [Instruction] = []
    /// Whether only addresses, loads, stores, `free` and lifetime markers reach it.
    var isPlain = true
  }

  /// The loads and stores that reach `object`, if nothing else does: through addresses, casts and
  /// the phis of a Swift array's storage; `free`, lifetime markers and Swift's reference counting
  /// touch no element, a `memset` is one of `otherWrites`.
  private static func accesses(of object: Value) -> Accesses? {
    var found = Accesses()
    var work = [object]
    var seen: Set<Value> = []
    while let pointer = work.popLast() {
      guard seen.insert(pointer).inserted else { continue }
      for user in pointer.users {
        guard let instruction = user.asInstruction else { return nil }
        switch instruction.opcode {
        case LLVMLoad: found.loads.append(instruction)
        case LLVMStore:
          guard instruction.operand(1) == pointer, instruction.operand(0) != pointer else { return nil }
          found.stores.append(instruction)
        case LLVMGetElementPtr, LLVMBitCast: work.append(instruction.value)
        case LLVMICmp:
          continue  // (`begin == nullptr`: no access)
        case LLVMPtrToInt:
          // An address as a number (a `std::vector`'s size, end − begin, for its sized delete) is
          // no access, as long as it stays a number.
          guard staysANumber(instruction) else { return nil }
          found.isPlain = false
        case LLVMPHI, LLVMSelect:
          // Only a choice between this array and no storage at all (`position(of:in:)`).
          guard choosesOnly(object, instruction) else { return nil }
          found.isPlain = false
          work.append(instruction.value)
        case LLVMCall:
          guard let name = instruction.calledFunction?.name else { return nil }
          if name == "free" || name.hasPrefix("llvm.lifetime.") { continue }
          found.isPlain = false
          if CXXRuntime.isOperatorDelete(name), instruction.arguments.first == pointer { continue }
          if name.hasPrefix("llvm.memset."), instruction.operand(0) == pointer {
            found.otherWrites.append(instruction)
          } else if !referenceCounting.contains(name) {
            return nil
          }
        default: return nil
        }
      }
    }
    return found
  }

  /// Whether the integer `address` (a `ptrtoint`) only meets integer arithmetic, comparisons and
  /// the size argument of an operator delete: it never becomes an address again, nor goes to memory
  /// or to another function, where it could.
  private static func staysANumber(_ address: Instruction) -> Bool {
    var work = [address.value]
    var seen: Set<Value> = []
    while let value = work.popLast() {
      guard seen.insert(value).inserted else { continue }
      for user in value.users {
        guard let instruction = user.asInstruction else { return false }
        switch instruction.opcode {
        case LLVMSub, LLVMAdd, LLVMAShr, LLVMLShr, LLVMSDiv, LLVMUDiv, LLVMAnd: work.append(instruction.value)
        case LLVMICmp: continue
        case LLVMCall, LLVMInvoke:
          guard let callee = instruction.calledFunction, CXXRuntime.isOperatorDelete(callee.name),
            instruction.arguments.first != value
          else { return false }
        default: return false
        }
      }
    }
    return true
  }

  /// Whether the phi or select `choice` picks `object` (through addresses of it, or around a loop)
  /// or no storage at all: a null pointer (a `std::vector` of no elements) or Swift's shared
  /// empty-array storage, neither of which has an element to read or write.
  private static func choosesOnly(_ object: Value, _ choice: Instruction) -> Bool {
    let inputs = choice.isPhi ? choice.incoming.map(\.value) : [choice.operand(1), choice.operand(2)]
    return inputs.allSatisfy {
      isNothing($0) || $0 == choice.value || MemoryWrites.underlyingObject($0) == object
    }
  }

  /// A null pointer, or Swift's shared empty storage.
  private static func isNothing(_ value: Value) -> Bool {
    (value.type.isPointer && value.isConstant && value.isNull) || MemoryWrites.isImmutableEmptyStorage(value)
  }

  /// Swift's reference counting of an object: it changes the object's header, never an element (the
  /// last release frees it, after which the program reads it no more).
  private static let referenceCounting: Set<String> = [
    "swift_retain", "swift_release", "swift_bridgeObjectRetain", "swift_bridgeObjectRelease",
  ]

  /// The byte offset from `object` at which `pointer` points, if it is a constant: through byte
  /// offsets (`getelementptr i8`), casts, and the phis and selects that choose between the object
  /// and no storage (`choosesOnly`). A phi's input that comes back to it around a loop is at the
  /// phi's own offset.
  private static func position(of pointer: Value, in object: Value) -> Int64? {
    var visiting: Set<Value> = []
    return position(of: pointer, in: object, visiting: &visiting)
  }

  private static func position(of pointer: Value, in object: Value, visiting: inout Set<Value>) -> Int64? {
    if pointer == object { return 0 }
    guard let instruction = pointer.asInstruction else { return nil }
    switch instruction.opcode {
    case LLVMGetElementPtr:
      guard instruction.operandCount == 2, instruction.gepSourceElementType.integerWidth == 8,
        let bytes = instruction.operand(1).constantInt,
        let base = position(of: instruction.operand(0), in: object, visiting: &visiting)
      else { return nil }
      return base + bytes
    case LLVMBitCast:
      return position(of: instruction.operand(0), in: object, visiting: &visiting)
    case LLVMPHI, LLVMSelect:
      guard visiting.insert(pointer).inserted else { return nil }
      defer { visiting.remove(pointer) }
      let inputs =
        instruction.isPhi
        ? instruction.incoming.map(\.value) : [instruction.operand(1), instruction.operand(2)]
      var offsets: [Int64] = []
      for input in inputs where !isNothing(input) && !visiting.contains(input) {
        guard let offset = position(of: input, in: object, visiting: &visiting) else { return nil }
        offsets.append(offset)
      }
      guard let first = offsets.first, offsets.allSatisfy({ $0 == first }) else { return nil }
      return first
    default:
      return nil
    }
  }

  // MARK: - The fill and the reads' counters

  /// `store` as a fill: `base[k] = value` with `base` at a constant offset in `object`, in a loop
  /// counting `k` from 0 by 1 until `k + 1 == end` whose every iteration runs the store (its block
  /// dominates the one latch). Where else it may leave is a question for each read
  /// (`Fill.leavesEarlyOnlyAway(from:)`).
  private static func fill(_ store: Instruction, of object: Value, loops: LoopInfo, dominators: DominatorTree)
    -> Fill?
  {
    guard !store.isVolatile, let address = store.operand(1).asInstruction,
      address.opcode == LLVMGetElementPtr, address.operandCount == 2,
      let elementStart = position(of: address.operand(0), in: object),
      isElement(address.gepSourceElementType, of: store.operand(0).type),
      let loop = loops.loop(containing: store.parent), loop.latches.count == 1,
      let counter = address.operand(1).asInstruction, counter.isPhi, counter.parent == loop.header,
      case let latch = loop.latches[0], dominators.dominates(store.parent, latch),
      let end = exitBound(of: counter, in: loop, latch: latch)
    else { return nil }
    return Fill(store: store, loop: loop, counter: counter, end: end, elementStart: elementStart)
  }

  /// Whether an address indexed by `indexed` steps over values of `type`: it is `type`, or a struct
  /// of one `type` (Swift's `Double` is `%TSd = type <{ double }>`).
  private static func isElement(_ indexed: IRType, of type: IRType) -> Bool {
    indexed == type || (indexed.isStruct && indexed.structElements == [type])
  }

  /// `end` if `phi` starts at 0, steps by 1 and `latch`'s branch leaves `loop` when `phi + 1 == end`
  /// (and only goes around while it is not): the values of `phi` in `loop` are `0..<end`.
  private static func exitBound(of phi: Instruction, in loop: Loop, latch: BasicBlock) -> Value? {
    guard let induction = Induction(phi, of: loop, latch: latch), !induction.isPointer,
      induction.start.constantInt == 0, induction.step == 1, let branch = latch.terminator,
      branch.opcode == LLVMBr, branch.operandCount == 3,
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

  /// Whether `index` is the counter of a loop around `load` that takes values in `0..<end`: its
  /// values are `0..<bound` with `bound` the same as `end`, or at most `end` because it is the
  /// counter of a loop further out that takes values in `0..<end`, or one more than that (the
  /// columns `j < i` or `j <= i` of a triangle's row `i < n`).
  private static func counts(
    _ index: Instruction, below end: Value, around load: Instruction, loops: LoopInfo, depth: Int = 0
  ) -> Bool {
    var loop = loops.loop(containing: load.parent)
    while let current = loop {
      if current.header == index.parent {
        guard current.latches.count == 1,
          let bound = exitBound(of: index, in: current, latch: current.latches[0])
        else { return false }
        if isSame(bound, end) { return true }
        guard depth < 2, var outer = bound.asInstruction else { return false }
        if outer.opcode == LLVMAdd, outer.operand(1).constantInt == 1,
          let counter = outer.operand(0).asInstruction
        {
          outer = counter
        } else if let counter = counterOneBehind(outer, loops: loops) {
          // `c <= r` compiled as `c < r1`, r1 a second induction of r's loop from 1 in steps of 1.
          outer = counter
        }
        return outer.isPhi && outer.parent != index.parent
          && counts(outer, below: end, around: load, loops: loops, depth: depth + 1)
      }
      loop = current.parent
    }
    return false
  }

  /// For `phi`, an induction of its loop that starts at 1 and steps by 1, the induction of the same
  /// loop that starts at 0 and steps by 1: `phi` is always one more than it.
  private static func counterOneBehind(_ phi: Instruction, loops: LoopInfo) -> Instruction? {
    guard phi.isPhi, let loop = loops.loop(containing: phi.parent), loop.header == phi.parent,
      loop.latches.count == 1, let shifted = Induction(phi, of: loop, latch: loop.latches[0]),
      !shifted.isPointer, shifted.start.constantInt == 1, shifted.step == 1
    else { return nil }
    return phi.parent.instructions.first { other in
      guard other.isPhi, other != phi, let induction = Induction(other, of: loop, latch: loop.latches[0])
      else {
        return false
      }
      return !induction.isPointer && induction.start.constantInt == 0 && induction.step == 1
    }
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

  // MARK: - What can be computed again

  /// Integer arithmetic, casts, comparisons, selects and intrinsics that touch no memory (`smax`):
  /// the same operands give the same result.
  public static func isPure(_ instruction: Instruction) -> Bool {
    switch instruction.opcode {
    case LLVMZExt, LLVMSExt, LLVMTrunc, LLVMAdd, LLVMSub, LLVMMul, LLVMShl, LLVMLShr, LLVMAShr, LLVMAnd,
      LLVMOr, LLVMXor, LLVMICmp, LLVMSelect:
      return true
    case LLVMCall:
      guard let callee = instruction.calledFunction else { return false }
      return callee.isIntrinsic && callee.memoryEffects == 0
    default: return false
    }
  }

  /// The intrinsics that become calls of the math library: redone, each would cost a call (tens of
  /// nanoseconds, or a vector call in a loop the vectorizer no longer reaches) where keeping its
  /// value costs a store and a load.
  static let mathLibraryIntrinsics: Set<String> = [
    "llvm.sin", "llvm.cos", "llvm.tan", "llvm.asin", "llvm.acos", "llvm.atan", "llvm.atan2", "llvm.sinh",
    "llvm.cosh", "llvm.tanh", "llvm.exp", "llvm.exp2", "llvm.exp10", "llvm.log", "llvm.log2", "llvm.log10",
    "llvm.pow", "llvm.powi", "llvm.sincos", "llvm.modf", "llvm.frexp", "llvm.ldexp",
  ]

  /// Instructions a recomputation may copy: loads, address and integer arithmetic, casts,
  /// floating-point arithmetic, and calls of intrinsics that touch no memory and are not calls of
  /// the math library (`mathLibraryIntrinsics`).
  static func isRedoable(_ instruction: Instruction) -> Bool {
    switch instruction.opcode {
    case LLVMLoad:
      return !instruction.isVolatile && LLVMGetOrdering(instruction.ref) == LLVMAtomicOrderingNotAtomic
    case LLVMGetElementPtr, LLVMAdd, LLVMSub, LLVMMul, LLVMShl, LLVMAnd, LLVMOr, LLVMXor, LLVMTrunc, LLVMZExt,
      LLVMSExt, LLVMFAdd, LLVMFSub, LLVMFMul, LLVMFDiv, LLVMFNeg, LLVMFPExt, LLVMFPTrunc, LLVMSIToFP,
      LLVMUIToFP:
      return true
    case LLVMCall:
      guard let callee = instruction.calledFunction, callee.isIntrinsic, callee.memoryEffects == 0 else {
        return false
      }
      let name = callee.name
      let base = name.split(separator: ".").prefix(2).joined(separator: ".")
      return !mathLibraryIntrinsics.contains(base)
    default: return false
    }
  }

  // MARK: - Paths

  /// The blocks that can run after `fill`'s loop starts and before `load` without the loop starting
  /// again: what runs before the loop's header on the way to `load` (round an outer loop, the next
  /// array's allocation and zeroing) is overwritten by the fill before `load` reads it.
  public static func blocksBetween(_ fill: Fill, and load: Instruction) -> Set<BasicBlock> {
    let after = reachable(from: fill.loop.header, forward: true)
    return after.intersection(
      reachable(from: load.parent, forward: false, in: after, stoppingAt: fill.loop.header))
  }

  /// The blocks reachable from `start` (following successors, or predecessors when `forward` is
  /// false, then only within `within`, and not past `stop`), `start` included.
  private static func reachable(
    from start: BasicBlock, forward: Bool, in within: Set<BasicBlock>? = nil,
    stoppingAt stop: BasicBlock? = nil
  )
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
      if block == stop { continue }
      for next in forward ? block.successors : predecessors[block] ?? [] {
        guard within?.contains(next) ?? true, reached.insert(next).inserted else { continue }
        work.append(next)
      }
    }
    return reached
  }
}
