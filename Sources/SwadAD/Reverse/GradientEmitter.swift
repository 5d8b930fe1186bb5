// The bodies of one reverse derivative: the augmented forward sweep, the reverse sweep, and the
// tape records that connect them.
import CLLVM
import LLVMBinding
import SwadAnalysis

/// Emits the augmented and reverse functions of one reverse derivative.
///
/// The forward sweep (`Gradient+Forward`) copies the primal and gives pointers shadows. The reverse
/// sweep (`Gradient+Reverse`, `+Adjoints`, `+Memory`, `+Calls`) visits the blocks backwards; when it
/// needs a primal value, `Gradient+Cache` decides how the value reaches it: through a slot saved
/// once per call, or through the record of the block that needs it, pushed every time that block
/// runs. Only after the reverse sweep is written is it known what each record holds, so the pushes
/// and pops are placed last (`finishTape`).
final class GradientEmitter: PrimalCopier {
  let generator: ReverseGenerator
  let module: Module
  let tape: TapeRuntime
  let derivative: ReverseDerivative
  let original: Function
  let augmented: Function
  let reverse: Function
  let builder: Builder
  let activity: ActivityAnalysis
  /// Values whose shadow may be their primal pointer (constant data met by shadowed data).
  let constantShadows: ConstantShadows
  let cycles: CycleInfo
  let loops: LoopInfo
  let dominators: DominatorTree
  /// Per loop what the loop may write, and per block what may be written from it on.
  var loopWrites: [ObjectIdentifier: MemoryWrites] = [:]
  /// Per value computed in a loop: the store the reverse sweep can load it back from, with its loop
  /// (`Gradient+StoredValues`), or nil when there is none.
  var storesKeeping: [Value: (store: Instruction, loop: Loop)?] = [:]
  var writesAfterBlock: [BasicBlock: MemoryWrites] = [:]
  /// The original's objects counted on themselves where they have no shadow (`Gradient+ReferenceCounts`).
  lazy var countedOnThemselves = SwiftRuntime.objectsCountedOnThemselves(in: original) { pointer in
    self.activity.isVaried(pointer) || self.generator.globals.isShadowed(pointer)
  }
  /// What each untyped integer copy moves (`CopiedBytes`), found once per load.
  var copiedContents: [Instruction: CopiedBytes.Content] = [:]
  /// The integer copies (their loads) whose words are told apart when the reverse sweep runs
  /// (`Gradient+WordsSortedAtRunTime`): copied as pointers forward, moved back when adjoints.
  var integerCopiesSortedAtRunTime: Set<Instruction> = []
  /// The copies whose layout `layoutThroughCopySlot` is working out (a swap's temporary: the copies
  /// into and out of it type each other).
  var copiesBeingLaidOut: Set<Instruction> = []
  /// The copies `copiedRangeType` laid out by the first access to memory the function reads both as
  /// pointers and as floating-point values: a guess, refused in Swift (`checkTransferCanBeFollowed`).
  var copiesGuessedOverMixedMemory: Set<Instruction> = []
  /// Copies of run-time length whose floating-point values lie off multiples of their size from the
  /// copy's start, with nothing else to lay them out (`checkTransferCanBeFollowed` refuses them).
  var copiesOfFloatsOffTheirGrid: Set<Instruction> = []
  /// The pointers the function loads from or stores into memory at constant offsets, by object and
  /// offset, with the loop pointers that move from them (`Gradient+PointeeHints`): found once, read
  /// at every call.
  lazy var heldPointers: [Value: [Int: [Value]]] = collectHeldPointers()
  /// The narrowest float other than double the module keeps in memory, in bits: copies whose words
  /// are told apart at run time (`Gradient+WordsSortedAtRunTime`) need every float word to be one
  /// double, and are checked instead where they may not be.
  lazy var moduleNarrowestFloatBitsInMemory = moduleFloatBitsInMemory.min()
  /// The widths of the floats other than double the module keeps in memory (`Module.nonDoubleFloatBitsInMemory`).
  lazy var moduleFloatBitsInMemory = module.nonDoubleFloatBitsInMemory
  /// The values a select may discard, whose partials are guarded against a zero adjoint
  /// (`Gradient+SpeculatedValues`).
  lazy var speculatedValues = SpeculatedValues.find(in: original)
  /// Loops whose header's reverse dispatch is decided by an induction variable (see `Counter`).
  let counters: [BasicBlock: Counter]
  /// Merge blocks whose reverse recomputes which predecessor control came from
  /// (`Gradient+DecidedMerges`).
  let decidedMerges: [BasicBlock: DecidingBranch]
  let blocks: [BasicBlock]
  let blockIndex: [BasicBlock: Int]
  let predecessors: [BasicBlock: [BasicBlock]]
  let i64: IRType
  /// The number of adjoint lanes (`ReverseSignature.width`), and the lane whose shadows and adjoints
  /// `shadows`, `adjoints`, `shadow(of:)`, `addAdjoint` … mean (`forEachLane`).
  let width: Int
  var lane = 0
  /// Whether `lane` was chosen (`forEachLane`, `inLane`): with several lanes, code that reads the
  /// shadows or adjoints of "the" lane outside of those would silently do lane 0 only.
  private var inLaneScope = false
  private var checkedLane: Int {
    precondition(width == 1 || inLaneScope, "swad internal error: shadows or adjoints read outside a lane")
    return lane
  }

