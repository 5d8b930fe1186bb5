// The passes LLVM's `default<On>` stands for, as text that a pass pipeline accepts back.
import CLLVM
import LLVMExtensions

public enum DefaultPipelineText {
  /// The top-level passes of `default<O\(level)>` (levels 1 to 3) as `runPasses` builds it with
  /// `targetMachine` and the default tuning, in order: module passes and adaptors
  /// (`function<eager-inv>(…)`, `cgscc(…)`) each as one string. The C API runs a named pipeline
  /// only whole; joined with commas, a slice of these runs part of it. The text does not carry
  /// every setting: at O2 it reads back as the same pipeline; at O3 its inliner, full unrolling
  /// and loop unswitching read back with O2's settings.
  public static func topLevelPasses(level: Int, targetMachine: TargetMachine?) -> [String] {
    let text: String = takeMessage(swadDefaultPipelineText(UInt32(level), targetMachine?.ref, 1, 1, 1, 1))
    return splitTopLevel(text)
  }

  /// `text` cut at the commas outside parentheses and angle brackets.
  static func splitTopLevel(_ text: String) -> [String] {
    text.itemsOutsideBrackets().map(String.init)
  }
}
