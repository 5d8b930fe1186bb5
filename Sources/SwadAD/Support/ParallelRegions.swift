// What derivatives of OpenMP parallel regions share: the runtime entry points they call, the team
// record through which a forked forward sweep hands its per-thread tapes to the forked reverse
// sweep, and the wrappers that each thread of those forks runs.
import CLLVM
import LLVMBinding

/// The OpenMP runtime functions derivative code calls, declared on first use, and the team record.
///
/// A team record is made by the caller of a differentiated parallel region, one per fork:
///
///     { i64 capacity, i64 threads, i64 ticket, (to 64 bytes), [capacity x %swad.tape, each in 64 bytes] }
///
/// `threads` is the forward team's size (written by its thread 0), which the reverse fork asks the
/// runtime for again; `ticket` numbers the critical sections as threads leave them, so that the
/// reverse sweep enters them in the opposite order (`Gradient+OpenMP`); tape `t` is thread `t`'s.
/// While a thread runs a derivative of a region, the thread-local `swad.omp.team` points at its
/// record (critical sections in callees find their ticket counter there).
struct OpenMPSupport {
  let module: Module
  let context: Context
  let pointer: IRType
  let i32: IRType
  let i64: IRType
  let void: IRType

  init(module: Module) {
    self.module = module
    context = module.context
    pointer = IRType.pointer(in: context)
    i32 = IRType.int(32, in: context)
    i64 = IRType.int(64, in: context)
    void = IRType.void(in: context)
  }

  /// Bytes before the tapes in a team record, and per tape: a cache line each, so that threads
  /// moving their tapes' tops do not share lines.
  static let headerBytes: Int64 = 64
  static let tapeBytes: Int64 = 64

  func declare(_ name: String, returning result: IRType, _ parameters: [IRType]) -> Function {
    module.declareFunction(named: name, type: .function(returning: result, parameters))
  }

  var critical: Function { declare("__kmpc_critical", returning: void, [pointer, i32, pointer]) }
  var endCritical: Function { declare("__kmpc_end_critical", returning: void, [pointer, i32, pointer]) }
  var barrier: Function { declare("__kmpc_barrier", returning: void, [pointer, i32]) }
  var globalThreadNumber: Function { declare("__kmpc_global_thread_num", returning: i32, [pointer]) }
  var pushNumThreads: Function { declare("__kmpc_push_num_threads", returning: void, [pointer, i32, i32]) }
  var threadNumber: Function { declare("omp_get_thread_num", returning: i32, []) }
  var teamSize: Function { declare("omp_get_num_threads", returning: i32, []) }
  var maxThreads: Function { declare("omp_get_max_threads", returning: i32, []) }

  /// The thread-local pointer to the team record of the derivative region the thread runs in.
  var teamPointer: Value { module.threadLocalGlobal(named: "swad.omp.team", type: pointer) }

  /// Thread-local: whether the reverse region the thread runs in has other threads.
  var concurrentFlag: Value {
    module.threadLocalGlobal(named: "swad.omp.concurrent", type: IRType.int(1, in: context))
  }

  /// The address of field `index` (0 capacity, 1 threads, 2 ticket) of a team record.
  func field(_ index: Int64, of record: Value, builder: Builder) -> Value {
    index == 0 ? record : builder.byteOffset(record, Value.constInt(i64, 8 * index))
  }

  /// The tape of thread `thread` (an i32) in a team record.
  func tape(of thread: Value, in record: Value, builder: Builder) -> Value {
    let offset = builder.add(
      Value.constInt(i64, Self.headerBytes),
      builder.mul(builder.intCast(thread, to: i64, signed: false), Value.constInt(i64, Self.tapeBytes)))
    return builder.byteOffset(record, offset)
  }

  /// The calling thread's global thread number, asked of the runtime (the reverse sweep of a region
  /// may run on other threads than its forward sweep, so the forward sweep's number is no use).
  func currentThread(location: Value, builder: Builder) -> Value {
    builder.call(globalThreadNumber, [location])
  }

