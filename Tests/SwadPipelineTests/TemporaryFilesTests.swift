// Temporary folders and files: fresh, private, never a name that exists, removed.
import Foundation
import XCTest

@testable import SwadPipeline

final class TemporaryFilesTests: XCTestCase {
  var parent = ""

  override func setUpWithError() throws {
    parent =
      FileManager.default.temporaryDirectory.appendingPathComponent("tf-\(getpid())-\(UUID().uuidString)")
      .path
    try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: false)
  }

  override func tearDown() { try? FileManager.default.removeItem(atPath: parent) }

  /// Names drawn in order.
  func names(_ list: [String]) -> () -> String {
    var rest = list
    return { rest.removeFirst() }
  }

  func mode(_ path: String) -> mode_t {
    var status = stat()
    XCTAssertEqual(lstat(path, &status), 0)
    return status.st_mode & 0o777
  }

  func testAPreCreatedFolderOrSymlinkIsNotUsed() throws {
    // Somebody made the first name as a folder of their own, and the second as a symlink to theirs.
    let theirs = parent + "/swad-taken"
    try FileManager.default.createDirectory(atPath: theirs, withIntermediateDirectories: false)
    try "mine".write(toFile: theirs + "/keep", atomically: false, encoding: .utf8)
    try FileManager.default.createSymbolicLink(atPath: parent + "/swad-link", withDestinationPath: theirs)
    let scratch = try ScratchDirectory(prefix: "swad", in: parent, names: names(["taken", "link", "fresh"]))
    XCTAssertEqual(scratch.path, parent + "/swad-fresh")
    XCTAssertEqual(mode(scratch.path), 0o700)
    try "x".write(toFile: scratch.file("a.o"), atomically: false, encoding: .utf8)
    scratch.remove()
    XCTAssertFalse(FileManager.default.fileExists(atPath: scratch.path))
    XCTAssertEqual(try String(contentsOfFile: theirs + "/keep", encoding: .utf8), "mine")
    XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: parent + "/swad-link"), theirs)
  }

  func testScratchFolderGoesWhenReleased() throws {
    var scratch: ScratchDirectory? = try ScratchDirectory(in: parent)
    let path = scratch!.path
    try "x".write(toFile: scratch!.file("b.bc"), atomically: false, encoding: .utf8)
    scratch = nil
    XCTAssertFalse(FileManager.default.fileExists(atPath: path))
  }

  func testReservedFilesAreFreshAndPrivate() throws {
    let output = parent + "/out.o"
    FileManager.default.createFile(atPath: parent + "/.out.o.swad-taken", contents: Data("theirs".utf8))
    let temporary = try TemporaryFiles.reserve(beside: output, names: names(["taken", "new"]))
    XCTAssertEqual(temporary, parent + "/.out.o.swad-new")
    XCTAssertEqual(mode(temporary), 0o600)
    XCTAssertEqual(try String(contentsOfFile: parent + "/.out.o.swad-taken", encoding: .utf8), "theirs")
    TemporaryFiles.discard(temporary)
    XCTAssertFalse(FileManager.default.fileExists(atPath: temporary))
  }

  func testAtomicWritesReplaceWholeWithUsualPermissions() throws {
    let output = parent + "/out.bc"
    try TemporaryFiles.writeAtomically([1, 2, 3], to: output)
    XCTAssertEqual(FileManager.default.contents(atPath: output), Data([1, 2, 3]))
    XCTAssertEqual(mode(output), 0o666 & ~TemporaryFiles.currentUmask)
    XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: parent), ["out.bc"])
    XCTAssertThrowsError(try TemporaryFiles.writeAtomically([1], to: parent + "/no/such/x")) {
      XCTAssertTrue("\($0)".contains("no such directory"))
    }
  }
}
