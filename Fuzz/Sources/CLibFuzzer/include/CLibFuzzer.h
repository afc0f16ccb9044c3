// libFuzzer's driver, declared for Swift. SwiftPM links a debug executable with
// `--defsym main=<Target>_main`, so libFuzzer's own `main` is never used: each fuzz target
// defines `<Target>_main` and hands over to this function instead.
#ifndef CLIBFUZZER_H
#define CLIBFUZZER_H

#include <stddef.h>
#include <stdint.h>

/// Runs libFuzzer with the process's arguments, calling `callback` for each input.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
