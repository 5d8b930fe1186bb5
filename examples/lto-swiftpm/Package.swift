// swift-tools-version:6.0
// A SwiftPM package whose executable uses SwadAutodiff, differentiated by swad at its link step:
//   swift build --experimental-lto-mode=full --toolset toolset.json      (debug, or -c release)
// The LTO mode compiles the package to LLVM bitcode; the toolset makes swad-ld the linker and points
// swiftc at swad's SwadAutodiff (module, macro plugin, library) in the swad checkout's build folder.
// Build swad first (`swift build` in the checkout).
import PackageDescription

let package = Package(
  name: "Fit",
  targets: [
    .executableTarget(name: "Fit", swiftSettings: [.swiftLanguageMode(.v5)])
  ]
)
