// Functions a pass pipeline leaves alone: `optnone`, with the `noinline` LLVM requires beside it,
// while the passes run, and their own attributes back after.
import LLVMBinding

/// What `PreADScope` and `PostADScope` share: marking functions so that a pipeline skips them, and
/// unmarking them after.
enum SkippedFunctions {
  /// The marker of a skipped function, with "noinline" as its value when it had that already.
  private static let marker = "swad-skipped-by-passes"

  /// Whether `function` can be skipped: LLVM's verifier rejects `optnone` beside `optsize`,
  /// `minsize` or `optdebug` (Swift marks functions so), and `noinline` beside `alwaysinline`.
  static func canSkip(_ function: Function) -> Bool {
    !function.isDeclaration
      && !["optnone", "alwaysinline", "optsize", "minsize", "optdebug"].contains { function.hasAttribute($0) }
  }

  /// Runs `passes` with `functions` (each one `canSkip`) skipped, and gives them their attributes
  /// back after, also when the passes throw. By the marker, not by reference: a pass that rewrites
  /// a function's signature (dead argument elimination) moves its body and attributes into a new
  /// function, and one may delete a skipped function (an unused linkonce_odr one).
  static func run<Functions: Sequence<Function>>(
    skipping functions: Functions, in module: Module, _ passes: () throws -> Void
  ) rethrows {
    for function in functions {
      function.addStringAttribute(marker, value: function.hasAttribute("noinline") ? "noinline" : "")
      function.addAttribute("optnone")
      function.addAttribute("noinline")
    }
    defer {
      for function in module.functions {
        guard let had = function.stringAttributeValue(marker) else { continue }
        function.removeStringAttribute(marker)
        function.removeAttribute("optnone")
        if had != "noinline" { function.removeAttribute("noinline") }
      }
    }
    try passes()
  }
}
