import ClaudeIR
import Foundation

/// How a large program is compiled: split into several LLVM modules
/// ("partitions", each in its own LLVMContext) that are optimised and
/// compiled to machine code in parallel and linked together (by `cc` into an
/// executable, or by the JIT).
///
/// Below `LLVMOptions.splitThreshold` IR instructions the program is one
/// partition: every function gets the `default<On>` pipeline and the
/// optimising code generator, as for any small program. Above it, functions
/// are tiered:
/// - **hot** (only at -O1 and above): functions that can run many times per
///   run of the program: those on a cycle of direct calls (loops are self
///   tail calls), those whose closure escapes as a value (lambdas, functions
///   passed to builtins or read from a global: they may be called from a
///   loop anywhere), and every function they call directly. They go to
///   optimised partitions: `default<On>` and the optimising code generator.
/// - **cold**: everything else, the entry function (top-level code, which
///   runs once) included. Acyclic code runs a bounded number of times, so
///   compile time dominates: cold partitions get compact code
///   (FunctionEmitter), skip the IR pipeline and use the fast (-O0) code
///   generator. Their functions that are on no cycle of calls at all
///   (`CallGraph.acyclic`) use the C calling convention, which the fast
///   instruction selector handles (tailcc makes it fall back to the slow one).
/// At -O0 every function is in the fast tier.
/// Each function lives in exactly one partition; a function, its `$info` and
/// `$closure` that another partition refers to are external symbols
/// (internal otherwise). The partition holding the entry function also
/// holds `claude_globals`, `claude_main` and `main`.
struct ModulePlan {
    enum Tier { case optimized, fast }

    struct Partition {
        let index: Int
        let tier: Tier
        /// the functions defined here, in module order
        let functions: [FuncID]
        /// holds claude_globals, claude_main and main
        let ownsEntry: Bool
        /// estimated compile cost (for scheduling)
        let cost: Int
    }

    let partitions: [Partition]
    /// per FuncID: the partition defining it
    let owner: [Int]
    /// per FuncID: referenced from a partition other than its own
    let exported: [Bool]
    /// per FuncID: uses the C calling convention instead of tailcc
    let cCallConv: [Bool]
    /// Symbols shared between partitions are hidden (an executable); the
    /// JIT links the partitions' objects in one JITDylib with default visibility.
    var hiddenSymbols = true

    var isSplit: Bool { partitions.count > 1 }

    /// One partition holding everything (the JIT, small programs).
    static func single(_ m: IRModule, optLevel: Int) -> ModulePlan {
        let all = m.functions.map(\.id)
        return ModulePlan(partitions: [Partition(index: 0, tier: optLevel > 0 ? .optimized : .fast, functions: all,
                                                 ownsEntry: true, cost: 0)],
                          owner: Array(repeating: 0, count: m.functions.count),
                          exported: Array(repeating: false, count: m.functions.count),
                          cCallConv: Array(repeating: false, count: m.functions.count))
    }

