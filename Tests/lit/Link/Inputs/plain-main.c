// A native program that needs nothing from the libraries it is linked with.
int main(void) { return 0; }
