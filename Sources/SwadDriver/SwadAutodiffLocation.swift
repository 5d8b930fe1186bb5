// Where swad's own Swift API lives (the SwadAutodiff module, its library and its macro plugin), found
// relative to the swad executable: beside it in a SwiftPM build folder, or in ../lib/swad of an
// installed layout. Programs that import SwadAutodiff then build with `swad main.swift -o app`.
import Foundation

/// The three pieces a program that imports SwadAutodiff needs.
public struct SwadAutodiffLocation: Equatable, Sendable {
  /// The folder holding `SwadAutodiff.swiftmodule` (swiftc's `-I`).
  public var modules: String
  /// The folder holding `libSwadAutodiff.a` (the link's `-L`).
  public var library: String
  /// The macro plugin executable (swiftc's `-load-plugin-executable PATH#SwadAutodiffMacros`).
  public var plugin: String

  public init(modules: String, library: String, plugin: String) {
    self.modules = modules
    self.library = library
    self.plugin = plugin
  }

  /// The layouts looked at, in order, for swad at `executableFolder`: a build folder (`.build/debug`:
  /// `Modules/`, `libSwadAutodiff.a`, `SwadAutodiffMacros-tool` beside swad), then an installed prefix
  /// (`bin/swad`, with the same three under `lib/swad/`).
  public static func find(
    besideExecutableIn executableFolder: String,
    exists: (String) -> Bool = { FileManager.default.fileExists(atPath: $0) }
  )
    -> SwadAutodiffLocation?
  {
    let folder = executableFolder.hasSuffix("/") ? String(executableFolder.dropLast()) : executableFolder
    let parent = folder.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(
      separator: "/")
    for root in [folder, parent + "/lib/swad"] {
      let location = SwadAutodiffLocation(
        modules: root + "/Modules", library: root, plugin: root + "/SwadAutodiffMacros-tool")
      if exists(location.modules + "/SwadAutodiff.swiftmodule"), exists(root + "/libSwadAutodiff.a"),
        exists(location.plugin)
      {
        return location
      }
    }
    return nil
  }

  /// Whether Swift source imports SwadAutodiff (an `import` at the start of a line, possibly with
  /// attributes before it, outside block comments).
  public static func isImported(by source: String) -> Bool {
    var inBlockComment = false
    for line in source.split(separator: "\n", omittingEmptySubsequences: false) {
      var text = line.drop { $0 == " " || $0 == "\t" }
      if inBlockComment {
        guard let end = text.range(of: "*/") else { continue }
        text = text[end.upperBound...].drop { $0 == " " || $0 == "\t" }
        inBlockComment = false
      }
      if text.hasPrefix("/*") && !text.contains("*/") {
        inBlockComment = true
        continue
      }
      // `@testable import`, `@_exported import`, `public import`…
      let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" })
      guard let importIndex = words.firstIndex(of: "import"), importIndex + 1 < words.count else { continue }
      let before = words[..<importIndex]
      guard
        before.allSatisfy({
          $0.hasPrefix("@") || ["public", "internal", "package", "private", "fileprivate"].contains($0)
        })
      else { continue }
      if words[importIndex + 1] == "SwadAutodiff" || words[importIndex + 1].hasPrefix("SwadAutodiff.") {
        return true
      }
    }
    return false
  }
}
