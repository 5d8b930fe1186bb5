// Two optimizers for fitting with the gradients the macros and helpers give: Adam (first-order, with
// per-parameter step sizes) and L-BFGS (quasi-Newton, with a backtracking line search). Neither
// differentiates anything itself; they are ordinary Swift, inlinable so that a program built by swad
// does not need SwadAutodiff's object code.

/// Adam (Kingma & Ba): `step` moves the parameters against the gradient, scaled per parameter by
/// running estimates of the gradient's first and second moments.
@frozen
public struct Adam {
  public var learningRate: Double
  public var beta1: Double
  public var beta2: Double
  public var epsilon: Double
  /// The moment estimates and the number of steps taken.
  public var m: [Double]
  public var v: [Double]
  public var t: Int

  @inlinable
  public init(parameterCount: Int, learningRate: Double = 1e-3, beta1: Double = 0.9, beta2: Double = 0.999,
              epsilon: Double = 1e-12) {
    self.learningRate = learningRate
    self.beta1 = beta1
    self.beta2 = beta2
    self.epsilon = epsilon
    m = [Double](repeating: 0, count: parameterCount)
    v = [Double](repeating: 0, count: parameterCount)
    t = 0
  }

  /// One step: `parameters -= learningRate · m̂ / (√v̂ + ε)`.
  @inlinable
  public mutating func step(_ parameters: inout [Double], gradient: [Double]) {
    precondition(parameters.count == m.count && gradient.count == m.count, "Adam: wrong number of parameters")
    t += 1
    let correction1 = 1 - pow(beta1, Double(t))
    let correction2 = 1 - pow(beta2, Double(t))
    for j in parameters.indices {
      m[j] = beta1 * m[j] + (1 - beta1) * gradient[j]
      v[j] = beta2 * v[j] + (1 - beta2) * gradient[j] * gradient[j]
      parameters[j] -= learningRate * (m[j] / correction1) / ((v[j] / correction2).squareRoot() + epsilon)
    }
  }

  /// `x^n` for a positive integer `n`, without Foundation.
  @inlinable
  func pow(_ x: Double, _ n: Double) -> Double {
    var result = 1.0
    var base = x
    var k = Int(n)
    while k > 0 {
      if k & 1 == 1 { result *= base }
      base *= base
      k >>= 1
    }
    return result
  }
}

/// L-BFGS (Nocedal & Wright, algorithm 7.4/7.5): minimizes `f` from `x`, given a function returning
/// the value and the gradient, keeping the last `memory` curvature pairs; each step is searched
/// backwards from the quasi-Newton step until the Armijo condition holds.
@frozen
public struct LBFGS {
  public var memory: Int
  public var maxIterations: Int
  /// Stop when the gradient's largest component is below this.
  public var gradientTolerance: Double

  @inlinable
  public init(memory: Int = 8, maxIterations: Int = 200, gradientTolerance: Double = 1e-8) {
    self.memory = memory
    self.maxIterations = maxIterations
    self.gradientTolerance = gradientTolerance
  }

  /// The result of a minimization.
  @frozen
  public struct Result {
    public var x: [Double]
    public var value: Double
    public var gradient: [Double]
    public var iterations: Int
    public var evaluations: Int

    @inlinable
    public init(x: [Double], value: Double, gradient: [Double], iterations: Int, evaluations: Int) {
      self.x = x
      self.value = value
      self.gradient = gradient
      self.iterations = iterations
      self.evaluations = evaluations
    }
  }

  @inlinable
  public func minimize(from start: [Double], _ valueAndGradient: ([Double]) -> (Double, [Double])) -> Result {
    var x = start
    var (value, gradient) = valueAndGradient(x)
    var evaluations = 1
    var s: [[Double]] = []
    var y: [[Double]] = []
    var iteration = 0
    func dot(_ a: [Double], _ b: [Double]) -> Double {
      var sum = 0.0
      for i in a.indices { sum += a[i] * b[i] }
      return sum
    }
    while iteration < maxIterations, gradient.map({ abs($0) }).max() ?? 0 > gradientTolerance {
      iteration += 1
      // Two-loop recursion: direction = -H·g.
      var q = gradient
      var alphas = [Double](repeating: 0, count: s.count)
      for k in s.indices.reversed() {
        alphas[k] = dot(s[k], q) / dot(y[k], s[k])
        for i in q.indices { q[i] -= alphas[k] * y[k][i] }
      }
      if let lastS = s.last, let lastY = y.last {
        let gamma = dot(lastS, lastY) / dot(lastY, lastY)
        for i in q.indices { q[i] *= gamma }
      } else {
        // First step: a small step along the gradient.
        let norm = dot(gradient, gradient).squareRoot()
        for i in q.indices { q[i] /= max(norm, 1) }
      }
      for k in s.indices {
        let beta = dot(y[k], q) / dot(y[k], s[k])
        for i in q.indices { q[i] += (alphas[k] - beta) * s[k][i] }
      }
      var direction = q.map { -$0 }
      var slope = dot(gradient, direction)
      if slope >= 0 {
        // Not a descent direction: forget the curvature and go down the gradient.
        s.removeAll()
        y.removeAll()
        direction = gradient.map { -$0 }
        slope = dot(gradient, direction)
      }
      // Backtracking line search (Armijo).
      var step = 1.0
      var next = x
      var nextValue = value
      var nextGradient = gradient
      var accepted = false
      for _ in 0..<60 {
        for i in x.indices { next[i] = x[i] + step * direction[i] }
        (nextValue, nextGradient) = valueAndGradient(next)
        evaluations += 1
        if nextValue.isFinite && nextValue <= value + 1e-4 * step * slope {
          accepted = true
          break
        }
        step *= 0.5
      }
      if !accepted { break }
      let sk = zip(next, x).map { $0 - $1 }
      let yk = zip(nextGradient, gradient).map { $0 - $1 }
      if dot(sk, yk) > 1e-12 * dot(yk, yk).squareRoot() * dot(sk, sk).squareRoot() {
        s.append(sk)
        y.append(yk)
        if s.count > memory {
          s.removeFirst()
          y.removeFirst()
        }
      }
      x = next
      value = nextValue
      gradient = nextGradient
    }
    return Result(x: x, value: value, gradient: gradient, iterations: iteration, evaluations: evaluations)
  }
}
