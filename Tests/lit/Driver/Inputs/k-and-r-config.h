/* Given to clang with -include. */
#define SCALE 0.5
