import Foundation
import Testing
import TestSupport
import TidingsCLI

/// `tidings --version`: the one version string, on stdout, exit 0, before any store is touched.
@Suite struct VersionTests {
    @Test func versionPrintsTheVersionAndExitsZero() throws {
        let sandbox = try Sandbox()
        let result = try sandbox.run(["--version"], useSandboxPaths: false)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == TidingsVersion.string + "\n")
        #expect(result.stderr.isEmpty)
        // major.minor.patch, as the man page and packagers expect.
        let parts = TidingsVersion.string.split(separator: ".")
        #expect(parts.count == 3 && parts.allSatisfy { Int($0) != nil }, "\(TidingsVersion.string)")
        // Nothing was created for a version query: no state, no index.
        #expect(!FileManager.default.fileExists(atPath: sandbox.home.appendingPathComponent(".local/state/tidings").path))
    }
}
