// ADBench's Gaussian mixture model objective (benchmarks/gmm.c) as plain Swift loops over arrays,
// its gradient with respect to alphas, means and icf by @autodiffReverse, on the data the C version
// wrote: swift GMM DUMP [reps] [budget s].
import SwadAutodiff

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

@autodiffReverse(
  name: "d_gmmObjective", .const, .const, .const, .duplicated, .duplicated, .duplicated, .const, .const, .const,
  .active)
func gmmObjective(
  d: Int, k: Int, n: Int, alphas: [Double], means: [Double], icf: [Double], x: [Double],
  wishartGamma: Double, wishartM: Int
) -> Double {
  let icfSize = d * (d + 1) / 2
  // Q_k's diagonal exp(icf[k][0..<d]) and the sums of its logarithm.
  var qdiags = [Double](repeating: 0, count: d * k)
  var sumQs = [Double](repeating: 0, count: k)
  for ik in 0..<k {
    for id in 0..<d {
      let q = icf[ik * icfSize + id]
      sumQs[ik] += q
      qdiags[ik * d + id] = exp(q)
    }
  }
  var xcentered = [Double](repeating: 0, count: d)
  var qxcentered = [Double](repeating: 0, count: d)
  var mainTerm = [Double](repeating: 0, count: k)
  var slse = 0.0
  for ix in 0..<n {
    for ik in 0..<k {
      for id in 0..<d { xcentered[id] = x[ix * d + id] - means[ik * d + id] }
      // Q x: the diagonal, then the strictly lower part stored column by column.
      for id in 0..<d { qxcentered[id] = qdiags[ik * d + id] * xcentered[id] }
      var index = ik * icfSize + d
      for i in 0..<d {
        for j in (i + 1)..<max(d, i + 1) {
          qxcentered[j] += icf[index] * xcentered[i]
          index += 1
        }
      }
      var sqnorm = 0.0
      for id in 0..<d { sqnorm += qxcentered[id] * qxcentered[id] }
      mainTerm[ik] = alphas[ik] + sumQs[ik] - 0.5 * sqnorm
    }
    slse += logsumexp(mainTerm)
  }
  let constant = -Double(n * d) * 0.5 * log(2.0 * Double.pi)
  var err = constant + slse - Double(n) * logsumexp(alphas)

  // The Wishart prior.
  let wishartN = d + wishartM + 1
  var logGamma = 0.25 * Double(d * (d - 1)) * log(Double.pi)
  for j in 1...d { logGamma += lgamma(0.5 * Double(wishartN) + 0.5 * Double(1 - j)) }
  let c = Double(wishartN * d) * (log(wishartGamma) - 0.5 * log(2.0)) - logGamma
  var prior = 0.0
  for ik in 0..<k {
    var frobenius = 0.0
    for id in 0..<d { frobenius += qdiags[ik * d + id] * qdiags[ik * d + id] }
    for i in (ik * icfSize + d)..<((ik + 1) * icfSize) { frobenius += icf[i] * icf[i] }
    prior += 0.5 * wishartGamma * wishartGamma * frobenius - Double(wishartM) * sumQs[ik]
  }
  err += prior - Double(k) * c
  return err
}

@inline(__always)
func logsumexp(_ x: [Double]) -> Double {
  var largest = x[0]
  for v in x where largest < v { largest = v }
  var sum = 0.0
  for v in x { sum += exp(v - largest) }
  return log(sum) + largest
}

@main
struct GMMBenchmark {
  static func main() {
    let arguments = CommandLine.arguments
    let data = readDump(arguments[1])
    let shape = data["shape"]!.map { Int($0) }
    let (d, k, n) = (shape[0], shape[1], shape[2])
    let alphas = data["alphas"]!, means = data["means"]!, icf = data["icf"]!, x = data["x"]!
    let gamma = data["wishart"]![0], m = Int(data["wishart"]![1])
    report(
      name: "gmm", size: "d=\(d),k=\(k),n=\(n)", expected: data["gradient"]!,
      reps: arguments.count > 2 ? Int(arguments[2])! : 21, budget: arguments.count > 3 ? Double(arguments[3])! : 20,
      primal: {
        gmmObjective(
          d: d, k: k, n: n, alphas: alphas, means: means, icf: icf, x: x, wishartGamma: gamma + opaqueZero(),
          wishartM: m)
      },
      gradient: {
        var dalphas = [Double](repeating: 0, count: alphas.count)
        var dmeans = [Double](repeating: 0, count: means.count)
        var dicf = [Double](repeating: 0, count: icf.count)
        _ = d_gmmObjective(
          d: d, k: k, n: n, alphas: alphas, dalphas: &dalphas, means: means, dmeans: &dmeans, icf: icf, dicf: &dicf,
          x: x, wishartGamma: gamma + opaqueZero(), wishartM: m, seed: 1)
        return dalphas + dmeans + dicf
      })
  }
}
