// An AD error in Swift: g calls ext_fn, which has no body in the program and no derivative rule.
@_silgen_name("ext_fn")
func ext(_ x: Double) -> Double

@_silgen_name("__enzyme_autodiff_g")
func derivative(_ f: @convention(c) (Double) -> Double, _ x: Double) -> Double

func g(_ x: Double) -> Double {
  return ext(x) * x
}

print(derivative({ g($0) }, 2))
