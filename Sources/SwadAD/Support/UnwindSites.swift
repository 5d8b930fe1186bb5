// Invokes turned into calls and back: while a function's derivatives are emitted, its invokes are
// plain calls followed by a branch to their normal destination, so that every analysis and the
// reverse sweep see only the paths on which the function returns; the code that runs while an
// exception unwinds (the landing pads and what follows them) is emitted on its own.
import CLLVM
import LLVMBinding

/// The invokes of one function, made calls for the time its derivatives are emitted.
final class UnwindSites {
  let function: Function
  /// Per call that was an invoke: the landing pad it unwound to.
  private(set) var landingPads: [Instruction: BasicBlock] = [:]
  private var order: [Instruction] = []

  /// Turns every invoke of `function` into a call and a branch to its normal destination.
  fileprivate init(normalizing function: Function) {
    self.function = function
    for block in function.blocks {
      guard let invoke = block.terminator, invoke.opcode == LLVMInvoke else { continue }
      let unwind = BasicBlock(LLVMGetUnwindDest(invoke.ref))
      let normal = BasicBlock(LLVMGetNormalDest(invoke.ref))
      let call = invoke.rebuiltAsCall()
      let builder = LLVMCreateBuilderInContext(LLVMGetTypeContext(LLVMTypeOf(call.ref)))!
      LLVMPositionBuilderAtEnd(builder, block.ref)
      LLVMBuildBr(builder, normal.ref)
      LLVMDisposeBuilder(builder)
      landingPads[call] = unwind
      order.append(call)
    }
  }

  /// Makes the calls invokes again (each is still followed by the branch to its normal destination).
  fileprivate func restore() {
    for call in order {
      let block = call.parent
      let branch = block.terminator!
      precondition(branch.opcode == LLVMBr && branch.previous == call, "an unwind site was moved: \(call)")
      _ = call.rebuiltAsInvoke(normal: branch.successor(0), unwind: landingPads[call]!)
      branch.eraseFromParent()
    }
  }

  /// The landing pad the call unwound to, if it was an invoke.
  func landingPad(of call: Instruction) -> BasicBlock? { landingPads[call] }

  /// The landing pad of the call ending `block` (just before its branch), if it was an invoke.
  func landingPad(endingBlock block: BasicBlock) -> BasicBlock? {
    guard let call = block.terminator?.previous else { return nil }
    return landingPads[call]
  }

  /// The blocks that run only while an exception unwinds, given the blocks on normal paths: the
  /// landing pads of calls on normal paths and what they reach, landing pads of calls among them
  /// included, in an order in which each block's dominators come before it. Blocks on normal paths
  /// reached from them (an exception caught and execution going on) are `rejoined`.
  func unwindRegion(normal: Set<BasicBlock>, normalOrder: [BasicBlock])
    -> (blocks: [BasicBlock], rejoined: [BasicBlock])
  {
    var postOrder: [BasicBlock] = []
    var seen: Set<BasicBlock> = []
    var rejoined: [BasicBlock] = []
    func successors(_ block: BasicBlock) -> [BasicBlock] {
      block.successors + (landingPad(endingBlock: block).map { [$0] } ?? [])
    }
    let roots = normalOrder.compactMap { landingPad(endingBlock: $0) }
    for root in roots where seen.insert(root).inserted {
      var stack: [(BasicBlock, [BasicBlock])] = [(root, successors(root))]
      while !stack.isEmpty {
        if let next = stack[stack.count - 1].1.popLast() {
          if normal.contains(next) {
            if !rejoined.contains(next) { rejoined.append(next) }
          } else if seen.insert(next).inserted {
            stack.append((next, successors(next)))
          }
        } else {
          postOrder.append(stack.removeLast().0)
        }
      }
    }
    return (postOrder.reversed(), rejoined)
  }
}

/// The functions whose invokes are calls at the moment, so that derivatives emitted while another
/// is (a callee's, a recursive call's with other activities) see the same sites.
final class UnwindRegistry {
  private var active: [Function: UnwindSites] = [:]

  /// Runs `body` with `function`'s invokes made calls (nil when it has none), and restores them.
  func withNormalPaths<T>(of function: Function, _ body: (UnwindSites?) throws -> T) rethrows -> T {
    if let sites = active[function] { return try body(sites) }
    let hasInvoke = function.blocks.contains { $0.terminator?.opcode == LLVMInvoke }
    guard hasInvoke else { return try body(nil) }
    let sites = UnwindSites(normalizing: function)
    active[function] = sites
    defer {
      sites.restore()
      active[function] = nil
    }
    return try body(sites)
  }

  func sites(of function: Function) -> UnwindSites? { active[function] }
}

// MARK: - Calls and invokes

extension Instruction {
  /// Replaces this invoke by a call of the same callee with the same arguments, attributes,
  /// calling convention, operand bundles and metadata, placed where the invoke was (the block is
  /// left without a terminator); returns the call.
  func rebuiltAsCall() -> Instruction {
    precondition(opcode == LLVMInvoke)
    let builder = LLVMCreateBuilderInContext(LLVMGetTypeContext(LLVMTypeOf(ref)))!
    defer { LLVMDisposeBuilder(builder) }
    LLVMPositionBuilderBefore(builder, ref)
    var args: [LLVMValueRef?] = arguments.map(\.ref)
    let made = withBundles { bundles, count in
      LLVMBuildCallWithOperandBundles(
        builder, calledFunctionType.ref, calledOperand.ref, &args, UInt32(args.count), bundles, count, "")!
    }
    let call = Instruction(made)
    copyCallDetails(to: call)
    value.replaceAllUses(with: call.value)
    eraseFromParent()
    return call
  }

