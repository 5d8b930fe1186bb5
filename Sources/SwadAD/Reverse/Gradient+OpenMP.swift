// Reverse mode, OpenMP: the reverse of a parallel region is a parallel region. The forward sweep
// forks the microtask's augmented function with one tape per thread (in a team record the caller
// makes); the reverse sweep forks the reverse microtask over the same tapes with as many threads,
// so each thread replays exactly the iterations it ran, whatever the schedule. Critical sections
// (and reductions, which take the critical-section way) are entered again in the opposite order;
// barriers are met again. Adjoints of memory other threads may read too: `Gradient+SharedAdjoints`.
import CLLVM
import LLVMBinding

extension GradientEmitter {
  // MARK: - Forward sweep

  func visitOpenMPCallForward(_ call: Instruction, _ kind: OpenMPCall) throws {
    let support = OpenMPSupport(module: module)
    let arguments = call.arguments
    switch kind {
    case .fork:
      try emitForkForward(call)
    case .workshare, .barrier, .critical:
      copyPrimal(call)
    case .endCritical:
      auxiliaries[call.value] = takeCriticalTicket(support)
      copyPrimal(call)
    case .reduce:
      // As in forward mode: the private copies join the shared ones in a critical section.
      builder.call(support.critical, [map[arguments[0]], map[arguments[1]], map[arguments[6]]])
      map.map(call.value, to: Value.constInt(call.type, 1))
    case .endReduce(let blocking):
      auxiliaries[call.value] = takeCriticalTicket(support)
      builder.call(support.endCritical, [map[arguments[0]], map[arguments[1]], map[arguments[2]]])
      if blocking { builder.call(support.barrier, [map[arguments[0]], map[arguments[1]]]) }
    case .unsupported(let what):
      throw ADError("cannot differentiate '\(call.calledFunction?.name ?? "?")': \(what) is not supported by swad's "
        + "OpenMP rules (parallel regions, worksharing loops, reductions, critical sections, atomics and barriers are)",
        at: call)
    }
  }

  /// The number of the critical section the thread is about to leave, among those of its team
  /// (taken inside the section, so the numbers follow the order the threads held the lock in).
  /// Outside a differentiated region there is no team: the number goes to a thread-local counter
  /// nobody waits on.
  private func takeCriticalTicket(_ support: OpenMPSupport) -> Value {
    let counter = ticketCounter(support)
    return Value(LLVMBuildAtomicRMW(builder.ref, LLVMAtomicRMWBinOpAdd, counter.address.ref,
                                    Value.constInt(i64, 1).ref, LLVMAtomicOrderingMonotonic, 0)!)
  }

  /// The team's ticket counter (or the thread's own when there is no team), and whether there is a team.
  private func ticketCounter(_ support: OpenMPSupport) -> (address: Value, inTeam: Value) {
    let record = builder.load(support.pointer, from: support.teamPointer, "team")
    let inTeam = builder.icmp(LLVMIntNE, record, Value.null(support.pointer))
    var spare = module.global(named: "swad.omp.spare.ticket")
    if spare == nil {
      spare = module.addGlobal(named: "swad.omp.spare.ticket", type: i64)
      spare!.initializer = Value.constInt(i64, 0)
      spare!.linkage = LLVMInternalLinkage
      LLVMSetThreadLocal(spare!.ref, 1)
    }
    let address = builder.select(inTeam, support.field(2, of: record, builder: builder), spare!)
    return (address, inTeam)
  }

  /// The reverse signature of a fork's microtask: the captured pointers with shadows duplicated.
  private func forkSignature(_ call: Instruction) throws -> ReverseSignature {
    guard let microtask = OpenMPRuntime.microtask(of: call), !microtask.isDeclaration else {
      throw ADError("cannot differentiate a parallel region whose outlined function is not in the module", at: call)
    }
    let captured = OpenMPRuntime.captured(by: call)
    for value in captured where activity.isActiveArgument(value) && !value.type.isPointer {
      throw ADError("a parallel region captures a value that carries a derivative by value (firstprivate "
        + "'\(value.name)'); share it (pass it by reference) instead", at: call)
    }
    let parameters: [Activity] = [.constant, .constant] + captured.map {
      $0.type.isPointer && shadow(of: $0) != nil ? .duplicated : .constant
    }
    var signature = ReverseSignature(function: microtask, parameters: parameters, activeReturn: false)
    signature.inParallelRegion = true
    signature.strongZero = derivative.signature.strongZero
    signature.combined = derivative.signature.combined && nothingWrittenAfter(call)
    if signature.combined { (signature.callerObjects, signature.callerPointees) = callerObjects(of: call) }
    signature.shadowedPointees = OpenMPRuntime.shadowedPointees(of: call) {
      shadow(of: $0) != nil && !constantShadows.contains($0)
    }
    let flags = zip([Value](call.arguments.dropFirst(1)), parameters).map { $1.hasShadow && constantShadows.contains($0) }
    if flags.contains(true) { signature.constantShadowParameters = flags }
    return signature
  }