  /// Writes `message` on standard error and aborts, when `condition` holds.
  func abort(if condition: Value, _ message: String, builder: Builder, in function: Function) {
    let fail = function.appendBlock(named: "omp.mismatch"), next = function.appendBlock(named: "omp.ok")
    builder.condBr(condition, fail, next)
    builder.position(atEndOf: fail)
    let text = "swad: " + message + "\n"
    let string = LLVMBuildGlobalStringPtr(builder.ref, text, "swad.omp.message").map(Value.init)!
    let write = declare("write", returning: i64, [i32, pointer, i64])
    _ = builder.call(write, [Value.constInt(i32, 2), string, Value.constInt(i64, Int64(text.utf8.count))])
    builder.call(declare("abort", returning: void, []), [])
    builder.unreachable()
    builder.position(atEndOf: next)
  }

  /// Sets the thread's team pointer to `record` for the duration of `body`, then restores it (a
  /// region nested in another's derivative runs on a thread of the outer team).
  func withTeam(_ record: Value, builder: Builder, _ body: () -> Void) {
    let outer = builder.load(pointer, from: teamPointer, "outer.team")
    builder.store(record, to: teamPointer)
    body()
    builder.store(outer, to: teamPointer)
  }

  // MARK: - Wrappers run by each thread of a fork

  /// `augmented.par.<f>(gtid*, tid*, captured…, shadows…, record)`: thread t of the forward fork
  /// starts its tape in the record and runs the augmented microtask on it.
  func forwardWrapper(of augmented: Function) -> Function {
    let name = "augmented.par." + augmented.name
    if let made = module.function(named: name) { return made }
    let wrapper = module.addFunction(named: name, type: augmented.type)
    wrapper.linkage = LLVMInternalLinkage
    let builder = Builder(context: context)
    builder.position(atEndOf: wrapper.appendBlock(named: "entry"))
    let parameters = wrapper.parameters
    let record = parameters.last!
    let thread = builder.call(threadNumber, [], "thread")
    let capacity = builder.load(i64, from: field(0, of: record, builder: builder), "capacity")
    abort(if: builder.icmp(LLVMIntUGE, builder.intCast(thread, to: i64, signed: false), capacity),
          "a parallel region being differentiated has more threads than omp_get_max_threads() said before it "
            + "(a num_threads clause larger than OMP_NUM_THREADS?)", builder: builder, in: wrapper)
    let first = wrapper.appendBlock(named: "first"), run = wrapper.appendBlock(named: "run")
    builder.condBr(builder.icmp(LLVMIntEQ, thread, Value.constInt(i32, 0)), first, run)
    builder.position(atEndOf: first)
    let size = builder.intCast(builder.call(teamSize, [], "threads"), to: i64, signed: false)
    builder.store(size, to: field(1, of: record, builder: builder))
    builder.br(run)
    builder.position(atEndOf: run)
    let threadTape = self.tape(of: thread, in: record, builder: builder)
    builder.call(tapeStart, [threadTape])
    withTeam(record, builder: builder) {
      _ = builder.call(augmented, Array(parameters.dropLast()) + [threadTape])
    }
    builder.retVoid()
    return wrapper
  }

  /// `diffe.par.<f>(gtid*, tid*, captured…, shadows…, record)`: thread t of the reverse fork runs
  /// the reverse microtask on tape t of the record, then releases the tape.
  func reverseWrapper(of reverse: Function, augmented: Function) -> Function {
    let name = "diffe.par." + reverse.name
    if let made = module.function(named: name) { return made }
    let wrapper = module.addFunction(named: name, type: augmented.type)
    wrapper.linkage = LLVMInternalLinkage
    let builder = Builder(context: context)
    builder.position(atEndOf: wrapper.appendBlock(named: "entry"))
    let parameters = wrapper.parameters
    let record = parameters.last!
    let thread = builder.call(threadNumber, [], "thread")
    let size = builder.intCast(builder.call(teamSize, [], "threads"), to: i64, signed: false)
    let forwardSize = builder.load(i64, from: field(1, of: record, builder: builder), "forward.threads")
    abort(if: builder.icmp(LLVMIntNE, size, forwardSize),
          "the reverse sweep of a parallel region got a different number of threads than its forward sweep "
            + "(OMP_DYNAMIC or a thread limit?)", builder: builder, in: wrapper)
    let threadTape = self.tape(of: thread, in: record, builder: builder)
    // With one thread, adjoints of shared memory need no atomics (`Gradient+OpenMP.addAtomically`).
    let outerConcurrent = builder.load(IRType.int(1, in: context), from: concurrentFlag, "outer.concurrent")
    builder.store(builder.icmp(LLVMIntUGT, size, Value.constInt(i64, 1)), to: concurrentFlag)
    withTeam(record, builder: builder) {
      _ = builder.call(reverse, [threadTape] + Array(parameters.dropLast()))
    }
    builder.store(outerConcurrent, to: concurrentFlag)
    builder.call(tapeFree, [threadTape])
    builder.retVoid()
    return wrapper
  }

