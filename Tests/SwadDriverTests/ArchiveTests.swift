// Reading ar archives: GNU long names, the symbol index, BSD names, thin archives.
import Foundation
import XCTest

@testable import SwadDriver

final class ArchiveTests: XCTestCase {
  /// A member header: name, zeros for date/uid/gid/mode, the size, the terminator.
  func header(_ name: String, size: Int) -> [UInt8] {
    func pad(_ text: String, _ width: Int) -> [UInt8] {
      Array((text + String(repeating: " ", count: width - text.count)).utf8)
    }
    return pad(name, 16) + pad("0", 12) + pad("0", 6) + pad("0", 6) + pad("644", 8) + pad(String(size), 10)
      + [0x60, 0x0A]
  }

  func member(_ name: String, _ data: [UInt8]) -> [UInt8] {
    header(name, size: data.count) + data + (data.count % 2 == 1 ? [0x0A] : [])
  }

  func testGNUArchiveWithIndexAndLongNames() throws {
    let longNames = Array("a-very-long-member-name.o/\n".utf8)
    let bitcode: [UInt8] = [0x42, 0x43, 0xC0, 0xDE, 1]
    let bytes =
      Archive.magic + member("/", [0, 0, 0, 0]) + member("//", longNames) + member("short.o/", bitcode)
      + member("/0", Array("ELF!".utf8))
    let archive = try Archive(Data(bytes), name: "lib.a")
    XCTAssertFalse(archive.isThin)
    XCTAssertEqual(archive.members.map(\.name), ["short.o", "a-very-long-member-name.o"])
    XCTAssertEqual(
      Array(try archive.contents(of: archive.members[0], in: Data(bytes), archivePath: "lib.a")), bitcode)
    XCTAssertEqual(
      try archive.contents(of: archive.members[1], in: Data(bytes), archivePath: "lib.a"), Data("ELF!".utf8))
  }

  func testBSDNames() throws {
    let bytes = Archive.magic + member("#1/12", Array("bsd-name.o\0\0".utf8) + [1, 2, 3])
    let archive = try Archive(Data(bytes), name: "lib.a")
    XCTAssertEqual(archive.members.map(\.name), ["bsd-name.o"])
    XCTAssertEqual(
      Array(try archive.contents(of: archive.members[0], in: Data(bytes), archivePath: "lib.a")), [1, 2, 3])
  }

  func testThinArchiveMembersAreFilesBesideIt() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("thin-\(getpid())")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    try Data([0x42, 0x43, 0xC0, 0xDE]).write(to: folder.appendingPathComponent("m.o"))
    let bytes = Archive.thinMagic + header("m.o/", size: 4)
    let archive = try Archive(Data(bytes), name: "thin.a")
    XCTAssertTrue(archive.isThin)
    let path = folder.appendingPathComponent("thin.a").path
    XCTAssertEqual(
      Array(try archive.contents(of: archive.members[0], in: Data(bytes), archivePath: path)),
      [0x42, 0x43, 0xC0, 0xDE])
  }

  func testDamagedArchivesAreErrors() {
    XCTAssertThrowsError(try Archive(Data("not an archive".utf8), name: "x.a"))
    XCTAssertThrowsError(try Archive(Data(Archive.magic + header("m.o/", size: 100) + [1, 2]), name: "x.a")) {
      XCTAssertEqual("\($0)", "x.a: truncated member 'm.o/'")
    }
    var damaged = header("m.o/", size: 0)
    damaged[59] = 0
    XCTAssertThrowsError(try Archive(Data(Archive.magic + damaged), name: "x.a")) {
      XCTAssertEqual("\($0)", "x.a: damaged member header at byte 8")
    }
  }
}
