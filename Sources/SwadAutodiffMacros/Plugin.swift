import SwiftCompilerPlugin
import SwiftSyntax
import SwiftSyntaxMacros

public struct ProbeMacro: PeerMacro {
  public static func expansion(of node: AttributeSyntax, providingPeersOf declaration: some DeclSyntaxProtocol,
                               in context: some MacroExpansionContext) throws -> [DeclSyntax] {
    guard case .argumentList(let args) = node.arguments, let first = args.first,
          let s = first.expression.as(StringLiteralExprSyntax.self)?.representedLiteralValue else { return [] }
    return ["func \(raw: s)() -> Int { 42 }"]
  }
}

@main struct Plugin: CompilerPlugin {
  let providingMacros: [Macro.Type] = [ProbeMacro.self]
}
