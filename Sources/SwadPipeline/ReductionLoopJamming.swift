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
/// one inner loop) keeps each row's sum in its order, so the derivative computes the primal's values to
/// the bit, and gives the processor independent chains. The forward sweep of the batched Jacobian
/// benchmark (256×256, `-march=native`) was 57% of its gradient, all of it in the chain of fused
/// multiply-adds; jammed, the gradient took about 45% less time.
///
/// LLVM's unroll-and-jam pass makes the transformation and decides whether it is legal (dependence
/// analysis; it refuses a loop nest with a call that may write memory, such as a libm function that
/// may set `errno`: those that never do in glibc and musl, `MathErrno`, are marked so first). The pass is in none of LLVM's default pipelines, and on x86 it transforms only
/// loops whose metadata ask for it. This stage asks for it on the loop nests of derivatives whose
/// inner loop carries such a chain, runs the pass on the functions that have one, and removes the
/// request again, so that LLVM does not warn about transformations asked for and not made.
enum ReductionLoopJamming {
  /// How many outer iterations run side by side: an addition or a fused multiply-add takes four
  /// cycles on the x86 cores of the last decade, and two can start per cycle, so eight independent
  /// sums keep both units busy. The SLP vectorizer may then pack them into vectors, whose chains
  /// wait the same four cycles: eight rows of the batched Jacobian benchmark's 256×256 product
  /// (AVX-512, one 8-wide chain) took 13% less of its gradient than four.
  static let factor: Int32 = 8

  /// Jams the candidate nests of `functions` that the pass finds legal to jam. Returns, per
  /// function, how many it jammed.
  static func run(on functions: [Function], context: Context, targetMachine: TargetMachine?) throws
    -> [(function: Function, jammed: Int)]
  {
    let request = MetadataNode.tuple(
      [
        MetadataNode.string("llvm.loop.unroll_and_jam.count", context: context),
        LLVMValueAsMetadata(LLVMConstInt(LLVMInt32TypeInContext(context.ref), UInt64(factor), 0)),
      ], context: context)
    var result: [(function: Function, jammed: Int)] = []
    // Code size matters more than speed in these; `optnone` ones get no passes.
    for function in functions
    where !function.isDeclaration
      && !["optsize", "minsize", "optnone"].contains { function.hasAttribute($0) }
    {
      let nests = candidates(in: function, context: context)
      guard !nests.isEmpty else { continue }
      for (number, nest) in nests.enumerated() {
        markCallsWithoutErrno(in: nest.outer)
        guard let branch = nest.outer.latches[0].terminator else { continue }
        let kept = branch.metadata("llvm.loop").map {
          Array(MetadataNode.operands(of: $0, context: context).dropFirst())
        }
        let id = MetadataNode.selfReferential(
          (kept ?? []) + [request, tag(number, context: context)], context: context)
        branch.setMetadata("llvm.loop", id, context: context)
      }
      defer { removeMarks(in: function, request: request, context: context) }
      try function.runPasses("loop(loop-unroll-and-jam)", targetMachine: targetMachine)
      let jammed = countJammed(in: function, chainsBefore: nests.map(\.chains), context: context)
      if jammed > 0 { result.append((function, jammed)) }
    }
    return result
  }

  /// A loop nest worth jamming: an outer loop with one latch and one inner loop, itself without
  /// loops, whose header has `chains` floating-point sums that each iteration extends in order.
  struct Nest {
    var outer: Loop
    var chains: Int
  }

  static func candidates(in function: Function, context: Context) -> [Nest] {
    let loops = LoopInfo(function: function, dominators: DominatorTree(function: function))
    var children: [ObjectIdentifier: [Loop]] = [:]
    for loop in loops.loops {
      if let parent = loop.parent { children[ObjectIdentifier(parent), default: []].append(loop) }
    }
    return loops.loops.compactMap { outer -> Nest? in
      guard outer.latches.count == 1, let inner = children[ObjectIdentifier(outer)], inner.count == 1,
        children[ObjectIdentifier(inner[0])] == nil, inner[0].latches.count == 1,
        !asksForTransformation(outer, context: context), !asksForTransformation(inner[0], context: context)
      else { return nil }
      let chains = serialSums(in: inner[0])
      return chains > 0 ? Nest(outer: outer, chains: chains) : nil
    }
  }

