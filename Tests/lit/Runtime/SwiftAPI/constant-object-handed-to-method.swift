// RUN: not %swad-api -g %s -o %t 2>&1 | FileCheck %s
// RUN: not %swad-api -O0 -g %s -o %t.O0 2>&1 | FileCheck %s
// A model object (a class instance) passed as a constant, given the active parameters
// (`model.weights = params`) and then asked for the loss: the loss method gets no argument with a
// derivative, so it ran as it was and read the weights as constants, and the gradient came out
// [0, 0] with no word (Support/UnshadowedMemory.swift, requireNoDerivativeHandedAway). It is an
// error now, naming the call and the store; keep the parameters in a struct or pass them to the
// method as an argument.
// CHECK: constant-object-handed-to-method.swift:[[@LINE+15]]:{{[0-9]+}}: {{.*}}a derivative would be lost: {{.*}}LinearModel.loss{{.*}} is called here with no argument that has a derivative{{.*}}constant-object-handed-to-method.swift:[[@LINE+14]]:{{[0-9]+}}: a store of a value with a derivative
import SwadAutodiff

final class LinearModel {
  var weights: [Double] = [0, 0]
  func loss(_ xs: [Double], _ ys: [Double]) -> Double {
    var s = 0.0
    for (x, y) in zip(xs, ys) { let r = weights[0] * x + weights[1] - y; s += r * r }
    return s
  }
}

@autodiffReverse(name: "d_objective", .duplicated, .const, .const, .const, .active)
func objective(params: [Double], model: LinearModel, xs: [Double], ys: [Double]) -> Double {
  model.weights = params
  return model.loss(xs, ys)
}

@main
struct Main {
  static func main() {
    var dp = [0.0, 0.0]
    print(d_objective(params: [0.5, 0.25], dparams: &dp, model: LinearModel(), xs: [0, 1, 2], ys: [1, 2, 2.5], seed: 1), dp)
  }
}
