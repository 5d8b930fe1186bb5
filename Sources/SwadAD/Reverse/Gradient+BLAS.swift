// Reverse mode, BLAS calls: the adjoint is written in BLAS by the routine's rule
// (`Rules/BLAS/BLASRoutines.swift`). The forward sweep saves the call's arguments (one record on
// the tape) and, of the arrays the adjoint reads, copies only those the primal may have changed by
// the time the reverse sweep runs: the call's own output, and memory that later code may write
// (by the memory-write analysis), or memory the reverse sweep cannot see (stack slots, split mode).
import CLLVM
import LLVMBinding

/// What the forward sweep recorded for one BLAS call.
struct BLASCallRecord {
  /// Where the reverse sweep finds each value the rule may read (the layout under "layout", the
  /// parameters by name, the arrays read under `key(of:)`).
  enum Source {
    /// A constant (a literal layout, transpose, size or scalar): not saved.
    case constant(Value)
    /// The original call's argument itself: read as any primal value is (a parameter, a recomputed
    /// or saved value).
    case argument(Value)
    /// Element `index` of the record the forward sweep saved (loaded Fortran arguments, copies).
    case recorded(UInt32)
  }
  let sources: [String: Source]
  let reads: [BLASRead]
  /// The reads that are copies (freed by the reverse sweep).
  let copied: Set<BLASRead>
  let activeScalars: Set<String>
  /// Active arrays whose shadow may be the array itself (`BLASRuleContext.guardShadow`).
  let guarded: Set<String>

  static func key(of read: BLASRead) -> String { (read.atExit ? "exit " : "entry ") + read.array }
}

extension GradientEmitter {
  func visitBLASCallForward(_ call: Instruction, _ function: BLASFunction) throws {
    let routine = function.routine
    let active =
      routine.output.map { hasShadow(function.argument($0, of: call)) }
      ?? activity.isActive(call.value)
    guard active else {
      copyPrimal(call)
      return
    }
    var activeOperands: Set<String> = []
    var guardedOperands: Set<String> = []
    var activeScalars: Set<String> = []
    for parameter in routine.parameters {
      let argument = function.argument(parameter.name, of: call)
      switch parameter.kind {
      case .array where hasShadow(argument):
        activeOperands.insert(parameter.name)
        if constantShadows.contains(argument) { guardedOperands.insert(parameter.name) }
      case .scalar where function.isFortran:
        if hasShadow(argument),
          BLASFunction.storedScalarMayBeActive(argument, isVaried: activity.isVaried)
        {
          activeScalars.insert(parameter.name)
        }
      case .scalar where activity.isActive(argument):
        activeScalars.insert(parameter.name)
      default:
        continue
      }
    }
    let reads = routine.adjointReads(activeOperands.union(activeScalars))
    let (layout, values) = try function.normalizedArguments(
      of: call, value: { map[$0] }, builder: builder, module: module)
    let library = BLASLibrary(
      module: module, builder: builder, element: function.element(in: module.context), layout: layout,
      backend: function.backend)
    let frame = BLASRuleContext(library: library, routine: function.name, values: values, derivatives: [:])

    var pointers: [BLASRead: Value] = [:]
    var copied: Set<BLASRead> = []
    let place = call.sourceLocation.map { "\($0): " } ?? ""
    func take(_ read: BLASRead) {
      let argument = function.argument(read.array, of: call)
      let overwritten = !read.atExit && read.array == routine.output
      if !overwritten, survivesUntilReverse(argument, after: call) {
        pointers[read] = values[read.array]!
        generator.remarks.append(
          Remark(
            "\(place)\(generator.remarkNames.function(original.name)): \(function.name) operand \(read.array) is read again by the reverse sweep, not copied "
              + "(nothing overwrites it)"))
        return
      }
      let i64 = IRType.int(64, in: module.context)
      let bytes = builder.mul(
        function.span(of: read.array, in: frame),
        Value.constInt(i64, function.elementSize(of: read.array, in: module)))
      let malloc = module.declareFunction(named: "malloc", type: .function(returning: tape.pointer, [i64]))
      let copy = builder.call(malloc, [bytes], "blas.\(read.array)")
      _ = builder.memcpy(copy, values[read.array]!, length: bytes)
      pointers[read] = copy
      copied.insert(read)
      let why =
        overwritten
        ? "the call overwrites it" : "later code may overwrite it, or it does not outlive the forward sweep"
      generator.remarks.append(
        Remark(
          "\(place)\(generator.remarkNames.function(original.name)): \(function.name) operand \(read.array)\(read.atExit ? " (as the call leaves it)" : "") "
            + "is copied for the reverse sweep (\(why))"))
    }
    for read in reads where !read.atExit { take(read) }
    copyPrimal(call)
    for read in reads where read.atExit { take(read) }

    // One record of what the reverse sweep cannot read otherwise.
    var sources: [String: BLASCallRecord.Source] = [:]
    var fields: [Value] = []
    func note(_ key: String, _ value: Value, argument: Value?) {
      if value.isConstant {
        sources[key] = .constant(value)
      } else if let argument, map[argument] == value {
        sources[key] = .argument(argument)
      } else {
        sources[key] = .recorded(UInt32(fields.count))
        fields.append(value)
      }
    }
    note(
      "layout", layout,
      argument: routine.takesLayout && function.spelling.takesLayoutArgument ? call.arguments[0] : nil)
    for parameter in routine.parameters where parameter.kind.isValue {
      note(parameter.name, values[parameter.name]!, argument: function.argument(parameter.name, of: call))
    }
    for read in reads {
      note(
        BLASCallRecord.key(of: read), pointers[read]!,
        argument: copied.contains(read) ? nil : function.argument(read.array, of: call))
    }
    if !fields.isEmpty {
      var record = Value.poison(IRType.structure(fields.map(\.type), in: module.context))
      for (index, field) in fields.enumerated() { record = builder.insertValue(record, field, UInt32(index)) }
      auxiliaries[call.value] = record
    }
    blasCalls[call] = BLASCallRecord(
      sources: sources, reads: reads, copied: copied, activeScalars: activeScalars, guarded: guardedOperands)
  }

