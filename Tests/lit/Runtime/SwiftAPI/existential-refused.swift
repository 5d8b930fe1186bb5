// RUN: not %swad-api -g %s -o %t 2>&1 | FileCheck %s
// RUN: not %swad-api -O0 -g %s -o %t.O0 2>&1 | FileCheck %s
// RUN: not %swad-api -g -D LOCAL %s -o %t.local 2>&1 | FileCheck --check-prefix=LOCAL %s
// RUN: not %swad-api -O0 -g -D LOCAL %s -o %t.local.O0 2>&1 | FileCheck --check-prefix=LOCAL %s
// Values of protocol type ('any Model') holding data with a derivative: the runtime copies and
// opens their boxes through the type's value witnesses, and the adjoints did not come back through
// them: the gradient of an ensemble of [any Model] came out [0, 0] silently at -O2 (a crash at
// -O0). Reverse mode refuses them now, naming the function (Reverse/Gradient+Calls.swift); generics
// (`some Model`, `<T: Model>`) and concrete types work, and so does forward mode.
// The error names the protocol where the box is a stack slot (`let m: any Model`, built with -D LOCAL), whose
// LLVM type Swift names after it; 'any P' elsewhere (an array's elements).
// CHECK: error: {{.*}}cannot differentiate in reverse mode a value of protocol type ('any P') that may hold data with a derivative{{.*}}use a generic parameter ('some P', '<T: P>')
// LOCAL: error: {{.*}}cannot differentiate in reverse mode a value of protocol type ('any existential_refused{{.*}}.Model') that may hold data with a derivative{{.*}}use a generic parameter ('some existential_refused{{.*}}.Model', '<T: existential_refused{{.*}}.Model>')
import SwadAutodiff

protocol Model { func predict(_ x: Double) -> Double }
struct Linear: Model {
  var a: Double, b: Double
  func predict(_ x: Double) -> Double { a * x + b }
}

func ensemble(_ models: [any Model], _ x: Double) -> Double {
  var s = 0.0
  for m in models { s += m.predict(x) }
  return s
}

#if LOCAL
  @inline(never) func make(_ a: Double, _ b: Double) -> any Model { Linear(a: a, b: b) }

  @autodiffReverse(name: "d_fit", .duplicated, .active)
  func fit(p: [Double]) -> Double {
    let model: any Model = make(p[0], p[1])
    let r = model.predict(2.0) - 1.0
    return r * r
  }
#else
  @autodiffReverse(name: "d_fit", .duplicated, .active)
  func fit(p: [Double]) -> Double {
    let models: [any Model] = [Linear(a: p[0], b: p[1])]
    let r = ensemble(models, 2.0) - 1.0
    return r * r
  }
#endif

@main
struct Main {
  static func main() {
    var dp = [0.0, 0.0]
    print(d_fit(p: [0.5, 0.25], dp: &dp, seed: 1), dp)
  }
}
