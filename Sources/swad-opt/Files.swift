// Reading inputs and writing outputs so that a failure never leaves a partial file behind. Plain
// POSIX calls: swad-opt does not load Foundation, which would cost every run ~8 ms of start-up
// (against opt's 30 ms in all).
import Glibc
import SwadPipeline

let swadVersion = "swad-opt 0.1.0 (LLVM 22)"

struct FileError: Error, CustomStringConvertible {
  var description: String
}

func readInput(_ path: String) throws -> [UInt8] {
  let descriptor = path == "-" ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC)
  guard descriptor >= 0 else {
    throw FileError(description: errno == ENOENT ? "\(path): no such file" : "\(path): cannot read file")
  }
  defer { if descriptor != STDIN_FILENO { close(descriptor) } }
  var bytes: [UInt8] = []
  var chunk = [UInt8](repeating: 0, count: 1 << 16)
  while true {
    let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
    if count == 0 { return bytes }
    if count < 0 {
      if errno == EINTR { continue }
      throw FileError(description: "\(path): cannot read file")
    }
    bytes += chunk[..<count]
  }
}

/// Writes `text` to standard error.
func printError(_ text: String) {
  _ = writeAll(Array(text.utf8), to: STDERR_FILENO)
}

/// Writes all of `bytes` to `descriptor` (retrying short writes). Returns whether it could.
func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> Bool {
  bytes.withUnsafeBytes { buffer in
    var offset = 0
    while offset < buffer.count {
      let count = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
      if count < 0 {
        if errno == EINTR { continue }
        return false
      }
      offset += count
    }
    return true
  }
}

/// Writes to a fresh temporary file beside `path` (mkstemp), then renames it over `path`: readers see
/// the old file or the whole new one, never a part; a failure or a signal leaves no temporary behind.
func writeOutputAtomically(_ bytes: [UInt8], to path: String) throws {
  if path == "-" {
    guard writeAll(bytes, to: STDOUT_FILENO) else {
      throw FileError(description: "cannot write standard output")
    }
    return
  }
  do { try TemporaryFiles.writeAtomically(bytes, to: path) } catch let error as TemporaryFileError {
    throw FileError(description: error.description)
  }
}
