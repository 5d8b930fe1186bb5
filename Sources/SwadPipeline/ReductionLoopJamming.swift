// Loop nests of derivatives whose inner loop sums in order run several outer iterations side by side.
import CLLVM
import LLVMBinding
import SwadAD
import SwadAnalysis

/// A matrix-vector product written as loops, `for i { s = b[i]; for j s += W[i][j] * x[j]; h[i] =
/// tanh(s) }`, spends its time waiting: each `+=` needs the one before, and without permission to
/// reorder the sum (fast-math) neither LLVM's vectorizers nor its unroller can start the next one
/// earlier. A derivative's forward sweep runs that loop nest again, forward mode with the tangent's
/// sum beside it. Running several outer iterations together ("unroll and jam": eight rows' sums in
/// one inner loop) keeps each row's sum in its order, so the derivative computes the primal's values
/// to the bit, and gives the processor independent chains. The forward sweep of the batched Jacobian
/// benchmark (256×256, `-march=native`) was 57% of its gradient, all of it in the chain of fused
/// multiply-adds; jammed, the gradient took about 40% less time.
///
/// LLVM's unroll-and-jam pass makes the transformation and decides whether it is legal (dependence
/// analysis: it refuses a nest where a store of one outer iteration may change what a later one
/// reads, and one with a call that may write memory). The pass is in none of LLVM's default
/// pipelines, and on x86 it transforms only loops whose metadata ask for it. This stage asks for it
/// on the loop nests of derivatives whose inner loop carries such a chain, runs the pass on the
/// functions that have one, and removes the request again, so that LLVM does not warn about
/// transformations asked for and not made.
///
/// The reverse sweep's loop nests are candidates too: `for i { for j dx[j] += W[i][j] * ds[i] }`
/// reads and writes every `dx[j]` once per row; jammed, eight rows' additions to `dx[j]` follow one
/// another, each element's additions in the same order as before, and the post-AD passes keep them
/// in a register between (one load and one store per eight rows). The pass refuses most such nests,
/// and nests like `y[k] = V[k]·h` whose output is a plain pointer: for all LLVM can tell, `dx` may
/// be `W`, one batched lane's `dx` another's, `y` may be `V`. Those are copied behind a test, before
/// the nest, that the byte ranges its stores reach overlap nothing else it reaches
/// (`versionLoopNestOnDisjointMemory`, from LLVM's ScalarEvolution); the copy that runs when they do
/// not tells alias analysis so, and is offered to the pass again. The batched Jacobian benchmark's
/// gradient (256×256, width 8) took 0.122 → 0.086 ms at baseline x86-64 and 0.078 → 0.054 ms with
/// `-march=native`.
enum ReductionLoopJamming {
  /// How many outer iterations run side by side at most (fewer where `sumsBudget` says so): an
  /// addition or a fused multiply-add takes four cycles on the x86 cores of the last decade, and two
  /// can start per cycle, so eight independent sums keep both units busy. The SLP vectorizer may then pack them into vectors, whose chains
  /// wait the same four cycles: eight rows of the batched Jacobian benchmark's 256×256 product
  /// (AVX-512, one 8-wide chain) took 13% less of its gradient than four.
  static let factor = 8

  /// How many sums the jammed inner loop may carry: fewer outer iterations run side by side where
  /// each has several. Eight rows of a batched reverse sweep of width 8 are 64 sums, each with its
  /// own factor, more than x86's 16 or 32 vector registers hold; the Jacobian benchmark's gradient
  /// (width 8) took 0.075 ms with eight rows side by side, 0.054 ms with four (`-march=native`),
  /// 0.101 and 0.086 ms at baseline x86-64, and 0.048 and 0.042 ms at 512 bits.
  static let sumsBudget = 32

