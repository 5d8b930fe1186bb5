// The target a function AD made is compiled for: the one its primal code was compiled for.
import CLLVM
import LLVMBinding

/// clang gives every function the CPU and features it is compiled for (`"target-cpu"="x86-64"`,
/// `"target-features"="+cmov,+sse2,..."`); code generation uses the target machine's own for a
/// function without them. The functions AD makes start without them, so a derivative, a dispatcher
/// the primal itself calls (`swad.dispatch.indirect.*`), a tape helper were compiled for the driver's
/// target machine, the host's CPU: `llvm.fmuladd` became a fused multiply-add where the user's
/// build has a multiply and an add, so the primal's results changed in the last bit (61 of 1,000
/// calls of a C++ objective through a function pointer), and the program needed AVX to run.
///
/// Each function made gets the attributes of the function it was made from: the one whose name it
/// ends with after AD's prefix (`diffe_reverse_f`, `augmented_f`, `swad.dispatch.indirect.f`), or,
/// for AD's own helpers (the tape's, the shadow allocator's), the module's when every function of
/// the user's program has the same.
enum DerivativeTargetAttributes {
  static let keys = ["target-cpu", "target-features", "tune-cpu"]

  static func give(toFunctionsNotIn existing: Set<Function>, in module: Module) {
    // Of the module's functions now: AD deleted some of `existing` (the entry points' declarations).
    let originals = module.functions.filter {
      existing.contains($0) && !$0.isDeclaration && $0.hasStringAttribute("target-cpu")
    }
    guard !originals.isEmpty else { return }
    let byName = Dictionary(originals.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    let settings = Set(originals.map { function in keys.map { function.stringAttributeValue($0) ?? "" } })
    let common = settings.count == 1 ? originals.first : nil
    for function in module.functions
    where !function.isDeclaration && !existing.contains(function)
      && !function.hasStringAttribute("target-cpu")
    {
      guard let source = origin(of: function, among: byName) ?? common else { continue }
      for key in keys where source.hasStringAttribute(key) {
        function.addStringAttribute(key, value: source.stringAttributeValue(key)!)
      }
    }
  }

  /// The longest name of `functions` that `function`'s name ends with, after at least one character.
  private static func origin(of function: Function, among functions: [String: Function]) -> Function? {
    let name = function.name
    var start = name.index(after: name.startIndex)
    while start < name.endIndex {
      if let found = functions[String(name[start...])] { return found }
      start = name.index(after: start)
    }
    return nil
  }
}
