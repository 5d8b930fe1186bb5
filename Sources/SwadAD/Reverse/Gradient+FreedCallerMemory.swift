// Reverse mode: adjoints left in the shadow of a block the differentiated code freed, where no one
// will read them.
import CLLVM
import LLVMBinding

/// A `std::vector<double>&` passed with its shadow (`enzyme_dup`) and grown by `push_back` gets new
/// storage, and so does its shadow; the old storage is freed. The reverse sweep moves the adjoints of
/// the new storage's first elements back into the old shadow, as the copy's reverse does: the
/// derivative with respect to the elements the vector held on entry ends up in the shadow storage
/// the caller's shadow vector held, which it no longer holds (it holds the new shadow). The gradient
/// came back 0, silently; Enzyme's semantics give the same.
///
/// So where the forward sweep frees by `operator delete` a block it loaded from an argument's memory
/// (`isHeldInArgumentMemory`) whose shadow is all zeros (a
/// caller's zeroed shadow; the shadow of a block made during the gradient, whose adjoints the reverse
/// sweep of the writes that filled it takes back out), the release list gets a check of that shadow,
/// run when the gradient is done, before any block is released: a shadow holding anything but zeros
/// then holds adjoints no one reads, and the program stops naming the free. A shadow that is not all
/// zeros at the free (seeds the caller put there, a vector's spare capacity, a record's pointers) is
/// not checked: its bytes cannot be told apart from adjoints. Nor is a block C's `free` releases: one
/// from `calloc` read before it is written holds the adjoints of its zeros, which the reverse sweep
/// leaves (C++ value-initializes with stores and memsets, whose reverse clears them).
extension GradientEmitter {
  /// At the forward sweep's `operator delete` of a block by `call`, with the block's shadow `shadow`
  /// (from the C library's allocator, on the release list): registers the check when the shadow is
  /// all zeros.
  func checkAdjointsLeftBehind(in shadow: Value, freedBy call: Instruction) {
    let usableSize = builder.call(module.mallocUsableSizeFunction, [shadow])
    let clean = builder.call(Self.allZeros(in: module), [shadow, usableSize], "shadow.all.zero")
    let function = builder.insertBlock.parent
    let register = function.appendBlock(named: "freed.shadow.check")
    let done = function.appendBlock(named: "freed.shadow.checked")
    register.moveAfter(builder.insertBlock)
    done.moveAfter(register)
    builder.condBr(clean, register, done)
    builder.position(atEndOf: register)
    // A counted record runs before any block is released.
    tape.registerCountedRelease(of: shadow, by: adjointsLeftBehindCheck(freedBy: call).name, builder: builder)
    builder.br(done)
    builder.position(atEndOf: done)
  }

  /// Whether `pointer` is loaded from memory an argument points into (a vector argument's storage
  /// pointer): a block the caller may have handed in. A local's (a `std::string` on the stack whose
  /// buffer grows) is the function's own; its shadow, made by the library run on the shadow string,
  /// is not zeroed, and reading it would only be noise to valgrind.
  func isHeldInArgumentMemory(_ pointer: Value) -> Bool {
    var value = pointer.strippingPointerCasts
    while let step = value.asInstruction, step.opcode == LLVMGetElementPtr { value = step.operand(0) }
    guard let load = value.asInstruction, load.opcode == LLVMLoad else { return false }
    return MemoryWrites.underlyingObject(load.operand(0)).isArgument
  }

  /// `void @swad.freed.shadow.check.N(ptr shadow)` for the free `call`: stops the program, naming
  /// the free, when `shadow` holds anything but zeros.
  private func adjointsLeftBehindCheck(freedBy call: Instruction) -> Function {
    let name = "swad.freed.shadow.check"
    let pointer = tape.pointer
    let module = self.module
    return module.defineInternalFunction(
      named: name, returning: IRType.void(in: module.context), [pointer]
    ) { function, b in
      let shadow = function.parameter(0)
      let size = b.call(module.mallocUsableSizeFunction, [shadow])
      let clean = b.call(Self.allZeros(in: module), [shadow, size])
      let stop = function.appendBlock(named: "adjoints.left")
      let done = function.appendBlock(named: "done")
      b.condBr(clean, done, stop)
      b.position(atEndOf: stop)
      RunTimeStops.emit(
        "a derivative would be lost: the function frees memory whose shadow then receives adjoints "
          + "(the derivative with respect to the values the memory held), and no shadow the caller "
          + "holds has them: a std::vector argument given new storage (grown past its capacity by "
          + "push_back, resize or insert, or assigned another vector) leaves the derivative with "
          + "respect to its elements on entry in the storage it freed. Keep the vector's storage in "
          + "place while the function runs (reserve the capacity it needs in the vector and in its "
          + "shadow, the shadow's spare capacity zeroed: dv.assign(v.capacity(), 0); "
          + "dv.resize(v.size())), or pass the values the function reads apart from the vector it "
          + "replaces",
        at: call, module: module, builder: b)
      b.unreachable()
      b.position(atEndOf: done)
      b.retVoid()
    }
  }

  /// `i1 @swad.all.zero(ptr block, i64 bytes)`: whether the whole 8-byte words of `bytes` bytes
  /// from `block` are all zero (a heap block's usable size is whole words).
  static func allZeros(in module: Module) -> Function {
    let name = "swad.all.zero"
    if let made = module.definedFunction(named: name) { return made }
    let context = module.context
    let pointer = IRType.pointer(in: context)
    let i64 = IRType.int(64, in: context)
    let i1 = IRType.int(1, in: context)
    return module.defineInternalFunction(named: name, returning: i1, [pointer, i64]) { function, b in
      let entry = b.insertBlock
      let loop = function.appendBlock(named: "word")
      let next = function.appendBlock(named: "next")
      let yes = function.appendBlock(named: "zero")
      let no = function.appendBlock(named: "not.zero")
      let words = b.lshr(function.parameter(1), Value.constInt(i64, 3))
      b.condBr(b.icmp(LLVMIntEQ, words, Value.constInt(i64, 0)), yes, loop)
      b.position(atEndOf: loop)
      let index = b.phi(i64, "i")
      let word = b.load(i64, from: b.gep(i64, function.parameter(0), [index.value]))
      b.condBr(b.icmp(LLVMIntEQ, word, Value.constInt(i64, 0)), next, no)
      b.position(atEndOf: next)
      let following = b.add(index.value, Value.constInt(i64, 1))
      b.condBr(b.icmp(LLVMIntULT, following, words), loop, yes)
      index.addIncoming([(Value.constInt(i64, 0), entry), (following, next)])
      b.position(atEndOf: yes)
      b.ret(Value.constInt(i1, 1))
      b.position(atEndOf: no)
      b.ret(Value.constInt(i1, 0))
    }
  }
}
