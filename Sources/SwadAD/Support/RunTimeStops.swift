// Stops at run time: derivative code that is right unless a path runs that swad cannot
// differentiate (a candidate of a call through a pointer, a copy whose bytes are pointers in some
// elements and values in others) ends, on that path only, with a message and abort.
import CLLVM
import LLVMBinding

enum RunTimeStops {
  /// Emits at the builder's position a write of `swad: <file:line>: in function '<function>':
  /// <what>` to standard error, then a call of `abort`. `function` defaults to the function of
  /// `instruction`; the place is its source location, when it has one.
  static func emit(
    _ what: String, at instruction: Instruction, function: String? = nil, module: Module, builder: Builder
  ) {
    let context = module.context
    let pointer = IRType.pointer(in: context)
    let i64 = IRType.int(64, in: context)
    let i32 = IRType.int(32, in: context)
    let void = IRType.void(in: context)
    let write = module.declareFunction(named: "write", type: .function(returning: i64, [i32, pointer, i64]))
    let abort = module.declareFunction(named: "abort", type: .function(returning: void, []))
    let place = instruction.sourceLocation.map { "\($0): " } ?? ""
    let name = function ?? instruction.function.name
    let text = "swad: \(place)in function '\(demangledIfPossible(name))': \(what)\n"
    let message = LLVMBuildGlobalStringPtr(builder.ref, text, "swad.stop.message")!
    builder.call(
      write, [Value.constInt(i32, 2), Value(message), Value.constInt(i64, Int64(text.utf8.count))])
    builder.call(abort, [])
  }
}
