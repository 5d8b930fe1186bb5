// A Swift input that declares @main is compiled with -parse-as-library (swiftc rejects @main in a
// file compiled as a script).
// RUN: %swad -v %s -o %t 2>&1 | FileCheck %s --check-prefix=CMD
// RUN: %t | FileCheck %s
// CMD: swad: compile: {{.*}}swiftc -O -wmo -emit-bc -Xfrontend -disable-llvm-optzns -module-name {{[A-Za-z_0-9]+}} -parse-as-library {{.*}}input-swift-main.swift -o
// CHECK: d/dx x*exp(x) at 1.5 = 11.20422267584516{{[0-9]*}}
#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

@_silgen_name("__enzyme_autodiff_1")
func derivative(_ f: @convention(c) (Double) -> Double, _ x: Double) -> Double

func g(_ x: Double) -> Double { x * exp(x) }

@main struct Main {
  static func main() {
    let d = derivative({ g($0) }, 1.5)
    print("d/dx x*exp(x) at 1.5 = \(d)")
    let want = (1 + 1.5) * exp(1.5)
    if abs(d - want) > 1e-12 * want { exit(1) }
  }
}
