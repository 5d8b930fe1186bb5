// swift-tools-version:6.0
// swad: automatic differentiation of LLVM IR, in Swift.
//
// Layers, each depending only on those above it:
//   CLLVM          the LLVM 22 C API as a Swift module (module map over a shim header)
//   LLVMExtensions C functions over LLVM's C++ API for the little the C API lacks (debug info)
//   LLVMBinding    a thin, typed, lifetime-owning Swift layer over CLLVM (knows nothing of AD)
//   SwadAnalysis   CFG analyses over the binding: SCCs, dominators, loops
//   SwadAD         derivative rules, activity, call-site parsing, forward and reverse transforms
//   SwadPipeline   named pipeline stages (pre-AD passes, AD, post-AD passes)
//   SwadDriver     planning and running a build: compilers, the pipeline in process, the final link
//   swad-opt       the opt-like command-line tool
//   swad           the compiler driver
//   swad-ld        the link step of a full-LTO build (clang -flto=full --ld-path=swad-ld)
//   SwadAutodiff   the Swift API (Rust's std::autodiff for Swift): @autodiffReverse/@autodiffForward,
//                  whose attached macros live in the SwadAutodiffMacros compiler plugin (swift-syntax);
//                  programs that use it are built by the swad driver (README, "Swift API")
import CompilerPluginSupport
import PackageDescription

let llvmPrefix = "/usr/lib/llvm-22"
let llvmLink: [LinkerSetting] = [
  .unsafeFlags(["-L\(llvmPrefix)/lib", "-Xlinker", "-rpath", "-Xlinker", "\(llvmPrefix)/lib"]),
  .linkedLibrary("LLVM-22"),
]
let llvmC: [SwiftSetting] = [.unsafeFlags(["-Xcc", "-I\(llvmPrefix)/include"])]
// As `llvm-config --cxxflags` gives them, plus no RTTI (LLVM is built without), and DWARF 4 like
// swiftc's: Valgrind 3.19 gives up on a binary that mixes in clang's default DWARF 5.
let llvmCxx: [CXXSetting] = [
  .unsafeFlags(["-I\(llvmPrefix)/include", "-fno-exceptions", "-fno-rtti", "-gdwarf-4"]),
  .define("_GNU_SOURCE"), .define("__STDC_CONSTANT_MACROS"), .define("__STDC_FORMAT_MACROS"),
  .define("__STDC_LIMIT_MACROS"),
]

let package = Package(
  name: "swad",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "swad-opt", targets: ["swad-opt"]),
    .executable(name: "swad", targets: ["swad"]),
    .executable(name: "swad-ld", targets: ["swad-ld"]),
    .library(name: "SwadAutodiff", type: .static, targets: ["SwadAutodiff"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/swiftlang/swift-syntax", from: "603.0.1"),
  ],
  targets: [
    .systemLibrary(name: "CLLVM", path: "Sources/CLLVM"),
    .target(name: "LLVMExtensions", cxxSettings: llvmCxx),
    .target(
      name: "LLVMBinding", dependencies: ["CLLVM", "LLVMExtensions"], swiftSettings: llvmC,
      linkerSettings: llvmLink),
    .target(name: "SwadAnalysis", dependencies: ["LLVMBinding"], swiftSettings: llvmC),
    .target(name: "SwadAD", dependencies: ["LLVMBinding", "SwadAnalysis"], swiftSettings: llvmC),
    .target(name: "SwadPipeline", dependencies: ["LLVMBinding", "SwadAnalysis", "SwadAD"], swiftSettings: llvmC),
    // swad-opt runs once per module in a build, as opt does, so its start-up counts: with the Swift
    // runtime and standard library linked in statically, the dynamic loader does not bind their
    // symbols at every run (`swad-opt --version`: 47 ms dynamically linked, 29 ms so; opt: 26 ms).
    // The static FoundationEssentials (ArgumentParser's) needs the three libraries named after it.
    .executableTarget(
      name: "swad-opt",
      dependencies: [
        "SwadPipeline", "SwadAD", "LLVMBinding",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      swiftSettings: llvmC, linkerSettings: llvmLink + [
        .unsafeFlags(["-static-stdlib"]), .linkedLibrary("_FoundationCollections"),
        .linkedLibrary("_FoundationCShims"), .linkedLibrary("swiftSynchronization"),
      ]),
    .target(name: "SwadDriver", dependencies: ["SwadPipeline", "LLVMBinding"], swiftSettings: llvmC),
    .executableTarget(
      name: "swad", dependencies: ["SwadDriver"], swiftSettings: llvmC, linkerSettings: llvmLink),
    .executableTarget(
      name: "swad-ld", dependencies: ["SwadDriver"], swiftSettings: llvmC, linkerSettings: llvmLink),
    .testTarget(
      name: "SwadDriverTests", dependencies: ["SwadDriver"], swiftSettings: llvmC, linkerSettings: llvmLink),
    .testTarget(
      name: "SwadPipelineTests", dependencies: ["SwadPipeline"], swiftSettings: llvmC,
      linkerSettings: llvmLink),
    .testTarget(
      name: "LLVMBindingTests", dependencies: ["LLVMBinding"], swiftSettings: llvmC, linkerSettings: llvmLink),
    .testTarget(
      name: "SwadAnalysisTests", dependencies: ["SwadAnalysis", "LLVMBinding"], swiftSettings: llvmC,
      linkerSettings: llvmLink),
    .testTarget(
      name: "SwadADTests", dependencies: ["SwadAD"], swiftSettings: llvmC, linkerSettings: llvmLink),
    .macro(
      name: "SwadAutodiffMacros",
      dependencies: [
        .product(name: "SwiftSyntaxMacros", package: "swift-syntax"),
        .product(name: "SwiftSyntaxBuilder", package: "swift-syntax"),
        .product(name: "SwiftCompilerPlugin", package: "swift-syntax"),
        .product(name: "SwiftDiagnostics", package: "swift-syntax"),
      ]),
    .target(name: "SwadAutodiff", dependencies: ["SwadAutodiffMacros"]),
    .testTarget(
      name: "SwadAutodiffMacrosTests",
      dependencies: [
        "SwadAutodiffMacros",
        .product(name: "SwiftSyntaxMacrosTestSupport", package: "swift-syntax"),
      ]),
  ],
  cxxLanguageStandard: .cxx17
)