  /// The floating-point phis of `loop`'s header whose value from the latch is the phi plus
  /// something (`fadd`, `fsub`, `llvm.fmuladd`, `llvm.fma`) that may not be reassociated: sums the
  /// vectorizers leave as they are.
  static func serialSums(in loop: Loop) -> Int {
    let latch = loop.latches[0]
    return loop.header.instructions.prefix(while: \.isPhi).filter { phi in
      guard phi.type.isFloatingPoint,
        let next = phi.incoming.first(where: { $0.block == latch })?.value.asInstruction,
        loop.contains(next.parent)
      else { return false }
      switch next.opcode {
      case LLVMFAdd, LLVMFSub:
        return next.operands.contains(phi.value)
          && next.fastMathFlags & LLVMFastMathFlags(LLVMFastMathAllowReassoc) == 0
      case LLVMCall:
        let name = next.calledFunction?.name ?? ""
        return (name.hasPrefix("llvm.fmuladd.") || name.hasPrefix("llvm.fma."))
          && next.operand(2) == phi.value
          && next.fastMathFlags & LLVMFastMathFlags(LLVMFastMathAllowReassoc) == 0
      default: return false
      }
    }.count
  }

  /// Marks `memory(none)` the calls in `loop` of math functions that never set `errno`
  /// (`MathErrno`): compiled without `-fno-math-errno`, a `tanh` between two rows' sums is otherwise a
  /// write to memory, which the pass does not move sums across.
  static func markCallsWithoutErrno(in loop: Loop) {
    for block in loop.blocks {
      for call in block.instructions where call.opcode == LLVMCall {
        guard let callee = call.calledFunction, callee.isDeclaration,
          MathErrno.neverSet.contains(callee.name),
          call.arguments.count == 1, call.arguments[0].type == call.type,
          LLVMGetTypeKind(call.type.ref) == LLVMDoubleTypeKind
        else { continue }
        call.setCallSiteMemoryNone()
      }
    }
  }

  /// Whether the loop's metadata already says how to jam it (a user's pragma, or an earlier
  /// transformation's "disable").
  static func asksForTransformation(_ loop: Loop, context: Context) -> Bool {
    guard let id = loop.latches.first?.terminator?.metadata("llvm.loop") else { return false }
    return MetadataNode.operands(of: id, context: context).dropFirst().contains { operand in
      operand.flatMap { MetadataNode.leadingString(of: $0, context: context) }?
        .hasPrefix("llvm.loop.unroll_and_jam") ?? false
    }
  }

  /// The mark of the `number`th nest of a function, `!{!"swad.jam", i32 number}`: it tells the
  /// loops this stage asked to jam from loops a user asked to, and the nests from each other after
  /// the pass, which rebuilds the loop IDs it changes.
  static func tag(_ number: Int, context: Context) -> LLVMMetadataRef {
    MetadataNode.tuple(
      [
        MetadataNode.string(tagName, context: context),
        LLVMValueAsMetadata(LLVMConstInt(LLVMInt32TypeInContext(context.ref), UInt64(number), 0)),
      ], context: context)
  }
  static let tagName = "swad.jam"

  /// How many of the marked nests the pass jammed: those whose inner loop now has at least twice
  /// the sums it had (`chainsBefore`, by the number in the tag).
  static func countJammed(in function: Function, chainsBefore: [Int], context: Context) -> Int {
    let loops = LoopInfo(function: function, dominators: DominatorTree(function: function))
    var jammed: Set<Int> = []
    for (number, chains) in chainsBefore.enumerated() {
      let mark = tag(number, context: context)
      for outer in loops.loops where outer.latches.count == 1 {
        guard let id = outer.latches[0].terminator?.metadata("llvm.loop"),
          MetadataNode.operands(of: id, context: context).contains(where: { $0 == mark })
        else { continue }
        let inner = loops.loops.filter { $0.parent === outer }
        if inner.count == 1, inner[0].latches.count == 1, serialSums(in: inner[0]) >= 2 * chains {
          jammed.insert(number)
        }
      }
    }
    return jammed.count
  }

  /// Takes the request and the tags out of every loop ID of `function` that has a tag (the pass
  /// may have copied an ID to the loops it made).
  static func removeMarks(in function: Function, request: LLVMMetadataRef, context: Context) {
    var rebuilt: [LLVMMetadataRef: LLVMMetadataRef] = [:]
    for block in function.blocks {
      guard let branch = block.terminator, let id = branch.metadata("llvm.loop") else { continue }
      if let known = rebuilt[id] {
        branch.setMetadata("llvm.loop", known, context: context)
        continue
      }
      let operands = MetadataNode.operands(of: id, context: context).dropFirst()
      let isTag = { (operand: LLVMMetadataRef?) in
        operand.flatMap { MetadataNode.leadingString(of: $0, context: context) } == tagName
      }
      guard operands.contains(where: isTag) else { continue }
      let made = MetadataNode.selfReferential(
        operands.filter { !isTag($0) && $0 != request }, context: context)
      rebuilt[id] = made
      branch.setMetadata("llvm.loop", made, context: context)
    }
  }
}
