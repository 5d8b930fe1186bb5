// Rewriting the calls of forward split mode: `__enzyme_augmentfwd` of a function that
// `__enzyme_fwdsplit` differentiates, and `__enzyme_fwdsplit` itself.
import CLLVM
import LLVMBinding

/// Which `__enzyme_augmentfwd` calls record a tape for `__enzyme_fwdsplit`.
///
/// Enzyme makes the augmented primal of split forward mode with the same entry point as split
/// reverse mode, and one augmented primal serves both there. swad's tapes differ (reverse mode's is
/// read backwards), so the module decides: an augmentation of a function that `__enzyme_fwdsplit`
/// differentiates and `__enzyme_reverse` does not records a forward split tape. When both consume
/// the function's tapes the call is an error. A tape carries a tag of its (function, activities)
/// pair, and the tangent checks it, so a mismatch across modules stops the program with a message.
final class ForwardSplitPairing {
  private var tangentCalls: [Function: [Instruction]] = [:]
  private var reverseCalls: [Function: [Instruction]] = [:]
  /// The tangent parameters of the pairs made so far, per function, by kind of call.
  private var augmentedSignatures: [Function: [[Bool]]] = [:]
  private var tangentSignatures: [Function: [[Bool]]] = [:]

  init(calls: [(Instruction, DerivativeMode)] = []) {
    for (call, mode) in calls where mode == .forwardSplit || mode == .reverseSplit {
      guard let function = Self.target(of: call) else { continue }
      if mode == .forwardSplit {
        tangentCalls[function, default: []].append(call)
      } else {
        reverseCalls[function, default: []].append(call)
      }
    }
  }

  private static func target(of call: Instruction) -> Function? {
    call.arguments.lazy.compactMap { $0.strippingPointerCasts.asFunction }.first
  }

  /// Whether the `__enzyme_augmentfwd` call `request` records a forward split tape.
  func recordsForwardSplitTape(_ request: DerivativeRequest) throws -> Bool {
    guard let tangents = tangentCalls[request.function], let first = tangents.first else { return false }
    if let reverse = reverseCalls[request.function]?.first {
      throw ADError(
        "the tapes of '\(request.function.name)' are consumed both by __enzyme_fwdsplit (\(place(of: first))) and "
          + "by __enzyme_reverse (\(place(of: reverse))); swad records different tapes for the two, so it cannot "
          + "tell which this __enzyme_augmentfwd is for: differentiate a wrapper of the function for one of them",
        at: request.call)
    }
    return true
  }

  /// Notes a pair made for a call; an augmentation and a tangent of one function with different
  /// activities would not share a tape layout.
  func note(_ signature: ForwardSignature, augmenting: Bool, at call: Instruction) throws {
    let function = signature.function, tangents = signature.tangentParameters
    let others = (augmenting ? tangentSignatures : augmentedSignatures)[function] ?? []
    if !others.isEmpty, !others.contains(tangents) {
      let describe = { (flags: [Bool]) in flags.map { $0 ? "active" : "constant" }.joined(separator: ", ") }
      throw ADError(
        "\(augmenting ? "__enzyme_augmentfwd" : "__enzyme_fwdsplit") of '\(function.name)' has the arguments "
          + "(\(describe(tangents))), but \(augmenting ? "__enzyme_fwdsplit" : "__enzyme_augmentfwd") of it has "
          + "(\(describe(others[0]))): the tangent reads a tape recorded for the same activities; mark the arguments "
          + "alike in both calls", at: call)
    }
    if augmenting {
      augmentedSignatures[function, default: []].append(tangents)
    } else {
      tangentSignatures[function, default: []].append(tangents)
    }
  }

  /// Stops when the function an entry-point call differentiates runs forward split mode itself (an
  /// `__enzyme_augmentfwd`/`__enzyme_fwdsplit` pair inside, already rewritten): the tape and its
  /// thread-local cursor have no derivatives, so a derivative of that code would be wrong.
  static func refuseNested(in function: Function) throws {
    var seen: Set<Function> = []
    var work = [function]
    while let next = work.popLast() {
      guard seen.insert(next).inserted, !next.isDeclaration else { continue }
      for block in next.blocks {
        for call in block.instructions where call.isCall {
          guard let callee = call.calledFunction else { continue }
          if callee.name == "swad.fwdsplit.seal" || callee.name == "swad.fwdsplit.begin" {
            throw ADError(
              "a derivative of code that uses forward split mode (__enzyme_augmentfwd and __enzyme_fwdsplit, "
                + "here in '\(next.name)') is not supported yet; use __enzyme_fwddiff inside", at: call)
          }
          work.append(callee)
        }
      }
    }
  }