  /// A call of this call's or invoke's callee with `arguments`, the same attributes, calling
  /// convention, bundles and metadata, built at `builder`'s position. A shadow's copy of a library
  /// call that the primal invokes is a plain call: it runs right after the primal call succeeded,
  /// and should it throw (out of memory), the exception leaves the derivative.
  func callCopy(arguments newArguments: [Value], builder: Builder, name: String = "") -> Instruction {
    var args: [LLVMValueRef?] = newArguments.map(\.ref)
    let made = withBundles { bundles, count in
      LLVMBuildCallWithOperandBundles(
        builder.ref, calledFunctionType.ref, calledOperand.ref, &args, UInt32(args.count), bundles, count, "")!
    }
    let call = Instruction(made)
    call.callingConvention = callingConvention
    for (index, attributes) in callSiteAttributes {
      for attribute in attributes { LLVMAddCallSiteAttribute(call.ref, index, attribute) }
    }
    LLVMInstructionSetDebugLoc(call.ref, LLVMInstructionGetDebugLoc(ref))
    if !name.isEmpty, !call.type.isVoid { call.value.name = name }
    return call
  }

  /// `callCopy` on shadow arguments, named after the call (`'name`): a call mirrored on shadows.
  func shadowCallCopy(arguments: [Value], builder: Builder) -> Value {
    callCopy(arguments: arguments, builder: builder, name: type.isVoid || value.name.isEmpty ? "" : "'" + value.name).value
  }

  /// Replaces this call by an invoke with the given destinations, at the end of its block; every
  /// instruction after the call must have been moved out first. Returns the invoke.
  @discardableResult
  func rebuiltAsInvoke(normal: BasicBlock, unwind: BasicBlock) -> Instruction {
    precondition(opcode == LLVMCall)
    let builder = LLVMCreateBuilderInContext(LLVMGetTypeContext(LLVMTypeOf(ref)))!
    defer { LLVMDisposeBuilder(builder) }
    LLVMPositionBuilderBefore(builder, ref)
    var args: [LLVMValueRef?] = arguments.map(\.ref)
    let made = withBundles { bundles, count in
      LLVMBuildInvokeWithOperandBundles(
        builder, calledFunctionType.ref, calledOperand.ref, &args, UInt32(args.count), normal.ref, unwind.ref,
        bundles, count, "")!
    }
    let invoke = Instruction(made)
    copyCallDetails(to: invoke)
    value.replaceAllUses(with: invoke.value)
    eraseFromParent()
    // The invoke was built before the call; with the call gone it ends the block.
    return invoke
  }

  private func withBundles<T>(_ body: (UnsafeMutablePointer<LLVMOperandBundleRef?>?, UInt32) -> T) -> T {
    var bundles: [LLVMOperandBundleRef?] = (0..<operandBundleCount).map { LLVMGetOperandBundleAtIndex(ref, UInt32($0)) }
    defer { bundles.forEach { LLVMDisposeOperandBundle($0) } }
    return bundles.withUnsafeMutableBufferPointer { body($0.baseAddress, UInt32($0.count)) }
  }

  /// Name, calling convention, call-site attributes and metadata.
  private func copyCallDetails(to other: Instruction) {
    let name = value.name
    if !type.isVoid { value.name = ""; other.value.name = name }
    other.callingConvention = callingConvention
    for (index, attributes) in callSiteAttributes {
      for attribute in attributes { LLVMAddCallSiteAttribute(other.ref, index, attribute) }
    }
    LLVMInstructionSetDebugLoc(other.ref, LLVMInstructionGetDebugLoc(ref))
    var count = 0
    if let entries = LLVMInstructionGetAllMetadataOtherThanDebugLoc(ref, &count) {
      for index in 0..<count {
        let kind = LLVMValueMetadataEntriesGetKind(entries, UInt32(index))
        let node = LLVMValueMetadataEntriesGetMetadata(entries, UInt32(index))
        LLVMSetMetadata(other.ref, kind, LLVMMetadataAsValue(LLVMGetTypeContext(LLVMTypeOf(ref)), node))
      }
      LLVMDisposeValueMetadataEntries(entries)
    }
  }
}

extension Function {
  /// The personality function (`__gxx_personality_v0` for C++), if the function has one.
  var personality: Value? {
    get { LLVMHasPersonalityFn(ref) != 0 ? Value(LLVMGetPersonalityFn(ref)) : nil }
    nonmutating set { LLVMSetPersonalityFn(ref, newValue?.ref) }
  }

  /// Whether the function is known not to unwind.
  var isNoUnwind: Bool { hasAttribute("nounwind") }
}

extension Module {
  /// The personality of the module's C++ functions, if it has any: the one derivatives that must
  /// clean up while an exception passes through them use.
  var cxxPersonality: Value? {
    for function in functions where !function.isDeclaration {
      if let personality = function.personality { return personality }
    }
    return nil
  }
}
