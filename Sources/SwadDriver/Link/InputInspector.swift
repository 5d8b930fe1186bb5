// What the files on a linker's command line are: bitcode, archives (and how many of their members are
// bitcode), or anything else. Reads the first bytes of files and the member headers of archives.
import Foundation

/// Looks at files for the planner, remembering what it saw.
public final class InputInspector {
  private var seen: [String: LinkInputKind] = [:]

  public init() {}

  /// What `path` is (`.missing` if there is no file, or it cannot be read).
  public func kind(of path: String) -> LinkInputKind {
    if let known = seen[path] { return known }
    let result = inspect(path)
    seen[path] = result
    return result
  }

  /// Whether bytes start as LLVM bitcode, raw or wrapped (the same test as the module reader's).
  public static func isBitcode<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Bool {
    bytes.starts(with: [0x42, 0x43, 0xC0, 0xDE]) || bytes.starts(with: [0xDE, 0xC0, 0x17, 0x0B])
  }

  private func inspect(_ path: String) -> LinkInputKind {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return .missing }
    guard !isDirectory.boolValue, let handle = FileHandle(forReadingAtPath: path) else { return .other }
    let head = (try? handle.read(upToCount: 8)) ?? Data()
    try? handle.close()
    if Self.isBitcode(head) { return .bitcode }
    guard Archive.looksLikeArchive(head),
      let data = try? Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped),
      let archive = try? Archive(data, name: path)
    else { return .other }
    let bitcodeMembers = archive.members.filter { member in
      guard let contents = try? archive.contents(of: member, in: data, archivePath: path) else {
        return false
      }
      return Self.isBitcode(contents.prefix(4))
    }.count
    return .archive(bitcodeMembers: bitcodeMembers, members: archive.members.count)
  }
}