  /// Whether the reverse sweep of a combined gradient can read `pointer`'s memory as `call` left it:
  /// memory that outlives the forward sweep and that nothing running after the call may write (the
  /// call's own output does not overlap its inputs, as BLAS requires, unless it runs again in a loop).
  private func survivesUntilReverse(_ pointer: Value, after call: Instruction) -> Bool {
    let object = MemoryWrites.underlyingObject(pointer)
    let outlivesForwardSweep =
      (object.isArgument && !isByValue(object)) || object.isGlobalVariable
      || (MemoryWrites.isLocalAllocation(object) && object.asInstruction?.opcode != LLVMAlloca)
    guard derivative.signature.combined, outlivesForwardSweep else { return false }
    var ignoring = Set(deferredReleases.keys).union(restorableStores)
    if !cycles.isCyclic(call.parent) { ignoring.insert(call) }
    let after = reachable(from: call.parent)
    let later = MemoryWrites(
      blocks: blocks.filter(after.contains), classifier: generator.classifier, ignoring: ignoring)
    return !later.mayWrite(pointer)
  }

  func reverseBLASCall(_ call: Instruction, _ function: BLASFunction, in block: BasicBlock) {
    guard let record = blasCalls[call] else { return }
    let routine = function.routine
    let saved = auxiliaries[call.value] != nil ? primalOfAuxiliary(call, at: block) : nil
    func value(_ key: String) -> Value {
      switch record.sources[key]! {
      case .constant(let constant): return constant
      case .argument(let argument): return primalInReverse(argument, at: block)
      case .recorded(let index): return builder.extractValue(saved!, index)
      }
    }
    let layout = value("layout")
    var values: [String: Value] = [:]
    for parameter in routine.parameters where parameter.kind.isValue {
      values[parameter.name] = value(parameter.name)
    }
    var exitValues: [String: Value] = [:]
    var copies: [Value] = []
    for read in record.reads {
      let pointer = value(BLASCallRecord.key(of: read))
      if read.atExit { exitValues[read.array] = pointer } else { values[read.array] = pointer }
      if record.copied.contains(read) { copies.append(pointer) }
    }
    let element = function.element(in: module.context)
    let result =
      routine.returnsScalar ? builder.fpCast(primalInReverse(call.value, at: block), to: element) : nil
    // One adjoint per lane, reading the same primal operands (the rules write only shadows and
    // their own scratch memory).
    forEachLane {
      var derivatives: [String: Value] = [:]
      for parameter in routine.parameters where parameter.kind == .array {
        let argument = function.argument(parameter.name, of: call)
        if shadow(of: argument) != nil { derivatives[parameter.name] = shadowInReverse(argument, at: block) }
      }
      let seed = routine.returnsScalar ? builder.fpCast(takeAdjoint(call.value), to: element) : nil
      let addScalarAdjoint = { (name: String, delta: Value) in
        let argument = function.argument(name, of: call)
        if function.isFortran {
          let shadow = self.shadowInReverse(argument, at: block)
          self.builder.accumulate(delta, into: shadow)
        } else {
          self.addAdjoint(argument, delta)
        }
      }
      let (branched, guarded) = branchedGuards(record, routine, isFortran: function.isFortran)
      // The primals the cases compare with and the guards read, made before any branch (each case
      // is emitted on a path of its own).
      func primal(_ name: String) -> Value { primalInReverse(function.argument(name, of: call), at: block) }
      let guardedPrimals = guarded.map(primal)
      func adjoint(_ derivatives: [String: Value]) {
        let library = BLASLibrary(
          module: module, builder: builder, element: element, layout: layout, backend: function.backend)
        let context = BLASRuleContext(
          library: library, routine: function.name, values: values, exitValues: exitValues,
          derivatives: derivatives,
          activeScalars: record.activeScalars, result: result, seed: seed, addScalarAdjoint: addScalarAdjoint)
        for (name, primal) in zip(guarded, guardedPrimals) {
          context.guardShadow(name, primal: primal, span: function.span(of: name, in: context))
        }
        routine.adjoint(context)
        context.finish()
      }
      forEachGuardCase(branched, primals: branched.map(primal), derivatives: derivatives, adjoint)
    }
    let free = module.declareFunction(
      named: "free", type: .function(returning: IRType.void(in: module.context), [tape.pointer]))
    for copy in copies { builder.call(free, [copy]) }
  }

