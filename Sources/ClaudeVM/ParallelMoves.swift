/// One register-to-register copy.
struct Move: Equatable {
    var dst: Int32
    var src: Int32
}

enum ParallelMoves {
    /// Orders the copies of a parallel assignment (every `dst` distinct, all
    /// sources read before any destination is written) into a sequence of
    /// ordinary moves. A cycle is broken by saving one destination's old
    /// value in `temp` first.
    static func sequentialize(_ moves: [Move], temp: Int32) -> [Move] {
        var pending = moves.filter { $0.dst != $0.src }
        var out: [Move] = []
        while !pending.isEmpty {
            if let i = pending.firstIndex(where: { m in !pending.contains { $0.src == m.dst } }) {
                out.append(pending.remove(at: i))
                continue
            }
            // Every destination is still to be read: all pending moves form cycles.
            let d = pending[0].dst
            out.append(Move(dst: temp, src: d))
            for j in pending.indices where pending[j].src == d { pending[j].src = temp }
        }
        return out
    }
}
