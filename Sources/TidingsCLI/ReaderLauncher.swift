import ArgumentParser

// PLACEHOLDER owned by the TERMINAL helper, who replaces this file with the real reader.
public func runReader(_ options: ReaderOptions) throws {
    throw CLIError("the reader is not built yet")
}
