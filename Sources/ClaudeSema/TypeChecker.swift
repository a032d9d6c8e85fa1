import ClaudeSyntax
import Synchronization

/// Type inference over the resolved program (see TypeVar.swift for the
/// lattice). Generates flow constraints from the tree, solves them to a
/// fixpoint, defaults numeric variables that nothing constrains to Int, and
/// reports operations that can never succeed.
public enum TypeChecker {
    public static func check(_ program: CoreProgram, diags: DiagnosticEngine) {
        let c = ConstraintSolver()
        let gen = ConstraintGenerator(solver: c, diags: diags, program: program)
        c.instantiate = { [unowned gen] call, template, args, force in gen.instantiate(call, template, args, force: force) }
        c.atFixpoint = { [unowned gen] in gen.visitDeferred() }
        for f in program.forms { gen.visit(f) }
        c.solve()
        gen.reportStaticErrors()
    }
}

/// The constraints that need more than a flow edge.
enum Constraint {
    /// result = numeric join of the operands' types (Int, Float or Any)
    case numeric(result: TypeVar, operands: [Node])
    /// calling a value of unknown type: once it is known to be a function,
    /// the arguments' types flow into its parameters; if it is Any they escape
    case call(callee: TypeVar, args: [Node], result: TypeVar)
    /// the value flows into code that treats it as Any
    case escape(TypeVar)
    /// result gets the element type of a list (Any for any other value)
    case element(of: TypeVar, result: TypeVar)
    /// result is a list with the elements of a list (Any for any other value)
    case listLike(TypeVar, result: TypeVar)
    /// result gets item `index` of a tuple (Any for any other value)
    case item(of: TypeVar, index: Int, result: TypeVar)
    /// a call of a top-level function: enters the function's instance for
    /// the arguments' types (made when they are known)
    case instance(call: Node, template: LambdaNode, args: [Node])
}

final class ConstraintSolver {
    @exclusivity(unchecked) var constraints: [Constraint] = []
    @exclusivity(unchecked) var worklist: [TypeVar] = []
    /// operands of arithmetic and comparisons, defaulted to Int if unknown
    @exclusivity(unchecked) var numericHints: [TypeVar] = []
    let anyVar: TypeVar = { let t = TypeVar(); t.state = .any; return t }()
    /// Variables the solver made (container elements): edges do not retain
    /// their targets, so the solver keeps these alive while it runs.
    @exclusivity(unchecked) var owned: [TypeVar] = []

    /// Makes or picks the instance for a call (see ConstraintGenerator.instantiate);
    /// `force`: also when some argument's type is still unknown.
    @exclusivity(unchecked) var instantiate: ((Node, LambdaNode, [Node], Bool) -> Bool)?
    /// Called when nothing is left to propagate; true if it added constraints.
    @exclusivity(unchecked) var atFixpoint: (() -> Bool)?
    /// instance constraints not yet satisfied
    @exclusivity(unchecked) var pendingInstances: [Int] = []

    func fresh(inside parent: TypeVar? = nil) -> TypeVar {
        let v = parent.map { TypeVar(inside: $0) } ?? TypeVar()
        owned.append(v)
        return v
    }

    /// The flow edges and watchers of every variable, as linked lists in
    /// insertion order (`TypeVar.firstSink` ... `lastSink`, likewise watchers).
    /// Targets are unretained: every variable is owned by the program being
    /// checked (or the solver) while solving runs.
    struct SinkEdge {
        var target: Unmanaged<TypeVar>
        var next: Int32
    }
    struct WatchEdge {
        var constraint: Int32
        var next: Int32
    }
    @exclusivity(unchecked) var sinkEdges: [SinkEdge] = []
    @exclusivity(unchecked) var watchEdges: [WatchEdge] = []
    /// Tells this solver's edge lists from those of any other (never 0).
    let generation: UInt32
    static let generations = Atomic<UInt32>(0)

    init() {
        var g = ConstraintSolver.generations.wrappingAdd(1, ordering: .relaxed).newValue
        if g == 0 { g = ConstraintSolver.generations.wrappingAdd(1, ordering: .relaxed).newValue }
        generation = g
    }