  // MARK: Forward sweep state

  /// Original values → their copies in the augmented function.
  var map = ValueMap()
  /// Original pointers → their shadows in the augmented function, per lane.
  var shadowLanes: [[Value: Value]]
  /// The current lane's shadows.
  var shadows: [Value: Value] {
    get { shadowLanes[checkedLane] }
    _modify { yield &shadowLanes[checkedLane] }
  }
  /// For each original block, the terminator of its copy (where its record is pushed).
  var pushPoints: [BasicBlock: Instruction] = [:]
  /// The copies of the original's `ret` instructions.
  var returnPoints: [Instruction] = []
  var pendingPhis: [(original: Instruction, primal: Instruction, shadows: [Instruction])] = []
  var exitBlocks: [BasicBlock: BasicBlock] = [:]
  /// Shadow allocations made in the forward sweep that the reverse sweep must free, by the
  /// original instruction that made them.
  var heapShadows: Set<Value> = []
  /// Stack slots of the primal moved to the heap because a registered reverse function reads them
  /// (`outlivesForwardSweep`); the reverse sweep frees them at their allocation's reverse.
  var heapPrimals: Set<Value> = []
  /// In a combined gradient, the `free`s and Swift releases of allocations made once per call that
  /// the forward sweep skips: the reverse sweep releases those allocations at their allocation's
  /// reverse instead, so that it can still read them (and load values again rather than save them).
  var deferredReleases: [Instruction: Value] = [:]
  /// In a combined gradient, stores into memory the function does not own that nothing writes again
  /// afterwards: the reverse sweep puts the old value back when it reverses them and the exit stores
  /// the new value again, so the memory reads in between as it did in the forward sweep.
  var restorableStores: Set<Instruction> = []
  /// Per restorable store: a flag of the reverse function, set when the store is reversed.
  var restoredFlags: [(store: Instruction, flag: Value)] = []
  /// Calls of defined functions that were replaced by augmented calls, with their derivatives.
  var augmentedCalls: [Instruction: ReverseDerivative] = [:]
  /// Per lane and call, the shadow copies made for its by-value arguments (`CacheKey.argumentCopy`).
  var argumentCopyLanes: [[Value: [Int: Value]]]
  var argumentCopies: [Value: [Int: Value]] {
    get { argumentCopyLanes[checkedLane] }
    _modify { yield &argumentCopyLanes[checkedLane] }
  }
  /// BLAS calls differentiated by their rules, with what their forward sweep recorded.
  var blasCalls: [Instruction: BLASCallRecord] = [:]
  /// Values of `CacheKey.auxiliary` keys, by original instruction.
  var auxiliaries: [Value: Value] = [:]
  /// The original's exception paths (`Gradient+Exceptions`).
  var unwind = UnwindState()

  // MARK: Reverse sweep state

