import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// stdout carries the answer (text or JSON); stderr carries messages, so scripts can pipe stdout.
///
/// Written with POSIX `write`, not `FileHandle.write(_: Data)`, which traps on any failure:
/// `tidings list > file` on a full disk (or past `ulimit -f`) crashed with SIGILL.
enum StandardError {
    static func write(_ text: String) {
        // Nowhere left to report a failure to: ignore it.
        _ = writeAll(STDERR_FILENO, text)
    }
}

enum StandardOutput {
    /// Columns of the terminal on stdout, or 80 when stdout is not a terminal (or is narrower
    /// than 40 columns).
    static func columns() -> Int {
        var size = winsize()
        if isatty(STDOUT_FILENO) != 0, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col >= 40 {
            return Int(size.ws_col)
        }
        return 80
    }

    /// Writes `text`; when stdout cannot take it (a full disk, a file size limit), says so on
    /// stderr and exits 1: an answer cut short must not look like a success.
    static func write(_ text: String) {
        if let failure = writeAll(STDOUT_FILENO, text) {
            StandardError.write("tidings: cannot write the output: \(String(cString: strerror(failure)))\n")
            exit(1)
        }
    }
}

/// Writes all of `text` to `fd`; returns errno on failure, nil on success.
private func writeAll(_ fd: Int32, _ text: String) -> Int32? {
    var text = text
    return text.withUTF8 { bytes -> Int32? in
        var offset = 0
        while offset < bytes.count {
            let n = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                return errno
            }
            offset += n
        }
        return nil
    }
}

enum JSONOutput {
    /// Pretty, with keys sorted, so output is stable from run to run.
    static func write(_ value: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(value)
        StandardOutput.write(String(decoding: data, as: UTF8.self) + "\n")
    }
}