  /// Whether the caller writes no memory between the fork and its return, releases and stores
  /// the reverse sweep undoes aside (`findDeferredReleases`), other than stack slots of its own that
  /// no call sees: the microtask's reverse sweep then reads memory as its forward sweep left it, and
  /// may load values again rather than save them (a combined derivative, `ReverseSignature.combined`).
  /// The caller's stack slots the microtask reads live on the heap until the reverse sweep
  /// (`outlivesForwardSweep`).
  private func nothingWrittenAfter(_ fork: Instruction) -> Bool {
    guard !cycles.isCyclic(fork.parent) else { return false }
    let writes = writesFollowing(fork)
    guard !writes.writesAnything else { return false }
    return writes.objects.allSatisfy { object in
      guard let slot = object.asInstruction, slot.opcode == LLVMAlloca else { return false }
      return !slot.value.users.contains { user in
        guard let instruction = user.asInstruction else { return true }
        return instruction.isCall || (instruction.opcode == LLVMStore && instruction.operand(0) == slot.value)
      }
    }
  }

  /// For each parameter of the microtask a combined gradient forks (`ReverseSignature.callerObjects`):
  /// the object its captured pointer points into, when that lives until the region's reverse sweep
  /// (the caller's stack slots a region reads are moved to the heap, `outlivesForwardSweep`), and,
  /// for a stack slot the caller stored one pointer into before the fork (`double *q = malloc(…)`),
  /// the object of that pointer, when it lives as long. Nothing after the fork writes either (else
  /// the region's gradient is not combined).
  private func callerObjects(of fork: Instruction) -> (objects: [Value?], pointees: [Value?]) {
    func lives(_ object: Value) -> Bool {
      if let slot = object.asInstruction, slot.opcode == LLVMAlloca { return outlivesForwardSweep(slot) }
      return MemoryWrites.isIdentified(object) && outlivesForwardSweep(object)
    }
    var objects: [Value?] = [nil, nil], pointees: [Value?] = [nil, nil]
    for value in OpenMPRuntime.captured(by: fork) {
      let object = MemoryWrites.underlyingObject(value)
      guard value.type.isPointer, lives(object) else {
        objects.append(nil)
        pointees.append(nil)
        continue
      }
      objects.append(object)
      var pointee: Value? = nil
      if value == object, let slot = object.asInstruction, let store = onePointerStored(in: slot),
        dominators.dominates(store.parent, fork.parent), store.parent != fork.parent || store.precedes(fork),
        store.operand(0).type.isPointer, case let stored = MemoryWrites.underlyingObject(store.operand(0)), lives(stored)
      {
        pointee = stored
      }
      pointees.append(pointee)
    }
    guard objects.contains(where: { $0 != nil }) else { return ([], []) }
    return (objects, pointees)
  }

  /// In a parallel region's microtask, the caller's object that `object` is
  /// (`ReverseSignature.callerObjects`): a captured pointer's, or the one pointer the caller stored
  /// in a captured slot, loaded from it when no thread of the region writes the slot.
  func callerObject(_ object: Value) -> Value? {
    let objects = derivative.signature.callerObjects
    guard !objects.isEmpty else { return nil }
    if object.isArgument { return original.parameters.firstIndex(of: object).flatMap { objects[$0] } }
    guard let load = object.asInstruction, load.opcode == LLVMLoad, !load.isVolatile, load.type.isPointer,
      case let slot = load.operand(0), slot.isArgument, let index = original.parameters.firstIndex(of: slot),
      let pointee = derivative.signature.callerPointees[index],
      !writesAfter(blocks[0].firstInstruction!).mayWrite(slot)
    else { return nil }
    return pointee
  }

  /// The objects a parallel region may read through a variable it captures: the variable's, and
  /// when it is a stack slot, those of the pointers stored in it.
  func objectsReadThrough(_ captured: Value) -> [Value] {
    let object = MemoryWrites.underlyingObject(captured)
    guard let slot = object.asInstruction, slot.opcode == LLVMAlloca else { return [object] }
    return [object] + slot.value.users.compactMap { user in
      guard let store = user.asInstruction, store.opcode == LLVMStore, store.operand(1) == slot.value,
        store.operand(0).type.isPointer
      else { return nil }
      return MemoryWrites.underlyingObject(store.operand(0))
    }
  }

