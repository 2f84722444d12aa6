import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension SyncConfig.PasswordSource {
    /// The password: the first line a command prints (run from its argument list, no shell), or an
    /// environment variable. Never logged, never stored.
    public func resolve(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String {
        switch self {
        case .environment(let name):
            guard let value = environment[name], !value.isEmpty else {
                throw SyncError.settings("[sync] password_env names $\(name), which is not set")
            }
            return value
        case .command(let argv):
            let (status, output) = try Self.run(argv, environment: environment)
            guard status == 0 else {
                throw SyncError.settings("[sync] password_command \(argv[0]) failed (exit status \(status))")
            }
            let line = output.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? ""
            let password = line.hasSuffix("\r") ? String(line.dropLast()) : line
            guard !password.isEmpty else { throw SyncError.settings("[sync] password_command \(argv[0]) printed no password") }
            return password
        }
    }

    /// Runs `argv` and collects its stdout until it exits (a helper daemon it starts, such as
    /// gpg-agent, may keep the pipe open: its end is not waited for).
    static func run(_ argv: [String], environment: [String: String]) throws -> (Int32, String) {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { throw SyncError.settings("[sync] cannot run password_command: no pipe") }
        _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
        posix_spawn_file_actions_addclose(&actions, fds[1])
        let args = argv.map { strdup($0) } + [nil]
        defer { args.forEach { free($0) } }
        let env = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { env.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, argv[0], &actions, nil, args, env)
        close(fds[1])
        guard spawned == 0 else {
            close(fds[0])
            throw SyncError.settings("[sync] cannot run password_command \(argv[0]): \(String(cString: strerror(spawned)))")
        }
        var output: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        var status: Int32 = 0
        var exited = false
        while true {
            var poller = pollfd(fd: fds[0], events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, exited ? 0 : 100)
            if ready > 0 {
                let n = read(fds[0], &buffer, buffer.count)
                if n > 0 { output += buffer[0..<n]; if output.count > 1 << 16 { break } else { continue } }
                if n == 0 { break }
            } else if exited {
                break
            }
            if !exited, waitpid(pid, &status, WNOHANG) == pid { exited = true }
        }
        close(fds[0])
        if !exited { waitpid(pid, &status, 0) }
        let code = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return (code, String(decoding: output, as: UTF8.self))
    }
}
