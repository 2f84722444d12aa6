// swift-tools-version: 6.1
import PackageDescription

// Targets and who may import whom (README's Architecture section has the map of where changes go):
//   TidingsModel (pure: articles, the text page parser, the merge rules, category rules)
//     <- TidingsExtract (HTML pages and feeds, libxml2)
//     <- TidingsStore (the SQLite article index and the read marks; the parsers are handed in)
//     <- TidingsUI (pure state, reducer, renderer) <- TidingsTerminal (ncurses)
//   TidingsCLI (commands, the reader's runtime) imports them all; `tidings` is its main.
// Release builds of the reader link the Swift runtime and Foundation into the binary (what
// `--static-swift-stdlib` does): only the code it uses is mapped, 4-5 MiB less peak memory than
// the shared libraries (BENCHMARKS.md). The modules are compiled against the shared runtime, so the
// libraries static Foundation needs besides are named here.
let staticRuntime: [LinkerSetting] = [.unsafeFlags(["-static-stdlib"], .when(platforms: [.linux], configuration: .release))]
    + ["CoreFoundation", "_FoundationCShims", "_FoundationCollections", "_FoundationICU"].map {
        .linkedLibrary($0, .when(platforms: [.linux], configuration: .release))
    }

let package = Package(
    name: "Tidings",
    products: [
        .executable(name: "tidings", targets: ["tidings"]),
    ],
    // `swift build -c release --traits Mimalloc` links Debian's libmimalloc (libmimalloc-dev) as the
    // program's allocator; the default build needs nothing beyond the image's packages.
    traits: [.trait(name: "Mimalloc", description: "mimalloc as the process allocator (libmimalloc-dev)")],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    ],
    targets: [
        .systemLibrary(name: "CNcurses", pkgConfig: "ncursesw",
                       providers: [.apt(["libncurses-dev"])]),
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0",
                       providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // Wrappers for SQLite's variadic process-wide settings (the SQLite that GRDB links).
        .systemLibrary(name: "CSQLiteTuning", providers: [.apt(["libsqlite3-dev"])]),
        // The program's allocator on Linux (Sources/CMimalloc/shim.h says why); libraries leave it alone.
        .systemLibrary(name: "CMimalloc", providers: [.apt(["libmimalloc-dev"])]),
        // libcurl loaded at run time with dlopen: the image has libcurl4 but no headers (ccurl.h says why).
        .target(name: "CCurl", linkerSettings: [.linkedLibrary("dl")]),
        // HTTP for fetching feeds and for sync: a small Swift API over CCurl.
        .target(name: "TidingsNet", dependencies: ["CCurl"]),
        // Subscriptions (feeds.toml, OPML) and fetching them into the store.
        .target(name: "TidingsFetch",
                dependencies: ["TidingsNet", "TidingsModel", "TidingsExtract", .product(name: "TOMLKit", package: "TOMLKit")]),
        .target(name: "TidingsModel",
                dependencies: [.product(name: "TOMLKit", package: "TOMLKit")],
                // DemoPages/ is the source of BuiltIn/DemoPageFiles.swift (scripts/embed-files.py).
                exclude: ["DemoPages"]),
        .target(name: "TidingsStore",
                dependencies: ["TidingsModel", "CSQLiteTuning", .product(name: "GRDB", package: "GRDB.swift")]),
        // HTML pages and RSS/Atom feeds through libxml2, producing the model's ParsedPage.
        .target(name: "TidingsExtract", dependencies: ["TidingsModel", "CLibXML2", "CZlib"]),
        .target(name: "TidingsUI",
                dependencies: ["TidingsModel", .product(name: "TOMLKit", package: "TOMLKit")]),
        .target(name: "TidingsTerminal", dependencies: ["CNcurses", "TidingsUI"]),
        // Sync with a feed server (Fever API): the outbox, pulling into the store, the client.
        .target(name: "TidingsSync",
                dependencies: ["TidingsModel", "TidingsStore", "TidingsExtract", "TidingsNet",
                               .product(name: "TOMLKit", package: "TOMLKit")]),
        .target(name: "TidingsCLI",
                dependencies: ["TidingsSync", "TidingsModel", "TidingsExtract", "TidingsStore", "TidingsUI", "TidingsTerminal", "TidingsFetch", "TidingsNet",
                               .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        .executableTarget(name: "tidings",
                          dependencies: ["TidingsCLI", "TidingsStore", .target(name: "CMimalloc", condition: .when(platforms: [.linux], traits: ["Mimalloc"]))],
                          linkerSettings: staticRuntime),
        .executableTarget(name: "tidings-bench", dependencies: ["TidingsModel", "TestSupport"], path: "Benchmarks/tidings-bench"),
        .executableTarget(name: "tidings-index-bench", dependencies: ["TidingsModel", "TidingsStore", "TidingsExtract"],
                          path: "Benchmarks/tidings-index-bench"),
        // Article extraction benchmark: parses the scrapinghub pages, times each phase, writes predictions.
        .executableTarget(name: "extract-bench", dependencies: ["TidingsExtract"],
                          path: "Benchmarks/extraction/extract-bench"),
        .target(name: "TestSupport", dependencies: ["TidingsModel", "TidingsUI"], path: "Tests/TestSupport"),
        .testTarget(name: "TidingsModelTests", dependencies: ["TidingsModel", "TestSupport"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "TidingsStoreTests", dependencies: ["TidingsStore", "TestSupport"]),
        .testTarget(name: "TidingsExtractTests", dependencies: ["TidingsExtract", "TestSupport"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "TidingsUITests", dependencies: ["TidingsUI", "TestSupport"],
                    resources: [.copy("Golden")]),
        .testTarget(name: "TidingsNetTests", dependencies: ["TidingsNet", "TestSupport"]),
        .testTarget(name: "TidingsSyncTests", dependencies: ["TidingsSync", "TestSupport"]),
        .testTarget(name: "TidingsFetchTests", dependencies: ["TidingsFetch"]),
        .testTarget(name: "TidingsCLITests", dependencies: ["TidingsCLI", "TestSupport"]),
    ]
)

// libFuzzer targets (Fuzz/run.sh builds and runs them with --sanitize=fuzzer). Each main.swift
// holds only `LLVMFuzzerTestOneInput`; in an ordinary build it links as an empty program, so a
// plain `swift build` keeps them compiling against the APIs they fuzz.
for (name, dependencies) in [
    ("FuzzTextPage", ["TidingsModel"]),
    ("FuzzCategoryRules", ["TidingsModel"]),
    ("FuzzSanitizer", ["TidingsModel"]),
    ("FuzzTextLayout", ["TidingsUI"]),
    ("FuzzTheme", ["TidingsUI"]),
    ("FuzzTextWidth", ["TidingsUI"]),
    ("FuzzHTMLPage", ["TidingsExtract"]),
    ("FuzzFeed", ["TidingsExtract"]),
] as [(String, [Target.Dependency])] {
    package.targets.append(.executableTarget(name: name, dependencies: dependencies + ["TestSupport"],
                                             path: "Fuzz/\(name)"))
}
