import ArgumentParser

public struct Tidings: ParsableCommand {
    public init() {}
}