  /// For a pointer loaded from a stack slot that holds one allocation and is shared with parallel
  /// regions (`double *q = malloc(…)` captured by a region, read back to be freed), that allocation.
  func allocationSharedWithRegion(_ pointer: Value) -> Value? {
    guard let load = pointer.asInstruction, load.opcode == LLVMLoad, let slot = load.operand(0).asInstruction,
      let allocation = onePointerStored(in: slot)?.operand(0).asInstruction, allocation.isCall,
      MemoryWrites.isLocalAllocation(allocation.value)
    else { return nil }
    return allocation.value
  }

  /// The one store into a stack slot that is otherwise only read: by loads, and by parallel regions
  /// that capture it and do not write it.
  private func onePointerStored(in slot: Instruction) -> Instruction? {
    guard slot.opcode == LLVMAlloca else { return nil }
    var stored: Instruction? = nil
    for user in slot.value.users {
      guard let instruction = user.asInstruction else { return nil }
      switch instruction.opcode {
      case LLVMLoad: continue
      case LLVMStore:
        guard instruction.operand(1) == slot.value, stored == nil, instruction.operand(0) != slot.value else { return nil }
        stored = instruction
      case LLVMCall:
        if instruction.calledFunction?.name.hasPrefix("llvm.lifetime.") == true { continue }
        // A region that only reads the slot.
        guard case .openMP(.fork) = generator.classifier.semantics(of: instruction),
          let microtask = OpenMPRuntime.microtask(of: instruction), !microtask.isDeclaration
        else { return nil }
        for (index, argument) in OpenMPRuntime.captured(by: instruction).enumerated() where argument == slot.value {
          let parameter = microtask.parameter(index + 2)
          let written = microtask.blocks.contains { block in
            block.instructions.contains { ($0.opcode == LLVMStore && $0.operand(1) == parameter) || ($0.isCall && $0.arguments.contains(parameter)) }
          }
          if written { return nil }
        }
      default: return nil
      }
    }
    return stored
  }

  private func forkNeedsDerivative(_ call: Instruction) -> Bool {
    guard let microtask = OpenMPRuntime.microtask(of: call) else { return true }
    return OpenMPRuntime.captured(by: call).contains { activity.isActiveArgument($0) }
      || generator.globals.isTouched(by: microtask)
  }

  /// The fork of the augmented microtask, each thread on its own tape of a new team record.
  private func emitForkForward(_ call: Instruction) throws {
    guard forkNeedsDerivative(call) else { return _ = copyPrimal(call) }
    let support = OpenMPSupport(module: module)
    let derivative = try generator.derivative(try forkSignature(call))
    let wrapper = support.forwardWrapper(of: derivative.augmented)
    // A num_threads clause asks for its team size just before the fork.
    var requested: Value? = nil
    var previous = call.previous
    while let instruction = previous, !(instruction.isCall && OpenMPRuntime.microtask(of: instruction) != nil) {
      if instruction.isCall, instruction.calledFunction?.name == "__kmpc_push_num_threads" {
        requested = map[instruction.arguments[2]]
        break
      }
      previous = instruction.previous
    }
    let record = support.makeRecord(requested: requested, builder: builder)
    var values: [Value] = []
    for (value, parameter) in zip(OpenMPRuntime.captured(by: call), derivative.signature.parameters.dropFirst(2)) {
      values.append(map[value])
      if parameter.hasShadow { values.append(shadowInForward(value)) }
    }
    let arguments = call.arguments
    let count = Value.constInt(arguments[1].type, Int64(values.count + 1))
    _ = builder.call(call.calledFunction!, [map[arguments[0]], count, wrapper.value] + values + [record])
    auxiliaries[call.value] = record
  }

  // MARK: - Reverse sweep

  func reverseOpenMPCall(_ call: Instruction, _ kind: OpenMPCall, in block: BasicBlock) throws {
    let support = OpenMPSupport(module: module)
    let arguments = call.arguments
    let location = primalInReverse(arguments[0], at: block)
    switch kind {
    case .fork:
      guard auxiliaries[call.value] != nil else { return }
      try reverseFork(call, in: block)
    case .barrier:
      builder.call(support.barrier, [location, support.currentThread(location: location, builder: builder)])
    case .endCritical, .endReduce:
      if case .endReduce(blocking: true) = kind {
        builder.call(support.barrier, [location, support.currentThread(location: location, builder: builder)])
      }
      enterCriticalInReverse(ticket: primalOfAuxiliary(call, at: block), location: location,
                             lock: primalInReverse(arguments[2], at: block), support)
    case .critical, .reduce:
      let lock = primalInReverse(arguments[kind == .critical ? 2 : 6], at: block)
      builder.call(support.endCritical, [location, support.currentThread(location: location, builder: builder), lock])
    case .workshare, .unsupported:
      return
    }
  }