  var reverseEntry: BasicBlock!
  var reverseExit: BasicBlock!
  /// Per original block: where its record is popped, and where its reverse code starts.
  var reverseHeads: [BasicBlock: BasicBlock] = [:]
  var reverseBodies: [BasicBlock: BasicBlock] = [:]
  /// Per lane: the stack slots of the reverse function that hold the adjoints of original values.
  var adjointLanes: [[Value: Value]]
  var adjoints: [Value: Value] {
    get { adjointLanes[checkedLane] }
    _modify { yield &adjointLanes[checkedLane] }
  }
  let allocaBuilder: Builder
  var cache = TapeCache()
  /// Per loop: values the loop's reverse code reads from stack slots of the reverse function that
  /// are set each time the reverse sweep enters the loop (see `Gradient+Loops`).
  var loopValues: [ObjectIdentifier: [(key: CacheKey, slot: Value)]] = [:]
  /// Reverse edges that enter a loop: (exit block, exiting block, the reverse block on the edge).
  var loopEntries: [(exit: BasicBlock, exiting: BasicBlock, block: BasicBlock)] = []
  /// The reverse blocks that go around each counted loop's back edge.
  var backEdges: [(counter: Counter, block: BasicBlock)] = []
  /// Per block whose record is an element of its loop's record array, that array
  /// (`Gradient+RecordArrays`).
  var recordArrays: [BasicBlock: RecordArray] = [:]
  /// The blocks from which control can leave the function (by `ret` or `resume`), not only reach a
  /// trap: an exit into the others ends the program, not the loop.
  lazy var mayLeave: Set<BasicBlock> = original.blocksThatMayReturn
  /// The reads of the original's scratch arrays, which the reverse sweep may compute again
  /// (`Gradient+ScratchArrays`).
  lazy var scratchReads = findScratchReads()
  /// Per scratch-array read, how the reverse sweep computes it again, or nil when it cannot.
  var scratchRecipes: [Instruction: ScratchRecipe?] = [:]
  /// Values recomputed in the reverse sweep, by key and reverse block, so each is made once a block.
  var recomputed: [CacheKey: [BasicBlock: Value]] = [:]
  /// The values the reverse sweep made without the tape, for remarks (`noteTapeContents`).
  var madeWithoutTape = ValuesWithoutTape()
  /// Per shared base pointer of a parallel region, the thread's window of private adjoints
  /// (`Gradient+OpenMP`).
  var adjointWindows: [Value: AdjointWindow] = [:]
  /// Per loop, the windowed accesses covered on entry to its reverse (`Gradient+SharedAdjoints`).
  var windowCovers: [ObjectIdentifier: [WindowCover]] = [:]
  /// The region's concurrency flag as read on entry to the reverse function (`concurrentSweep`).
  var concurrentFlagOnEntry: Value?
  /// Per loop, the loads whose adjoints are summed in registers across iterations, and per such
  /// load its loop and group (`Gradient+RotatedAdjoints`).
  var adjointRotations: [ObjectIdentifier: AdjointRotation] = [:]
  var rotatedLoads: [Instruction: (ObjectIdentifier, Int)] = [:]
  /// The loads of `a[i] += …` whose store's reverse left the shadow uncleared, per lane
  /// (`Gradient+Memory`): their reverse stores the adjoint instead of adding it.
  var uncleared: Set<UnclearedLoad> = []

  init(generator: ReverseGenerator, derivative: ReverseDerivative) {
    self.generator = generator
    self.module = generator.module
    self.tape = generator.tape
    self.derivative = derivative
    self.original = derivative.signature.function
    self.augmented = derivative.augmented
    self.reverse = derivative.reverse
    self.builder = Builder(context: module.context)
    self.allocaBuilder = Builder(context: module.context)
    let varied = Set(
      derivative.signature.parameters.enumerated().filter { $0.element != .constant }.map(\.offset))
    splitLoopExitEdges(of: original, context: module.context)
    self.activity = ActivityAnalysis(
      function: original, variedParameters: varied, activeReturn: derivative.signature.activeReturn,
      classifier: generator.classifier, globals: generator.globals)
    let flagged = derivative.signature.constantShadowParameters.enumerated().filter(\.element).map(\.offset)
    let pointees = derivative.signature.shadowedPointees.enumerated().filter(\.element).map(\.offset)
    self.constantShadows = ConstantShadows(
      function: original, parameters: Set(flagged), activity: activity,
      shadowedPointees: Set(pointees))
    let cycles = CycleInfo(function: original)
    self.cycles = cycles
    let dominators = DominatorTree(function: original)
    self.dominators = dominators
    self.loops = LoopInfo(function: original, dominators: dominators)
    let counters = Counter.find(in: loops)
    self.counters = counters
    let blocks = dominators.order
    self.blocks = blocks
    self.blockIndex = Dictionary(uniqueKeysWithValues: blocks.enumerated().map { ($1, $0) })
    var predecessors: [BasicBlock: [BasicBlock]] = [:]
    for block in blocks {
      for successor in block.successors where !(predecessors[successor]?.contains(block) ?? false) {
        predecessors[successor, default: []].append(block)
      }
    }
    self.predecessors = predecessors
    self.decidedMerges = Self.decidingBranches(
      blocks: blocks, predecessors: predecessors, dominators: dominators, counters: counters, cycles: cycles,
      loops: loops)
    self.i64 = IRType.int(64, in: module.context)
    let width = derivative.signature.width
    self.width = width
    self.shadowLanes = Array(repeating: [:], count: width)
    self.adjointLanes = Array(repeating: [:], count: width)
    self.argumentCopyLanes = Array(repeating: [:], count: width)
  }