  /// Jams the candidate nests of `functions` that the pass finds legal to jam, as they are or
  /// behind a run-time test that their memory does not overlap. Returns a remark per nest, jammed
  /// or not.
  static func run(on functions: [Function], context: Context, targetMachine: TargetMachine?) throws
    -> [Remark]
  {
    var remarks: [Remark] = []
    // Code size matters more than speed in the first two; `optnone` ones get no passes; in
    // `strictfp` ones, moving sums across calls may move them across changes of rounding mode.
    for function in functions
    where !function.isDeclaration
      && !["optsize", "minsize", "optnone", "strictfp"].contains { function.hasAttribute($0) }
    {
      if mayAccumulateInNest(function) {
        try function.runPasses(
          VersionedLoopUnswitching.pipeline[0] + ",loop(loop-simplifycfg,loop-rotate)",
          targetMachine: targetMachine)
      }
      // Copies of one nest (unswitched, one copy per outcome of a test) would say the same thing.
      var said: Set<String> = []
      remarks += try jam(
        candidates(in: function, context: context), in: function, context: context,
        targetMachine: targetMachine
      ).filter { said.insert($0.message).inserted }
    }
    return remarks
  }

  /// Asks the pass to jam `nests` of `function`; then, for those it refused, copies each nest behind
  /// a test that the memory it writes overlaps nothing else it reaches, and asks again for the copy
  /// that runs when nothing does. A copy the pass refuses too is never run (its test is made
  /// constant) and the post-AD passes delete it.
  static func jam(_ nests: [Nest], in function: Function, context: Context, targetMachine: TargetMachine?)
    throws -> [Remark]
  {
    guard !nests.isEmpty else { return [] }
    for (number, nest) in nests.enumerated() {
      mark(outer: nest.outer, inner: nest.inner, number: number, factor: nest.factor, context: context)
      for call in nest.errnoCalls {
        call.setCallSiteMemoryNone()
        call.setMetadata(errnoMark, MetadataNode.tuple([], context: context), context: context)
      }
    }
    defer { removeMarks(in: function, context: context) }
    try function.runPasses("loop(loop-unroll-and-jam)", targetMachine: targetMachine)
    let chains = nests.map(\.chains)
    var factors = jamFactors(in: function, chainsBefore: chains, context: context)
    var versioned: [Int: Instruction] = [:]
    var refusals: [Int: String] = [:]
    let refusedHeaders = outerHeaders(
      in: function, of: Set(factors.indices.filter { factors[$0] == 1 }),
      context: context)
    if !refusedHeaders.isEmpty {
      removeMarks(in: function, context: context, keepingErrnoCalls: true)
      for (number, header) in refusedHeaders.sorted(by: { $0.key < $1.key }) {
        switch header.versionLoopNestOnDisjointMemory(scopeDomain: "swad.disjoint.nest") {
        case .versioned(let choice): versioned[number] = choice
        case .refused(let reason): refusals[number] = reason
        }
      }
      if !versioned.isEmpty {
        let loops = LoopInfo(function: function, dominators: DominatorTree(function: function))
        for (number, header) in refusedHeaders where versioned[number] != nil {
          guard let outer = loops.loops.first(where: { $0.header == header }),
            let inner = loops.loops.first(where: { $0.parent === outer })
          else { continue }
          mark(outer: outer, inner: inner, number: number, factor: nests[number].factor, context: context)
        }
        try function.runPasses("loop(loop-unroll-and-jam)", targetMachine: targetMachine)
        let again = jamFactors(in: function, chainsBefore: chains, context: context)
        for (number, choice) in versioned {
          factors[number] = again[number]
          if again[number] == 1 { choice.setBranchCondition(always: true, context: context) }
        }
        keepScalar(
          copiesAfter: versioned.filter { factors[$0.key] > 1 }.map(\.value), in: function, context: context)
      }
    }
    if factors.contains(where: { $0 > 1 }) { preferNoGathers(in: function, targetMachine: targetMachine) }
    return nests.indices.map { number in
      let nest = nests[number]
      let place = nest.place.map { " at \($0)" } ?? ""
      let what =
        "\(RemarkName.derivative(function.name)): the loop nest\(place) whose inner loop \(nest.kind)"
      let factor = factors[number]
      if factor > 1 {
        return Remark(
          versioned[number] != nil
            ? "\(what) runs \(factor) outer iterations side by side when a test before it finds that the "
              + "memory it writes overlaps nothing else it reaches"
            : "\(what) runs \(factor) outer iterations side by side")
      }
      let why = refusals[number].map { "; no run-time test: \($0)" } ?? ""
      return Remark(
        "\(what) is left as it is: LLVM's unroll-and-jam found it not legal (a store a later outer "
          + "iteration may read, or a call that may write memory)\(why)")
    }
  }

