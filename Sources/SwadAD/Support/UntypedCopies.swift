// Copies whose bytes nothing types, checked when they run.
//
// Reverse mode moves a copy's floating-point adjoints back and its pointers' shadows forward, so it
// must know which bytes are which. When nothing in the program says (the copy's own accesses, the
// declared types, the callers' hints, the copies beside it), the bytes are taken for doubles. A
// pointer taken for a double leaves its shadow behind: a vector of records holding pointers, copied
// and extended by a range `insert`, crashed in the reverse sweep. Such a copy now checks the
// source's shadow when it runs: a word that is neither zero (a value's adjoint, none accumulated
// yet in the forward sweep) nor the primal word itself (an integer's shadow is its value), nor the
// primal's bytes where it is not zero (an integer beside padding that only the primal filled), is a
// pointer's shadow, and the derivative stops there with a message that names the copy.
//
// A copy that accesses type as floating-point values or integers only may still move pointers
// nothing accesses: a merge of `std::stable_sort` at -O0 copies 24-byte records `{int; const double
// *; double}` in a helper that reads only their doubles (through the comparison), and the pointers'
// shadows stayed behind (silently wrong). Such a copy checks its source too, more narrowly, since
// padding bytes and uninitialized shadow slots hold words that are neither zero nor the primal's: it
// stops only on a word whose primal and shadow both look like user-space addresses of this process
// (8-byte aligned, at least 2^32 and below 2^47, where a position-independent program's heap, stack
// and libraries lie; a double's bits look so only for subnormal values) and differ.
import CLLVM
import LLVMBinding

enum UntypedCopies {
  static let checkName = "swad.untyped.copy.check"
  static let typedCheckName = "swad.typed.copy.check"

  /// Whether `function` is Swift's (a mangled Swift name): a Swift object's header holds its
  /// reference count, which its shadow's need not equal, so the check would stop correct code.
  static func isSwift(_ function: Function) -> Bool {
    let name = FloatCarriers.originalName(of: function.name)
    return name.hasPrefix("$s") || name.hasPrefix("_$s")
  }

  /// Emits at the builder's position the check of a copy `call` of `bytes` bytes from `source`,
  /// whose shadow is `sourceShadow` (values of the derivative function). `typedAsData`: the copy's
  /// accesses type it as values without pointers, and only words that look like addresses in both
  /// the primal and the shadow stop it.
  static func emitCheck(
    of call: Instruction, source: Value, sourceShadow: Value, bytes: Value, typedAsData: Bool, module: Module,
    builder: Builder
  ) {
    let place = call.sourceLocation.map { "\($0): " } ?? ""
    let what =
      typedAsData
      ? "the accesses to some of its bytes say floating-point values or integers, and nothing says "
        + "where pointers lie"
      : "nothing in the program says which of its bytes are floating-point values and which are pointers"
    let text =
      "swad: \(place)in function '\(demangledIfPossible(call.function.name))': cannot differentiate in "
      + "reverse mode this copy of memory: \(what), and at run time they hold a pointer, whose "
      + "shadow must move with it where a value's adjoint moves back (a standard algorithm moving "
      + "records through helpers that read only some of their fields); copy the records by their "
      + "own type, or use forward mode\n"
    let message = LLVMBuildGlobalStringPtr(builder.ref, text, "swad.untyped.copy.message")!
    let i64 = IRType.int(64, in: module.context)
    builder.call(
      checkFunction(in: module, addressesOnly: typedAsData),
      [source, sourceShadow, bytes, Value(message), Value.constInt(i64, Int64(text.utf8.count))])
  }