  /// The buffer a thread keeps between derivatives of regions (`{ base, end }`), apart from the
  /// one `TapeRuntime` keeps for whole derivative calls: the thread that starts a region also holds
  /// its caller's tape, and both buffers stay grown for the next call.
  private var keptBuffer: (base: Value, end: Value) {
    (threadLocal("swad.omp.kept.base", type: pointer), threadLocal("swad.omp.kept.end", type: pointer))
  }

  private func tapeFields(_ tape: Value, builder: Builder) -> [Value] {
    let type = IRType.structure([pointer, pointer, pointer], in: context)
    return (0..<3).map { builder.gep(type, tape, [Value.constInt(i32, 0), Value.constInt(i32, Int64($0))]) }
  }

  /// Starts a region's tape on the thread's kept region buffer.
  private var tapeStart: Function {
    if let made = module.function(named: "swad.omp.tape.start") { return made }
    let f = module.addFunction(named: "swad.omp.tape.start", type: .function(returning: void, [pointer]))
    f.linkage = LLVMInternalLinkage
    let b = Builder(context: context)
    b.position(atEndOf: f.appendBlock(named: "entry"))
    let fields = tapeFields(f.parameter(0), builder: b)
    TapeRuntime.takeKeptBuffer(keptBuffer, into: fields, pointer: pointer, builder: b)
    b.retVoid()
    return f
  }

  /// Keeps a region's tape buffer for the thread's next region (or frees it if one is kept).
  private var tapeFree: Function {
    if let made = module.function(named: "swad.omp.tape.free") { return made }
    let f = module.addFunction(named: "swad.omp.tape.free", type: .function(returning: void, [pointer]))
    f.linkage = LLVMInternalLinkage
    let b = Builder(context: context)
    b.position(atEndOf: f.appendBlock(named: "entry"))
    let fields = tapeFields(f.parameter(0), builder: b), kept = keptBuffer
    let base = b.load(pointer, from: fields[0], "base")
    let end = b.load(pointer, from: fields[2], "end")
    let keep = f.appendBlock(named: "keep"), release = f.appendBlock(named: "release")
    b.condBr(b.icmp(LLVMIntEQ, b.load(pointer, from: kept.base, "kept"), Value.null(pointer)), keep, release)
    b.position(atEndOf: keep)
    b.store(base, to: kept.base)
    b.store(end, to: kept.end)
    // The runtime's threads end with the program (or before): their kept buffer goes with them.
    let registered = threadLocal("swad.omp.kept.registered", type: IRType.int(1, in: context))
    let register = f.appendBlock(named: "register"), done = f.appendBlock(named: "done")
    b.condBr(b.load(IRType.int(1, in: context), from: registered), done, register)
    b.position(atEndOf: register)
    b.store(Value.constInt(IRType.int(1, in: context), 1), to: registered)
    let atExit = declare("__cxa_thread_atexit_impl", returning: i32, [pointer, pointer, pointer])
    var handle = module.global(named: "__dso_handle")
    if handle == nil {
      handle = module.addGlobal(named: "__dso_handle", type: IRType.int(8, in: context))
      LLVMSetVisibility(handle!.ref, LLVMHiddenVisibility)
    }
    _ = b.call(atExit, [keptRelease.value, Value.null(pointer), handle!])
    b.br(done)
    b.position(atEndOf: done)
    b.retVoid()
    b.position(atEndOf: release)
    b.call(declare("free", returning: void, [pointer]), [base])
    b.retVoid()
    return f
  }