  /// Tells x86's cost models that `function`, which has a jammed nest, should load no vector by
  /// gathering. The jammed copies' loads are a row apart (`W[i][j]`, `W[i+1][j]`, ...), and the SLP
  /// vectorizer packs their sums into one vector whose elements it gathers: with AVX-512 on Zen 4,
  /// one `vgatherqpd` an iteration of the batched Jacobian benchmark's forward sweep, which took
  /// three times the four cycles of the sums' chain, 43% of the gradient. Without gathers the
  /// vectorizer builds the vector from scalar loads, and the gradient took 0.046 ms instead of 0.064
  /// (`-march=native`); LLVM's own tuning prefers no gathers on the Intel cores whose microcode made
  /// them slow. A function compiled without `"target-features"` (code generation uses the target
  /// machine's) gets the machine's, with the preference.
  ///
  /// LLVM inlines a function only into callers with every feature it has: such a derivative stays a
  /// call where its caller lacks the preference, a call's cost beside a jammed loop nest.
  static func preferNoGathers(in function: Function, targetMachine: TargetMachine?) {
    guard let targetMachine,
      ["x86_64", "i386", "i486", "i586", "i686"].contains(targetMachine.triple.prefix { $0 != "-" })
    else { return }
    let features = function.stringAttributeValue("target-features") ?? targetMachine.features
    // Only AVX2 and AVX-512 gather (and where neither is, the preference would only keep the
    // derivative from being inlined); a user's own `+prefer-no-gather` or `-prefer-no-gather` stands.
    guard features.contains("+avx2") || features.contains("+avx512f"), !features.contains("prefer-no-gather")
    else { return }
    function.addStringAttribute("target-features", value: features + ",+prefer-no-gather")
  }

  /// Asks LLVM's vectorizers and unroller to leave the loops of the copies that run when memory
  /// overlaps (the first successor of each `choice`), as they leave the scalar loop their own
  /// run-time checks fall back to: that copy runs only when the nest's own ranges meet, where the
  /// vectorizer's checks of the inner loop's would mostly fail too. Left scalar, the batched Jacobian
  /// benchmark's derivatives take 16 KB of machine code instead of 24, and swad-opt 28% fewer
  /// instructions on it; the code that runs is the same.
  static func keepScalar(copiesAfter choices: [Instruction], in function: Function, context: Context) {
    guard !choices.isEmpty else { return }
    let loops = LoopInfo(function: function, dominators: DominatorTree(function: function))
    let byHeader = Dictionary(loops.loops.map { ($0.header, $0) }, uniquingKeysWith: { first, _ in first })
    let leave = [
      MetadataNode.tuple(
        [MetadataNode.string("llvm.loop.unroll.disable", context: context)], context: context),
      MetadataNode.tuple(
        [
          MetadataNode.string("llvm.loop.vectorize.enable", context: context),
          MetadataNode.int1(false, context: context),
        ], context: context),
    ]
    for choice in choices {
      // The copy's preheader, then its outer loop's header.
      var block = choice.successor(0)
      var passed: Set<BasicBlock> = []
      while byHeader[block] == nil, block.successors.count == 1, passed.insert(block).inserted {
        block = block.successors[0]
      }
      guard let outer = byHeader[block] else { continue }
      for loop in loops.loops where outer.contains(loop.header) {
        for operand in leave { addToLoopID(of: loop, operand, context: context) }
      }
    }
  }

