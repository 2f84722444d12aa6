import Foundation
import Testing
import TestSupport
import TidingsModel

/// An installed binary needs neither the build folder nor the source tree: a copy of `tidings`
/// runs in a mount namespace where both are hidden behind empty folders, and still lists the
/// demo pages, opens one, and shows every shipped theme.
@Suite struct SelfContainedBinaryTests {
    /// The package root (holds Sources/, Themes/ and, by default, .build/).
    static let packageRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url
    }()

    /// `unshare` can make a private mount namespace here (root, or unprivileged user namespaces).
    static let canHidePaths: Bool = {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/unshare") else { return false }
        let probe = try? ChildProcess.run("/usr/bin/unshare", ["-rm", "sh", "-c", "mount -t tmpfs none /mnt"])
        return probe?.status == 0
    }()

    /// Runs `binary args...` with `hidden` folders covered by empty tmpfs mounts. The shell only
    /// mounts and checks; the program itself gets its arguments as a list.
    static func runHiding(_ hidden: [URL], binary: URL, _ args: [String], sandbox: Sandbox) throws -> ChildProcess.Result {
        let script = """
            n=$1; shift
            i=0; while [ $i -lt $n ]; do mount -t tmpfs none "$1" || exit 90; shift; i=$((i+1)); done
            [ -e "\(packageRoot.path)/Package.swift" ] && { echo "the source tree is still visible" >&2; exit 91; }
            exec "$@"
            """
        let args = ["-rm", "sh", "-c", script, "sh", String(hidden.count)] + hidden.map(\.path) + [binary.path] + args
        return try ChildProcess.run("/usr/bin/unshare", args, environment: sandbox.environment(["LANG": "C.UTF-8"]))
    }

    @Test(.enabled(if: SelfContainedBinaryTests.canHidePaths,
                   "unshare cannot make a mount namespace here: the build and source folders cannot be hidden"))
    func aCopyRunsWithTheBuildFolderAndSourceTreeHidden() throws {
        let built = try #require(TidingsBinary.url, "run `swift build` first")
        let sandbox = try Sandbox()
        let copy = sandbox.root.appendingPathComponent("prefix/bin/tidings")
        try FileManager.default.createDirectory(at: copy.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: built, to: copy)
        var hidden = [Self.packageRoot]
        let buildFolder = built.deletingLastPathComponent().resolvingSymlinksInPath()
        if !buildFolder.path.hasPrefix(Self.packageRoot.path + "/") { hidden.append(buildFolder) }

        // The demo list: every demo article, read from the copy the program writes out.
        let list = try Self.runHiding(hidden, binary: copy, ["list", "--format", "json"], sandbox: sandbox)
        #expect(list.status == 0, "\(list.stderr)")
        let articles = try JSONDecoder().decode([ListedArticle].self, from: Data(list.stdout.utf8))
        #expect(articles.filter { $0.kind == "article" }.count == 11, "\(list.stdout)")
        let tokyo = try #require(articles.first { $0.headline == "東京で初雪 🌨️ 平年より早く" })
        let shown = try Self.runHiding(hidden, binary: copy, ["show", tokyo.id, "--format", "json"], sandbox: sandbox)
        #expect(shown.status == 0, "\(shown.stderr)")
        let article = try JSONDecoder().decode(ShownArticle.self, from: Data(shown.stdout.utf8))
        #expect(!article.body.isEmpty)

        // Every shipped theme, from inside the program, each previewed (so each one parsed).
        let themes = try Self.runHiding(hidden, binary: copy, ["themes"], sandbox: sandbox)
        #expect(themes.status == 0, "\(themes.stderr)")
        let lines = themes.stdout.split(separator: "\n").map(String.init)
        for name in ReaderThemesTests.shipped {
            let line = try #require(lines.first { $0.hasPrefix(name + " ") }, "no \(name) in:\n\(themes.stdout)")
            #expect(line.contains("(built in)") && line.contains("● Headline") && !line.contains("broken"), "\(line)")
        }
    }

    @Test func theDemoPagesWrittenOutAreTheOnesCarried() throws {
        let sandbox = try Sandbox()
        let cache = sandbox.root.appendingPathComponent("cache")
        let folder = DemoPages.materialize(environment: ["XDG_CACHE_HOME": cache.path, "HOME": sandbox.home.path])
        #expect(folder.path.hasPrefix(cache.path + "/tidings/demo-"))
        for file in DemoPages.files {
            let onDisk = try String(contentsOf: folder.appendingPathComponent(file.path), encoding: .utf8)
            #expect(onDisk == file.text, "\(file.path)")
        }
        // A second start finds the folder complete and keeps it.
        #expect(DemoPages.materialize(environment: ["XDG_CACHE_HOME": cache.path]) == folder)
        // An unwritable cache falls back to a private temporary folder with the same pages.
        let fallback = DemoPages.materialize(environment: ["XDG_CACHE_HOME": "/proc/tidings-no-such-place"])
        defer { try? FileManager.default.removeItem(at: fallback) }
        #expect(!fallback.path.hasPrefix("/proc"))
        for file in DemoPages.files {
            #expect((try? String(contentsOf: fallback.appendingPathComponent(file.path), encoding: .utf8)) == file.text)
        }
    }

    @Test func theProgramCarriesExactlyTheDemoPagesFolder() throws {
        let folder = Self.packageRoot.appendingPathComponent("Sources/TidingsModel/DemoPages")
        var onDisk: [String] = []
        let walker = FileManager.default.enumerator(atPath: folder.path)
        while let path = walker?.nextObject() as? String {
            if path.hasSuffix(".txt") { onDisk.append(path) }
        }
        #expect(DemoPages.files.map(\.path) == onDisk.sorted(), "run scripts/embed-files.py")
        for file in DemoPages.files {
            let text = try String(contentsOf: folder.appendingPathComponent(file.path), encoding: .utf8)
            #expect(text == file.text, "\(file.path) differs from the built-in copy: run scripts/embed-files.py")
        }
    }
}
