import Foundation

/// `TIDINGS_TRACE=FILE`: the reader appends when each start-up step finished (milliseconds
/// since the process started) to FILE, to see where the first frame's time goes.
enum StartupTrace {
    private static let file: String? = ProcessInfo.processInfo.environment["TIDINGS_TRACE"]
    private static let started: Double = {
        // The process's start time from /proc, so the time before main counts too.
        if let stat = try? String(contentsOfFile: "/proc/self/stat", encoding: .utf8),
           let close = stat.lastIndex(of: ")") {
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            if fields.count > 19, let ticks = Double(fields[19]) {
                var uptime: Double = 0
                if let text = try? String(contentsOfFile: "/proc/uptime", encoding: .utf8),
                   let first = text.split(separator: " ").first, let up = Double(first) { uptime = up }
                let now = ProcessInfo.processInfo.systemUptime
                return now - (uptime - ticks / Double(sysconf(Int32(_SC_CLK_TCK))))
            }
        }
        return ProcessInfo.processInfo.systemUptime
    }()

    static func mark(_ step: String) {
        guard let file else { return }
        let ms = (ProcessInfo.processInfo.systemUptime - started) * 1000
        let line = String(format: "%8.1f ms  %@\n", ms, step)
        if let handle = FileHandle(forWritingAtPath: file) {
            handle.seekToEndOfFile()
            handle.write(Data(line.utf8))
            try? handle.close()
        } else {
            FileManager.default.createFile(atPath: file, contents: Data(line.utf8))
        }
    }
}
