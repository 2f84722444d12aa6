import Foundation
import TidingsModel

/// A small store in the seed page format, written by the tests: two categories (store
/// sub-folders), pages on two dates in both date-line orders, teasers pointing at each other,
/// a CJK headline, and files that must be skipped.
enum FixtureStore {
    static let robots = "Robots learn to fold laundry in Singapore lab"
    static let robotsSummary = "Researchers taught a robot arm to fold shirts in under a minute."
    static let hawker = "Hawker centre wins a second Michelin star"
    static let hawkerSummary = "A Tiong Bahru stall earns its second star for chicken rice."
    static let typhoon = "台风过后新加坡街头恢复平静，市民陆续返回工作岗位，交通基本恢复正常运行"
    static let typhoonSummary = "台风过后，新加坡街头逐渐恢复正常。"

    static let techPage = """
        Tuesday, 4 November 2025
        30.3 C
        Singapore
        24.2 C
        Thailand

        \(robots)

        \(robotsSummary)

        The lab at the National University of Singapore built the arm from spare parts over two years.

        How it works

        A camera finds the collar first, then the sleeves, and the arm folds along the lines it sees.

        \(robots)
        Image credit: NUS

        Next year the team hopes to teach the arm to fold towels and bed sheets as well.

        Hot this week

        \(hawker)

        \(hawkerSummary)

        \(typhoon)

        \(typhoonSummary)

        Related Articles

        Popular Categories

        """

    static let foodPage = """
        Saturday, November 8, 2025
        31 C
        Singapore
        -2 C
        Seoul

        \(hawker)

        \(hawkerSummary)

        The stall has sold chicken rice from the same corner of the market since 1972.

        Its owner says the secret is the stock, which simmers through the night.

        Hot this week

        \(robots)

        \(robotsSummary)

        Related Articles

        Popular Categories

        """

    /// Writes the pages (and a binary and an empty file, which must be skipped) into `store`.
    static func write(into sandbox: Sandbox) throws {
        try sandbox.write(techPage, to: "Tech/2025-11-04-robots.txt")
        try sandbox.write(foodPage, to: "Food/2025-11-08-hawker.txt")
        let binary = sandbox.store.appendingPathComponent("Tech/binary.txt")
        try Data([0x00, 0xFF, 0x10, 0x00, 0x89, 0x50, 0x4E, 0x47, 0x00, 0x00] + [UInt8](repeating: 0, count: 200)).write(to: binary)
        try Data().write(to: sandbox.store.appendingPathComponent("empty.txt"))
    }

    static var robotsID: String { ArticleID(headline: robots).rawValue }
    static var hawkerID: String { ArticleID(headline: hawker).rawValue }
    static var typhoonID: String { ArticleID(headline: typhoon).rawValue }
}
