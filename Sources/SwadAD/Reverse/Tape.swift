// The tape: a growable last-in-first-out byte stack through which the forward sweep hands the
// reverse sweep the values and control-flow decisions it needs.
import CLLVM
import LLVMBinding

/// The tape's runtime, emitted into the module as small internal functions:
///
///     %swad.tape = type { ptr base, ptr top, ptr end }   ; an empty tape is all null
///     ptr  @swad.tape.reserve(ptr %tape, i64 %bytes)      ; alwaysinline: returns where to write
///     ptr  @swad.tape.pop(ptr %tape, i64 %bytes)          ; alwaysinline: returns where to read
///     ptr  @swad.tape.grow(ptr %tape, i64 %bytes)         ; the cold path of reserve (realloc)
///     void @swad.tape.start(ptr %tape)                    ; an empty tape, on the kept buffer
///     void @swad.tape.free(ptr %tape)                     ; keeps the buffer for the next tape
///
/// The buffer of a finished tape is kept (one per thread) for the next derivative call, so that an
/// optimization loop calling the gradient repeatedly grows its tape once instead of faulting in
/// fresh pages every call.
/// One tape serves a whole derivative call: the augmented forward functions of callees push onto the
/// caller's tape and their reverse functions pop from it, in the order the reverse sweep needs.
/// Records are made of 8-byte-aligned slots.
struct TapeRuntime {
  let module: Module
  let context: Context
  let pointer: IRType
  let i64: IRType
  let i8: IRType
  /// `{ ptr, ptr, ptr }`.
  let type: IRType

  /// The byte size of a tape object (`__enzyme_augmentsize`).
  static let objectSize: Int64 = 24

  init(module: Module) {
    self.module = module
    context = module.context
    pointer = IRType.pointer(in: context)
    i64 = IRType.int(64, in: context)
    i8 = IRType.int(8, in: context)
    type = IRType.structure([pointer, pointer, pointer], in: context)
  }

  /// The slot size of a value of `type` on the tape.
  func slotSize(of valueType: IRType) -> Int64 {
    (Int64(module.allocSize(of: valueType)) + 7) / 8 * 8
  }

  /// Where each value of a record of values of `types` starts in it (8-byte-aligned slots in order).
  func slotOffsets(of types: [IRType]) -> [Int64] {
    var offset: Int64 = 0
    return types.map { type in
      defer { offset += slotSize(of: type) }
      return offset
    }
  }

  static let reserveName = "swad.tape.reserve"

  var reserve: Function {
    module.definedFunction(named: Self.reserveName)
      ?? module.defineInternalFunction(named: Self.reserveName, returning: pointer, [pointer, i64]) {
        f, b in
        let tape = f.parameter(0)
        let bytes = f.parameter(1)
        let topField = b.gep(
          type, tape,
          [Value.constInt(IRType.int(32, in: context), 0), Value.constInt(IRType.int(32, in: context), 1)])
        let endField = b.gep(
          type, tape,
          [Value.constInt(IRType.int(32, in: context), 0), Value.constInt(IRType.int(32, in: context), 2)])
        let top = b.load(pointer, from: topField, "top")
        let end = b.load(pointer, from: endField, "end")
        let newTop = b.gep(i8, top, [bytes], "newtop")
        // An empty tape is all null, so its first reservation takes the growing path too.
        let fits = b.icmp(LLVMIntULE, newTop, end)
        let fast = f.appendBlock(named: "fits")
        let slow = f.appendBlock(named: "grow")
        let join = f.appendBlock(named: "reserved")
        b.condBr(fits, fast, slow)
        b.position(atEndOf: fast)
        b.br(join)
        b.position(atEndOf: slow)
        let grown = b.call(grow, [tape, bytes])
        b.br(join)
        b.position(atEndOf: join)
        let record = b.phi(pointer, "record")
        record.addIncoming([(top, fast), (grown, slow)])
        // The new top is stored as `record + bytes` on both paths (grow has stored the same address)
        // so that, once inlined, the optimizer sees a pop right after this push read back `record`
        // itself and forwards the values instead of reloading them: where the forward sweep's last
        // record meets the reverse sweep's first pop, the shadow buffers and loop bounds it carries
        // stay visible as what they are (fresh allocations, known trip counts).
        b.store(b.gep(i8, record.value, [bytes], "newtop"), to: topField)
        b.ret(record.value)
        f.addAttribute("alwaysinline")
        f.addAttribute("nounwind")
      }
  }