  /// Asks the pass to jam `factor` iterations of `outer` (the request) and tags `inner` with `number`.
  static func mark(outer: Loop, inner: Loop, number: Int, factor: Int, context: Context) {
    addToLoopID(of: outer, request(factor, context: context), context: context)
    addToLoopID(of: inner, tag(number, context: context), context: context)
  }

  /// The request to jam `factor` outer iterations.
  static func request(_ factor: Int, context: Context) -> LLVMMetadataRef {
    MetadataNode.tuple(
      [
        MetadataNode.string("llvm.loop.unroll_and_jam.count", context: context),
        MetadataNode.int32(factor, context: context),
      ], context: context)
  }

  /// The headers of the outer loops of the nests numbered `numbers` whose inner loop still has its tag.
  static func outerHeaders(in function: Function, of numbers: Set<Int>, context: Context) -> [Int: BasicBlock]
  {
    guard !numbers.isEmpty else { return [:] }
    let loops = LoopInfo(function: function, dominators: DominatorTree(function: function))
    let tags = Dictionary(uniqueKeysWithValues: numbers.map { (tag($0, context: context), $0) })
    var headers: [Int: BasicBlock] = [:]
    for loop in loops.loops where loop.latches.count == 1 {
      guard let id = loop.latches[0].terminator?.metadata("llvm.loop"), let outer = loop.parent else {
        continue
      }
      for case let operand? in MetadataNode.operands(of: id, context: context).dropFirst() {
        if let number = tags[operand] { headers[number] = outer.header }
      }
    }
    return headers
  }

  /// A loop nest worth jamming: an outer loop with one latch and one inner loop, itself without
  /// loops, whose inner loop has `chains` floating-point sums that each iteration extends in order:
  /// in its header's phis, or in memory the outer loop does not move it across (the reverse of a
  /// matrix-vector product, `for i { for j dx[j] += W[i][j] * dy[i] }`, whose jammed copies add to
  /// `dx[j]` one after the other, in the same order, and the post-AD passes keep the sum in a
  /// register between them).
  struct Nest {
    var outer: Loop
    var inner: Loop
    var chains: Int
    /// How many outer iterations to run side by side.
    var factor: Int
    /// What the inner loop does that makes the nest a candidate, for the remark.
    var kind: String
    /// The calls that touch only `errno` and keep their order when jammed (`errnoCalls`).
    var errnoCalls: [Instruction]
    /// `file.c:12` of the outer loop, with debug info.
    var place: String?
  }

  static func candidates(in function: Function, context: Context) -> [Nest] {
    // Most derivatives have no floating-point phi and add to no memory in a loop: no dominators and
    // loops for them.
    let mayHaveChains = function.blocks.contains { block in
      block.instructions.contains { $0.type.isFloatingPoint && $0.isPhi || isAccumulation($0) }
    }
    guard mayHaveChains else { return [] }
    let dominators = DominatorTree(function: function)
    let loops = LoopInfo(function: function, dominators: dominators)
    return nests(in: loops).compactMap { outer, inner -> Nest? in
      guard !hasTransformationHint(outer, context: context), !hasTransformationHint(inner, context: context),
        !hasVectorMemoryAccess(outer)
      else { return nil }
      let sums = serialSums(in: inner)
      let accumulated = accumulations(in: inner)
      guard sums > 0 || accumulated.contains(where: { isFixed($0.operand(1), across: outer, inner: inner) })
      else { return nil }
      let place = outer.header.instructions.lazy.compactMap(\.sourceLocation).first { $0.line > 0 }
      let chains = sums + accumulated.count
      let factor = min(Self.factor, max(2, sumsBudget / chains))
      return Nest(
        outer: outer, inner: inner, chains: chains, factor: factor,
        kind: sums > 0 ? "sums in order" : "adds to the same elements in every outer iteration",
        errnoCalls: errnoCalls(outer: outer, inner: inner, dominators: dominators),
        place: place?.shortDescription)
    }
  }