  /// Frees the thread's kept region buffer (run when the thread ends).
  private var keptRelease: Function {
    if let made = module.function(named: "swad.omp.kept.release") { return made }
    let f = module.addFunction(named: "swad.omp.kept.release", type: .function(returning: void, [pointer]))
    f.linkage = LLVMInternalLinkage
    let b = Builder(context: context)
    b.position(atEndOf: f.appendBlock(named: "entry"))
    let kept = keptBuffer
    b.call(declare("free", returning: void, [pointer]), [b.load(pointer, from: kept.base)])
    b.store(Value.null(pointer), to: kept.base)
    b.store(Value.null(pointer), to: kept.end)
    b.store(Value.constInt(IRType.int(1, in: context), 0), to: threadLocal("swad.omp.kept.registered", type: IRType.int(1, in: context)))
    b.retVoid()
    return f
  }

  private func threadLocal(_ name: String, type: IRType) -> Value {
    module.threadLocalGlobal(named: name, type: type)
  }

  /// A zeroed team record with room for `omp_get_max_threads()` tapes, or `requested` (a
  /// num_threads clause) if more, made before a fork.
  func makeRecord(requested: Value?, builder: Builder) -> Value {
    var capacity = builder.intCast(builder.call(maxThreads, [], "max.threads"), to: i64, signed: false)
    if let requested {
      let clause = builder.intCast(requested, to: i64, signed: false)
      capacity = builder.select(builder.icmp(LLVMIntUGT, clause, capacity), clause, capacity, "capacity")
    }
    let bytes = builder.add(Value.constInt(i64, Self.headerBytes), builder.mul(capacity, Value.constInt(i64, Self.tapeBytes)))
    let alignedAlloc = declare("aligned_alloc", returning: pointer, [i64, i64])
    let record = builder.call(alignedAlloc, [Value.constInt(i64, 64), bytes], "omp.team")
    _ = builder.memset(record, byte: Value.constInt(IRType.int(8, in: context), 0), length: bytes)
    builder.store(capacity, to: record)
    return record
  }

  // MARK: - Windows of private adjoints

  /// `{ ptr buffer, i64 low, i64 high, ptr shadow }`: a thread's private adjoints of
  /// `shadow[low..<high]`, added to the shadow atomically when the thread's reverse sweep ends.
  var windowType: IRType { IRType.structure([pointer, i64, i64, pointer], in: context) }

  private func windowField(_ index: Int64, of window: Value, builder: Builder) -> Value {
    builder.gep(windowType, window, [Value.constInt(i32, 0), Value.constInt(i32, index)])
  }

  /// A new window in the entry block of a reverse function (`allocas` builds there): the record
  /// the runtime helpers take, and the function's own copies of its buffer and bounds.
  func makeWindow(_ allocas: Builder) -> AdjointWindow {
    let window = AdjointWindow(
      record: allocas.alloca(windowType, "omp.window"), buffer: allocas.alloca(pointer, "omp.window.buffer"),
      low: allocas.alloca(i64, "omp.window.low"), high: allocas.alloca(i64, "omp.window.high"))
    allocas.store(Value.null(windowType), to: window.record)
    allocas.store(Value.null(pointer), to: window.buffer)
    allocas.store(Value.constInt(i64, 0), to: window.low)
    allocas.store(Value.constInt(i64, 0), to: window.high)
    return window
  }

  /// `buffer[index - low] += value`, growing the window to `index` when it is outside (then the
  /// copies of the record's fields are read again).
  func addToWindow(_ window: AdjointWindow, index: Value, value: Value, shadow: Value, builder: Builder,
                   in function: Function) {
    let low = builder.load(i64, from: window.low, "window.low")
    let high = builder.load(i64, from: window.high, "window.high")
    let inside = builder.and(builder.icmp(LLVMIntSGE, index, low), builder.icmp(LLVMIntSLT, index, high))
    let grow = function.appendBlock(named: "window.grow"), add = function.appendBlock(named: "window.add")
    builder.condBr(inside, add, grow)
    builder.position(atEndOf: grow)
    builder.call(windowGrow, [window.record, index, shadow])
    readRecord(of: window, builder: builder)
    builder.br(add)
    builder.position(atEndOf: add)
    addToCoveredWindow(window, index: index, value: value, builder: builder)
  }

