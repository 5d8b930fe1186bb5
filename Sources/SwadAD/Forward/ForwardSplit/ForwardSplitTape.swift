// Forward split mode's tape: records pushed in program order by the augmented primal, sealed into
// one heap block, and read in the same order by the tangent.
import CLLVM
import LLVMBinding

/// The runtime of forward split mode's tape, emitted into the module as small internal functions.
///
/// While `__enzyme_augmentfwd` runs the augmented primal, values are pushed onto an ordinary swad
/// tape (`TapeRuntime`, on the thread's kept buffer) that a thread-local pointer names. Sealing
/// copies the records into one `malloc`'d block,
///
///     { i64 tag, i64 bytes, records… }
///
/// which is the tape the user holds: `free(tape)` releases all of it (what `enzyme_nofree` leaves
/// to the caller). The tag names the (function, activities) pair the records were made for, so a
/// tangent given another tape stops with a message instead of reading garbage. The tangent reads
/// the records front to back through a thread-local cursor that every tangent function advances
/// (callees included), and checks at the end that it read exactly what was recorded.
struct ForwardSplitTape {
  let module: Module
  let tape: TapeRuntime
  let context: Context
  let pointer: IRType
  let i64: IRType
  let i8: IRType

  /// The bytes before the records: the tag and the records' byte count.
  static let headerSize: Int64 = 16

  init(module: Module) {
    self.module = module
    tape = TapeRuntime(module: module)
    context = module.context
    pointer = IRType.pointer(in: context)
    i64 = IRType.int(64, in: context)
    i8 = IRType.int(8, in: context)
  }

  /// The tape object (`TapeRuntime`) the augmented primal of the running `__enzyme_augmentfwd`
  /// pushes onto.
  var recording: Value { module.threadLocalGlobal(named: "swad.fwdsplit.recording", type: pointer) }
  /// Where the running tangent reads its next record.
  var cursor: Value { module.threadLocalGlobal(named: "swad.fwdsplit.cursor", type: pointer) }