  /// The pairs of an outer loop with one latch and its one inner loop, itself without loops and with
  /// one latch.
  static func nests(in loops: LoopInfo) -> [(outer: Loop, inner: Loop)] {
    var children: [ObjectIdentifier: [Loop]] = [:]
    for loop in loops.loops {
      if let parent = loop.parent { children[ObjectIdentifier(parent), default: []].append(loop) }
    }
    return loops.loops.compactMap { outer in
      guard outer.latches.count == 1, let only = children[ObjectIdentifier(outer)], only.count == 1,
        case let inner = only[0], children[ObjectIdentifier(inner)] == nil, inner.latches.count == 1
      else { return nil }
      return (outer, inner)
    }
  }

  /// Whether `function`, as AD made it (locals in stack slots), has a loop nest whose inner loop
  /// stores a floating-point sum to memory other than a stack slot: a candidate once SROA has made
  /// its indices values.
  static func mayAccumulateInNest(_ function: Function) -> Bool {
    let stores = function.blocks.flatMap { block in
      block.instructions.filter { store in
        guard store.opcode == LLVMStore, let sum = store.operand(0).asInstruction, sum.type.isFloatingPoint,
          sum.opcode == LLVMFAdd || sum.opcode == LLVMFSub || isFusedMultiplyAdd(sum)
        else { return false }
        return LLVMIsAAllocaInst(store.operand(1).strippingPointerCasts.ref) == nil
      }
    }
    guard !stores.isEmpty else { return false }
    let inners = nests(in: LoopInfo(function: function, dominators: DominatorTree(function: function)))
      .map(\.inner)
    return stores.contains { store in inners.contains { $0.contains(store.parent) } }
  }

  /// The stores of `loop` that add to the element they store to: `*p = *p + x` (or `- x`, or a
  /// fused multiply-add onto `*p`), the load in the same loop.
  static func accumulations(in loop: Loop) -> [Instruction] {
    loop.blocks.flatMap { block in block.instructions.filter(isAccumulation) }
  }

  static func isAccumulation(_ store: Instruction) -> Bool {
    guard store.opcode == LLVMStore, let sum = store.operand(0).asInstruction, sum.type.isFloatingPoint
    else { return false }
    let addends: [Value]
    switch sum.opcode {
    case LLVMFAdd: addends = [sum.operand(0), sum.operand(1)]
    case LLVMFSub: addends = [sum.operand(0)]
    default: addends = isFusedMultiplyAdd(sum) ? [sum.operand(2)] : []
    }
    let pointer = store.operand(1)
    return addends.contains { addend in
      addend.asInstruction.map {
        $0.opcode == LLVMLoad && $0.operand(0) == pointer && $0.parent == store.parent
      }
        ?? false
    }
  }

  static func isFusedMultiplyAdd(_ call: Instruction) -> Bool {
    guard call.opcode == LLVMCall, let name = call.calledFunction?.name else { return false }
    return name.hasPrefix("llvm.fmuladd.") || name.hasPrefix("llvm.fma.")
  }

  /// Whether `value` is the same in every iteration of `outer` at the same iteration of `inner`:
  /// made of values from outside `outer` and of `inner`'s header phis that start from such values.
  /// Only a guess at what jamming gains; the pass decides what is legal.
  static func isFixed(_ value: Value, across outer: Loop, inner: Loop) -> Bool {
    guard let instruction = value.asInstruction, outer.contains(instruction.parent) else { return true }
    if instruction.isPhi {
      return instruction.parent == inner.header
        && instruction.incoming.allSatisfy {
          inner.contains($0.block) || isFixed($0.value, across: outer, inner: inner)
        }
    }
    guard
      [LLVMGetElementPtr, LLVMAdd, LLVMSub, LLVMMul, LLVMShl, LLVMSExt, LLVMZExt, LLVMTrunc].contains(
        instruction.opcode)
    else { return false }
    return instruction.operands.allSatisfy { isFixed($0, across: outer, inner: inner) }
  }

