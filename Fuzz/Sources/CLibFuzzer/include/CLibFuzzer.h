// libFuzzer's driver, for a main of our own: SwiftPM on Linux links an executable's `main` to
// `<module>_main`, so the fuzz targets define that and hand libFuzzer their callback.
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
