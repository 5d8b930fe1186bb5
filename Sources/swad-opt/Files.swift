// Reading inputs and writing outputs so that a failure never leaves a partial file behind.
import Foundation
import SwadPipeline

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

/// Writes to a fresh temporary file beside `path` (mkstemp), then renames it over `path`: readers see
/// the old file or the whole new one, never a part; a failure or a signal leaves no temporary behind.
func writeOutputAtomically(_ bytes: [UInt8], to path: String) throws {
  if path == "-" {
    FileHandle.standardOutput.write(Data(bytes))
    return
  }
  do { try TemporaryFiles.writeAtomically(bytes, to: path) } catch let error as TemporaryFileError {
    throw FileError(description: error.description)
  }
}
