// swad: C, C++, Swift and Rust sources to a differentiated program, with AD in the middle of the pipeline.
import Foundation
import SwadDriver

let usage = """
  OVERVIEW: swad compiles C, C++, Swift and Rust programs that ask for derivatives with Enzyme's conventions
  (__enzyme_autodiff, __enzyme_fwddiff, ...): the sources are compiled to LLVM bitcode, linked into one
  module, simplified, differentiated, optimized, and linked into an executable.

  USAGE: swad [options] <inputs...> [-o <output>]

  INPUTS: .c (clang-22), .cpp/.cc/.cxx (clang++-22), .swift (swiftc; all Swift inputs form one module),
          .rs (a Rust crate's root: rustc links it through swad-ld), .ll/.bc (LLVM IR, read as is)

  OPTIONS:
    -o <file>          Write the output to <file> (default a.out, a.o, a.bc or a.ll).
    -c                 Write one object file of the whole differentiated program.
    -emit-llvm         Write the differentiated module as bitcode; with -S, as textual IR.
    -O0 -O1 -O2 -O3    The optimization after AD (default -O2; -O0 for debugging). Before AD the code is
                       always simplified at O2 without vectorization or unrolling.
    -g                 Emit debug info (errors then name files and lines).
    -I <dir>, -D <macro>, -L <dir>, -l <library>
                       As for clang (-I and -D also reach swiftc).
    -std=, -W..., -w, -pedantic, -f..., -m..., -U <macro>, -isystem/-include/-iquote/-idirafter <path>,
    -mllvm <option>    As for clang, for the C and C++ inputs (what a build system passes CC).
    -Wl,<args>, -pthread, -rdynamic, -static
                       As for clang, for the link.
    -Xclang <arg>      Pass <arg> to clang's front end.
    -Xswiftc <arg>     Pass <arg> to swiftc.
    -fopenmp           Compile C and C++ with OpenMP and link LLVM's OpenMP runtime (libomp).
    -save-temps        Keep every intermediate file, named after the inputs, in the current directory.
    -Rswad             Print what AD made and decided: the derivatives synthesized, what each tape keeps
                       per call and per loop iteration (with file:line under -g), which loops keep
                       their values as arrays, which BLAS operands are copied (as swad-opt --remarks).
    -v                 Print each step and each command line.
    --version          Print the version.
    -h, --help         Print this help.

  Compilers: clang-22, swiftc and rustc are found on this machine, or given by SWAD_CLANG, SWAD_CLANGXX,
  SWAD_SWIFTC and SWAD_RUSTC; swad-ld is found beside swad, or given by SWAD_LD. Swift inputs are compiled with -O -wmo and LLVM's passes off; a Swift input that
  declares @main is compiled with -parse-as-library. A Swift input that imports SwadAutodiff gets
  swad's own module, library and macro plugin, found beside swad (a build folder, or ../lib/swad).
  """

func fail(_ message: String) -> Never {
  FileHandle.standardError.write(Data("swad: error: \(message)\n".utf8))
  exit(1)
}

do {
  let options = try DriverOptions.parse(Array(CommandLine.arguments.dropFirst()))
  if options.help {
    print(usage)
    exit(0)
  }
  if options.version {
    print("swad 0.1.0 (LLVM 22)")
    exit(0)
  }
  // swad's own path, beside which it finds SwadAutodiff for Swift programs that import it.
  let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
    ?? URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
  try Driver(toolchain: .discover(executable: executable),
             log: { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }).run(options)
} catch {
  fail("\(error)".trimmingCharacters(in: .newlines))
}
