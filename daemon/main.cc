// dateline: the thin entry point; everything lives in the libraries.
#include "app/cli.h"

int main(int argc, char** argv) { return dateline::Main(argc, argv); }
