; A small valid module, used as input by tests that need one (Tool/error-*.test).
define double @square(double %x) {
  %r = fmul double %x, %x
  ret double %r
}