  /// The floating-point phis of `loop`'s header whose value from the latch is the phi plus
  /// something (`fadd`, `fsub`, `llvm.fmuladd`, `llvm.fma`) that may not be reassociated: sums the
  /// vectorizers leave as they are.
  static func serialSums(in loop: Loop) -> Int {
    let latch = loop.latches[0]
    let reassociable = LLVMFastMathFlags(LLVMFastMathAllowReassoc)
    return loop.header.instructions.prefix(while: \.isPhi).filter { phi in
      guard phi.type.isFloatingPoint,
        let next = phi.incoming.first(where: { $0.block == latch })?.value.asInstruction,
        loop.contains(next.parent), next.fastMathFlags & reassociable == 0
      else { return false }
      switch next.opcode {
      case LLVMFAdd, LLVMFSub: return next.operands.contains(phi.value)
      case LLVMCall: return isFusedMultiplyAdd(next) && next.operand(2) == phi.value
      default: return false
      }
    }.count
  }

  /// Whether the loop's metadata say how to transform it: an unroll-and-jam hint (a user's pragma,
  /// or "disable" from an earlier transformation), a forced unroll (`count`, `full`, `enable`), or
  /// `disable_nonforced`. An unroll `disable` does not count: clang's `-fno-unroll-loops`, which
  /// Enzyme recommends for code to differentiate, puts it on every loop, and it is about the
  /// primal's loop, not the derivative's copy.
  static func hasTransformationHint(_ loop: Loop, context: Context) -> Bool {
    guard let id = loop.latches.first?.terminator?.metadata("llvm.loop") else { return false }
    let forced = ["llvm.loop.unroll.count", "llvm.loop.unroll.full", "llvm.loop.unroll.enable"]
    return MetadataNode.operands(of: id, context: context).dropFirst().contains { operand in
      guard let name = operand.flatMap({ MetadataNode.leadingString(of: $0, context: context) }) else {
        return false
      }
      return name.hasPrefix("llvm.loop.unroll_and_jam") || forced.contains(name)
        || name == "llvm.loop.disable_nonforced"
    }
  }

  /// Whether the nest loads or stores vectors, which LLVM's unroll-and-jam has miscompiled (its
  /// dependence check compared the elements' sizes, not the accesses'). Code AD reads is not
  /// vectorized yet; a user's vector intrinsics may be.
  static func hasVectorMemoryAccess(_ loop: Loop) -> Bool {
    loop.blocks.contains { block in
      block.instructions.contains { instruction in
        switch instruction.opcode {
        case LLVMLoad: return instruction.type.isVector
        case LLVMStore: return instruction.operand(0).type.isVector
        default: return false
        }
      }
    }
  }

  // MARK: - errno

  /// The calls in `outer` of functions that touch `errno` and nothing else (the C math functions as
  /// clang declares them unless `-fno-math-errno`), which the pass would take for writes to any
  /// memory. While it runs they are marked `memory(none)`. Jamming runs the outer iterations' blocks
  /// before the inner loop one after the other, then the inner loops, then the blocks after, one
  /// after the other: calls all before the inner loop, or all after it, stay in their order, and
  /// only sums that touch no `errno` move across them. None when such calls are on both sides, or
  /// in the inner loop (whose iterations the jam interleaves), or when the nest reads `errno`.
  static func errnoCalls(outer: Loop, inner: Loop, dominators: DominatorTree) -> [Instruction] {
    var before: [Instruction] = []
    var after: [Instruction] = []
    for block in outer.blocks {
      let isInner = inner.contains(block)
      let isAfter = !isInner && dominators.dominates(inner.header, block)
      for instruction in block.instructions {
        if instruction.opcode == LLVMLoad, readsErrno(instruction) { return [] }
        guard instruction.opcode == LLVMCall, !instruction.hasCallSiteMemoryEffects,
          let callee = instruction.calledFunction, callee.isDeclaration, callee.touchesOnlyErrno
        else { continue }
        if isInner { return [] }
        if isAfter { after.append(instruction) } else { before.append(instruction) }
      }
    }
    return before.isEmpty || after.isEmpty ? before + after : []
  }

