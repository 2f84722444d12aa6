import Testing
import TestSupport
import TidingsModel
@testable import TidingsUI

/// Deterministic pseudo-random sessions: any key in any mode, resizes down to 0x0, bodies
/// arriving late or for other articles, rescans that drop articles. After every step the state
/// must be consistent and the screen exactly its size.
@Suite struct RandomSessionTests {

    static let keys: [KeyEvent] = Array("jkJKgGnpmAuUcsrlhqoy/?12 bx東".map { KeyEvent.character($0) })
        + [.up, .down, .left, .right, .pageUp, .pageDown, .home, .end, .enter, .escape, .tab, .backspace,
           .mouse(MouseEvent(kind: .click, x: 3, y: 4)), .mouse(MouseEvent(kind: .wheelDown, x: 70, y: 5)),
           .mouse(MouseEvent(kind: .doubleClick, x: 3, y: 3))]

    @Test(arguments: [1, 2, 3, 4]) func randomSession(seed: UInt64) {
        var rng = SplitMix(state: seed)
        var state = Fixture.state(width: 80, height: 24)
        for step in 0..<500 {
            let roll = Int.random(in: 0..<100, using: &rng)
            let action: Action
            switch roll {
            case 0..<80: action = .key(Self.keys.randomElement(using: &rng)!)
            case 80..<86: action = .resize(width: Int.random(in: 0...130, using: &rng), height: Int.random(in: 0...45, using: &rng))
            case 86..<92: action = .bodyLoaded(Fixture.ids.randomElement(using: &rng)!, Fixture.body)
            case 92..<95: action = .bodyFailed(Fixture.ids.randomElement(using: &rng)!, "gone")
            case 95..<98:
                let kept = Fixture.articles.filter { _ in Bool.random(using: &rng) }
                state.source.replace(articles: kept)
                action = .storeChanged(StoreSummary(weather: Fixture.weather, skipped: 1))
            default: action = .marksFailed("locked")
            }
            let effects = state.dispatch(action)
            if effects.contains(.quit) { state = Fixture.state(width: state.width, height: state.height) }
            // Invariants
            #expect(state.view.total == state.source.rows(state.view.query, offset: 0, limit: .max).count, "step \(step)")
            if state.view.total > 0 {
                #expect((0..<state.view.total).contains(state.list.selected), "step \(step) \(action)")
                #expect(state.list.offset <= state.list.selected, "step \(step)")
                // The rows on screen are loaded, and they are the source's rows there.
                let rows = max(1, state.layout.listRows)
                for at in state.list.offset..<min(state.view.total, state.list.offset + rows) where !state.layout.isTooSmall {
                    #expect(state.view.row(at: at) == state.source.rows(state.view.query, offset: at, limit: 1).first,
                            "step \(step) row \(at)")
                }
            }
            for effect in effects {
                if case .setRead(let ids, let read) = effect {
                    #expect(!ids.isEmpty)
                    #expect(ids.allSatisfy { state.readIDs.contains($0) == read }, "step \(step) \(effect)")
                }
            }
            let buffer = render(state.state, theme: .builtInDefault)
            #expect(buffer.width == state.width && buffer.height == state.height)
            for y in 0..<buffer.height where TextWidth.of(buffer.line(y)) != buffer.width {
                Issue.record("row \(y) is \(TextWidth.of(buffer.line(y))) wide at \(buffer.width)x\(buffer.height), step \(step)")
            }
        }
    }
}
