// Emitting the exception paths of a derivative, for both modes: a call that was an invoke becomes an
// invoke again in the derivative (of the callee's derivative when the callee is differentiated),
// unwinding through a pad of its own into a copy of the original's landing pad.
import CLLVM
import LLVMBinding

/// What an emitter keeps while it emits exception paths.
struct UnwindState {
  var sites: UnwindSites?
  /// The blocks that run only while unwinding, in emission order.
  var region: [BasicBlock] = []
  /// Per original block ending in a call that was an invoke: the pad its invoke unwinds to.
  var pads: [BasicBlock: BasicBlock] = [:]
  /// Per landing pad of the original: the phi that stands for its `landingpad` in the derivative
  /// (the derivative's landing pads are the pads), and the pads' `landingpad`s.
  var landingValues: [BasicBlock: Instruction] = [:]
  var padValues: [BasicBlock: [(Value, BasicBlock)]] = [:]
  /// Reverse mode: the normal blocks that blocks run while unwinding branch back to (an exception
  /// caught, execution going on), and the `__cxa_begin_catch` of the catch, where there is one with
  /// a source location. The augmented function stops the program on those edges.
  var rejoined: Set<BasicBlock> = []
  var catchCall: Instruction?
}

/// An emitter that copies exception paths: the forward derivative, or the augmented forward function
/// of reverse mode.
protocol UnwindEmitting: PrimalCopier {
  var unwind: UnwindState { get set }
  var original: Function { get }
  /// The function the primal code is copied into.
  var unwindTarget: Function { get }
  /// Replaces a value in the emitter's tables (a call of the derivative made an invoke).
  func replaceEmitted(_ old: Value, with new: Value)
}

extension UnwindEmitting {
  /// Maps the blocks that run only while unwinding to new blocks of the derivative and gives it the
  /// original's personality; returns the normal blocks such blocks branch back to (an exception
  /// caught, execution going on). Call before emitting the normal blocks.
  func prepareUnwindRegion(normalOrder: [BasicBlock]) -> [BasicBlock] {
    guard let sites = unwind.sites else { return [] }
    let (region, rejoined) = sites.unwindRegion(normal: Set(normalOrder), normalOrder: normalOrder)
    unwind.region = region
    for block in region { map.map(block, to: unwindTarget.appendBlock(named: block.name)) }
    if let personality = original.personality { unwindTarget.personality = personality }
    return rejoined
  }

  /// Emits a call of the original through `visit`; when the call was an invoke, the call `visit`
  /// emitted for it (the primal's copy, or a call of the callee's derivative) becomes an invoke that
  /// unwinds to the copy of the original's landing pad, and emission goes on in its normal
  /// destination. Other calls `visit` makes (shadow allocations) stay calls.
  func emitCall(_ call: Instruction, visit: () throws -> Void) rethrows {
    guard let landingPad = unwind.sites?.landingPad(of: call) else { return try visit() }
    let head = builder.insertBlock
    let last = LLVMGetLastInstruction(head.ref).map(Instruction.init)
    try visit()
    // `visit` may have branched (a shadow's call made only when the shadow is not the primal): the
    // emission then goes on in the block it ended in, after the moved branch.
    let end = builder.insertBlock
    var emitted: [Instruction] = []
    var cursor = last.map(\.next) ?? head.firstInstruction
    while let instruction = cursor {
      emitted.append(instruction)
      cursor = instruction.next
    }
    guard let primary = primaryCall(among: emitted, for: call), let index = emitted.firstIndex(of: primary)
    else {
      return
    }
    let continuation = unwindTarget.appendBlock(named: (head.name.isEmpty ? "invoke" : head.name) + ".cont")
    continuation.moveAfter(head)
    builder.position(atEndOf: continuation)
    for instruction in emitted[(index + 1)...] {
      let name = instruction.value.name
      instruction.removeFromParent()
      builder.insert(instruction, name)
    }
    for successor in continuation.successors { successor.retargetPhis(from: head, to: continuation) }
    let pad = makePad(for: landingPad, site: call.parent)
    let invoke = primary.rebuiltAsInvoke(normal: continuation, unwind: pad)
    replaceEmitted(primary.value, with: invoke.value)
    builder.position(atEndOf: end == head ? continuation : end)
  }

  /// The call emitted for `call` that takes its place as the invoke: a copy calling the same callee,
  /// or else the first call of a function other than an allocator or the tape's.
  private func primaryCall(among emitted: [Instruction], for call: Instruction) -> Instruction? {
    let calls = emitted.filter { $0.opcode == LLVMCall }
    let callee = map[call.calledOperand]
    if let copy = calls.first(where: { $0.calledOperand == callee }) { return copy }
    let helpers: Set<String> = ["malloc", "calloc", "realloc", "free", "malloc_usable_size"]
    return calls.first { candidate in
      guard let function = candidate.calledFunction else { return true }
      return !function.isIntrinsic && !helpers.contains(function.name) && !function.name.hasPrefix("swad.")
    }
  }

  /// A block of the derivative entered only by the unwind edge of `site`'s invoke: a copy of the
  /// landing pad's `landingpad`, then a branch to the landing pad's copy.
  private func makePad(for landingPad: BasicBlock, site: BasicBlock) -> BasicBlock {
    let pad = unwindTarget.appendBlock(named: "unwind." + (site.name.isEmpty ? "site" : site.name))
    let saved = builder.insertBlock
    builder.position(atEndOf: pad)
    let landing = landingPad.firstNonPhi!.cloneForDerivative()
    builder.insert(landing, "")
    builder.br(map[landingPad])
    builder.position(atEndOf: saved)
    unwind.pads[site] = pad
    unwind.padValues[landingPad, default: []].append((landing.value, pad))
    return pad
  }

  /// A landing pad's `landingpad` in the derivative: the value of whichever pad control came from.
  func visitLandingPad(_ instruction: Instruction) {
    let phi = builder.phi(instruction.type, instruction.value.name)
    map.map(instruction.value, to: phi.value)
    unwind.landingValues[instruction.parent] = phi
  }

  /// The block of the derivative a phi of `phiBlock` takes its value from when control comes from
  /// the original's `block`: the pad when the edge is an unwind edge, `exits[block]` otherwise.
  func incomingBlock(from block: BasicBlock, into phiBlock: BasicBlock, exits: [BasicBlock: BasicBlock])
    -> BasicBlock?
  {
    if let sites = unwind.sites, sites.landingPad(endingBlock: block) == phiBlock,
      !block.successors.contains(phiBlock)
    {
      return unwind.pads[block]
    }
    return exits[block]
  }

  /// Gives the phis standing for `landingpad`s their incoming values; call when all is emitted.
  func completeLandingPads() {
    for (landingPad, phi) in unwind.landingValues {
      phi.addIncoming(unwind.padValues[landingPad] ?? [])
    }
  }
}

extension ValueMap {
  /// Points every entry mapped to `old` at `new`.
  mutating func replace(_ old: Value, with new: Value) {
    for (key, value) in values where value == old { map(key, to: new) }
  }
}