  /// Waits until every critical section left after this one (ticket `ticket`) has been reversed,
  /// then takes the lock and lets the next one in.
  private func enterCriticalInReverse(ticket: Value, location: Value, lock: Value, _ support: OpenMPSupport) {
    let counter = ticketCounter(support)
    let expected = builder.add(ticket, Value.constInt(i64, 1))
    let wait = reverse.appendBlock(named: "omp.critical.wait"), spin = reverse.appendBlock(named: "omp.critical.spin")
    let enter = reverse.appendBlock(named: "omp.critical.enter")
    builder.br(wait)
    builder.position(atEndOf: wait)
    let current = builder.load(i64, from: counter.address, "ticket")
    LLVMSetOrdering(current.ref, LLVMAtomicOrderingAcquire)
    LLVMSetAlignment(current.ref, 8)
    let turn = builder.or(builder.icmp(LLVMIntEQ, current, expected), builder.icmp(LLVMIntEQ, counter.inTeam,
      Value.constInt(IRType.int(1, in: module.context), 0)))
    builder.condBr(turn, enter, spin)
    builder.position(atEndOf: spin)
    builder.call(support.declare("sched_yield", returning: support.i32, []), [])
    builder.br(wait)
    builder.position(atEndOf: enter)
    builder.call(support.critical, [location, support.currentThread(location: location, builder: builder), lock])
    let store = builder.store(ticket, to: counter.address)
    LLVMSetOrdering(store.ref, LLVMAtomicOrderingRelease)
    LLVMSetAlignment(store.ref, 8)
  }

  /// The fork of the reverse microtask over the forward fork's tapes, with its team size.
  private func reverseFork(_ call: Instruction, in block: BasicBlock) throws {
    let support = OpenMPSupport(module: module)
    let derivative = try generator.derivative(try forkSignature(call))
    let wrapper = support.reverseWrapper(of: derivative.reverse, augmented: derivative.augmented)
    let record = primalOfAuxiliary(call, at: block)
    let arguments = call.arguments
    let location = primalInReverse(arguments[0], at: block)
    let threads = builder.load(i64, from: support.field(1, of: record, builder: builder), "threads")
    builder.call(support.pushNumThreads, [location, support.currentThread(location: location, builder: builder),
                                          builder.intCast(threads, to: support.i32, signed: false)])
    var values: [Value] = []
    for (value, parameter) in zip(OpenMPRuntime.captured(by: call), derivative.signature.parameters.dropFirst(2)) {
      values.append(primalInReverse(value, at: block))
      if parameter.hasShadow { values.append(shadowInReverse(value, at: block)) }
    }
    let count = Value.constInt(arguments[1].type, Int64(values.count + 1))
    _ = builder.call(call.calledFunction!, [location, count, wrapper.value] + values + [record])
    builder.call(support.declare("free", returning: support.void, [support.pointer]), [record])
  }

  // MARK: - Atomics

  /// `atomicrmw fadd p, v`: v̄ += p̄ (read atomically: other threads may be adding to it); fsub the
  /// opposite. The shadow keeps its value: the update adds, it does not overwrite.
  func reverseAtomic(_ instruction: Instruction, in block: BasicBlock) throws {
    let pointer = instruction.operand(0)
    guard shadow(of: pointer) != nil, !OpenMPRuntime.isOnAtomicReductionPath(instruction) else { return }
    if instruction.opcode == LLVMAtomicCmpXchg {
      if Atomics.exchangesFloatBits(instruction) { throw Atomics.compareExchangeError(at: instruction) }
      return
    }
    let value = instruction.operand(1)
    guard value.type.isFloatingPointOrVector else { return }
    let operation = LLVMGetAtomicRMWBinOp(instruction.ref)
    guard operation == LLVMAtomicRMWBinOpFAdd || operation == LLVMAtomicRMWBinOpFSub else {
      throw Atomics.unsupportedError(instruction)
    }
    if activity.isActive(instruction.value), !instruction.value.users.isEmpty {
      throw Atomics.usedResultError(at: instruction)
    }
    guard hasAdjoint(value) else { return }
    let adjoint = builder.load(value.type, from: shadowInReverse(pointer, at: block))
    if value.type.isFloatingPoint { LLVMSetOrdering(adjoint.ref, LLVMAtomicOrderingMonotonic) }
    LLVMSetAlignment(adjoint.ref, instruction.alignment)
    addAdjoint(value, operation == LLVMAtomicRMWBinOpFAdd ? adjoint : builder.fneg(adjoint))
  }
}
