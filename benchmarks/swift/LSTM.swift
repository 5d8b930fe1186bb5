// ADBench's LSTM objective (benchmarks/lstm.c) as plain Swift loops over arrays, its gradient with
// respect to the main and extra parameters by @autodiffReverse (the state, updated in place, is
// duplicated too), on the data the C version wrote: swift LSTM DUMP [reps] [budget s].
import SwadAutodiff

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

@inline(__always) func sigmoid(_ x: Double) -> Double { 1.0 / (1.0 + exp(-x)) }

@autodiffReverse(name: "d_lstmObjective", .const, .const, .const, .duplicated, .duplicated, .duplicated, .const, .active)
func lstmObjective(
  l: Int, c: Int, b: Int, mainParams: [Double], extra: [Double], state: inout [Double], sequence: [Double]
) -> Double {
  var gates = [Double](repeating: 0, count: 4 * b)
  var ypred = [Double](repeating: 0, count: b)
  var total = 0.0
  var input = 0  // the offset of the current character in the sequence
  for t in 0..<(c - 1) {
    // Predict: scale the input, run the layers, map the last hidden state.
    for i in 0..<b { ypred[i] = sequence[input + i] * extra[i] }
    for j in 0..<l {
      let w = 8 * b * j, bias = w + 4 * b, hidden = 2 * b * j, cell = hidden + b
      for i in 0..<b {
        // The first layer reads the scaled input (in ypred), the others the previous hidden state.
        let x = j == 0 ? ypred[i] : state[hidden - 2 * b + i]
        gates[i] = sigmoid(x * mainParams[w + i] + mainParams[bias + i])
        gates[b + i] = sigmoid(state[hidden + i] * mainParams[w + b + i] + mainParams[bias + b + i])
        gates[2 * b + i] = sigmoid(x * mainParams[w + 2 * b + i] + mainParams[bias + 2 * b + i])
        gates[3 * b + i] = tanh(state[hidden + i] * mainParams[w + 3 * b + i] + mainParams[bias + 3 * b + i])
      }
      for i in 0..<b { state[cell + i] = state[cell + i] * gates[i] + gates[b + i] * gates[3 * b + i] }
      for i in 0..<b { state[hidden + i] = gates[2 * b + i] * tanh(state[cell + i]) }
    }
    let last = 2 * b * (l - 1)
    for i in 0..<b { ypred[i] = state[last + i] * extra[b + i] + extra[2 * b + i] }
    var sum = 0.0
    for i in 0..<b { sum += exp(ypred[i]) }
    let lse = log(sum + 2.0)  // ADBench's logsumexp, with its "+ 2"
    let target = (t + 1) * b
    for i in 0..<b { total += sequence[target + i] * (ypred[i] - lse) }
    input = target
  }
  return -total / Double((c - 1) * b)
}

@main
struct LSTMBenchmark {
  static func main() {
    let arguments = CommandLine.arguments
    let data = readDump(arguments[1])
    let shape = data["shape"]!.map { Int($0) }
    let (l, c, b) = (shape[0], shape[1], shape[2])
    let mainParams = data["main"]!, extra = data["extra"]!, state0 = data["state"]!, sequence = data["sequence"]!
    report(
      name: "lstm", size: "l=\(l),c=\(c),b=\(b)", expected: data["gradient"]!,
      reps: arguments.count > 2 ? Int(arguments[2])! : 101, budget: arguments.count > 3 ? Double(arguments[3])! : 20,
      primal: {
        var state = state0
        state[0] += opaqueZero()
        return lstmObjective(l: l, c: c, b: b, mainParams: mainParams, extra: extra, state: &state, sequence: sequence)
      },
      gradient: {
        var state = state0
        state[0] += opaqueZero()
        var dmain = [Double](repeating: 0, count: mainParams.count)
        var dextra = [Double](repeating: 0, count: extra.count)
        var dstate = [Double](repeating: 0, count: state.count)
        _ = d_lstmObjective(
          l: l, c: c, b: b, mainParams: mainParams, dmainParams: &dmain, extra: extra, dextra: &dextra, state: &state,
          dstate: &dstate, sequence: sequence, seed: 1)
        return dmain + dextra
      })
  }
}
