// Only the declaration in include/CLibFuzzer.h is needed; libFuzzer itself is linked by
// -sanitize=fuzzer.
#include "CLibFuzzer.h"
