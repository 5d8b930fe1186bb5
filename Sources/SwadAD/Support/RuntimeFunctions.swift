// swad's own small runtime functions in the module (the tapes' reserve/pop/grow, their checks):
// internal, defined once, found again by name.
import CLLVM
import LLVMBinding

extension Module {
  /// Calls `void name()` just before `instruction`, declaring it (its body is given later, once
  /// the module tells what it must do: `GlobalShadows.defineReset`, `UnshadowedMemory.define`).
  func callDeclaredFunction(named name: String, before instruction: Instruction) {
    let function = declareFunction(named: name, type: .function(returning: IRType.void(in: context), []))
    let builder = Builder(context: context)
    builder.position(before: instruction)
    builder.call(function, [])
  }

  /// The function `name` if the module defines it (a declaration does not count).
  func definedFunction(named name: String) -> Function? {
    guard let f = function(named: name), !f.isDeclaration else { return nil }
    return f
  }

  /// Defines the internal function `name`, its body made by `body` from an entry block.
  func defineInternalFunction(
    named name: String, returning result: IRType, _ parameters: [IRType],
    body: (Function, Builder) -> Void
  ) -> Function {
    let f = addFunction(named: name, type: .function(returning: result, parameters))
    f.linkage = LLVMInternalLinkage
    let b = Builder(context: context)
    b.position(atEndOf: f.appendBlock(named: "entry"))
    body(f, b)
    return f
  }
}

extension Module {
  /// The C library's `ssize_t write(int, const void *, size_t)`, declared if the module lacks it:
  /// run-time stops write their messages with it, which needs no stdio.
  var writeFunction: Function {
    let i64 = IRType.int(64, in: context)
    return declareFunction(
      named: "write",
      type: .function(returning: i64, [IRType.int(32, in: context), IRType.pointer(in: context), i64]))
  }

  /// The C library's `void abort(void)`, declared if the module lacks it.
  var abortFunction: Function {
    declareFunction(named: "abort", type: .function(returning: IRType.void(in: context), []))
  }

  /// glibc's `size_t malloc_usable_size(void *)`, declared if the module lacks it: how many bytes a
  /// C heap block really has (shadows are zeroed and sized by it).
  var mallocUsableSizeFunction: Function {
    declareFunction(
      named: "malloc_usable_size",
      type: .function(returning: IRType.int(64, in: context), [IRType.pointer(in: context)]))
  }

  /// The C library's `size_t strlen(const char *)`, declared if the module lacks it.
  var strlenFunction: Function {
    declareFunction(
      named: "strlen", type: .function(returning: IRType.int(64, in: context), [IRType.pointer(in: context)]))
  }
}

extension Module {
  /// Links one of swad's C runtimes (its IR, made by `scripts/gen-runtime`) into the module when some
  /// derivative calls a function whose name starts with `prefix`. Its functions and `globals` are
  /// `linkonce_odr`: every object file that needs them has a copy, and the linker keeps one.
  func linkRuntime(_ ir: String, named name: String, prefix: String, globals: [String] = []) throws {
    guard functions.contains(where: { $0.isDeclaration && $0.name.hasPrefix(prefix) }) else { return }
    let runtime = try Module.parse(Array(ir.utf8), name: name, context: context)
    runtime.dataLayout = dataLayout
    runtime.targetTriple = targetTriple
    try link(consuming: runtime)
    for function in functions where function.name.hasPrefix(prefix) && !function.isDeclaration {
      function.linkage = LLVMLinkOnceODRLinkage
    }
    for name in globals { global(named: name)?.linkage = LLVMLinkOnceODRLinkage }
  }
}
