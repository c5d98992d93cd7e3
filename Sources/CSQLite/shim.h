#ifndef YARDSTICK_CSQLITE_SHIM_H
#define YARDSTICK_CSQLITE_SHIM_H
#include <sqlite3.h>

/// SQLITE_TRANSIENT is a macro casting -1 to a function pointer, which Swift 6 cannot import.
static inline sqlite3_destructor_type yardstick_sqlite_transient(void) {
    return SQLITE_TRANSIENT;
}
#endif
