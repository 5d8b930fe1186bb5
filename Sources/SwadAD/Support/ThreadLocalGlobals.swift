// swad's own per-thread state in the module: kept tape buffers, release lists, team flags.
import CLLVM
import LLVMBinding

extension Module {
  /// The internal, zero-initialized, thread-local global `name` of `type`, made on first use.
  func threadLocalGlobal(named name: String, type: IRType) -> Value {
    if let made = global(named: name) { return made }
    let made = addGlobal(named: name, type: type)
    made.initializer = Value.null(type)
    made.linkage = LLVMInternalLinkage
    LLVMSetThreadLocal(made.ref, 1)
    return made
  }
}
