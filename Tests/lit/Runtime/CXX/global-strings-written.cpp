// RUN: %clangxx-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clangxx %t.opt.bc -o %t
// RUN: %t
// RUN: %clangxx-ad-O0 %s -o %t.O0.bc
// RUN: %swad-opt %t.O0.bc -o %t.O0.opt.bc
// RUN: %clangxx %t.O0.opt.bc -o %t.O0
// RUN: %t.O0
// A global std::string assigned inside the differentiated function (a status message, a log line),
// short (in the string's inline buffer) and long (on the heap), and one in a struct beside a double
// the function writes. The global string had a shadow, a copy of its bytes whose pointer was the
// primal's inline buffer: the assignment mirrored on the shadow freed that pointer and the program
// crashed (SIGSEGV, or "free(): invalid pointer"). Strings hold no derivative: they get no shadow.
#include <string>
#include "../Inputs/check.h"

extern "C" double __enzyme_autodiff(void *, ...);
extern "C" double __enzyme_fwddiff(void *, ...);

std::string status, message;
struct Config {
  std::string name;
  double scale;
} config{"initial", 2.0};

double logged(double x) {
  status = "done";
  message = "a message longer than the small-string buffer, on the heap: " + std::to_string(3);
  return x * x;
}

double configured(double x) {
  config.name = x > 0 ? "positive" : "negative";
  config.scale = x;
  return config.scale * x * x;
}

int main() {
  for (double x : {-1.5, 0.5, 3.0}) {
    check_rel("logged", __enzyme_autodiff((void *)logged, x), 2 * x, 1e-15);
    check_rel("logged forward", __enzyme_fwddiff((void *)logged, x, 1.0), 2 * x, 1e-15);
    check_rel("configured", __enzyme_autodiff((void *)configured, x), 3 * x * x, 1e-15);
    check_rel("configured forward", __enzyme_fwddiff((void *)configured, x, 1.0), 3 * x * x, 1e-15);
  }
  check_exact("status", status == "done", 1);
  check_exact("message", message.size() > 40, 1);
  check_exact("name", config.name == "positive", 1);
  return finish();
}
