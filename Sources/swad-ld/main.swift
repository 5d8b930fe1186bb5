// swad-ld: the link step of a full-LTO build with AD in it. Used as the linker
// (`clang -flto=full --ld-path=swad-ld a.o b.o -o app`), it links the bitcode in process, differentiates
// and optimizes it, and hands one object and every other argument to the system linker.
// (A linker's command line is read with a table of options, not an argument parser: see
// SwadDriver/Link/LinkerCommandLine.swift.)
import Foundation
import SwadDriver

let usage = """
  OVERVIEW: swad-ld is the linker of a full-LTO build (clang -flto=full) in which programs ask for
  derivatives with Enzyme's conventions (__enzyme_autodiff, __enzyme_fwddiff, ...). It takes the GNU ld
  command line a compiler driver gives its linker, links the LLVM bitcode among the inputs (objects, and
  the bitcode members of static libraries) into one module, simplifies, differentiates and optimizes it
  (at the level of -plugin-opt=O<n> or --lto-O<n>, default 2, for the CPU of -plugin-opt=mcpu=), emits
  one object, and runs the system linker with that object in place of the bitcode and every other
  argument unchanged.

  USAGE: clang -flto=full -c a.c b.c
         clang -flto=full --ld-path=/path/to/swad-ld a.o b.o -lm -o app
         swad-ld [ld options] <inputs...>

  OPTIONS (swad-ld's own; from clang, pass them with -Wl,):
    --swad-verbose        Print each step and the system linker's command line.
    --swad-linker=<path>  The system linker to run (default: SWAD_SYSTEM_LD, else ld.lld-22/ld.lld, else ld).
    --help                Print this help.
    --version             Print swad-ld's version, then the system linker's.

  LTO options (-plugin, -plugin-opt=..., --lto-..., -mllvm) are taken by swad-ld and not passed on;
  those other than the level and the CPU are accepted and ignored.
  """

func fail(_ message: String) -> Never {
  FileHandle.standardError.write(Data("swad-ld: error: \(message)\n".utf8))
  exit(1)
}

do {
  let tokens = LinkerCommandLine.expandResponseFiles(Array(CommandLine.arguments.dropFirst())) { path in
    try? String(contentsOfFile: path, encoding: .utf8)
  }
  let line = try LinkerCommandLine.parse(tokens)
  if line.swad.help {
    print(usage)
    exit(0)
  }
  if line.swad.version {
    print("swad-ld 0.1.0 (LLVM 22)")
    fflush(nil)  // before the system linker's version, which it writes itself
  }
  let executable = URL(fileURLWithPath: CommandLine.arguments[0]).path
  let own =
    FileManager.default.fileExists(atPath: "/proc/self/exe")
    ? ((try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? executable)
    : executable
  try LinkDriver(executable: own, log: { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }).run(line)
} catch {
  fail("\(error)".trimmingCharacters(in: .newlines))
}
