// A printer for activity analysis, so that tests can pin it apart from the emitters
// (`swad-opt --print-activity`).
import CLLVM
import LLVMBinding

/// Describes, for each entry-point call of a module, the activity of every value of the function it
/// differentiates: `active` (varied and useful: gets derivative code), `varied` (depends on an
/// active input but influences no active output), or `inactive` (depends on no active input). A
/// pointer whose shadow may be the pointer itself (constant data met by shadowed data, checked at run
/// time: `ConstantShadows`) is marked `[runtime-checked shadow]`.
public enum ActivityPrinter {
  public static func describe(_ module: Module) throws -> String {
    let rules = try CustomRules(module: module)
    let globals = GlobalShadows(
      module: module, reached: try Differentiator(module: module).functionsDerivativesReach())
    var text = ""
    for (call, mode) in try Differentiator(module: module).entryPointCalls() where mode != .augmentSize {
      let request = try CallSiteParser(module: module, call: call, mode: mode).parse()
      let function = request.function
      let varied = Set(
        request.arguments.enumerated().filter { $0.element.activity != .constant }.map(\.offset))
      let activeReturn = !mode.isForward && function.returnType.isFloatingPoint
      let analysis = ActivityAnalysis(
        function: function, variedParameters: varied, activeReturn: activeReturn,
        classifier: CallClassifier(rules: rules, mode: mode == .forwardSplit ? .forward : mode),
        globals: globals)
      let checked = ConstantShadows(function: function, parameters: [], activity: analysis)
      let activities = request.arguments.map(\.activity.rawValue).joined(separator: ", ")
      text += "activity of @\(function.name) (\(mode.rawValue); \(activities)):\n"
      for parameter in function.parameters {
        text += "  \(label(analysis, parameter)) \(parameter.description)\n"
      }
      for block in function.blocks {
        for instruction in block.instructions where !instruction.type.isVoid {
          let line = instruction.description.trimmingWhitespace()
          let note = checked.contains(instruction.value) ? "  [runtime-checked shadow]" : ""
          text += "  \(label(analysis, instruction.value)) \(line)\(note)\n"
        }
      }
    }
    return text
  }

  private static func label(_ analysis: ActivityAnalysis, _ value: Value) -> String {
    if analysis.isActive(value) { return "active:  " }
    return analysis.isVaried(value) ? "varied:  " : "inactive:"
  }
}
