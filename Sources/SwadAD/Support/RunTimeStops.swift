// Stops at run time: derivative code that is right unless a path runs that swad cannot
// differentiate (a candidate of a call through a pointer, a copy whose bytes are pointers in some
// elements and values in others) ends, on that path only, with a message and abort.
import CLLVM
import LLVMBinding

enum RunTimeStops {
  /// Emits at the builder's position a write of `swad: <file:line>: in function '<function>':
  /// <what>` to standard error, then a call of `abort`. `function` defaults to the function of
  /// `instruction`; the place is its source location, when it has one.
  ///
  /// With `naming`, a code address known only when the stop is reached (the function a pointer
  /// held), the message ends with that function's symbol and the file it was loaded from, as the
  /// dynamic linker knows them (`dladdr`): ` ('$sSlsE...' in /usr/lib/.../libswiftCore.so)`.
  static func emit(
    _ what: String, at instruction: Instruction, function: String? = nil, naming address: Value? = nil,
    module: Module, builder: Builder
  ) {
    let context = module.context
    let i64 = IRType.int(64, in: context)
    let i32 = IRType.int(32, in: context)
    let place = instruction.sourceLocation.map { "\($0): " } ?? ""
    let name = function ?? instruction.function.name
    let text =
      "swad: \(place)in function '\(demangledIfPossible(name))': \(what)" + (address == nil ? "\n" : "")
    let message = LLVMBuildGlobalStringPtr(builder.ref, text, "swad.stop.message")!
    builder.call(
      module.writeFunction,
      [Value.constInt(i32, 2), Value(message), Value.constInt(i64, Int64(text.utf8.count))])
    if let address {
      builder.call(nameWriter(in: module), [address])
    }
    builder.call(module.abortFunction, [])
  }

  /// `void @swad.stop.name(ptr address)`, defined on first use: writes ` ('<symbol>' in <file>)` for
  /// the function at `address` (the file alone when the symbol is not exported), then a newline.
  private static func nameWriter(in module: Module) -> Function {
    let name = "swad.stop.name"
    if let defined = module.definedFunction(named: name) { return defined }
    let context = module.context
    let pointer = IRType.pointer(in: context)
    let i64 = IRType.int(64, in: context)
    let i32 = IRType.int(32, in: context)
    let dladdr = module.declareFunction(named: "dladdr", type: .function(returning: i32, [pointer, pointer]))
    let writer = module.defineInternalFunction(named: name, returning: IRType.void(in: context), [pointer]) {
      writer, b in
      func text(_ string: String) {
        let global = LLVMBuildGlobalStringPtr(b.ref, string, "swad.stop.name.text")!
        b.call(
          module.writeFunction,
          [Value.constInt(i32, 2), Value(global), Value.constInt(i64, Int64(string.utf8.count))])
      }
      func string(_ value: Value) {
        b.call(module.writeFunction, [Value.constInt(i32, 2), value, b.call(module.strlenFunction, [value])])
      }
      let known = writer.appendBlock(named: "known")
      let named = writer.appendBlock(named: "named")
      let unnamed = writer.appendBlock(named: "unnamed")
      let unknown = writer.appendBlock(named: "unknown")
      let done = writer.appendBlock(named: "done")
      // Dl_info: the file's name, its base, the symbol's name, the symbol's address.
      let info = b.alloca(IRType.array(of: pointer, count: 4), "info")
      let found = b.call(dladdr, [writer.parameter(0), info])
      b.condBr(b.icmp(LLVMIntNE, found, Value.constInt(i32, 0)), known, unknown)
      b.position(atEndOf: known)
      let file = b.load(pointer, from: info)
      let symbol = b.load(pointer, from: b.gep(pointer, info, [Value.constInt(i64, 2)]))
      b.condBr(b.icmp(LLVMIntNE, symbol, Value.null(pointer)), named, unnamed)
      b.position(atEndOf: named)
      text(" ('")
      string(symbol)
      text("' in ")
      string(file)
      text(")")
      b.br(done)
      b.position(atEndOf: unnamed)
      text(" (a function without an exported name in ")
      string(file)
      text(")")
      b.br(done)
      b.position(atEndOf: unknown)
      text(" (at an address that no loaded file holds: a null or corrupt function pointer?)")
      b.br(done)
      b.position(atEndOf: done)
      text("\n")
      b.retVoid()
    }
    writer.addAttribute("noinline")
    writer.addAttribute("cold")
    return writer
  }
}
