// Expanding the macros in a source text, as assertMacroExpansion does, to read the generated
// derivative's signature alone.
import SwadAutodiffMacros
import SwiftParser
import SwiftSyntax
import SwiftSyntaxMacroExpansion
import SwiftSyntaxMacros
import SwiftSyntaxMacrosTestSupport
import XCTest

let autodiffMacros: [String: Macro.Type] = [
  "autodiffReverse": AutodiffReverseMacro.self,
  "autodiffForward": AutodiffForwardMacro.self,
]

/// The source with every macro expanded.
func expanded(_ source: String) -> SourceFileSyntax {
  let file = Parser.parse(source: source)
  let context = BasicMacroExpansionContext(
    sourceFiles: [file: .init(moduleName: "TestModule", fullFilePath: "test.swift")])
  let result = file.expand(
    macros: autodiffMacros,
    contextGenerator: { BasicMacroExpansionContext(sharingWith: context, lexicalContext: $0.allMacroLexicalContexts()) },
    indentationWidth: .spaces(4))
  return result.as(SourceFileSyntax.self)!
}

/// The signatures (without bodies) of the functions named `name` in the expanded source.
func signatures(named name: String, in source: String) -> [String] {
  final class Finder: SyntaxVisitor {
    let name: String
    var found: [String] = []
    init(name: String) {
      self.name = name
      super.init(viewMode: .sourceAccurate)
    }
    override func visit(_ node: FunctionDeclSyntax) -> SyntaxVisitorContinueKind {
      if node.name.text == name {
        found.append(node.with(\.body, nil).with(\.attributes, []).trimmedDescription)
      }
      return .visitChildren
    }
  }
  let finder = Finder(name: name)
  finder.walk(expanded(source))
  return finder.found
}

/// Asserts that the macro attached to the function in `source` generates a derivative with `signature`.
func assertSignature(
  _ source: String, _ signature: String, named name: String? = nil, file: StaticString = #filePath,
  line: UInt = #line
) {
  let derivative = name ?? source.firstMatch(of: /name: "(\w+)"/).map { String($0.1) } ?? ""
  XCTAssertEqual(signatures(named: derivative, in: source), [signature], file: file, line: line)
}
