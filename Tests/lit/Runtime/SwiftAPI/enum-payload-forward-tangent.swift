// RUN: %swad-api %s -o %t
// RUN: %t | FileCheck %s
// RUN: %swad-api -O0 %s -o %t.O0
// RUN: %t.O0 | FileCheck %s
// A tutorial-style MLP (found by testing on code nobody here wrote): a constant enum payload
// (`.leaky(0.1)` from a global array of `Activation?`) travels as the integer bits of the layer
// struct that a derivative returns, and forward mode mirrors integers stored into shadowed memory
// into the shadow. It mirrored the primal's bits, so the payload's tangent was its own value, 0.1:
// along a zero direction the tangent came out -0.0182. A field of an aggregate with a tangent now
// takes the tangent's field (0 here). Reverse mode was right.
// CHECK: tangent along 0: 0.0
import SwadAutodiff
// Small MLP in plain Swift arrays, tutorial style (cf. NNFS "dot product with a layer of neurons",
// Roslund/Titanic Layer.guess): [[Double]] weights, enum activation, softmax cross-entropy, L2.
#if canImport(Glibc)
import Glibc
#endif

enum Activation {
    case relu, tanh, sigmoid, leaky(Double)
    func apply(_ x: Double) -> Double {
        switch self {
        case .relu: return max(0, x)
        case .tanh: return Glibc.tanh(x)
        case .sigmoid: return 1.0 / (1.0 + exp(-x))
        case .leaky(let a): return x > 0 ? x : a * x
        }
    }
}

struct DenseLayer {
    var weights: [[Double]]   // [out][in]
    var biases: [Double]
    let activation: Activation?

    func forward(_ input: [Double]) -> [Double] {
        var output: [Double] = []
        for (row, b) in zip(weights, biases) {
            let z = zip(row, input).map { $0 * $1 }.reduce(b, +)
            output.append(activation?.apply(z) ?? z)
        }
        return output
    }
    var parameterCount: Int { weights.count * (weights.first?.count ?? 0) + biases.count }
}

// workaround: no [DenseLayer]; layers as separate values
struct MLP3 {
    var l1, l2, l3: DenseLayer
    init(sizes: [Int], activations: [Activation?], parameters: [Double]) {
        func make(_ l: Int, _ offset0: Int) -> DenseLayer {
            let nIn = sizes[l], nOut = sizes[l + 1]
            var offset = offset0
            var w = [[Double]]()
            for _ in 0..<nOut {
                w.append(Array(parameters[offset..<(offset + nIn)]))
                offset += nIn
            }
            let b = Array(parameters[offset..<(offset + nOut)])
            return DenseLayer(weights: w, biases: b, activation: activations[l])
        }
        l1 = make(0, 0)
        l2 = make(1, sizes[0] * sizes[1] + sizes[1])
        l3 = make(2, sizes[0] * sizes[1] + sizes[1] + sizes[1] * sizes[2] + sizes[2])
    }
    func predict(_ x: [Double]) -> [Double] { l3.forward(l2.forward(l1.forward(x))) }
}

func softmax(_ z: [Double]) -> [Double] {
    let m = z.max() ?? 0
    let e = z.map { exp($0 - m) }
    let s = e.reduce(0, +)
    return e.map { $0 / s }
}

func crossEntropy(_ probs: [Double], label: Int) -> Double { -log(probs[label] + 1e-12) }

let mlpSizes = [1, 1, 1, 1]
let mlpActs: [Activation?] = [.tanh, .leaky(0.1), nil]
let mlpData: [([Double], Int)] = (0..<1).map { i in
    let t = Double(i)
    return (Array([sin(t), cos(0.7 * t), 0.1 * t - 0.5].prefix(mlpSizes[0])), i % 3)
}
func modelLoss(_ p: [Double]) -> Double {
    let net = MLP3(sizes: mlpSizes, activations: mlpActs, parameters: p)
    var total = 0.0
    for (x, y) in mlpData {
        total += net.predict(x).reduce(0, +)
    }
    return total
}
let mlpCount: Int = 2 + 2 + 2
let modelX0: [Double] = (0..<mlpCount).map { (i: Int) -> Double in 0.5 * sin(Double(i) * 1.7 + 0.3) }

@autodiffForward(name: "jvp_loss", .dual, .dual)
func loss(p: [Double]) -> Double { modelLoss(p) }
let zero = [Double](repeating: 0, count: modelX0.count)

print("tangent along 0:", jvp_loss(p: modelX0, dp: zero).1)
