import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a program from an argument list (never a shell) with posix_spawn and waitpid.
/// Foundation's Process is not used because its exit detection waits on descriptors that a
/// daemon forked by the child (a tmux server) inherits, so it can hang forever.
public enum ChildProcess {
    public struct Result: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    /// Runs `executable` with `args`; stdin is /dev/null. With `captureOutput`, stdout and
    /// stderr are collected (the program must not leave a daemon holding them); without it
    /// they go to /dev/null. `environment` replaces the inherited one when given. The status
    /// is the exit code, or 128 + the signal that killed the program.
    public static func run(_ executable: String, _ args: [String], environment: [String: String]? = nil,
                           captureOutput: Bool = true) throws -> Result {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var outPipe: [Int32] = [-1, -1], errPipe: [Int32] = [-1, -1]
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        if captureOutput {
            guard pipe(&outPipe) == 0, pipe(&errPipe) == 0 else {
                throw POSIXError(.init(rawValue: errno) ?? .EIO)
            }
            // Close-on-exec, so no other child (a tmux server above all) keeps them open.
            for fd in outPipe + errPipe { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
            posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
            posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)
        } else {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        }
        let argv = ([executable] + args).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var env = environment.map { $0.map { strdup("\($0.key)=\($0.value)") } + [nil] }
        defer { env?.forEach { free($0) } }
        // Threads of the test runner block most signals, and a spawned child inherits the mask:
        // a tmux server that cannot see SIGCHLD never notices its pane died and never exits.
        // So the child starts with no signal blocked and default handlers.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t(), allSignals = sigset_t()
        sigemptyset(&noSignals)
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid: pid_t = 0
        var argvCopy = argv
        let spawned: Int32
        if env != nil {
            spawned = env!.withUnsafeMutableBufferPointer { envp in
                posix_spawn(&pid, executable, &actions, &attributes, &argvCopy, envp.baseAddress)
            }
        } else {
            spawned = posix_spawn(&pid, executable, &actions, &attributes, &argvCopy, environ)
        }
        if captureOutput {
            close(outPipe[1])
            close(errPipe[1])
        }
        guard spawned == 0 else {
            if captureOutput { close(outPipe[0]); close(errPipe[0]) }
            throw POSIXError(.init(rawValue: spawned) ?? .EIO)
        }
        var out = Data(), err = Data()
        if captureOutput {
            // Read both pipes together so neither can fill up and block the child.
            var fds = [pollfd(fd: outPipe[0], events: Int16(POLLIN), revents: 0),
                       pollfd(fd: errPipe[0], events: Int16(POLLIN), revents: 0)]
            var open = 2
            var chunk = [UInt8](repeating: 0, count: 65536)
            while open > 0 {
                if poll(&fds, 2, -1) < 0 { if errno == EINTR { continue } else { break } }
                for i in 0..<2 where fds[i].fd >= 0 && fds[i].revents != 0 {
                    let n = read(fds[i].fd, &chunk, chunk.count)
                    if n > 0 {
                        if i == 0 { out.append(contentsOf: chunk[0..<n]) } else { err.append(contentsOf: chunk[0..<n]) }
                    } else if n == 0 || errno != EINTR {
                        close(fds[i].fd)
                        fds[i].fd = -1
                        open -= 1
                    }
                }
            }
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let code = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return Result(status: code, stdout: String(decoding: out, as: UTF8.self),
                      stderr: String(decoding: err, as: UTF8.self))
    }
}
