import TidingsUI

/// Reduces `action` the way the reader's main loop does, but answering every row effect from
/// `source` at once, until none are left. The other effects come back in order, after
/// `observe` saw each (tests write read marks to their source there, as the wiring does).
public func reduceAnsweringRows(_ state: inout AppState, _ action: Action, from source: RowSource,
                                observe: (Effect) -> Void = { _ in }) -> [Effect] {
    var pending = [action]
    var others: [Effect] = []
    while !pending.isEmpty {
        for effect in reduce(&state, pending.removeFirst()) {
            if effect.isRowQuery {
                if let answer = perform(effect, with: source) { pending.append(answer) }
            } else {
                observe(effect)
                others.append(effect)
            }
        }
    }
    return others
}
