#ifndef TIDINGS_CMIMALLOC_SHIM_H
#define TIDINGS_CMIMALLOC_SHIM_H
// mimalloc replaces malloc in the `tidings` program (linking its shared library is enough: its
// malloc comes before libc's). Index builds free on one thread what another allocated, which
// glibc's arenas serialise behind locks (see BENCHMARKS.md, "Cold indexing (session 5)").
#include <mimalloc.h>
#endif
