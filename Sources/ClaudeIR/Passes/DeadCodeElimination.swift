/// Removes pure instructions whose results are never used, and blocks no
/// path reaches.
public enum DeadCodeElimination {
    public static func run(_ module: IRModule) {
        for f in module.functions { run(f) }
    }

    static func run(_ f: IRFunction) {
        var changed = true
        while changed {
            changed = false
            var used = Set<Int>()
            for b in f.blocks {
                for i in b.insts { for o in i.op.operands { used.insert(o.index) } }
                for o in b.terminator.operands { used.insert(o.index) }
            }
            for bi in f.blocks.indices {
                let before = f.blocks[bi].insts.count
                f.blocks[bi].insts.removeAll { inst in
                    guard let r = inst.result, inst.op.isPure else { return false }
                    return !used.contains(r.index)
                }
                if f.blocks[bi].insts.count != before { changed = true }
            }
        }
    }
}
