// Where the driver finds the tools it runs: clang-22 for C and C++, swiftc for Swift, rustc for Rust
// (which links through swad-ld, found beside swad).
import Foundation

/// The external tools, found on disk or given by environment variables (`SWAD_CLANG`,
/// `SWAD_CLANGXX`, `SWAD_SWIFTC`, `SWAD_RUSTC`, `SWAD_LD`) so that tests and unusual installations can
/// choose them.
public struct Toolchain: Equatable, Sendable {
  public var clang: String
  public var clangxx: String
  public var swiftc: String
  public var rustc: String
  /// swad's LTO link step, the linker of Rust programs.
  public var swadLd: String
  /// swad's own Swift API, for programs that import SwadAutodiff (nil when it is not beside swad).
  public var swadAutodiff: SwadAutodiffLocation?

  public init(clang: String, clangxx: String, swiftc: String, rustc: String = "rustc", swadLd: String = "swad-ld",
              swadAutodiff: SwadAutodiffLocation? = nil) {
    self.clang = clang
    self.clangxx = clangxx
    self.swiftc = swiftc
    self.rustc = rustc
    self.swadLd = swadLd
    self.swadAutodiff = swadAutodiff
  }

  /// The toolchain of this machine; `executable` is swad's, beside which SwadAutodiff is looked for.
  public static func discover(environment: [String: String] = ProcessInfo.processInfo.environment,
                              executable: String? = nil) -> Toolchain {
    let path = (environment["PATH"] ?? "").split(separator: ":").map(String.init)
    let folder = executable.flatMap { path in path.lastIndex(of: "/").map { String(path[..<$0]) } }
    func find(_ override: String, _ candidates: [String]) -> String {
      if let given = environment[override], !given.isEmpty { return given }
      for candidate in candidates {
        if candidate.hasPrefix("/") {
          if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        } else if let directory = path.first(where: {
          FileManager.default.isExecutableFile(atPath: $0 + "/" + candidate)
        }) {
          return directory + "/" + candidate
        }
      }
      return candidates.last!
    }
    return Toolchain(
      clang: find("SWAD_CLANG", ["/usr/lib/llvm-22/bin/clang", "clang-22"]),
      clangxx: find("SWAD_CLANGXX", ["/usr/lib/llvm-22/bin/clang++", "clang++-22"]),
      swiftc: find("SWAD_SWIFTC", ["swiftc", "/opt/swift/usr/bin/swiftc"]),
      rustc: find("SWAD_RUSTC", ["rustc", (environment["HOME"] ?? "") + "/.cargo/bin/rustc"]),
      swadLd: find("SWAD_LD", (folder.map { [$0 + "/swad-ld"] } ?? []) + ["swad-ld"]),
      swadAutodiff: folder.flatMap { SwadAutodiffLocation.find(besideExecutableIn: $0) })
  }
}