    /// Makes `t`'s edge lists this solver's (empty if they were another's).
    @inline(__always)
    private func own(_ t: TypeVar) {
        guard t.edgeOwner != generation else { return }
        t.edgeOwner = generation
        t.firstSink = -1; t.lastSink = -1; t.firstWatcher = -1; t.lastWatcher = -1
    }

    private func addSink(_ from: TypeVar, _ to: TypeVar) {
        own(from)
        let e = Int32(sinkEdges.count)
        sinkEdges.append(SinkEdge(target: .passUnretained(to), next: -1))
        if from.lastSink >= 0 { sinkEdges[Int(from.lastSink)].next = e } else { from.firstSink = e }
        from.lastSink = e
    }

    private func addWatcher(_ v: TypeVar, _ constraint: Int) {
        own(v)
        let e = Int32(watchEdges.count)
        watchEdges.append(WatchEdge(constraint: Int32(constraint), next: -1))
        if v.lastWatcher >= 0 { watchEdges[Int(v.lastWatcher)].next = e } else { v.firstWatcher = e }
        v.lastWatcher = e
    }

    func flow(_ from: TypeVar, _ to: TypeVar) {
        if from === to { return }
        addSink(from, to)
        join(to, from.state)
    }

    func unify(_ a: TypeVar, _ b: TypeVar) { flow(a, b); flow(b, a) }

    func seed(_ t: TypeVar, _ s: TypeState) { join(t, s) }

    func add(_ c: Constraint, watching v: TypeVar) {
        let i = constraints.count
        constraints.append(c)
        addWatcher(v, i)
        run(i)
    }

    /// Adds `c`, watching the type of each of `nodes`.
    func add(_ c: Constraint, watchingTypesOf nodes: [Node]) {
        let i = constraints.count
        constraints.append(c)
        for n in nodes { addWatcher(n.type, i) }
        run(i)
    }

    /// Joins `incoming` into t's state.
    func join(_ t: TypeVar, _ incoming: TypeState) {
        let old = t.state
        var new: TypeState
        switch (old, incoming) {
        case (_, .unknown): return
        case (.any, _): return
        // Immutable containers: the elements of every list reaching `t`
        // flow into the elements of t's own list type (never back).
        case (.unknown, .list) where t.depth >= TypeVar.maxDepth, (.unknown, .tuple) where t.depth >= TypeVar.maxDepth:
            new = .any
        case (.unknown, .list(let e)):
            let mine = fresh(inside: t)
            new = .list(mine)
            flow(e, mine)
        case (.list(let mine), .list(let e)):
            flow(e, mine)
            return
        case (.unknown, .tuple(let items)):
            let mine = items.map { _ in fresh(inside: t) }
            new = .tuple(mine)
            for (x, m) in zip(items, mine) { flow(x, m) }
        case (.tuple(let mine), .tuple(let items)) where mine.count == items.count:
            for (x, m) in zip(items, mine) { flow(x, m) }
            return
        case (.unknown, _): new = incoming
        case (.fn(let a), .fn(let b)):
            if a === b { return }
            if a.params.count == b.params.count {
                for (p, q) in zip(a.params, b.params) { unify(p, q) }
                unify(a.result, b.result)
                return
            }
            new = .any
        default:
            if old.sameConstructor(incoming) { return }
            new = .any
        }
        // Set the state before escaping: a signature may reach `t` itself
        // (a function applied to itself), which must then see it is Any.
        t.state = new
        worklist.append(t)
        if case .any = new {
            if case .fn(let s) = old { escape(s) }
            if case .fn(let s) = incoming { escape(s) }
        }
    }

    func escape(_ s: FnSignature) {
        for p in s.params { join(p, .any) }
        join(s.result, .any)
    }