    /// The plan for an AOT build (or a JIT run of a big program).
    static func make(_ m: IRModule, options: LLVMOptions) -> ModulePlan {
        let sizes = m.functions.map(ModulePlan.size)
        let total = sizes.reduce(0, +)
        guard total > options.splitThreshold, m.functions.count > 1 else { return single(m, optLevel: options.optLevel) }

        let graph = CallGraph(m)
        let hot = options.optLevel > 0 ? graph.hot : Array(repeating: false, count: m.functions.count)
        // an optimised instruction costs ~20 fast ones (measured on generated programs)
        let cost = m.functions.indices.map { hot[$0] ? sizes[$0] * 20 : sizes[$0] }
        let workers = max(1, min(options.threads, 8))
        // a few pieces per worker so that the scheduler can balance them
        let chunk = max(options.splitThreshold / 2, cost.reduce(0, +) / (workers * 3) + 1)

        var partitions: [Partition] = []
        var owner = Array(repeating: 0, count: m.functions.count)
        func add(_ fs: [Int], _ tier: Tier) {
            guard !fs.isEmpty else { return }
            let index = partitions.count
            let fs = fs.sorted()
            for f in fs { owner[f] = index }
            partitions.append(Partition(index: index, tier: tier, functions: fs.map(FuncID.init),
                                        ownsEntry: fs.contains(m.entry.index), cost: fs.reduce(0) { $0 + cost[$1] }))
        }
        /// Packs groups of functions (in order) into partitions of about `limit`.
        func pack(_ groups: [[Int]], _ tier: Tier, limit: Int) {
            var current: [Int] = [], currentCost = 0
            for group in groups {
                let c = group.reduce(0) { $0 + cost[$1] }
                if !current.isEmpty && currentCost + c > limit {
                    add(current, tier)
                    current = []; currentCost = 0
                }
                current += group; currentCost += c
            }
            add(current, tier)
        }
        // Hot functions that call each other stay together (LLVM's inliner
        // stops at a partition boundary): whole groups of directly connected
        // hot functions are packed.
        pack(graph.connectedGroups(hot), .optimized, limit: chunk)
        pack(m.functions.indices.filter { !hot[$0] }.map { [$0] }, .fast, limit: chunk)

        var exported = Array(repeating: false, count: m.functions.count)
        for f in m.functions {
            let from = owner[f.id.index]
            ModulePlan.forEachReference(f) { g in if owner[g.index] != from { exported[g.index] = true } }
        }
        // Acyclic functions of the fast tier use the C convention: the fast
        // instruction selector cannot lower tailcc calls, arguments and returns
        // (it falls back to the slow one), and they need no guaranteed tail calls.
        let cCallConv = m.functions.indices.map { graph.acyclic[$0] && partitions[owner[$0]].tier == .fast }
        return ModulePlan(partitions: partitions, owner: owner, exported: exported, cCallConv: cCallConv)
    }

    /// IR instructions and terminators: the measure of a function's compile cost.
    static func size(_ f: IRFunction) -> Int {
        f.blocks.reduce(0) { $0 + $1.insts.count + 1 }
    }

    /// Every function `f` refers to: direct calls and tail calls, funcrefs and closures.
    static func forEachReference(_ f: IRFunction, _ body: (FuncID) -> Void) {
        func op(_ o: Op) {
            switch o {
            case .call(let g, _), .funcRef(let g), .makeClosure(let g, _): body(g)
            default: break
            }
        }
        for block in f.blocks {
            for inst in block.insts { op(inst.op) }
            if case .tailcall(let o, _) = block.terminator { op(o) }
        }
    }

    static func forEachDirectCall(_ f: IRFunction, _ body: (FuncID) -> Void) {
        for block in f.blocks {
            for inst in block.insts { if case .call(let g, _) = inst.op { body(g) } }
            if case .tailcall(.call(let g, _), _) = block.terminator { body(g) }
        }
    }

    /// The functions whose closures `f` lets escape as values: any `closure`,
    /// and a `funcref` (possibly through `box`) used other than as the
    /// `self` of a direct call of the same function or stored into a global
    /// that nothing reads.
    static func escapingFunctions(_ f: IRFunction, globalsRead: [Bool]) -> [FuncID] {
        var origin: [Int: FuncID] = [:]   // value → the function whose static closure it is
        var escaping: [FuncID] = []
        func use(_ v: ValueID) { if let g = origin[v.index] { escaping.append(g) } }
        func check(_ o: Op) {
            switch o {
            case .call(let g, let args):
                if let s = args.first, origin[s.index] != g { use(s) }
                args.dropFirst().forEach(use)
            case .globalSet(let g, let v):
                if globalsRead[g.index] { use(v) }
            case .box:
                break
            default:
                o.operands.forEach(use)
            }
        }
        for block in f.blocks {
            for inst in block.insts {
                switch inst.op {
                case .funcRef(let g): if let r = inst.result { origin[r.index] = g }
                case .makeClosure(let g, _): escaping.append(g)
                case .box(let v): if let r = inst.result, let g = origin[v.index] { origin[r.index] = g }
                default: break
                }
                check(inst.op)
            }
            switch block.terminator {
            case .tailcall(let o, _): check(o)
            case let t: t.operands.forEach(use)
            }
        }
        return escaping
    }

