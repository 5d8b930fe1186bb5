// A library member that references a symbol nothing defines: fine as long as nothing needs the member.
double defined_in_no_library(double);
double broken(double x) { return defined_in_no_library(x); }