  var pop: Function {
    module.definedFunction(named: "swad.tape.pop")
      ?? module.defineInternalFunction(named: "swad.tape.pop", returning: pointer, [pointer, i64]) { f, b in
        let tape = f.parameter(0)
        let bytes = f.parameter(1)
        let topField = b.gep(
          type, tape,
          [Value.constInt(IRType.int(32, in: context), 0), Value.constInt(IRType.int(32, in: context), 1)])
        let top = b.load(pointer, from: topField, "top")
        let newTop = b.gep(i8, top, [b.sub(Value.constInt(i64, 0), bytes)], "newtop")
        b.store(newTop, to: topField)
        b.ret(newTop)
        f.addAttribute("alwaysinline")
        f.addAttribute("nounwind")
      }
  }

  /// Grows the buffer (doubling, at least 64 KiB) and reserves `bytes`; returns where to write.
  var grow: Function {
    module.definedFunction(named: "swad.tape.grow")
      ?? module.defineInternalFunction(named: "swad.tape.grow", returning: pointer, [pointer, i64]) { f, b in
        let tape = f.parameter(0)
        let bytes = f.parameter(1)
        let i32 = IRType.int(32, in: context)
        let fields = (0..<3).map {
          b.gep(type, tape, [Value.constInt(i32, 0), Value.constInt(i32, Int64($0))])
        }
        let base = b.load(pointer, from: fields[0], "base")
        let top = b.load(pointer, from: fields[1], "top")
        let end = b.load(pointer, from: fields[2], "end")
        let baseInt = b.cast(LLVMPtrToInt, base, to: i64)
        let used = b.sub(b.cast(LLVMPtrToInt, top, to: i64), baseInt, "used")
        let capacity = b.sub(b.cast(LLVMPtrToInt, end, to: i64), baseInt, "capacity")
        let need = b.add(used, bytes, "need")
        let doubled = b.mul(capacity, Value.constInt(i64, 2))
        var newCapacity = b.select(b.icmp(LLVMIntUGT, doubled, need), doubled, need)
        let minimum = Value.constInt(i64, 65536)
        newCapacity = b.select(b.icmp(LLVMIntUGT, newCapacity, minimum), newCapacity, minimum, "newcapacity")
        let realloc = module.declareFunction(
          named: "realloc", type: .function(returning: pointer, [pointer, i64]))
        let buffer = b.call(realloc, [base, newCapacity], "buffer")
        let failed = f.appendBlock(named: "failed")
        let done = f.appendBlock(named: "done")
        b.condBr(b.icmp(LLVMIntEQ, buffer, Value.null(pointer)), failed, done)
        b.position(atEndOf: failed)
        b.call(module.abortFunction, [])
        b.unreachable()
        b.position(atEndOf: done)
        b.store(buffer, to: fields[0])
        b.store(b.gep(i8, buffer, [need]), to: fields[1])
        b.store(b.gep(i8, buffer, [newCapacity]), to: fields[2])
        b.ret(b.gep(i8, buffer, [used]))
        f.addAttribute("noinline")
        f.addAttribute("cold")
        f.addAttribute("nounwind")
      }
  }

  /// The thread's kept buffer: `{ base, end }` of the last finished tape, or nulls.
  private var keptBuffer: (base: Value, end: Value) {
    (
      module.threadLocalGlobal(named: "swad.tape.kept.base", type: pointer),
      module.threadLocalGlobal(named: "swad.tape.kept.end", type: pointer)
    )
  }

  var start: Function {
    module.definedFunction(named: "swad.tape.start")
      ?? module.defineInternalFunction(
        named: "swad.tape.start", returning: IRType.void(in: context), [pointer]
      ) { f, b in
        let i32 = IRType.int(32, in: context)
        let fields = (0..<3).map {
          b.gep(type, f.parameter(0), [Value.constInt(i32, 0), Value.constInt(i32, Int64($0))])
        }
        Self.takeKeptBuffer(keptBuffer, into: fields, pointer: pointer, builder: b)
        b.retVoid()
        f.addAttribute("nounwind")
      }
  }

