// Which linker swad-ld hands the native link to: one named by --swad-linker or SWAD_SYSTEM_LD, else ld.lld (of
// LLVM 22, then any) when the machine has it, else the system's ld. Never swad-ld itself.
import Foundation

public enum SystemLinker {
  /// The linkers looked for, in order: names are searched in PATH, paths taken as they are.
  public static let candidates = ["/usr/lib/llvm-22/bin/ld.lld", "ld.lld-22", "ld.lld", "ld", "/usr/bin/ld"]

  /// The linker to run. `own` is swad-ld's executable, skipped so that a PATH where `ld` is swad-ld
  /// (or a SWAD_SYSTEM_LD naming it) cannot make it call itself forever.
  public static func find(
    given: String?, environment: [String: String], own: String,
    isExecutable: (String) -> Bool = { FileManager.default.isExecutableFile(atPath: $0) },
    resolve: (String) -> String = { URL(fileURLWithPath: $0).resolvingSymlinksInPath().path }
  )
    throws -> String
  {
    let ownResolved = resolve(own)
    if let named = given ?? environment["SWAD_SYSTEM_LD"].flatMap({ $0.isEmpty ? nil : $0 }) {
      let path =
        named.contains("/") ? named : search(named, environment: environment, isExecutable: isExecutable)
      guard let path, isExecutable(path) else {
        throw DriverError(
          "cannot find the linker '\(named)' (from \(given != nil ? "--swad-linker" : "SWAD_SYSTEM_LD"))")
      }
      guard resolve(path) != ownResolved else {
        throw DriverError("the linker '\(named)' is swad-ld itself; name the system's linker (ld, ld.lld)")
      }
      return path
    }
    for candidate in candidates {
      let path =
        candidate.hasPrefix("/")
        ? (isExecutable(candidate) ? candidate : nil)
        : search(candidate, environment: environment, isExecutable: isExecutable)
      if let path, resolve(path) != ownResolved { return path }
    }
    throw DriverError(
      "cannot find a system linker (ld.lld or ld); install binutils or lld, or set SWAD_SYSTEM_LD")
  }

  private static func search(_ name: String, environment: [String: String], isExecutable: (String) -> Bool)
    -> String?
  {
    for folder in (environment["PATH"] ?? "").split(separator: ":") {
      let path = folder + "/" + name
      if isExecutable(path) { return path }
    }
    return nil
  }
}
