import Foundation

/// A fresh temporary folder, removed when the returned value is released by the caller's cleanup.
public func makeTemporaryDirectory(_ name: String = "tidings-test") throws -> URL {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("\(name)-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
