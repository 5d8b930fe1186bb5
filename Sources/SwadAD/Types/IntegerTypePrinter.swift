// A printer for the integer type analysis, so that tests can pin it apart from the rewrite that
// uses it (`swad-opt --print-integer-types`).
import CLLVM
import LLVMBinding

/// Describes, for every function the entry points of a module reach, the integers that carry
/// floating-point bytes or are used both as floats and as integers: parameters, the result, and
/// instructions, each with its bytes (`{0-3: float, 4-7: integer}`). Integers that are only
/// integers are not listed.
public enum IntegerTypePrinter {
  public static func describe(_ module: Module) -> String {
    let reachable = UnoptimizedInput.reachableFunctions(
      from: Differentiator.differentiatedFunctions(in: module), in: module)
    let analysis = IntegerTypeAnalysis(functions: reachable)
    var text = ""
    for function in reachable where !function.isDeclaration {
      var lines: [String] = []
      func note(_ layout: ByteLayout?, _ what: String) {
        guard let layout, layout.bytes.contains(where: { $0.isFloat || $0 == .conflict }) else { return }
        lines.append("  \(layout) \(what)")
      }
      note(analysis.resultLayout(of: function), "result")
      for parameter in function.parameters { note(analysis.layout(of: parameter), parameter.description) }
      for block in function.blocks {
        for instruction in block.instructions {
          note(
            analysis.layout(of: instruction.value),
            instruction.description.trimmingWhitespace())
        }
      }
      guard !lines.isEmpty else { continue }
      text += "integer types of @\(function.name):\n" + lines.joined(separator: "\n") + "\n"
    }
    return text
  }
}