  private func place(of call: Instruction) -> String {
    call.sourceLocation.map(\.description) ?? "in '\(call.function.name)'"
  }
}

/// Replaces one call of forward split mode.
///
/// - `__enzyme_augmentfwd(f, args…)` runs `augmented_fwdsplit_f` with the primal arguments (shadows
///   given are not needed) and returns the sealed tape, a pointer that `free` releases, or the tape
///   and the result in the order the declared type says; with `enzyme_allocated N, enzyme_tape p` it
///   stores the tape pointer at `p` (which needs 8 bytes).
/// - `__enzyme_fwdsplit(f, [enzyme_nofree,] args and shadows as for __enzyme_fwddiff…, tape)` (or
///   `enzyme_tape p`) runs `fwdsplit_f`, which repeats none of the primal's effects, and returns the
///   result's tangent; it frees the tape unless `enzyme_nofree` is given.
struct ForwardSplitEntryPoint {
  let splitter: ForwardSplitter
  let pairing: ForwardSplitPairing
  let request: DerivativeRequest

  private var call: Instruction { request.call }
  private var module: Module { splitter.module }
  private var runtime: ForwardSplitTape { splitter.runtime }

  private func signature(tangents: [Bool]) throws -> ForwardSignature {
    if request.width != 1 {
      throw ADError("enzyme_width with forward split mode (batched __enzyme_fwdsplit) is not supported yet; call "
        + "__enzyme_fwdsplit once per direction with enzyme_nofree, reusing the tape", at: call)
    }
    if request.wantsPrimalReturn {
      throw ADError("enzyme_primal_return is not available with forward split mode: __enzyme_augmentfwd returns "
        + "the primal result", at: call)
    }
    return ForwardSignature(function: request.function, tangentParameters: tangents, width: 1)
  }

  private func primalArguments() -> [Value] { request.arguments.map(\.primal) }

  // MARK: - __enzyme_augmentfwd

  func rewriteAugmentation() throws -> Function {
    let signature = try signature(tangents: request.arguments.map { $0.activity != .constant })
    try pairing.note(signature, augmenting: true, at: call)
    let (_, augmented, _) = try splitter.pair(signature)
    let builder = Builder(context: module.context)
    builder.position(before: call)
    builder.debugLocation = call.debugLocation
    let object = entryAlloca(runtime.tape.type, builder: builder)
    builder.call(runtime.tape.start, [object])
    let outer = builder.load(runtime.pointer, from: runtime.recording, "outer.recording")
    builder.store(object, to: runtime.recording)
    let result = builder.call(augmented, primalArguments())
    builder.store(outer, to: runtime.recording)
    let tag = ForwardSplitTape.tag(of: request.function, tangents: signature.tangentParameters)
    let block = builder.call(runtime.seal, [object, Value.constInt(runtime.i64, tag)], "tape")
    if let given = request.tape { builder.store(block, to: given) }
    try deliver(tape: request.tape ?? block, result: result.type.isVoid ? nil : result, builder: builder)
    call.eraseFromParent()
    return augmented
  }

  /// A slot in the caller's entry block (a call in a loop reuses it).
  private func entryAlloca(_ type: IRType, builder: Builder) -> Value {
    let entry = Builder(context: module.context)
    entry.position(before: call.function.entryBlock!.firstInstruction!)
    return entry.alloca(type, "fwdsplit.tape")
  }

  /// The declared type decides, as for split reverse mode: the tape alone (a pointer), or the tape
  /// and the primal result in either order.
  private func deliver(tape: Value, result: Value?, builder: Builder) throws {
    let declared = request.declaredResultType
    guard !declared.isVoid else { return }
    let produced: Value
    if declared.isPointer {
      produced = tape
    } else {
      let resultLeaves = result.map { Repack.leaves(of: $0, builder: builder) } ?? []
      let declaredLeaves = Repack.leafTypes(declared)
      let orders = [[tape] + resultLeaves, resultLeaves + [tape]]
      guard let leaves = orders.first(where: { $0.map(\.type) == declaredLeaves }) else {
        throw ADError(
          "__enzyme_augmentfwd is declared to return \(declared); it returns the tape (a pointer), or the tape and "
            + "the result of '\(request.function.name)' (\(request.function.returnType)) in either order", at: call)
      }
      produced = Repack.assemble(leaves, as: declared, builder: builder)
    }
    if let (pointer, _) = request.structReturn {
      builder.store(produced, to: pointer)
    } else if !call.type.isVoid {
      call.value.replaceAllUses(with: produced)
    }
  }

