import ClaudeSyntax

/// Type inference over the resolved program (see TypeVar.swift for the
/// lattice). Generates flow constraints from the tree, solves them to a
/// fixpoint, defaults numeric variables that nothing constrains to Int, and
/// reports operations that can never succeed.
public enum TypeChecker {
    public static func check(_ program: CoreProgram, diags: DiagnosticEngine) {
        let c = ConstraintSolver()
        let gen = ConstraintGenerator(solver: c, diags: diags)
        for f in program.forms { gen.visit(f) }
        c.solve()
        gen.reportStaticErrors()
    }
}

/// The constraints that need more than a flow edge.
enum Constraint {
    /// result = numeric join of the operands (Int, Float or Any)
    case numeric(result: TypeVar, operands: [TypeVar])
    /// calling a value of unknown type: once it is known to be a function,
    /// arguments flow into its parameters; if it is Any they escape
    case call(callee: TypeVar, args: [TypeVar], result: TypeVar)
    /// the value flows into code that treats it as Any
    case escape(TypeVar)
}

final class ConstraintSolver {
    var constraints: [Constraint] = []
    var worklist: [TypeVar] = []
    /// operands of arithmetic and comparisons, defaulted to Int if unknown
    var numericHints: [TypeVar] = []
    let anyVar: TypeVar = { let t = TypeVar(); t.state = .any; return t }()

    func flow(_ from: TypeVar, _ to: TypeVar) {
        if from === to { return }
        from.sinks.append(to)
        join(to, from.state)
    }

    func unify(_ a: TypeVar, _ b: TypeVar) { flow(a, b); flow(b, a) }

    func seed(_ t: TypeVar, _ s: TypeState) { join(t, s) }

    func add(_ c: Constraint, watching vars: [TypeVar]) {
        let i = constraints.count
        constraints.append(c)
        for v in vars { v.watchers.append(i) }
        run(i)
    }

    /// Joins `incoming` into t's state.
    func join(_ t: TypeVar, _ incoming: TypeState) {
        let old = t.state
        var new: TypeState
        switch (old, incoming) {
        case (_, .unknown): return
        case (.unknown, _): new = incoming
        case (.any, _): return
        case (.fn(let a), .fn(let b)):
            if a === b { return }
            if a.params.count == b.params.count {
                for (p, q) in zip(a.params, b.params) { unify(p, q) }
                unify(a.result, b.result)
                return
            }
            escape(a); escape(b)
            new = .any
        default:
            if old.sameConstructor(incoming) { return }
            if case .fn(let s) = old { escape(s) }
            if case .fn(let s) = incoming { escape(s) }
            new = .any
        }
        t.state = new
        worklist.append(t)
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
                switch o.state {
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
                for (a, p) in zip(args, s.params) { flow(a, p) }
                flow(s.result, result)
            default:
                for a in args { if case .fn(let s) = a.state { escape(s) } }
                join(result, .any)
            }
        case .escape(let t):
            if case .fn(let s) = t.state { escape(s) }
        }
    }

    func propagate() {
        while let t = worklist.popLast() {
            for s in t.sinks { join(s, t.state) }
            for w in t.watchers { run(w) }
        }
    }

    func solve() {
        propagate()
        // Numeric operands nothing else constrains default to Int.
        while true {
            let pending = numericHints.filter { $0.state.isUnknown }
            if pending.isEmpty { break }
            for t in pending { join(t, .int) }
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
    var sigs: [FnSignature] = []
}
