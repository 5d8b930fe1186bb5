// The C heap blocks derivative code allocates and frees, kept from one call to the next.
import CLLVM
import LLVMBinding

/// `ShadowBlocks` keeps a thread's large freed shadow blocks for the next derivative call, since
/// glibc gives the pages of a large freed block back to the system and the next call takes a page
/// fault per 4 KiB of it. The other large blocks a derivative allocates and frees on every call fare
/// the same: the primal's own, which the forward sweep allocates again (Eigen's temporaries, whose
/// release a combined gradient defers to the reverse sweep), and swad's copies of BLAS operands
/// kept for the reverse sweep. In the Eigen MLP's gradient (`benchmarks/eigen_mlp.cpp`) those took
/// 97 page faults a call after the shadows were kept, and about half of its time.
///
/// So in every function AD made, a call of the C library's `malloc`, `aligned_alloc`, `memalign` or
/// `valloc` becomes one of `swad.block.alloc`, and a call of `free` one of `swad.block.release`.
/// What the program sees does not change: a kept block is one the C library made, of at least the
/// size asked for, aligned as asked, and uninitialized memory may hold anything; a block the
/// derivative hands on (returned, or stored where the caller finds it) is the caller's to free, as
/// any block. The user's own functions, which the derivatives call unchanged where they are
/// inactive, keep their calls, as do swad's runtime routines (`swad.*`), `swad.block.alloc` among them.
enum DerivativeHeapBlocks {
  static func route(functionsNotIn existing: Set<Function>, in module: Module) {
    let builder = Builder(context: module.context)
    let i64 = IRType.int(64, in: module.context)
    for function in module.functions
    where !function.isDeclaration && !existing.contains(function) && !function.name.hasPrefix("swad.") {
      for block in function.blocks {
        for call in block.instructions where call.opcode == LLVMCall {
          guard let callee = call.calledFunction, callee.isDeclaration else { continue }
          builder.position(before: call)
          builder.debugLocation = call.debugLocation
          if callee.name == "free", call.arguments.count == 1, call.arguments[0].type.isPointer {
            builder.call(ShadowBlocks.release(in: module), [call.arguments[0]])
            call.eraseFromParent()
          } else if call.value.type.isPointer,
            let alignment = ShadowBlocks.alignment(of: call, builder: builder, module: module)
          {
            let size = builder.intCast(call.arguments[call.arguments.count - 1], to: i64, signed: false)
            let name = call.value.name
            call.value.name = ""
            let block = builder.call(ShadowBlocks.allocate(in: module), [size, alignment], name)
            call.value.replaceAllUses(with: block)
            call.eraseFromParent()
          }
        }
      }
    }
  }
}
