// Reading inputs and writing outputs so that a failure never leaves a partial file behind.
import Foundation

let swadVersion = "swad-opt 0.1.0 (LLVM 22)"

struct FileError: Error, CustomStringConvertible {
  var description: String
}

func readInput(_ path: String) throws -> [UInt8] {
  if path == "-" { return Array(FileHandle.standardInput.readDataToEndOfFile()) }
  guard FileManager.default.fileExists(atPath: path) else {
    throw FileError(description: "\(path): no such file")
  }
  guard let data = FileManager.default.contents(atPath: path) else {
    throw FileError(description: "\(path): cannot read file")
  }
  return Array(data)
}

/// Writes to a temporary file beside `path`, then renames it over `path`: readers see the old file or
/// the whole new one, never a part.
func writeOutputAtomically(_ bytes: [UInt8], to path: String) throws {
  if path == "-" {
    FileHandle.standardOutput.write(Data(bytes))
    return
  }
  guard !path.isEmpty else { throw FileError(description: "the output path is empty") }
  // The directory part as the user wrote it, so that messages name what they typed.
  let slash = path.lastIndex(of: "/")
  let directory = slash.map { path[..<$0].isEmpty ? "/" : String(path[..<$0]) } ?? "."
  let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
  var isDirectory: ObjCBool = false
  guard !name.isEmpty else { throw FileError(description: "\(path): cannot write output: it names a directory") }
  guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) else {
    throw FileError(description: "\(path): cannot write output: no such directory '\(directory)'")
  }
  guard isDirectory.boolValue else {
    throw FileError(description: "\(path): cannot write output: '\(directory)' is not a directory")
  }
  let temporary = directory + "/." + name + ".swad-tmp-\(getpid())"
  guard FileManager.default.createFile(atPath: temporary, contents: Data(bytes)) else {
    throw FileError(description: "\(path): cannot write output")
  }
  if rename(temporary, path) != 0 {
    let reason = String(cString: strerror(errno))
    unlink(temporary)
    throw FileError(description: "\(path): cannot write output: \(reason)")
  }
}