  /// Runs `body` once per lane, with `lane` set; the primal work around it is done once.
  func forEachLane(_ body: () throws -> Void) rethrows {
    let outer = lane
    let outerScope = inLaneScope
    defer {
      lane = outer
      inLaneScope = outerScope
    }
    inLaneScope = true
    for each in 0..<width {
      lane = each
      try body()
    }
  }

  /// Runs `body` with `lane` set to `each`.
  func inLane<T>(_ each: Int, _ body: () throws -> T) rethrows -> T {
    let outer = lane
    let outerScope = inLaneScope
    defer {
      lane = outer
      inLaneScope = outerScope
    }
    inLaneScope = true
    lane = each
    return try body()
  }

  func emit() throws {
    try activity.requireFloatBitsStayLocal(in: original)
    try activity.requireRoundingShiftsUndone(in: original)
    try activity.requireReturnedAddressesKeepShadows(in: original)
    try activity.requireFormattedNumbersStayText(in: original)
    try NonlocalJumps.requireNoComputedGoto(in: original)
    unwind.sites = generator.unwind.sites(of: original)
    findDeferredReleases()
    try emitForwardSweep()
    try emitReverseSweep()
    finishTape()
  }

  /// The shadow of an original pointer in the augmented function: made by the forward sweep, or the
  /// shadow of a global (a constant usable anywhere); nil when it has none.
  func shadow(of value: Value) -> Value? {
    shadows[value] ?? generator.globals.shadow(of: value, lane: checkedLane)
  }

  /// Whether an original pointer has a shadow (in every lane, if in one).
  func hasShadow(_ value: Value) -> Bool { inLane(0) { shadow(of: value) != nil } }

  /// The tape pointer of the augmented function (its last parameter).
  var forwardTape: Value { augmented.parameter(augmented.parameters.count - 1) }
  /// The tape pointer of the reverse function (its first parameter).
  var reverseTape: Value { reverse.parameter(0) }

  /// The reverse function's parameter for an original parameter (`shadow`: its shadow).
  func reverseParameter(for parameter: Value, shadow wantsShadow: Bool) -> Value? {
    guard let index = original.parameters.firstIndex(of: parameter) else { return nil }
    let layout = reverseLayout
    if !wantsShadow { return reverse.parameter(layout.positions[index].primal) }
    return layout.positions[index].shadow.map { _ in
      reverse.parameter(layout.shadowLanes(of: index)[checkedLane])
    }
  }

  /// Where the augmented function takes the arguments (from 0) and the reverse function does (after
  /// the tape and the result's adjoint).
  var augmentedLayout: ShadowedParameters {
    ShadowedParameters(hasShadow: derivative.signature.parameters.map(\.hasShadow), width: width)
  }
  var reverseLayout: ShadowedParameters {
    ShadowedParameters(
      hasShadow: derivative.signature.parameters.map(\.hasShadow),
      offset: derivative.signature.activeReturn ? 1 + width : 1, width: width)
  }

  /// The reverse function's parameter holding the result's adjoint in the current lane.
  var returnSeed: Value { reverse.parameter(1 + checkedLane) }

  /// Whether block `block` ends its record with its index, so that the reverse sweep of a successor
  /// with several predecessors can tell where control came from.
  func pushesBlockIndex(_ block: BasicBlock) -> Bool {
    block.successors.contains {
      (predecessors[$0]?.count ?? 0) > 1 && counters[$0] == nil && decidedMerges[$0] == nil
    }
  }

  /// The reachable blocks that end in `ret`.
  var returnBlocks: [BasicBlock] { blocks.filter { $0.terminator?.opcode == LLVMRet } }
}

/// A load of `a[i] += …` in one lane whose store's reverse left the shadow uncleared.
struct UnclearedLoad: Hashable {
  let load: Instruction
  let lane: Int
}