  /// `buffer[index - low] += value`, for an index the window was made to cover before (`coverWindow`).
  func addToCoveredWindow(_ window: AdjointWindow, index: Value, value: Value, builder: Builder) {
    let buffer = builder.load(pointer, from: window.buffer, "window.buffer")
    let base = builder.load(i64, from: window.low, "window.base")
    let element = builder.gep(value.type, buffer, [builder.sub(index, base)])
    builder.accumulate(value, into: element)
  }

  /// Grows the window, if it must, to cover `low...high` (the indices of a loop's first and last
  /// iterations), then reads the record's fields into the function's copies again.
  func coverWindow(_ window: AdjointWindow, low: Value, high: Value, shadow: Value, builder: Builder) {
    builder.call(windowCover, [window.record, low, high, shadow])
    readRecord(of: window, builder: builder)
  }

  /// The function's copies of a window's buffer and bounds, read again from its record (after the
  /// runtime helpers may have grown it).
  private func readRecord(of window: AdjointWindow, builder: Builder) {
    builder.store(builder.load(pointer, from: window.record), to: window.buffer)
    builder.store(builder.load(i64, from: windowField(1, of: window.record, builder: builder)), to: window.low)
    builder.store(builder.load(i64, from: windowField(2, of: window.record, builder: builder)), to: window.high)
  }

  /// `(record, low, high, shadow)`: when the window does not cover `low...high`, grows it to cover
  /// both ends (growing keeps what it covers). Inlined: the test is the common case; the growing
  /// stays a call.
  private var windowCover: Function {
    if let made = module.function(named: "swad.omp.window.cover") { return made }
    let f = module.addFunction(
      named: "swad.omp.window.cover", type: .function(returning: void, [pointer, i64, i64, pointer]))
    f.linkage = LLVMInternalLinkage
    f.addAttribute("alwaysinline")
    let b = Builder(context: context)
    let entry = f.appendBlock(named: "entry"), grow = f.appendBlock(named: "grow"), done = f.appendBlock(named: "done")
    b.position(atEndOf: entry)
    let window = f.parameter(0), low = f.parameter(1), high = f.parameter(2), shadow = f.parameter(3)
    let from = b.load(i64, from: windowField(1, of: window, builder: b))
    let to = b.load(i64, from: windowField(2, of: window, builder: b))
    // (An empty window has the bounds 0..<0, which cover nothing.)
    let outside = b.or(b.icmp(LLVMIntSLT, low, from), b.icmp(LLVMIntSGE, high, to))
    b.condBr(outside, grow, done)
    b.position(atEndOf: grow)
    b.call(windowGrow, [window, low, shadow])
    b.call(windowGrow, [window, high, shadow])
    b.br(done)
    b.position(atEndOf: done)
    b.retVoid()
    return f
  }

