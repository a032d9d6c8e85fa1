import ClaudeSyntax

/// A deep copy of a lambda: fresh nodes (so fresh types), fresh local
/// variables and nested lambdas; globals are shared. Used by type inference
/// to give a function one copy per combination of argument types it is
/// called with (its instances).
final class CoreCloner {
    private var vars: [ObjectIdentifier: Var] = [:]
    private var lambdaMap: [ObjectIdentifier: LambdaNode] = [:]
    private var copiedVars: [(old: Var, new: Var)] = []
    private var nextVarId: Int
    private var nextLambdaId: Int
    /// every lambda the copy made (the copy of the root first)
    private(set) var newLambdas: [LambdaNode] = []

    init(nextVarId: Int, nextLambdaId: Int) {
        self.nextVarId = nextVarId; self.nextLambdaId = nextLambdaId
    }

    var varIdsUsed: Int { nextVarId }
    var lambdaIdsUsed: Int { nextLambdaId }

    func copy(_ lam: LambdaNode) -> LambdaNode {
        let c = lambda(lam)
        for (old, new) in copiedVars {
            guard let k = old.knownLambda else { continue }
            new.knownLambda = lambdaMap[ObjectIdentifier(k)] ?? k
            if k.boundVar === old { new.knownLambda?.boundVar = new }
        }
        return c
    }

    private func newVar(_ v: Var) -> Var {
        nextVarId += 1
        let n = Var(name: v.name, span: v.span, kind: v.kind, id: nextVarId)
        n.isAssigned = v.isAssigned
        n.isCaptured = v.isCaptured
        n.needsCell = v.needsCell
        n.mayBeUninitialised = v.mayBeUninitialised
        n.globalIndex = v.globalIndex
        vars[ObjectIdentifier(v)] = n
        copiedVars.append((v, n))
        return n
    }

    private func map(_ v: Var) -> Var { vars[ObjectIdentifier(v)] ?? v }

    private func lambda(_ lam: LambdaNode) -> LambdaNode {
        nextLambdaId += 1
        let params = lam.params.map(newVar)
        let c = LambdaNode(id: nextLambdaId, name: lam.name, params: params, span: lam.span)
        lambdaMap[ObjectIdentifier(lam)] = c
        newLambdas.append(c)
        if let s = lam.selfVar { c.selfVar = newVar(s) }
        c.captures = lam.captures.map(map)
        c.body = lam.body.map(node)
        return c
    }

    private func node(_ n: Node) -> Node {
        let kind: NodeKind
        switch n.kind {
        case .int, .float, .bool, .nil_, .string, .builtin: kind = n.kind
        case .list(let items): kind = .list(items.map(node))
        case .varRef(let v): kind = .varRef(map(v))
        case .call(let f, let args): kind = .call(node(f), args.map(node))
        case .lambda(let l): kind = .lambda(lambda(l))
        case .letrec(let bindings, let body):
            let vs = bindings.map { b -> Var in
                if b.0 === Var.placeholder { return b.0 }
                return vars[ObjectIdentifier(b.0)] ?? newVar(b.0)
            }
            kind = .letrec(zip(vs, bindings).map { ($0, node($1.1)) }, body.map(node))
        case .if_(let c, let t, let e): kind = .if_(node(c), node(t), node(e))
        case .and(let items): kind = .and(items.map(node))
        case .or(let items): kind = .or(items.map(node))
        case .seq(let items): kind = .seq(items.map(node))
        case .set(let v, let value): kind = .set(map(v), node(value))
        case .defineGlobal(let v, let value): kind = .defineGlobal(v, node(value))
        case .construct(let c, let fields): kind = .construct(c, fields.map(node))
        case .ascribe(let v, let t): kind = .ascribe(node(v), t)
        case .match(let s, let arms):
            let scrutinee = node(s)
            kind = .match(scrutinee, arms.map { arm in
                let vs = arm.vars.map(newVar)
                return MatchArm(pattern: pattern(arm.pattern), body: node(arm.body), span: arm.span, vars: vs)
            })
        }
        return Node(kind, n.span)
    }

    private func pattern(_ p: CorePattern) -> CorePattern {
        switch p {
        case .bind(let v): return .bind(map(v))
        case .cons(let h, let t): return .cons(pattern(h), pattern(t))
        case .ctor(let c, let ps): return .ctor(c, ps.map(pattern))
        case .tuple(let ps): return .tuple(ps.map(pattern))
        default: return p
        }
    }
}
