// Control flow that derivatives cannot follow: computed gotos, and `longjmp` back to a `setjmp`.
//
// A computed goto (`goto *table[op]`, LLVM's `indirectbr`) names its successor by a block address:
// the derivative's blocks have other addresses, and the tangent was garbage, the reverse sweep
// crashed. A `longjmp` unwinds frames without returning through them: the reverse sweep never saw
// the forward sweep's path past the jump, and the gradient was silently zero; forward mode, whose
// tangents travel beside the values, is right.
import CLLVM
import LLVMBinding

enum NonlocalJumps {
  /// Refuses a function with a computed goto, in either mode.
  static func requireNoComputedGoto(in function: Function) throws {
    for block in function.blocks {
      guard let terminator = block.terminator, terminator.opcode == LLVMIndirectBr else { continue }
      throw ADError(
        "cannot differentiate a computed goto (`goto *address`, an indirectbr): the derivative's blocks "
          + "have other addresses than the labels taken; use a switch over the labels instead",
        at: terminator)
    }
  }

  /// Whether `call` calls a function that returns twice (`setjmp`, `sigsetjmp`): it returns again,
  /// nonzero, when a `longjmp` comes back to it.
  static func returnsTwice(_ call: Instruction) -> Bool {
    guard call.opcode == LLVMCall, let callee = call.calledFunction else { return false }
    return callee.hasAttribute("returns_twice")
      || ["setjmp", "_setjmp", "sigsetjmp", "__sigsetjmp"].contains(callee.name)
  }

  /// After the forward sweep's copy of a `setjmp` (its result `result`): a stop at run time when it
  /// returns a second time, from a `longjmp`. The reverse sweep cannot follow the jump; a `setjmp`
  /// whose jump is not taken (an error path that does not run) costs nothing else.
  static func stopOnSecondReturn(of result: Value, at call: Instruction, module: Module, builder: Builder) {
    let context = module.context
    let void = IRType.void(in: context)
    let stop = module.addFunction(
      named: "swad.longjmp.stop", type: .function(returning: void, [result.type]))
    stop.linkage = LLVMInternalLinkage
    stop.addAttribute("noinline")
    let entry = stop.appendBlock(named: "entry")
    let jumped = stop.appendBlock(named: "jumped")
    let done = stop.appendBlock(named: "done")
    let body = Builder(context: context)
    body.position(atEndOf: entry)
    let zero = Value.constInt(result.type, 0)
    _ = body.condBr(body.icmp(LLVMIntNE, stop.parameter(0), zero), jumped, done)
    body.position(atEndOf: jumped)
    RunTimeStops.emit(
      "cannot differentiate in reverse mode a longjmp back to this setjmp (the reverse sweep cannot follow "
        + "a jump across frames); return an error code instead, or use forward mode", at: call,
      module: module, builder: body)
    body.unreachable()
    body.position(atEndOf: done)
    body.retVoid()
    _ = builder.call(stop, [result])
  }
}
