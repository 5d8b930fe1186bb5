// The pre-AD simplification runs on the code that differentiation reads, not on the whole module.
import LLVMBinding
import SwadAD

/// The pre-AD simplification exists so that AD reads clean SSA; the post-AD optimization simplifies
/// every function anyway. A function that AD does not read (the `main` that asks for a gradient, the
/// rest of the program) would be simplified twice for nothing, so it is marked `optnone` (with the
/// `noinline` LLVM requires beside it) while the pre-AD passes run, and given back its attributes
/// after: it is simplified once, after AD, as the unoptimized functions of an `-O0` input are not at
/// all. Functions that cannot be `optnone` or `noinline` (`SkippedFunctions.canSkip`) are left as
/// they are. On the C benchmarks this is the caller's `main`, up to half of the module.
enum PreADScope {
  /// Runs `passes` with the functions outside `Differentiator.functionsRead(in:)` skipped. A module
  /// without entry-point calls (nothing is read) is simplified whole: the pipeline is then simply
  /// what the user asked for.
  static func run(on module: Module, _ passes: () throws -> Void) rethrows {
    let read = Differentiator.functionsRead(in: module)
    guard !read.isEmpty else { return try passes() }
    let skipped = module.functions.filter { !read.contains($0) && SkippedFunctions.canSkip($0) }
    try SkippedFunctions.run(skipping: skipped, in: module, passes)
  }
}
