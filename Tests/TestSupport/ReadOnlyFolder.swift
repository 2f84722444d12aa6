import Foundation

/// Makes a folder unwritable for the test process. Root ignores permission bits, so as root
/// the folder is also made immutable with `chattr +i` (undone by `unlock`).
public struct ReadOnlyFolder {
    public let url: URL
    private let immutable: Bool

    public static var isPossible: Bool {
        getuid() != 0 || FileManager.default.isExecutableFile(atPath: "/usr/bin/chattr")
    }

    public init(_ url: URL) throws {
        self.url = url
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: url.path)
        if getuid() == 0 {
            try Self.chattr("+i", url)
            immutable = true
        } else {
            immutable = false
        }
    }

    public func unlock() {
        if immutable { try? Self.chattr("-i", url) }
        try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
    }

    private static func chattr(_ flag: String, _ url: URL) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/chattr")
        process.arguments = [flag, url.path]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: url.path])
        }
    }
}
