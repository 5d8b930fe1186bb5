// Finding SwadAutodiff beside swad, and telling which Swift sources import it.
import XCTest

@testable import SwadDriver

final class SwadAutodiffLocationTests: XCTestCase {
  func testBuildFolderThenInstalledLayout() {
    let build: Set<String> = [
      "/r/.build/debug/Modules/SwadAutodiff.swiftmodule", "/r/.build/debug/libSwadAutodiff.a",
      "/r/.build/debug/SwadAutodiffMacros-tool",
    ]
    XCTAssertEqual(
      SwadAutodiffLocation.find(besideExecutableIn: "/r/.build/debug", exists: build.contains),
      SwadAutodiffLocation(
        modules: "/r/.build/debug/Modules", library: "/r/.build/debug",
        plugin: "/r/.build/debug/SwadAutodiffMacros-tool"))
    let installed: Set<String> = [
      "/opt/swad/lib/swad/Modules/SwadAutodiff.swiftmodule", "/opt/swad/lib/swad/libSwadAutodiff.a",
      "/opt/swad/lib/swad/SwadAutodiffMacros-tool",
    ]
    XCTAssertEqual(
      SwadAutodiffLocation.find(besideExecutableIn: "/opt/swad/bin", exists: installed.contains)?.modules,
      "/opt/swad/lib/swad/Modules")
    // All three pieces, or none.
    XCTAssertNil(
      SwadAutodiffLocation.find(
        besideExecutableIn: "/r/.build/debug",
        exists: build.subtracting(["/r/.build/debug/libSwadAutodiff.a"]).contains))
  }

  func testImports() {
    XCTAssertTrue(SwadAutodiffLocation.isImported(by: "import Foundation\nimport SwadAutodiff\n"))
    XCTAssertTrue(SwadAutodiffLocation.isImported(by: "  @testable import SwadAutodiff"))
    XCTAssertTrue(SwadAutodiffLocation.isImported(by: "public import SwadAutodiff.Optimizers"))
    XCTAssertFalse(SwadAutodiffLocation.isImported(by: "// import SwadAutodiff"))
    XCTAssertFalse(SwadAutodiffLocation.isImported(by: "/*\nimport SwadAutodiff\n*/ import Glibc"))
    XCTAssertFalse(SwadAutodiffLocation.isImported(by: "import SwadAutodiffExtras"))
    XCTAssertFalse(SwadAutodiffLocation.isImported(by: "let s = \"x\"; import Foo"))
  }
}
