// -Xswiftc passes its argument to swiftc: here a conditional-compilation flag.
// RUN: %swad -Xswiftc -DFROM_XSWIFTC %s -o %t
// RUN: %t | FileCheck %s
// RUN: %swad -v -Xswiftc -DFROM_XSWIFTC -Xswiftc -enforce-exclusivity=checked %s -o %t 2>&1 | FileCheck %s --check-prefix=CMD
// RUN: %swad %s -o %t.without
// RUN: not %t.without | FileCheck %s --check-prefix=WITHOUT
// CHECK: -Xswiftc reached swiftc: d/dx x^3 at 2 = 12.0
// CMD: swad: compile: {{.*}}swiftc -O -wmo -emit-bc {{.*}} -DFROM_XSWIFTC -enforce-exclusivity=checked {{.*}}xswiftc.swift -o
// WITHOUT: FROM_XSWIFTC is not set
#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

@_silgen_name("__enzyme_autodiff_cube")
func derivative(_ f: @convention(c) (Double) -> Double, _ x: Double) -> Double

#if FROM_XSWIFTC
  let d = derivative({ $0 * $0 * $0 }, 2)
  print("-Xswiftc reached swiftc: d/dx x^3 at 2 = \(d)")
  exit(d == 12 ? 0 : 1)
#else
  print("FROM_XSWIFTC is not set")
  exit(1)
#endif
