// The pre-AD simplification runs on the code that differentiation reads, not on the whole module.
import LLVMBinding
import SwadAD

/// The pre-AD simplification exists so that AD reads clean SSA; the post-AD optimization simplifies
/// every function anyway. A function that AD does not read (the `main` that asks for a gradient, the
/// rest of the program) would be simplified twice for nothing, so it is marked `optnone` (with the
/// `noinline` LLVM requires beside it) while the pre-AD passes run, and given back its attributes
/// after: it is simplified once, after AD, as the unoptimized functions of an `-O0` input are not at
/// all. Functions already `optnone`, `alwaysinline` ones (which cannot be `noinline`) and `optsize`
/// or `minsize` ones (which cannot be `optnone`) are left as they are. On the C benchmarks this is the caller's `main`, up to half of the module.
enum PreADScope {
  /// Runs `passes` with the functions outside `Differentiator.functionsRead(in:)` skipped. A module
  /// without entry-point calls (nothing is read) is simplified whole: the pipeline is then simply
  /// what the user asked for.
  static func run(on module: Module, _ passes: () throws -> Void) rethrows {
    let read = Differentiator.functionsRead(in: module)
    guard !read.isEmpty else { return try passes() }
    // By reference and name: the passes may delete a skipped function (an unused linkonce_odr one),
    // and only the functions still in the module afterwards are given their attributes back.
    var skipped: [Function: (name: String, hadNoInline: Bool)] = [:]
    for function in module.functions where !function.isDeclaration && !read.contains(function) {
      // LLVM's verifier rejects `optnone` beside `optsize` or `minsize` (Swift marks functions so).
      guard !["optnone", "alwaysinline", "optsize", "minsize"].contains(where: { function.hasAttribute($0) }) else { continue }
      skipped[function] = (function.name, function.hasAttribute("noinline"))
      function.addAttribute("optnone")
      function.addAttribute("noinline")
    }
    defer {
      for function in module.functions {
        guard let (name, hadNoInline) = skipped[function], function.name == name else { continue }
        function.removeAttribute("optnone")
        if !hadNoInline { function.removeAttribute("noinline") }
      }
    }
    try passes()
  }
}