  /// A tag for the tape of `function` differentiated with `tangents`: FNV-1a of both, stable across
  /// modules, so that a tape recorded in one translation unit is accepted by the tangent of the same
  /// pair in another.
  static func tag(of function: Function, tangents: [Bool]) -> Int64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in (function.name + "|" + tangents.map { $0 ? "1" : "0" }.joined()).utf8 {
      hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
    }
    return Int64(bitPattern: hash)
  }

  /// `ptr @swad.fwdsplit.seal(ptr %object, i64 %tag)`: the records of the tape object as one block
  /// (header first); the object's buffer is kept for the next tape.
  var seal: Function {
    module.definedFunction(named: "swad.fwdsplit.seal") ?? module.defineInternalFunction(named: "swad.fwdsplit.seal", returning: pointer, [pointer, i64]) { f, b in
      let object = f.parameter(0), tag = f.parameter(1)
      let i32 = IRType.int(32, in: context)
      let field = { (index: Int64) in b.gep(tape.type, object, [Value.constInt(i32, 0), Value.constInt(i32, index)]) }
      let base = b.load(pointer, from: field(0), "base")
      let top = b.load(pointer, from: field(1), "top")
      let used = b.sub(b.cast(LLVMPtrToInt, top, to: i64), b.cast(LLVMPtrToInt, base, to: i64), "used")
      let malloc = module.declareFunction(named: "malloc", type: .function(returning: pointer, [i64]))
      let block = b.call(malloc, [b.add(used, Value.constInt(i64, Self.headerSize))], "block")
      let failed = f.appendBlock(named: "failed"), fill = f.appendBlock(named: "fill")
      b.condBr(b.icmp(LLVMIntEQ, block, Value.null(pointer)), failed, fill)
      b.position(atEndOf: failed)
      b.call(module.abortFunction, [])
      b.unreachable()
      b.position(atEndOf: fill)
      b.store(tag, to: block)
      b.store(used, to: b.gep(i8, block, [Value.constInt(i64, 8)]))
      _ = b.memcpy(b.gep(i8, block, [Value.constInt(i64, Self.headerSize)]), base, length: used, alignment: 8)
      b.call(tape.free, [object])
      b.ret(block)
      f.addAttribute("nounwind")
    }
  }

  /// `ptr @swad.fwdsplit.begin(ptr %block, i64 %tag, ptr %message, i64 %length)`: points the cursor
  /// at the block's records and returns the cursor it replaces; a block of another tag (or none)
  /// stops the program with `message`.
  var begin: Function {
    let parameters = [pointer, i64, pointer, i64]
    return module.definedFunction(named: "swad.fwdsplit.begin") ?? module.defineInternalFunction(named: "swad.fwdsplit.begin", returning: pointer, parameters) { f, b in
      let block = f.parameter(0)
      let null = f.appendBlock(named: "null"), read = f.appendBlock(named: "read")
      let wrong = f.appendBlock(named: "wrong"), start = f.appendBlock(named: "start")
      b.condBr(b.icmp(LLVMIntEQ, block, Value.null(pointer)), null, read)
      b.position(atEndOf: null)
      b.br(wrong)
      b.position(atEndOf: read)
      b.condBr(b.icmp(LLVMIntEQ, b.load(i64, from: block, "tag"), f.parameter(1)), start, wrong)
      b.position(atEndOf: wrong)
      fail(message: f.parameter(2), length: f.parameter(3), builder: b)
      b.position(atEndOf: start)
      let saved = b.load(pointer, from: cursor, "saved")
      b.store(b.gep(i8, block, [Value.constInt(i64, Self.headerSize)]), to: cursor)
      b.ret(saved)
      f.addAttribute("nounwind")
    }
  }

  /// `void @swad.fwdsplit.end(ptr %block, ptr %saved, i1 %release, ptr %message, i64 %length)`:
  /// checks that the tangent read the records to their end (else stops with `message`), gives the
  /// cursor back its saved value, and frees the block when `release` says so.
  var end: Function {
    let void = IRType.void(in: context), i1 = IRType.int(1, in: context)
    let parameters = [pointer, pointer, i1, pointer, i64]
    return module.definedFunction(named: "swad.fwdsplit.end") ?? module.defineInternalFunction(named: "swad.fwdsplit.end", returning: void, parameters) { f, b in
      let block = f.parameter(0)
      let bytes = b.load(i64, from: b.gep(i8, block, [Value.constInt(i64, 8)]), "bytes")
      let expected = b.gep(i8, block, [b.add(bytes, Value.constInt(i64, Self.headerSize))], "expected")
      let reached = b.load(pointer, from: cursor, "reached")
      let wrong = f.appendBlock(named: "wrong"), done = f.appendBlock(named: "done")
      let release = f.appendBlock(named: "release"), exit = f.appendBlock(named: "exit")
      b.condBr(b.icmp(LLVMIntEQ, reached, expected), done, wrong)
      b.position(atEndOf: wrong)
      fail(message: f.parameter(3), length: f.parameter(4), builder: b)
      b.position(atEndOf: done)
      b.store(f.parameter(1), to: cursor)
      b.condBr(f.parameter(2), release, exit)
      b.position(atEndOf: release)
      b.call(module.declareFunction(named: "free", type: .function(returning: void, [pointer])), [block])
      b.br(exit)
      b.position(atEndOf: exit)
      b.retVoid()
      f.addAttribute("nounwind")
    }
  }

  /// Writes `message` to standard error and aborts.
  private func fail(message: Value, length: Value, builder b: Builder) {
    b.call(module.writeFunction, [Value.constInt(IRType.int(32, in: context), 2), message, length])
    b.call(module.abortFunction, [])
    b.unreachable()
  }

  /// A constant C string for the runtime's messages, and its length.
  func message(_ text: String, builder: Builder) -> (Value, Value) {
    let string = LLVMBuildGlobalStringPtr(builder.ref, text, "swad.fwdsplit.message")!
    return (Value(string), Value.constInt(i64, Int64(text.utf8.count)))
  }
}