  /// Makes the window cover `index` (doubling), keeping what it holds; notes the shadow.
  private var windowGrow: Function {
    if let made = module.function(named: "swad.omp.window.grow") { return made }
    let f = module.addFunction(named: "swad.omp.window.grow", type: .function(returning: void, [pointer, i64, pointer]))
    f.linkage = LLVMInternalLinkage
    f.addAttribute("noinline")
    let b = Builder(context: context)
    b.position(atEndOf: f.appendBlock(named: "entry"))
    let window = f.parameter(0), index = f.parameter(1)
    let buffer = b.load(pointer, from: window)
    let low = b.load(i64, from: windowField(1, of: window, builder: b))
    let high = b.load(i64, from: windowField(2, of: window, builder: b))
    let empty = b.icmp(LLVMIntEQ, buffer, Value.null(pointer))
    let size = b.sub(high, low)
    let slack = b.select(b.icmp(LLVMIntSGT, size, Value.constInt(i64, 16)), size, Value.constInt(i64, 16))
    let wantLow = b.select(b.icmp(LLVMIntSLT, index, low), b.sub(index, slack), low)
    let wantHigh = b.select(b.icmp(LLVMIntSGE, index, high), b.add(b.add(index, Value.constInt(i64, 1)), slack), high)
    let newLow = b.select(empty, b.sub(index, Value.constInt(i64, 16)), wantLow)
    let newHigh = b.select(empty, b.add(index, Value.constInt(i64, 17)), wantHigh)
    let calloc = declare("calloc", returning: pointer, [i64, i64])
    let grown = b.call(calloc, [b.sub(newHigh, newLow), Value.constInt(i64, 8)])
    let copy = f.appendBlock(named: "copy"), done = f.appendBlock(named: "done")
    b.condBr(empty, done, copy)
    b.position(atEndOf: copy)
    let double = IRType.double(in: context)
    _ = b.memcpy(b.gep(double, grown, [b.sub(low, newLow)]), buffer, length: b.mul(size, Value.constInt(i64, 8)))
    b.call(declare("free", returning: void, [pointer]), [buffer])
    b.br(done)
    b.position(atEndOf: done)
    b.store(grown, to: window)
    b.store(newLow, to: windowField(1, of: window, builder: b))
    b.store(newHigh, to: windowField(2, of: window, builder: b))
    b.store(f.parameter(2), to: windowField(3, of: window, builder: b))
    b.retVoid()
    return f
  }

  /// Adds a window's adjoints to its shadow, atomically (other threads add theirs), and frees it.
  var windowFlush: Function {
    if let made = module.function(named: "swad.omp.window.flush") { return made }
    let f = module.addFunction(named: "swad.omp.window.flush", type: .function(returning: void, [pointer]))
    f.linkage = LLVMInternalLinkage
    let b = Builder(context: context)
    let entry = f.appendBlock(named: "entry"), loop = f.appendBlock(named: "loop"), done = f.appendBlock(named: "done")
    b.position(atEndOf: entry)
    let window = f.parameter(0)
    let buffer = b.load(pointer, from: window)
    let low = b.load(i64, from: windowField(1, of: window, builder: b))
    let high = b.load(i64, from: windowField(2, of: window, builder: b))
    let shadow = b.load(pointer, from: windowField(3, of: window, builder: b))
    b.condBr(b.icmp(LLVMIntEQ, buffer, Value.null(pointer)), done, loop)
    b.position(atEndOf: loop)
    let j = b.phi(i64, "j")
    let double = IRType.double(in: context)
    let value = b.load(double, from: b.gep(double, buffer, [b.sub(j.value, low)]))
    // Only the elements the thread added to: the window's slack lies outside the shadow's array.
    let add = f.appendBlock(named: "add"), step = f.appendBlock(named: "step")
    b.condBr(b.fcmp(LLVMRealUNE, value, Value.constReal(double, 0)), add, step)
    b.position(atEndOf: add)
    _ = LLVMBuildAtomicRMW(b.ref, LLVMAtomicRMWBinOpFAdd, b.gep(double, shadow, [j.value]).ref, value.ref,
                           LLVMAtomicOrderingMonotonic, 0)
    b.br(step)
    b.position(atEndOf: step)
    let next = b.add(j.value, Value.constInt(i64, 1))
    j.addIncoming([(low, entry), (next, step)])
    let more = b.icmp(LLVMIntSLT, next, high)
    let free = f.appendBlock(named: "free")
    b.condBr(more, loop, free)
    b.position(atEndOf: free)
    b.call(declare("free", returning: void, [pointer]), [buffer])
    b.br(done)
    b.position(atEndOf: done)
    b.retVoid()
    return f
  }
}

/// A thread's window of private adjoints in a reverse function: the record the runtime helpers
/// take (`OpenMPSupport.windowType`), and the function's own copies of its buffer and bounds. The
/// copies never escape, so the optimizer keeps them in registers: an addition inside the window
/// reads no memory but the element, where reading the record's fields again after every store of
/// an adjoint (which might, as far as the optimizer knows, be one to the record) cost half of it.
struct AdjointWindow {
  let record: Value
  let buffer: Value
  let low: Value
  let high: Value
}
