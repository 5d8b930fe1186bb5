// Whether the memory a pointer argument points to is still there when the reverse sweep runs.
import CLLVM
import LLVMBinding

/// The reverse sweep runs after the augmented functions have returned, so memory in their frames is
/// gone. A pointer argument of the function an entry point differentiates points to the caller's
/// memory, which outlives the whole derivative call; a pointer argument of a callee may point into
/// its caller's frame (a struct built on the stack and passed by address, as unoptimized code and
/// code without the pre-AD simplification do). An argument's memory outlives the forward sweep when,
/// at every call of the function, what is passed does: an argument of the caller that does
/// (recursively), a global, or a heap block. Anything else (a stack slot, a pointer loaded from
/// memory, the function's address taken for an indirect call) does not. Only calls that can run
/// the derivative count: those in functions that may be differentiated themselves (the primal
/// program's own call of the function, in `main`, calls the primal).
final class ArgumentLifetimes {
  private struct Key: Hashable {
    let function: Function
    let parameter: Int
  }

  private var known: [Key: Bool] = [:]
  /// The functions whose calls can be calls of derivatives: those reachable through direct calls
  /// from the functions given to entry points and from every function whose address is taken
  /// (it may be called from anywhere, differentiated code included). Made on first use.
  private var mayBeDifferentiated: Set<Function>?
  private let module: Module

  init(module: Module) { self.module = module }

  private func mayBeDifferentiated(_ function: Function) -> Bool {
    if let known = mayBeDifferentiated { return known.contains(function) }
    var roots: [Function] = []
    for candidate in module.functions {
      for user in candidate.value.users {
        guard let call = user.asInstruction, call.isCall, call.calledOperand == candidate.value else {
          roots.append(candidate)  // its address is taken (an entry point's operand among others)
          break
        }
      }
    }
    var reached = Set(roots)
    while let next = roots.popLast() {
      for block in next.blocks {
        for call in block.instructions where call.isCall {
          if let callee = call.calledFunction, reached.insert(callee).inserted { roots.append(callee) }
        }
      }
    }
    mayBeDifferentiated = reached
    return reached.contains(function)
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
        passedMemoryOutlives(call.arguments[key.parameter], in: call.function, depth: depth)
      else {
        answer = false
        break
      }
    }
    known[key] = answer
    return answer
  }

  private func passedMemoryOutlives(_ pointer: Value, in caller: Function, depth: Int) -> Bool {
    let object = MemoryWrites.underlyingObject(pointer)
    if object.isGlobalVariable { return true }
    if MemoryWrites.isLocalAllocation(object) { return object.asInstruction?.opcode != LLVMAlloca }
    if object.isArgument, let index = caller.parameters.firstIndex(of: object) {
      if caller.hasAttribute("byval", at: LLVMAttributeIndex(index + 1)) { return false }
      return outlives(Key(function: caller, parameter: index), depth: depth + 1)
    }
    return false
  }
}
