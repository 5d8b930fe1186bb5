// The compiler plugin of SwadAutodiff: @autodiffReverse and @autodiffForward.
import SwiftCompilerPlugin
import SwiftSyntaxMacros

@main
struct SwadAutodiffMacrosPlugin: CompilerPlugin {
  let providingMacros: [Macro.Type] = [AutodiffReverseMacro.self, AutodiffForwardMacro.self]
}
