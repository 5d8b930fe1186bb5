// Large shadow heap blocks kept by a thread from one derivative call to the next.
import CLLVM
import LLVMBinding

/// The shadow of a `malloc`, `aligned_alloc`, `memalign` or `valloc` is a block of the same size,
/// zeroed, released when the derivative is done with it. A program that asks for gradients in a loop
/// asks for the same large blocks every call, and glibc gives their pages back to the system when
/// they are freed (a free block above its trim threshold at the top of the heap, a block above its
/// mmap threshold always): each call then takes a page fault per 4 KiB of shadow, and zeroes pages
/// the kernel has just zeroed. In the Eigen MLP's gradient (`benchmarks/eigen_mlp.cpp`), 224 page
/// faults a call took 40% of its time.
///
/// So a thread keeps up to `slots` freed shadow blocks of at least `smallest` bytes (at most
/// `keptLimit` bytes in all) instead of freeing them, and the next shadow allocation of about that
/// size (no more than twice smaller than the block) and alignment takes one, zeroed by the caller as
/// a new block is. Kept blocks are the C library's own, from `malloc` or `aligned_alloc`: one given
/// to a program that frees it itself (a shadow it was handed) is freed as any other. Smaller blocks
/// are left to malloc's bins, which reuse them without page faults. The blocks a thread keeps when
/// it ends are not freed (as its kept tape buffer is not).
enum ShadowBlocks {
  static let slots = 16
  static let smallest: Int64 = 64 << 10
  static let keptLimit: Int64 = 256 << 20

  /// The alignment a shadow of `call` (a C allocation of these names) needs, in `builder`'s
  /// function; nil for any other allocator (C++'s `operator new`, a user's allocator), whose
  /// shadows are made and released by that allocator.
  static func alignment(of call: Instruction, mapping map: ValueMap, builder: Builder, module: Module)
    -> Value?
  {
    guard let name = call.calledFunction?.name else { return nil }
    let i64 = IRType.int(64, in: module.context)
    // Only calls with the C library's arguments (a size; an alignment and a size), all integers.
    let arguments = call.arguments
    guard arguments.allSatisfy({ $0.type.isInteger }) else { return nil }
    switch (name, arguments.count) {
    case ("malloc", 1): return Value.constInt(i64, 16)
    case ("valloc", 1): return Value.constInt(i64, 4096)
    case ("aligned_alloc", 2), ("memalign", 2):
      return builder.intCast(map[arguments[0]], to: i64, signed: false)
    default: return nil
    }
  }

  /// `ptr @swad.block.alloc(i64 size, i64 alignment)`: a kept block that fits, or a new one from
  /// `malloc` (alignment 16) or `aligned_alloc`. Not inlined, so that its result stays a `noalias`
  /// call's to LLVM's alias analysis, as the allocator's was; not optimized (`optnone`, as
  /// `@swad.block.release`): each runs once per shadow block, scanning the slots for large ones
  /// only, and the post-AD pipeline unrolling those loops cost 4% of swad-opt's time on the BLAS
  /// MLP.
  static func allocate(in module: Module) -> Function {
    if let made = module.definedFunction(named: "swad.block.alloc") { return made }
    let context = module.context
    let pointer = IRType.pointer(in: context)
    let i64 = IRType.int(64, in: context)
    let (blocks, kept) = storage(in: module)
    let usableSize = module.mallocUsableSizeFunction
    let function = module.defineInternalFunction(named: "swad.block.alloc", returning: pointer, [i64, i64]) {
      f, b in
      let size = f.parameter(0)
      let alignment = f.parameter(1)
      let take = f.appendBlock(named: "take")
      let allocate = f.appendBlock(named: "allocate")
      let aligned = f.appendBlock(named: "aligned")
      let plain = f.appendBlock(named: "plain")
      let large = b.icmp(LLVMIntUGE, size, Value.constInt(i64, smallest))
      // The first kept block of at least `size` usable bytes, at most twice as many, aligned.
      scanSlots(blocks, in: f, builder: b, when: large, after: allocate, context: context) { slot, next in
        let block = b.load(pointer, from: slot, "block")
        let check = f.appendBlock(named: "check")
        b.condBr(b.icmp(LLVMIntNE, block, Value.null(pointer)), check, next)
        b.position(atEndOf: check)
        let usable = b.call(usableSize, [block], "usable")
        let fits = b.icmp(LLVMIntUGE, usable, size)
        let notTooLarge = b.icmp(LLVMIntULE, usable, b.shl(size, Value.constInt(i64, 1)))
        let misalignment = b.and(
          b.cast(LLVMPtrToInt, block, to: i64), b.sub(alignment, Value.constInt(i64, 1)))
        let isAligned = b.icmp(LLVMIntEQ, misalignment, Value.constInt(i64, 0))
        b.condBr(b.and(b.and(fits, notTooLarge), isAligned), take, next)
        b.position(atEndOf: take)
        _ = b.store(Value.null(pointer), to: slot)
        _ = b.store(b.sub(b.load(i64, from: kept), usable), to: kept)
        b.ret(block)
      }

      // aligned_alloc wants a size that is a multiple of the alignment.
      b.position(atEndOf: allocate)
      b.condBr(b.icmp(LLVMIntUGT, alignment, Value.constInt(i64, 16)), aligned, plain)
      b.position(atEndOf: aligned)
      let mask = b.sub(alignment, Value.constInt(i64, 1))
      let rounded = b.and(b.add(size, mask), b.xor(mask, Value.constInt(i64, -1)))
      let alignedAlloc = module.declareFunction(
        named: "aligned_alloc", type: .function(returning: pointer, [i64, i64]))
      b.ret(b.call(alignedAlloc, [alignment, rounded]))
      b.position(atEndOf: plain)
      let malloc = module.declareFunction(named: "malloc", type: .function(returning: pointer, [i64]))
      b.ret(b.call(malloc, [size]))
    }
    function.addAttribute("noinline")
    function.addAttribute("optnone")
    function.addAttribute("nounwind")
    function.addAttribute("noalias", at: 0)  // the return value
    return function
  }

