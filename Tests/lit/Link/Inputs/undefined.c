// Calls a function no input defines: the system linker's error.
int defined_nowhere(void);
int main(void) { return defined_nowhere(); }