    /// Tarjan's algorithm, iterative.
    static func stronglyConnectedComponents(_ succs: [[Int]]) -> [[Int]] {
        let n = succs.count
        var index = Array(repeating: -1, count: n), low = Array(repeating: 0, count: n)
        var onStack = Array(repeating: false, count: n)
        var stack: [Int] = [], result: [[Int]] = [], next = 0
        for root in 0..<n where index[root] < 0 {
            var frames: [(v: Int, i: Int)] = [(root, 0)]
            index[root] = next; low[root] = next; next += 1
            stack.append(root); onStack[root] = true
            while !frames.isEmpty {
                let (v, i) = frames[frames.count - 1]
                if i < succs[v].count {
                    frames[frames.count - 1].i += 1
                    let w = succs[v][i]
                    if index[w] < 0 {
                        index[w] = next; low[w] = next; next += 1
                        stack.append(w); onStack[w] = true
                        frames.append((w, 0))
                    } else if onStack[w] {
                        low[v] = min(low[v], index[w])
                    }
                } else {
                    frames.removeLast()
                    if let parent = frames.last { low[parent.v] = min(low[parent.v], low[v]) }
                    if low[v] == index[v] {
                        var scc: [Int] = []
                        while true {
                            let w = stack.removeLast()
                            onStack[w] = false
                            scc.append(w)
                            if w == v { break }
                        }
                        result.append(scc)
                    }
                }
            }
        }
        return result
    }
}

/// Facts about the direct calls of a module that decide tiers and calling conventions.
struct CallGraph {
    /// per FuncID: the functions it calls directly (sorted)
    let callees: [[Int]]
    /// on a cycle of direct calls (a self tail call, i.e. a loop, included)
    let inCycle: [Bool]
    /// its closure escapes as a value (ModulePlan.escapingFunctions)
    let escaping: [Bool]
    /// may run many times per run of the program: on a cycle or escaping, or
    /// called directly by such a function (transitively). Never the entry.
    let hot: [Bool]
    /// on no cycle of calls at all, direct or through closures: neither on
    /// a direct cycle, nor escaping, nor called (transitively) by an escaping
    /// function. A chain of tail calls passes through it at most once, so its
    /// calls need no guaranteed tail calls.
    let acyclic: [Bool]

    /// The functions marked in `members`, grouped by direct calls between
    /// them (connected components, ignoring the direction), each group and
    /// the groups in function order.
    func connectedGroups(_ members: [Bool]) -> [[Int]] {
        var parent = Array(0..<members.count)
        func find(_ x: Int) -> Int {
            var x = x
            while parent[x] != x { parent[x] = parent[parent[x]]; x = parent[x] }
            return x
        }
        for f in members.indices where members[f] {
            for g in callees[f] where members[g] {
                let (a, b) = (find(f), find(g))
                if a != b { parent[max(a, b)] = min(a, b) }
            }
        }
        var groups: [Int: [Int]] = [:], order: [Int] = []
        for f in members.indices where members[f] {
            let r = find(f)
            if groups[r] == nil { order.append(r) }
            groups[r, default: []].append(f)
        }
        return order.map { groups[$0]! }
    }

    init(_ m: IRModule) {
        let n = m.functions.count
        var callees = Array(repeating: [Int](), count: n)
        var escaping = Array(repeating: false, count: n)
        var globalsRead = Array(repeating: false, count: m.globals.count)
        for f in m.functions {
            for block in f.blocks {
                for inst in block.insts { if case .globalGet(let g, _) = inst.op { globalsRead[g.index] = true } }
            }
        }
        for f in m.functions {
            var direct = Set<Int>()
            ModulePlan.forEachDirectCall(f) { direct.insert($0.index) }
            callees[f.id.index] = direct.sorted()
            for g in ModulePlan.escapingFunctions(f, globalsRead: globalsRead) { escaping[g.index] = true }
        }
        var inCycle = Array(repeating: false, count: n)
        for scc in ModulePlan.stronglyConnectedComponents(callees) {
            if scc.count > 1 || callees[scc[0]].contains(scc[0]) { for f in scc { inCycle[f] = true } }
        }
        /// `roots` and everything they call directly, transitively.
        func closure(_ roots: [Bool]) -> [Bool] {
            var marked = roots
            var work = marked.indices.filter { marked[$0] }
            while let f = work.popLast() {
                for g in callees[f] where !marked[g] { marked[g] = true; work.append(g) }
            }
            return marked
        }
        var hot = closure(zip(inCycle, escaping).map { $0 || $1 })
        hot[m.entry.index] = false
        let fromEscaping = closure(escaping)
        self.callees = callees
        self.inCycle = inCycle
        self.escaping = escaping
        self.hot = hot
        self.acyclic = (0..<n).map { !inCycle[$0] && !fromEscaping[$0] }
    }
}