    func run(_ i: Int) {
        switch constraints[i] {
        case .numeric(let result, let operands):
            var allInt = true, anyFloat = false
            for o in operands {
                switch o.type.state {
                case .unknown: return
                case .int: break
                case .float: anyFloat = true; allInt = false
                default: join(result, .any); return
                }
            }
            join(result, allInt ? .int : (anyFloat ? .float : .any))
        case .call(let callee, let args, let result):
            switch callee.state {
            case .unknown: return
            case .fn(let s) where s.params.count == args.count:
                for (a, p) in zip(args, s.params) { flow(a.type, p) }
                flow(s.result, result)
            default:
                for a in args { if case .fn(let s) = a.type.state { escape(s) } }
                join(result, .any)
            }
        case .escape(let t):
            if case .fn(let s) = t.state { escape(s) }
        case .element(let list, let result):
            switch list.state {
            case .unknown: return
            case .list(let e): flow(e, result)
            default: join(result, .any)
            }
        case .listLike(let list, let result):
            switch list.state {
            case .unknown: return
            case .list: flow(list, result)
            default: join(result, .any)
            }
        case .instance(let call, let template, let args):
            if !instantiate!(call, template, args, false) { pendingInstances.append(i) }
        case .item(let tuple, let index, let result):
            switch tuple.state {
            case .unknown: return
            case .tuple(let items) where index < items.count: flow(items[index], result)
            default: join(result, .any)
            }
        }
    }

    func propagate() {
        while let t = worklist.popLast() {
            guard t.edgeOwner == generation else { continue }
            // Each list as it is now: edges added meanwhile wait for the next visit.
            var e = Int(t.firstSink)
            if e >= 0 {
                let last = Int(t.lastSink)
                while true {
                    join(sinkEdges[e].target.takeUnretainedValue(), t.state)
                    if e == last { break }
                    e = Int(sinkEdges[e].next)
                }
            }
            var w = Int(t.firstWatcher)
            if w >= 0 {
                let last = Int(t.lastWatcher)
                while true {
                    run(Int(watchEdges[w].constraint))
                    if w == last { break }
                    w = Int(watchEdges[w].next)
                }
            }
        }
    }

    func solve() {
        propagate()
        while true {
            // Numeric operands nothing else constrains default to Int.
            let pending = numericHints.filter { $0.state.isUnknown }
            if !pending.isEmpty {
                for t in pending { join(t, .int) }
                propagate()
                continue
            }
            // Calls whose argument types stay unknown enter an instance for that.
            let calls = pendingInstances
            pendingInstances = []
            var made = false
            for i in calls {
                guard case .instance(let call, let template, let args) = constraints[i] else { continue }
                if instantiate!(call, template, args, true) { made = true }
            }
            if !made && !(atFixpoint?() ?? false) { break }
            propagate()
        }
        // A callee nothing is known about is dynamic: its arguments escape.
        for c in constraints {
            if case .call(let callee, _, _) = c, callee.state.isUnknown { join(callee, .any) }
        }
        propagate()
        breakRecursiveSignatures()
        propagate()
    }

    /// A function type that contains itself (a function returning itself)
    /// has no finite machine signature: such functions escape to Any.
    func breakRecursiveSignatures() {
        var state: [ObjectIdentifier: Int] = [:]   // 1 visiting, 2 done
        var cyclic: [FnSignature] = []
        func visit(_ s: FnSignature) {
            let id = ObjectIdentifier(s)
            if state[id] == 2 { return }
            if state[id] == 1 { cyclic.append(s); return }
            state[id] = 1
            for t in s.params + [s.result] { if case .fn(let inner) = t.state { visit(inner) } }
            state[id] = 2
        }
        var all: [FnSignature] = []
        var seen = Set<ObjectIdentifier>()
        for c in constraints {
            if case .call(let callee, _, _) = c, case .fn(let s) = callee.state, seen.insert(ObjectIdentifier(s)).inserted { all.append(s) }
        }
        for s in sigs where seen.insert(ObjectIdentifier(s)).inserted { all.append(s) }
        for s in all { visit(s) }
        for s in cyclic { escape(s) }
    }

    /// every lambda signature, registered by the generator
    @exclusivity(unchecked) var sigs: [FnSignature] = []
}
