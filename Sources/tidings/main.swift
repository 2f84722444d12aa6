import TidingsCLI
#if canImport(Glibc)
import Glibc
#endif

// A file size limit (`ulimit -f`) must not kill the program in the middle of a write, leaving
// the terminal in raw mode: with SIGXFSZ ignored the write fails with EFBIG, and the state and
// the index report it like a full disk.
signal(SIGXFSZ, SIG_IGN)
Tidings.main()