  /// The guarded input arrays of `record` (shadows that may be the array itself, constant memory
  /// such as the data of an Eigen `Map` of a constant) whose adjoint runs on a branch of its own,
  /// without them, when their shadow is the array (`forEachGuardCase`), and those left to
  /// `BLASRuleContext.guardShadow`'s zeroed scratch memory. Guarding with scratch memory made a
  /// matrix product's adjoint compute the adjoint of a constant operand into memory nothing reads:
  /// a whole product more per call (an Eigen MLP's gradient ran three 64×16×512 products where one
  /// was needed). Branched: arrays the routine only reads (an adjoint only adds into their shadows),
  /// at most two (four cases of code). Not when a Fortran call's scalar adjoint is added: it goes
  /// through the scalar's shadow, which the reverse sweep computes where first asked for (C's
  /// scalars have adjoint slots, which any path may add to).
  private func branchedGuards(
    _ record: BLASCallRecord, _ routine: BLASRoutine, isFortran: Bool
  ) -> (branched: [String], guarded: [String]) {
    let guarded = record.guarded.sorted()
    let written = Set(routine.writtenParameters)
    let inputs = guarded.filter { !written.contains($0) }
    guard record.activeScalars.isEmpty || !isFortran, !inputs.isEmpty, inputs.count <= 2 else {
      return ([], guarded)
    }
    return (inputs, guarded.filter(written.contains))
  }

  /// Emits `body` once for every case of which of `names` have a shadow of their own (the shadow in
  /// `derivatives` is not the array `primals` gives), on branches that meet again: in each case the
  /// derivatives of those whose shadow is the array are left out, as for arrays with no shadow.
  private func forEachGuardCase(
    _ names: [String], primals: [Value], derivatives: [String: Value], _ body: ([String: Value]) -> Void
  ) {
    guard let name = names.first, let shadow = derivatives[name] else { return body(derivatives) }
    let rest = Array(names.dropFirst()), restPrimals = Array(primals.dropFirst())
    var without = derivatives
    without[name] = nil
    builder.branchOnConstantShadow(
      shadow, primal: primals[0],
      constant: { forEachGuardCase(rest, primals: restPrimals, derivatives: without, body) },
      active: { forEachGuardCase(rest, primals: restPrimals, derivatives: derivatives, body) })
  }
}