  /// `void @swad.untyped.copy.check(ptr primal, ptr shadow, i64 bytes, ptr message, i64 length)`
  /// (or `swad.typed.copy.check`, which stops on addresses only), defined on first use.
  private static func checkFunction(in module: Module, addressesOnly: Bool) -> Function {
    let checkName = addressesOnly ? typedCheckName : checkName
    if let defined = module.function(named: checkName) { return defined }
    let context = module.context
    let pointer = IRType.pointer(in: context)
    let i64 = IRType.int(64, in: context)
    let i32 = IRType.int(32, in: context)
    let void = IRType.void(in: context)
    let check = module.addFunction(
      named: checkName, type: .function(returning: void, [pointer, pointer, i64, pointer, i64]))
    check.linkage = LLVMInternalLinkage
    check.addAttribute("noinline")
    let entry = check.appendBlock(named: "entry")
    let loop = check.appendBlock(named: "word")
    let next = check.appendBlock(named: "next")
    let stop = check.appendBlock(named: "pointer")
    let done = check.appendBlock(named: "done")
    let b = Builder(context: context)
    b.position(atEndOf: entry)
    let words = b.lshr(check.parameter(2), Value.constInt(i64, 3))
    b.condBr(b.icmp(LLVMIntEQ, words, Value.constInt(i64, 0)), done, loop)
    b.position(atEndOf: loop)
    let index = b.phi(i64)
    let at = b.mul(index.value, Value.constInt(i64, 8))
    let primal = b.load(i64, from: b.byteOffset(check.parameter(0), at))
    Instruction(primal.ref).alignment = 1
    let shadow = b.load(i64, from: b.byteOffset(check.parameter(1), at))
    Instruction(shadow.ref).alignment = 1
    var held = b.and(
      b.icmp(LLVMIntNE, shadow, Value.constInt(i64, 0)), b.icmp(LLVMIntNE, shadow, primal))
    // (x - 2^32) < 2^47 - 2^32 and x % 8 == 0.
    func looksLikeAddress(_ word: Value, _ name: String = "") -> Value {
      let inRange = b.icmp(
        LLVMIntULT, b.sub(word, Value.constInt(i64, 1 << 32)), Value.constInt(i64, (1 << 47) - (1 << 32)))
      let aligned = b.icmp(LLVMIntEQ, b.and(word, Value.constInt(i64, 7)), Value.constInt(i64, 0))
      return b.and(inRange, aligned, name)
    }
    // An integer mirrored into the shadow beside padding the primal filled and the shadow did not
    // (a `std::pair<double, int>`'s int and 4 stale bytes of a reused heap block), or beside a float
    // whose shadow is 0 (`{float f; int s; ...}`: the word is `s << 32` in the shadow and looks like
    // an address in both): every nonzero byte of the shadow is the primal's. A shadow pointer has
    // nonzero bytes of its own (two live blocks' addresses differ in a byte that is not 0 in both),
    // and in a position-independent program looks like an address besides.
    let differing = b.and(
      nonzeroBytes(shadow, builder: b), nonzeroBytes(b.xor(shadow, primal), builder: b), "bytes.not.primal")
    let unexplained = b.icmp(LLVMIntNE, differing, Value.constInt(i64, 0), "unexplained")
    if addressesOnly {
      held = b.and(held, b.and(unexplained, b.and(looksLikeAddress(primal), looksLikeAddress(shadow))))
    } else {
      held = b.and(held, b.or(unexplained, looksLikeAddress(shadow, "address")), "pointer.shadow")
    }
    b.condBr(held, stop, next)
    b.position(atEndOf: next)
    let following = b.add(index.value, Value.constInt(i64, 1))
    index.addIncoming([(Value.constInt(i64, 0), entry), (following, next)])
    b.condBr(b.icmp(LLVMIntULT, following, words), loop, done)
    b.position(atEndOf: stop)
    b.call(module.writeFunction, [Value.constInt(i32, 2), check.parameter(3), check.parameter(4)])
    b.call(module.abortFunction, [])
    b.unreachable()
    b.position(atEndOf: done)
    b.retVoid()
    return check
  }

  /// The high bit of each nonzero byte of the 64-bit `word`, the others clear.
  private static func nonzeroBytes(_ word: Value, builder b: Builder) -> Value {
    let i64 = word.type
    let low7 = Value.constInt(i64, 0x7F7F_7F7F_7F7F_7F7F)
    let high = Value.constInt(i64, Int64(bitPattern: 0x8080_8080_8080_8080))
    // Adding 0x7F to a byte's low 7 bits carries into its high bit unless they are all 0; or-ing in
    // the byte itself adds its own high bit.
    return b.and(b.or(b.add(b.and(word, low7), low7), word), high)
  }
}