  // MARK: - __enzyme_fwdsplit

  func rewriteTangentCall() throws -> Function {
    let signature = try signature(tangents: request.arguments.map(\.activity.hasShadow))
    try pairing.note(signature, augmenting: false, at: call)
    let (tangent, _, readsTape) = try splitter.pair(signature)
    let builder = Builder(context: module.context)
    builder.position(before: call)
    builder.debugLocation = call.debugLocation
    let block: Value
    if let given = request.tape {
      guard request.trailing.isEmpty else { throw leftOver() }
      block = builder.load(runtime.pointer, from: given, "tape")
    } else if request.trailing.count == 1, request.trailing[0].type.isPointer {
      block = request.trailing[0]
    } else if request.trailing.isEmpty {
      throw ADError("__enzyme_fwdsplit needs the tape from __enzyme_augmentfwd after the arguments of "
        + "'\(request.function.name)' (or enzyme_tape and the memory given to __enzyme_augmentfwd)", at: call)
    } else {
      throw leftOver()
    }
    var values: [Value] = []
    for argument in request.arguments {
      values.append(argument.primal)
      if argument.activity.hasShadow { values.append(argument.shadows[0]) }
    }
    let result: Value
    if readsTape {
      result = callReadingTape(tangent.function, values, tape: block, signature: signature, builder: builder)
    } else {
      // Nothing to read: any tape is accepted (Enzyme's tests pass null), and released if asked.
      result = builder.call(tangent.function, values)
      if !request.keepsTape {
        let free = module.declareFunction(
          named: "free", type: .function(returning: IRType.void(in: module.context), [runtime.pointer]))
        builder.call(free, [block])
      }
    }
    try deliverTangent(tangent.returnsTangent ? builder.extractValue(result, 1) : nil, builder: builder)
    call.eraseFromParent()
    return tangent.function
  }

  /// Calls the tangent with the thread's cursor on the tape's records: the tape's tag is checked
  /// first, and afterwards that every record was read; the tape is freed unless `enzyme_nofree`.
  private func callReadingTape(_ tangent: Function, _ values: [Value], tape: Value, signature: ForwardSignature,
                               builder: Builder) -> Value {
    let name = request.function.name
    let place = call.sourceLocation.map { "\($0): " } ?? ""
    let (wrongTape, wrongLength) = runtime.message(
      "swad: \(place)__enzyme_fwdsplit of '\(name)' was given a tape that __enzyme_augmentfwd did not record for it "
        + "with these activities (another function's or a reverse-mode tape, a freed tape, or null)\n",
      builder: builder)
    let tag = ForwardSplitTape.tag(of: request.function, tangents: signature.tangentParameters)
    let saved = builder.call(
      runtime.begin, [tape, Value.constInt(runtime.i64, tag), wrongTape, wrongLength], "saved.cursor")
    let result = builder.call(tangent, values)
    let (unread, unreadLength) = runtime.message(
      "swad: \(place)__enzyme_fwdsplit of '\(name)' did not read its tape to the end: its arguments differ from "
        + "those __enzyme_augmentfwd was given\n", builder: builder)
    let release = Value.constInt(IRType.int(1, in: module.context), request.keepsTape ? 0 : 1)
    builder.call(runtime.end, [tape, saved, release, unread, unreadLength])
    return result
  }

  private func leftOver() -> ADError {
    ADError("too many arguments: '\(request.function.name)' has "
      + "\(plural(request.function.parameters.count, "parameter")); only the tape may follow them, from call "
      + "argument \(request.firstTrailingPosition)", at: call)
  }

  private func deliverTangent(_ tangent: Value?, builder: Builder) throws {
    let declared = request.declaredResultType
    guard !declared.isVoid else { return }
    let produced: Value
    if let tangent {
      guard let converted = Repack.convert(tangent, to: declared, builder: builder)
        ?? Repack.reinterpret(tangent, as: declared, module: module, builder: builder)
      else {
        throw ADError("__enzyme_fwdsplit is declared to return \(declared), but the tangent of "
          + "'\(request.function.name)' is \(tangent.type)", at: call)
      }
      produced = converted
    } else {
      // A function without a float result, called through a prototype that returns one.
      produced = Value.null(declared)
    }
    if let (pointer, _) = request.structReturn {
      builder.store(produced, to: pointer)
    } else if !call.type.isVoid {
      call.value.replaceAllUses(with: produced)
    }
  }
}