  /// `void @swad.block.release(ptr)`: keeps a released shadow block for the next allocation, or
  /// frees it (a small one, or no slot or allowance left).
  static func release(in module: Module) -> Function {
    if let made = module.definedFunction(named: "swad.block.release") { return made }
    let context = module.context
    let pointer = IRType.pointer(in: context)
    let i64 = IRType.int(64, in: context)
    let void = IRType.void(in: context)
    let (blocks, kept) = storage(in: module)
    let usableSize = module.mallocUsableSizeFunction
    let function = module.defineInternalFunction(named: "swad.block.release", returning: void, [pointer]) {
      f, b in
      let block = f.parameter(0)
      let measure = f.appendBlock(named: "measure")
      let store = f.appendBlock(named: "store")
      let release = f.appendBlock(named: "release")
      let done = f.appendBlock(named: "done")
      b.condBr(b.icmp(LLVMIntEQ, block, Value.null(pointer)), done, measure)

      b.position(atEndOf: measure)
      let usable = b.call(usableSize, [block], "usable")
      let total = b.add(b.load(i64, from: kept), usable, "total")
      let large = b.icmp(LLVMIntUGE, usable, Value.constInt(i64, smallest))
      let allowed = b.icmp(LLVMIntULE, total, Value.constInt(i64, keptLimit))
      // Into the first empty slot.
      scanSlots(blocks, in: f, builder: b, when: b.and(large, allowed), after: release, context: context) {
        slot, next in
        b.condBr(b.icmp(LLVMIntEQ, b.load(pointer, from: slot), Value.null(pointer)), store, next)
        b.position(atEndOf: store)
        _ = b.store(block, to: slot)
        _ = b.store(total, to: kept)
        b.br(done)
      }

      b.position(atEndOf: release)
      let free = module.declareFunction(named: "free", type: .function(returning: void, [pointer]))
      b.call(free, [block])
      b.br(done)

      b.position(atEndOf: done)
      b.retVoid()
    }
    function.addAttribute("noinline")
    function.addAttribute("optnone")
    function.addAttribute("nounwind")
    return function
  }

  /// Branches on `condition` to a loop over the kept blocks' slots, else to `after`, where the loop
  /// also ends. `body` gets a slot's address at the end of the loop's block, and ends the block with a
  /// branch to its second argument (the next slot) or elsewhere.
  private static func scanSlots(
    _ blocks: Value, in f: Function, builder b: Builder, when condition: Value, after: BasicBlock,
    context: Context, _ body: (Value, BasicBlock) -> Void
  ) {
    let i64 = IRType.int(64, in: context)
    let entry = b.insertBlock
    let scan = f.appendBlock(named: "scan")
    let next = f.appendBlock(named: "next")
    b.condBr(condition, scan, after)
    b.position(atEndOf: scan)
    let index = b.phi(i64, "i")
    body(b.gep(IRType.pointer(in: context), blocks, [index.value], "slot"), next)
    b.position(atEndOf: next)
    let following = b.add(index.value, Value.constInt(i64, 1))
    b.condBr(b.icmp(LLVMIntULT, following, Value.constInt(i64, Int64(slots))), scan, after)
    index.addIncoming([(Value.constInt(i64, 0), entry), (following, next)])
  }

  /// The thread's kept blocks (`[slots x ptr]`, null where empty) and their usable bytes in all. Not
  /// named `swad.shadow.…`: every derivative call zeroes the globals so named (`GlobalShadows`).
  private static func storage(in module: Module) -> (blocks: Value, kept: Value) {
    let context = module.context
    let blocks = module.threadLocalGlobal(
      named: "swad.block.kept", type: IRType.array(of: IRType.pointer(in: context), count: UInt64(slots)))
    return (
      blocks, module.threadLocalGlobal(named: "swad.block.kept.bytes", type: IRType.int(64, in: context))
    )
  }
}