  /// Starts a tape, whose `{ base, top, end }` fields are `fields`, on the buffer `kept` holds
  /// (nulls when none), which it takes: the body of `swad.tape.start`, and of the parallel regions'
  /// own start (`ParallelRegions`), whose threads keep a buffer of their own.
  static func takeKeptBuffer(
    _ kept: (base: Value, end: Value), into fields: [Value], pointer: IRType, builder b: Builder
  ) {
    let base = b.load(pointer, from: kept.base, "base")
    b.store(base, to: fields[0])
    b.store(base, to: fields[1])
    b.store(b.load(pointer, from: kept.end, "end"), to: fields[2])
    b.store(Value.null(pointer), to: kept.base)
    b.store(Value.null(pointer), to: kept.end)
  }

  var free: Function {
    module.definedFunction(named: "swad.tape.free")
      ?? module.defineInternalFunction(
        named: "swad.tape.free", returning: IRType.void(in: context), [pointer]
      ) { f, b in
        let tape = f.parameter(0)
        let kept = keptBuffer
        let i32 = IRType.int(32, in: context)
        let base = b.load(pointer, from: tape, "base")
        let end = b.load(
          pointer, from: b.gep(type, tape, [Value.constInt(i32, 0), Value.constInt(i32, 2)]), "end")
        let keptBase = b.load(pointer, from: kept.base, "kept")
        let keep = f.appendBlock(named: "keep")
        let release = f.appendBlock(named: "release")
        // Keep this buffer unless one is kept already (nested or concurrent tapes on this thread).
        b.condBr(b.icmp(LLVMIntEQ, keptBase, Value.null(pointer)), keep, release)
        b.position(atEndOf: keep)
        b.store(base, to: kept.base)
        b.store(end, to: kept.end)
        b.retVoid()
        b.position(atEndOf: release)
        let freeFunction = module.declareFunction(
          named: "free", type: .function(returning: IRType.void(in: context), [pointer]))
        b.call(freeFunction, [base])
        b.retVoid()
        f.addAttribute("nounwind")
      }
  }

  /// Pushes `values` as one record (one capacity check); returns nothing.
  func push(_ values: [Value], tape: Value, builder: Builder) {
    guard !values.isEmpty else { return }
    let total = values.reduce(Int64(0)) { $0 + slotSize(of: $1.type) }
    store(values, at: builder.call(reserve, [tape, Value.constInt(i64, total)]), builder: builder)
  }

  /// Pops a record of values of `types` (pushed by `push` with the same types); returns them.
  func pop(_ types: [IRType], tape: Value, builder: Builder) -> [Value] {
    guard !types.isEmpty else { return [] }
    let total = types.reduce(Int64(0)) { $0 + slotSize(of: $1) }
    return load(types, at: builder.call(pop, [tape, Value.constInt(i64, total)]), builder: builder)
  }

  /// Reserves `bytes` (a run-time size) in one piece; returns where they start.
  func reserveBlock(bytes: Value, tape: Value, builder: Builder) -> Value {
    builder.call(reserve, [tape, bytes])
  }

  /// Pops `bytes` (a run-time size) in one piece; returns where they start.
  func popBlock(bytes: Value, tape: Value, builder: Builder) -> Value {
    builder.call(pop, [tape, bytes])
  }

  /// Stores `values` as a record at `start` (a record's layout: 8-byte-aligned slots in order).
  func store(_ values: [Value], at start: Value, builder: Builder) {
    for (value, offset) in zip(values, slotOffsets(of: values.map(\.type))) {
      let address = offset == 0 ? start : builder.gep(i8, start, [Value.constInt(i64, offset)])
      let store = builder.store(value, to: address)
      Instruction(store.ref).alignment = 8
    }
  }

  /// Loads a record of values of `types` from `start`.
  func load(_ types: [IRType], at start: Value, builder: Builder) -> [Value] {
    zip(types, slotOffsets(of: types)).map { type, offset in
      let address = offset == 0 ? start : builder.gep(i8, start, [Value.constInt(i64, offset)])
      let value = builder.load(type, from: address)
      Instruction(value.ref).alignment = 8
      return value
    }
  }
}