  /// Whether `load` reads through the pointer glibc's and musl's `errno` is.
  static func readsErrno(_ load: Instruction) -> Bool {
    guard let call = load.operand(0).strippingPointerCasts.asInstruction, call.opcode == LLVMCall else {
      return false
    }
    return ["__errno_location", "__errno"].contains(call.calledFunction?.name ?? "")
  }

  /// The metadata kind that marks the calls given `memory(none)` for the pass (its copies keep it).
  static let errnoMark = "swad.jam.errno"

  // MARK: - Marks

  /// Appends `operand` to the loop ID of `loop` (a new ID, so that loops sharing the old one keep it).
  static func addToLoopID(of loop: Loop, _ operand: LLVMMetadataRef, context: Context) {
    guard let branch = loop.latches[0].terminator else { return }
    let kept = branch.metadata("llvm.loop").map {
      Array(MetadataNode.operands(of: $0, context: context).dropFirst())
    }
    branch.setMetadata(
      "llvm.loop", MetadataNode.selfReferential((kept ?? []) + [operand], context: context), context: context)
  }

  /// The mark of the inner loop of the `number`th nest of a function, `!{!"swad.jam", i32 number}`:
  /// the pass keeps it on the inner loop it makes, also where the outer loop is gone (a nest of
  /// eight outer iterations or fewer is jammed whole).
  static func tag(_ number: Int, context: Context) -> LLVMMetadataRef {
    MetadataNode.tuple(
      [MetadataNode.string(tagName, context: context), MetadataNode.int32(number, context: context)],
      context: context)
  }
  static let tagName = "swad.jam"

  /// How many outer iterations each nest now runs side by side: the sums its inner loop has over
  /// those it had (`chainsBefore`, by the number in the tag); 1 if the pass left it.
  static func jamFactors(in function: Function, chainsBefore: [Int], context: Context) -> [Int] {
    let loops = LoopInfo(function: function, dominators: DominatorTree(function: function))
    let numbers = Dictionary(
      uniqueKeysWithValues: chainsBefore.indices.map { (tag($0, context: context), $0) })
    var factors = Array(repeating: 1, count: chainsBefore.count)
    for loop in loops.loops where loop.latches.count == 1 {
      guard let id = loop.latches[0].terminator?.metadata("llvm.loop") else { continue }
      for case let operand? in MetadataNode.operands(of: id, context: context).dropFirst() {
        guard let number = numbers[operand] else { continue }
        factors[number] = max(
          factors[number], (serialSums(in: loop) + accumulations(in: loop).count) / chainsBefore[number])
      }
    }
    return factors
  }

  /// Takes the request and the tags out of every loop ID of `function` that has one (the pass may
  /// have copied an ID to the loops it made), and gives the marked calls their memory effects back.
  static func removeMarks(in function: Function, context: Context, keepingErrnoCalls: Bool = false) {
    var rebuilt: [LLVMMetadataRef: LLVMMetadataRef] = [:]
    let requests = Set((2...factor).map { request($0, context: context) })
    let isMark = { (operand: LLVMMetadataRef?) in
      operand.map(requests.contains) ?? false
        || operand.flatMap { MetadataNode.leadingString(of: $0, context: context) } == tagName
    }
    for block in function.blocks {
      for call in block.instructions
      where !keepingErrnoCalls && call.opcode == LLVMCall && call.metadata(errnoMark) != nil {
        call.removeCallSiteMemoryEffects()
        call.removeMetadata(errnoMark)
      }
      guard let branch = block.terminator, let id = branch.metadata("llvm.loop") else { continue }
      if let known = rebuilt[id] {
        branch.setMetadata("llvm.loop", known, context: context)
        continue
      }
      let operands = MetadataNode.operands(of: id, context: context).dropFirst()
      guard operands.contains(where: isMark) else { continue }
      let made = MetadataNode.selfReferential(operands.filter { !isMark($0) }, context: context)
      rebuilt[id] = made
      branch.setMetadata("llvm.loop", made, context: context)
    }
  }
}
