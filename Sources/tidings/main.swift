import TidingsCLI
import TidingsStore
#if canImport(Glibc)
import Glibc
#endif
#if Mimalloc
// With the Mimalloc trait: linked for its malloc, which replaces libc's in the whole process.
import CMimalloc
#endif

// A file size limit (`ulimit -f`) must not kill the program in the middle of a write, leaving
// the terminal in raw mode: with SIGXFSZ ignored the write fails with EFBIG, and the state and
// the index report it like a full disk.
signal(SIGXFSZ, SIG_IGN)
SQLiteTuning.apply()
Tidings.main()
