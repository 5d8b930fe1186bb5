// RUN: not %swad-api %s -o %t 2>&1 | FileCheck %s
// The macros' diagnostics as the compiler shows them (the plugin loaded by swiftc through swad's
// -Xswiftc), with their fix-its as notes; the driver stops before differentiating anything.
import SwadAutodiff

// CHECK: diagnostics.swift:[[@LINE+1]]:30: error: '.duplicated' needs a pointer, buffer pointer, array or inout parameter; parameter 'x' of type Double is passed by value: use .active (its adjoint is returned)
@autodiffReverse(name: "df", .duplicated, .active)
func f(x: Double) -> Double { x * x }
// CHECK: note: use '.active'

// CHECK: diagnostics.swift:[[@LINE+1]]:1: error: @autodiffForward on 'g' needs 3 activities (2 for its parameters, then 1 for its Double result); found 2
@autodiffForward(name: "d_g", .dual, .dual)
func g(x: Double, y: UnsafePointer<Double>) -> Double { x * y[0] }
// CHECK: note: add .dual

// CHECK: diagnostics.swift:[[@LINE+1]]:24: error: Swift lets a peer macro introduce only the names its declaration lists: the derivative of 'h' can be named dh, d_h,
@autodiffReverse(name: "gradientOfH", .active, .active)
func h(x: Float) -> Float { x * x }
// CHECK: note: name it 'd_h'

// CHECK: diagnostics.swift:[[@LINE+1]]:38: error: '.active' is a reverse-mode activity; @autodiffForward takes .const, .dual, .dualOnly, .dualv or .dualvOnly
@autodiffForward(name: "d_k", .dual, .active, .dual)
func k(x: Double, n: Double) -> Double { x * n }
// CHECK: note: use '.dual'

// CHECK: swad: error: swiftc failed to compile
