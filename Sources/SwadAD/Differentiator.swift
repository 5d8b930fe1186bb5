// The module-level AD transform: finds every Enzyme entry-point call and replaces it with a call of
// the synthesized derivative.
import CLLVM
import LLVMBinding

/// Differentiates a module: every call of `__enzyme_fwddiff*` / `__enzyme_autodiff*` is replaced by a
/// call of a derivative function synthesized in the module. Activity-marker globals and entry-point
/// declarations are removed afterwards, since the user's program does not define them.
public final class Differentiator {
  public let module: Module

  public init(module: Module) { self.module = module }

  /// The calls of entry points in the module, in order.
  func entryPointCalls() throws -> [(Instruction, DerivativeMode)] {
    var calls: [(Instruction, DerivativeMode)] = []
    for function in module.functions where !function.isDeclaration {
      for block in function.blocks {
        for instruction in block.instructions where instruction.isCall {
          guard let callee = instruction.calledFunction else { continue }
          if let mode = DerivativeMode.of(calleeName: callee.name) {
            calls.append((instruction, mode))
          } else if let name = DerivativeMode.unsupportedEntryPoints.first(where: { callee.name.contains($0) }) {
            throw ADError("\(name) (split-mode and batching entry points) is not supported yet", at: instruction)
          }
        }
      }
    }
    return calls
  }

  /// Prepares the module for the pre-AD simplification: functions with registered rules, inactive
  /// functions and functions "like" a known one must survive it as calls, so they are kept from
  /// being inlined.
  public static func prepare(_ module: Module) throws {
    let rules = try CustomRules(module: module)
    let protected = Set(rules.gradients.keys).union(rules.derivatives.keys).union(rules.inactive)
      .union(rules.functionLike.keys)
    for function in protected where !function.isDeclaration {
      function.removeAttribute("alwaysinline")
      function.addAttribute("noinline")
    }
  }

  /// Runs the transform; returns remarks on what was synthesized.
  public func run() throws -> [Remark] {
    var pending = try entryPointCalls()
    guard !pending.isEmpty else { return [] }
    var remarks: [Remark] = []
    // Derivatives of derivatives (a Hessian-vector product is __enzyme_fwddiff of a function that
    // calls __enzyme_autodiff): a call is rewritten once the code it differentiates contains no
    // entry-point call still to be rewritten. Each round sees the module as the rounds before left
    // it (new globals such as the tape's get shadows).
    while !pending.isEmpty {
      let ready = pending.filter { call, _ in !reachesPendingCall(call, pending: pending) }
      let round = ready.isEmpty ? pending : ready
      pending.removeAll { call, _ in round.contains { $0.0 == call } }
      remarks += try rewrite(round)
    }
    removeMarkersAndEntryPoints()
    return remarks
  }

  private func rewrite(_ calls: [(Instruction, DerivativeMode)]) throws -> [Remark] {
    var remarks: [Remark] = []
    let rules = try CustomRules(module: module)
    let globals = GlobalShadows(module: module)
    let forward = ForwardGenerator(module: module, rules: rules, globals: globals)
    let reverse = ReverseGenerator(module: module, rules: rules, globals: globals)
    for (entryCall, mode) in calls {
      let invoked = InvokedEntryPoint(entryCall)
      let call = invoked?.call ?? entryCall
      if mode == .augmentSize {
        replaceWithTapeSize(call)
        continue
      }
      let request = try CallSiteParser(module: module, call: call, mode: mode).parse()
      switch mode {
      case .forward:
        let derivative = try ForwardEntryPoint(generator: forward, request: request).rewrite()
        invoked?.finish(calling: derivative)
        remarks.append(Remark("synthesized \(derivative.name) for \(request.function.name)"))
      case .reverse, .augmentedForward, .reverseSplit, .augmentSize:
        let gradient = try ReverseEntryPoint(generator: reverse, request: request).rewrite()
        invoked?.finish(calling: gradient)
        remarks.append(Remark("synthesized \(gradient.name) for \(request.function.name)"))
      }
    }
    return remarks
  }

  /// Whether the function `call` differentiates can reach, through direct calls, another pending
  /// entry-point call.
  private func reachesPendingCall(_ call: Instruction, pending: [(Instruction, DerivativeMode)]) -> Bool {
    guard let target = call.arguments.first(where: { $0.strippingPointerCasts.asFunction != nil })?
      .strippingPointerCasts.asFunction
    else { return false }
    let holders = Set(pending.filter { $0.0 != call }.map { $0.0.function })
    var seen: Set<Function> = []
    var work = [target]
    while let function = work.popLast() {
      guard seen.insert(function).inserted, !function.isDeclaration else { continue }
      if holders.contains(function) { return true }
      for block in function.blocks {
        for instruction in block.instructions where instruction.isCall {
          if let callee = instruction.calledFunction { work.append(callee) }
        }
      }
    }
    return false
  }

  /// `__enzyme_augmentsize(f, markers…)` is the size of the tape object, whatever the function.
  private func replaceWithTapeSize(_ call: Instruction) {
    if call.type.isInteger { call.value.replaceAllUses(with: Value.constInt(call.type, TapeRuntime.objectSize)) }
    call.eraseFromParent()
  }

  /// Deletes what the user's program does not define: loads of marker globals that lost their uses,
  /// the marker globals, and the entry-point declarations.
  private func removeMarkersAndEntryPoints() {
    // Marker values whose calls are gone: loads of marker globals, and casts, phis and selects of
    // them. Erasing one can leave its operands dead, hence the repetition.
    var erased = true
    while erased {
      erased = false
      for function in module.functions where !function.isDeclaration {
        for block in function.blocks {
          for instruction in block.instructions
          where instruction.value.users.isEmpty && !instruction.isCall && !instruction.isTerminator
            && ActivityMarker.name(of: instruction.value) != nil
          {
            instruction.eraseFromParent()
            erased = true
          }
        }
      }
    }
    for global in module.globals where ActivityMarker.isMarkerName(global.name) && global.users.isEmpty {
      global.eraseGlobal()
    }
    for function in module.functions where function.isDeclaration && function.value.users.isEmpty {
      if DerivativeMode.of(calleeName: function.name) != nil { function.erase() }
    }
  }
}
