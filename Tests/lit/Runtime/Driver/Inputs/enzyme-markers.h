// Enzyme's activity markers for Swift, through a bridging header: imported as Int32 globals whose
// values are passed (as loads, exactly as C passes them) to the @_silgen_name entry points.
extern int enzyme_const, enzyme_dup, enzyme_dupnoneed, enzyme_out;
