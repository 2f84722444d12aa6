import ArgumentParser
import Foundation
import TidingsModel

/// A runtime failure with a message for the user: printed as `tidings: <message>`, exit 1.
public struct CLIError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// Runs `body`; any error that is not ArgumentParser's own (usage errors exit 64, clean exits 0)
/// is printed to stderr as `tidings: <message>` and becomes exit code 1.
func reportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as ExitCode {
        throw error
    } catch let error as CleanExit {
        throw error
    } catch let error as ValidationError {
        throw error
    } catch {
        printError(String(describing: error))
        throw ExitCode.failure
    }
}

/// Prints `tidings: <message>` to stderr. Messages can quote ids, paths and headlines, which
/// come from users and pages: each line is cleaned so nothing reaches the terminal as a control.
public func printError(_ message: String) {
    let lines = message.split(separator: "\n", omittingEmptySubsequences: false).map(TextSanitizer.clean)
    StandardError.write("tidings: \(lines.joined(separator: "\n"))\n")
}

/// Prints `tidings: <message>` to stderr; the run goes on.
public func printWarning(_ message: String) {
    printError(message)
}
