/// Removes representation round trips the lowering leaves behind:
/// `unbox (box x) to T` where x already has type T, and `box (unbox y)` where
/// y is the Any the value came from; the check of `unbox (box f) to Fn<...>`
/// where f is already a function.
public enum BoxElimination {
    public static func run(_ module: IRModule) {
        for f in module.functions { run(f) }
    }

    static func run(_ f: IRFunction) {
        var def: [Int: Op] = [:]
        for b in f.blocks { for i in b.insts { if let r = i.result { def[r.index] = i.op } } }
        var replace: [Int: ValueID] = [:]
        for bi in f.blocks.indices {
            for (ii, inst) in f.blocks[bi].insts.enumerated() {
                guard let r = inst.result else { continue }
                switch inst.op {
                case .unbox(let x, let t, let checked):
                    guard case .box(let y)? = def[x.index] else { break }
                    if f.type(of: y) == t { replace[r.index] = y; break }
                    // a function viewed at another function type: the check can never fail
                    if checked, case .fn = f.type(of: y), case .fn = t {
                        f.blocks[bi].insts[ii].op = .unbox(x, t, checked: false)
                    }
                case .box(let x):
                    if case .unbox(let y, _, _)? = def[x.index], f.type(of: y) == .any { replace[r.index] = y }
                default: break
                }
            }
        }
        if replace.isEmpty { return }
        func resolve(_ v: ValueID) -> ValueID {
            var v = v
            while let r = replace[v.index] { v = r }
            return v
        }
        for bi in f.blocks.indices {
            for ii in f.blocks[bi].insts.indices {
                f.blocks[bi].insts[ii].op = f.blocks[bi].insts[ii].op.mapOperands(resolve)
            }
            f.blocks[bi].terminator = f.blocks[bi].terminator.mapOperands(resolve)
        }
    }
}
