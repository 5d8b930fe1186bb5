// RUN: %clangxx-ad %s -o %t.bc
// RUN: %swad-opt %t.bc -o %t.opt.bc
// RUN: %clangxx %t.opt.bc -o %t
// RUN: %t | FileCheck %s
// RUN: %clangxx-ad-O0 %s -o %t.O0.bc
// RUN: %swad-opt %t.O0.bc -o %t.O0.opt.bc
// RUN: %clangxx %t.O0.opt.bc -o %t.O0
// RUN: %t.O0 | FileCheck %s
// Without debug info, as swad-opt users may compile:
// RUN: %clangxx -O2 -fno-vectorize -fno-slp-vectorize -fno-unroll-loops -emit-llvm -c %s -o %t.nodebug.bc
// RUN: %swad-opt %t.nodebug.bc -o %t.nodebug.opt.bc
// RUN: %clangxx %t.nodebug.opt.bc -o %t.nodebug
// RUN: %t.nodebug | FileCheck %s
// CHECK: 40 checks passed
// Rows added by `resize` to a duplicated std::vector<std::vector<double>> and std::vector<Row>
// (Row a double beside a vector), in reverse mode, one call after another with more rows each
// time: past the capacity (new storage) and within it. `resize` value-initializes the new
// records with a memset of run-time length; the reverse sweep zeroed all of its shadow, the shadow
// headers of rows given storage since included: the caller's shadow rows came back empty, their
// storage leaked, and the next gradient through them read through null. The reverse now zeroes
// only the bytes of each record that are not pointers, as the block's other accesses (new
// storage), the type declared for the vector's end (debug info) or, without debug info, the typed
// steps over records the function stores beside it (`_M_finish = new_start + n`) lay a record out.
// Against the derivative by hand, and the shadow rows' shapes against the rows'.
#include <vector>
#include "../Inputs/check.h"

extern "C" {
extern int enzyme_dup, enzyme_const;
void __enzyme_autodiff(void *, ...);
}

using Rows = std::vector<std::vector<double>>;

// n rows of m entries, row i entry j = x[j]·(i+1) + sin x[j]; returns Σ of squares.
__attribute__((noinline)) double table(Rows &rows, const double *x, int n, int m) {
  rows.resize(n);
  for (int i = 0; i < n; i++) {
    rows[i].resize(m);
    for (int j = 0; j < m; j++) rows[i][j] = x[j] * (i + 1) + sin(x[j]);
  }
  double s = 0;
  for (int i = 0; i < n; i++)
    for (int j = 0; j < m; j++) s += rows[i][j] * rows[i][j];
  return s;
}

struct Row {
  double w;
  std::vector<double> v;
};

// n records, w = x0·(i+1), v = {x1·w, w}; returns Σ v0·v1 = Σ x1·w².
__attribute__((noinline)) double records(std::vector<Row> &rows, const double *x, int n) {
  rows.resize(n);
  double s = 0;
  for (int i = 0; i < n; i++) {
    rows[i].w = x[0] * (i + 1);
    rows[i].v.resize(2);
    rows[i].v[0] = x[1] * rows[i].w;
    rows[i].v[1] = rows[i].w;
    s += rows[i].v[0] * rows[i].v[1];
  }
  return s;
}

int main() {
  const int m = 3;
  Rows rows, drows;
  std::vector<Row> recs, drecs;
  // 2 → 3 rows: new storage; 3 → 4: within the capacity of 4 (records) or 6 (rows); then 5, 6.
  for (int n = 2; n <= 5; n++) {
    double x[m] = {0.3, -0.7, 1.1}, dx[m] = {0, 0, 0};
    __enzyme_autodiff((void *)table, enzyme_dup, &rows, &drows, enzyme_dup, x, dx, enzyme_const, n,
                      enzyme_const, m);
    for (int j = 0; j < m; j++) {
      double want = 0;
      for (int i = 0; i < n; i++) want += 2 * (x[j] * (i + 1) + sin(x[j])) * ((i + 1) + cos(x[j]));
      check_rel("vector of vectors: d/dx", dx[j], want, 1e-13);
    }
    check_exact("vector of vectors: shadow rows", drows.size(), n);
    check_exact("vector of vectors: the last shadow row's size", drows.back().size(), m);

    double y[2] = {0.7, -1.3}, dy[2] = {0, 0};
    __enzyme_autodiff((void *)records, enzyme_dup, &recs, &drecs, enzyme_dup, y, dy, enzyme_const, n);
    double q = 0;
    for (int i = 1; i <= n; i++) q += i * i;
    check_rel("records: d/dx0", dy[0], 2 * y[1] * y[0] * q, 1e-14);
    check_rel("records: d/dx1", dy[1], y[0] * y[0] * q, 1e-14);
    check_exact("records: shadow records", drecs.size(), n);
    check_exact("records: the last shadow record's vector", drecs.back().v.size(), 2);
    check_exact("records: the shadow weights taken", drecs.back().w + drecs.front().w, 0);
  }
  return finish();
}
