#ifndef TIDINGS_CSQLITETUNING_SHIM_H
#define TIDINGS_CSQLITETUNING_SHIM_H
#include <sqlite3.h>
// sqlite3_config is variadic, which Swift cannot call: one wrapper per setting used.

// Memory statistics off: with them on (the default of Debian's build), every sqlite3_malloc and
// free takes one process-wide mutex, which the index build's two writing threads fight over.
static inline int tidings_sqlite_memstatus_off(void) {
    return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}
#endif
