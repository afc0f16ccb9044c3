// Empty: the module only declares libFuzzer's driver (see include/CLibFuzzer.h); the
// definition comes from the fuzzer runtime `-sanitize=fuzzer` links in.
#include "CLibFuzzer.h"
