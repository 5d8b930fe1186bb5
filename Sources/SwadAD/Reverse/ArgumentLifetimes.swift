// Whether the memory a pointer argument points to is still there when the reverse sweep runs.
import CLLVM
import LLVMBinding

/// The reverse sweep runs after the augmented functions have returned, so memory in their frames is
/// gone. A pointer argument of the function an entry point differentiates points to the caller's
/// memory, which outlives the whole derivative call; a pointer argument of a callee may point into
/// its caller's frame (a struct built on the stack and passed by address, as unoptimized code and
/// code without the pre-AD simplification do). An argument's memory outlives the forward sweep when,
/// at every call of the function, what is passed does: an argument of the caller that does
/// (recursively), a global, a heap block, or a pointer the caller loads from such memory when the
/// caller never writes that memory nor releases what the pointer points to (it is then its own
/// caller's pointer: Swift's closures load the buffers of the arrays they are given so). Anything
/// else (a stack slot, another loaded pointer, the function's address taken for an indirect call)
/// does not. Only calls that can run
/// the derivative count: those in functions that may be differentiated themselves (the primal
/// program's own call of the function, in `main`, calls the primal).
final class ArgumentLifetimes {
  private struct Key: Hashable {
    let function: Function
    let parameter: Int
  }

  private var known: [Key: Bool] = [:]
  /// Per call, what its caller may write besides it (`writes(besides:)`).
  private var callerWrites: [Instruction: MemoryWrites] = [:]
  private let classifier: CallClassifier
  /// The functions whose calls can be calls of derivatives: those reachable through direct calls
  /// from the functions given to entry points, and, when that code makes indirect calls or passes
  /// function addresses on, from every function whose address is taken (it may then be called from
  /// differentiated code). Made on first use.
  private var mayBeDifferentiated: Set<Function>?
  private let module: Module

  init(module: Module, classifier: CallClassifier) {
    self.module = module
    self.classifier = classifier
  }

  private func mayBeDifferentiated(_ function: Function) -> Bool {
    if let known = mayBeDifferentiated { return known.contains(function) }
    // The functions given to entry points, and those whose address is taken elsewhere.
    var given: [Function] = [], escaping: [Function] = []
    for candidate in module.functions {
      for user in candidate.value.users {
        guard let call = user.asInstruction, call.isCall, call.calledOperand == candidate.value else {
          if let call = user.asInstruction, call.isCall, let callee = call.calledFunction,
            DerivativeMode.of(calleeName: callee.name) != nil
          {
            given.append(candidate)
          } else {
            escaping.append(candidate)
          }
          continue
        }
      }
    }
    func closure(_ roots: [Function]) -> (reached: Set<Function>, callsOut: Bool) {
      var reached = Set(roots), work = roots, callsOut = false
      while let next = work.popLast() {
        for block in next.blocks {
          for instruction in block.instructions {
            let calls = instruction.isCall || instruction.opcode == LLVMInvoke
            // A function address passed on, or an indirect call: code outside may be called back.
            if calls, instruction.calledFunction == nil, !instruction.calledOperand.isInlineAsm { callsOut = true }
            if instruction.operands.dropLast(calls ? 1 : 0).contains(where: { $0.asFunction != nil }) {
              callsOut = true
            }
            if calls, let callee = instruction.calledFunction, reached.insert(callee).inserted {
              work.append(callee)
            }
          }
        }
      }
      return (reached, callsOut)
    }
    // Functions whose address is taken by code never differentiated (a closure handed to a timing
    // loop in `main`) are not called by derivatives unless differentiated code calls out.
    // An entry point handed its function other than directly (through a select, a phi, memory) may
    // be handed any of them.
    let indirectlyGiven = module.functions.contains { entry in
      DerivativeMode.of(calleeName: entry.name) != nil && entry.value.users.contains { user in
        guard let call = user.asInstruction, call.isCall || call.opcode == LLVMInvoke else { return true }
        return call.arguments.first?.asFunction == nil
      }
    }
    let fromEntryPoints = closure(given)
    mayBeDifferentiated = fromEntryPoints.callsOut || indirectlyGiven
      ? closure(given + escaping).reached : fromEntryPoints.reached
    return mayBeDifferentiated!.contains(function)
  }

  /// Whether the memory that parameter `index` of `function` points to outlives the forward sweep.
  func outlivesForwardSweep(_ function: Function, parameter index: Int) -> Bool {
    outlives(Key(function: function, parameter: index), depth: 0)
  }

  private func outlives(_ key: Key, depth: Int) -> Bool {
    if let answer = known[key] { return answer }
    guard depth < 6 else { return false }
    known[key] = false  // a recursive call of itself: assume not, until every call site says so
    var answer = true
    for user in key.function.value.users {
      // A comparison with the address (a dispatch of indirect calls testing its candidates) calls
      // nothing and lets the address go nowhere.
      if user.asInstruction?.opcode == LLVMICmp { continue }
      guard let call = user.asInstruction, call.isCall || call.opcode == LLVMInvoke else {
        answer = false  // address taken: called indirectly, from anywhere
        break
      }
      // A call in code that is never differentiated runs the primal, whatever it passes.
      if !mayBeDifferentiated(call.function) { continue }
      if call.calledOperand != key.function.value {
        // Passed as an operand: an entry point (its arguments are the user's) or anything else.
        if let callee = call.calledFunction, DerivativeMode.of(calleeName: callee.name) != nil { continue }
        answer = false
        break
      }
      guard key.parameter < call.arguments.count,
        passedMemoryOutlives(call.arguments[key.parameter], at: call, depth: depth)
      else {
        answer = false
        break
      }
    }
    known[key] = answer
    return answer
  }

  private func passedMemoryOutlives(_ pointer: Value, at call: Instruction, depth: Int) -> Bool {
    let caller = call.function
    let object = MemoryWrites.underlyingObject(pointer)
    if object.isGlobalVariable { return true }
    if MemoryWrites.isLocalAllocation(object) { return object.asInstruction?.opcode != LLVMAlloca }
    if object.isArgument, let index = caller.parameters.firstIndex(of: object) {
      if caller.hasAttribute("byval", at: LLVMAttributeIndex(index + 1)) { return false }
      return outlives(Key(function: caller, parameter: index), depth: depth + 1)
    }
    if let load = object.asInstruction, load.opcode == LLVMLoad, !load.isVolatile, depth < 3 {
      let address = load.operand(0)
      guard passedMemoryOutlives(address, at: call, depth: depth + 1) else { return false }
      let writes = self.writes(besides: call)
      return !writes.mayWrite(address) && !writes.mayWrite(load.value)
    }
    return false
  }

  /// What the function making `call` may write, leaving out the Swift releases balanced by a
  /// retain, and the call itself when the callee writes only memory it allocates.
  private func writes(besides call: Instruction) -> MemoryWrites {
    if let known = callerWrites[call] { return known }
    var ignored = MemoryWrites.balancedReleases(in: call.function.blocks)
    if let callee = call.calledFunction, !callee.blocks.isEmpty {
      let own = MemoryWrites(
        blocks: callee.blocks, classifier: classifier, ignoring: MemoryWrites.balancedReleases(in: callee.blocks))
      if !own.writesAnything && own.objects.allSatisfy(MemoryWrites.isLocalAllocation) { ignored.insert(call) }
    }
    let made = MemoryWrites(blocks: call.function.blocks, classifier: classifier, ignoring: ignored)
    callerWrites[call] = made
    return made
  }
}
