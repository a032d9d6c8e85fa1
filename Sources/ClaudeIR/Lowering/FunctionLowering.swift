import ClaudeSyntax
import ClaudeSema

/// Lowers one function body (a lambda or the top level).
final class FunctionLowering {
    let m: ModuleLowering
    let b: IRBuilder
    let lambda: LambdaNode?
    /// how each variable visible here is reached
    var env: [Int: ValueID] = [:]

    init(module: ModuleLowering, function: IRFunction, lambda: LambdaNode?) {
        self.m = module
        self.lambda = lambda
        let captureNames = lambda.map { $0.isLiftable ? $0.captures.map(\.name) : [] } ?? []
        self.b = IRBuilder(module: module.module, function: function,
                           paramNames: captureNames + (lambda?.params.map(\.name) ?? []))
    }

    var function: IRFunction { b.function }

    func lowerBody() {
        guard let lam = lambda else { return }
        let span = lam.span
        var params = b.params
        if lam.isLiftable {
            for v in lam.captures { env[v.id] = params.removeFirst() }
        } else {
            for (i, v) in lam.captures.enumerated() {
                env[v.id] = b.value(.capture(i), m.storageType(v), at: span, name: v.name)
            }
        }
        if let s = lam.selfVar {
            let t = m.irType(s.type)
            env[s.id] = t == .any ? b.selfValue : b.value(.unbox(b.selfValue, t, checked: false), t, at: span, name: s.name)
        }
        for (p, value) in zip(lam.params, params) {
            if p.needsCell {
                let boxed = coerce(value, to: m.cellContentType(p), at: span)
                env[p.id] = b.value(.cellNew(boxed), m.storageType(p), at: span, name: p.name)
            } else {
                env[p.id] = value
            }
        }
        guard let body = lam.body.last else { return }
        lam.body.dropLast().forEach { _ = lower($0) }
        lowerTail(body)
    }

    // MARK: values and conversions

    func type(_ v: ValueID) -> IRType { b.type(of: v) }

    /// Converts a value to another representation of the same value.
    func coerce(_ v: ValueID, to t: IRType, at span: Span) -> ValueID {
        let from = type(v)
        if from == t { return v }
        if t == .any { return b.value(.box(v), .any, at: span) }
        // `[]` is a value of every list type
        if t.listElement != nil, case .constEmpty? = b.definition(of: v) { return b.value(.constEmpty, t, at: span) }
        if from == .any { return b.value(.unbox(v, t, checked: true), t, at: span) }
        // every list is a List<Any>: only the view changes
        if from.listElement != nil && t == .anyList {
            return b.value(.unbox(b.value(.box(v), .any, at: span), t, checked: false), t, at: span)
        }
        // Different static views of one value: go through Any.
        let boxed = b.value(.box(v), .any, at: span)
        return b.value(.unbox(boxed, t, checked: true), t, at: span)
    }

    func box(_ v: ValueID, at span: Span) -> ValueID { coerce(v, to: .any, at: span) }

    /// The value as a branch condition (§3 truthiness).
    func condition(_ v: ValueID, at span: Span) -> ValueID {
        switch type(v) {
        case .bool: return v
        case .int, .float, .string, .list, .fn: return b.value(.constBool(true), .bool, at: span)
        case .nil_: return b.value(.constBool(false), .bool, at: span)
        default: return b.value(.truthy(v), .bool, at: span)
        }
    }

    func nilValue(_ span: Span) -> ValueID { b.value(.constNil, .nil_, at: span) }

    // MARK: variables

    func read(_ v: Var, at span: Span) -> ValueID {
        let t = m.irType(v.type)
        if v.kind == .global {
            let g = b.value(.globalGet(GlobalID(v.globalIndex), checked: v.mayBeUninitialised), .any, at: span)
            return t == .any ? g : b.value(.unbox(g, t, checked: false), t, at: span)
        }
        guard let slot = env[v.id] else { fatalError("unbound variable \(v.name) in lowering") }
        guard v.needsCell else { return slot }
        var x = b.value(.cellGet(slot), m.cellContentType(v), at: span)
        if v.mayBeUninitialised {
            x = b.value(.checkInit(x, name: v.name, defSpan: v.span), type(x), at: span)
        }
        if type(x) == t { return x }
        return b.value(.unbox(x, t, checked: false), t, at: span)
    }

    func write(_ v: Var, _ value: ValueID, at span: Span) {
        if v.kind == .global {
            let x = box(coerce(value, to: m.irType(v.type), at: span), at: span)
            b.emit(.globalSet(GlobalID(v.globalIndex), x), .nil_, at: span)
            return
        }
        guard let cell = env[v.id], v.needsCell else { fatalError("assignment to a variable without a cell") }
        let x = coerce(coerce(value, to: m.irType(v.type), at: span), to: m.cellContentType(v), at: span)
        b.emit(.cellSet(cell, x), .nil_, at: span)
    }

    // MARK: expressions

    /// Lowers a node to a value of type `irType(node.type)`.
    func lower(_ n: Node) -> ValueID {
        let want = m.irType(n.type)
        let v = lowerRaw(n)
        return coerce(v, to: want, at: n.span)
    }

    private func lowerRaw(_ n: Node) -> ValueID {
        let span = n.span
        switch n.kind {
        case .int(let i): return b.value(.constInt(i), .int, at: span)
        case .float(let d): return b.value(.constFloat(d), .float, at: span)
        case .bool(let x): return b.value(.constBool(x), .bool, at: span)
        case .nil_: return nilValue(span)
        case .string(let s): return b.value(.constString(s), .string, at: span)
        case .list(let items):
            // the items in order, then the cells from the last one back
            let t = m.irType(n.type)
            let values = items.map { lower($0) }
            return consChain(values, onto: b.value(.constEmpty, t, at: span), at: span)
        case .varRef(let v): return read(v, at: span)
        case .builtin(let name): return b.value(.builtinRef(name), .any, at: span)
        case .call(let callee, let args):
            if let spec = m.program.speculation(ofCall: n) { return lowerSpeculated(n, callee, args, spec, tail: false)! }
            let (op, t) = callOp(n, callee, args)
            if let op { return b.value(op, t, at: span) }
            return lowerBuiltinCall(n, callee, args)
        case .lambda(let lam): return closure(lam, at: span)
        case .letrec(let bindings, let body):
            bindGroup(bindings)
            body.dropLast().forEach { _ = lower($0) }
            return body.last.map(lower) ?? nilValue(span)
        case .if_(let c, let t, let e):
            let want = m.irType(n.type)
            let cond = condition(lower(c), at: c.span)
            let thenB = b.newBlock(params: []), elseB = b.newBlock(params: []), join = b.newBlock(params: [want])
            b.terminate(.condbr(cond, thenB, [], elseB, []))
            for (blk, node) in [(thenB, t), (elseB, e)] {
                b.position(at: blk)
                let v = lower(node)
                b.terminate(.br(join, [coerce(v, to: want, at: node.span)]))
            }
            b.position(at: join)
            return b.blockParams(join)[0]
        case .and(let items), .or(let items):
            var isAnd = false
            if case .and = n.kind { isAnd = true }
            return shortCircuit(items, isAnd: isAnd, type: m.irType(n.type), at: span)
        case .seq(let items):
            items.dropLast().forEach { _ = lower($0) }
            return items.last.map(lower) ?? nilValue(span)
        case .set(let v, let value):
            write(v, lower(value), at: span)
            return nilValue(span)
        case .defineGlobal(let v, let value):
            // A function only ever called has only its instances: the
            // variable holds the first (calls never read it but to pass `self`).
            // (stored as it is: nothing reads it as a value of the function's type)
            if case .lambda(let lam) = value.kind, !v.hasValueUses,
               let first = m.program.instances[ObjectIdentifier(lam)]?.first {
                b.emit(.globalSet(GlobalID(v.globalIndex), box(closure(first, at: value.span), at: span)), .nil_, at: span)
                return nilValue(span)
            }
            write(v, lower(value), at: span)
            return nilValue(span)
        case .ascribe(let value, _):
            // `lower` converts to the node's type: a checked unbox when the
            // value's type is only known at run time
            return lower(value)
        case .construct(let c, let fields):
            let args = fields.map { box(lower($0), at: $0.span) }
            return b.value(.construct(m.ctorRef(c), args), .any, at: span)
        case .match(let scrutinee, let arms):
            return lowerMatch(n, scrutinee, arms, tail: false)!
        }
    }

    /// `[v1 ... vn]` in front of the list `tail`: raw cells when the tail
    /// is a List<Int> (List<Float>) and so are all the values, else a
    /// List<Any>.
    func consChain(_ values: [ValueID], onto tail: ValueID, at span: Span) -> ValueID {
        values.reversed().reduce(tail) { cons($1, $0, at: span) }
    }

    /// One cell: typed when the head's type is the tail's element type.
    func cons(_ head: ValueID, _ tail: ValueID, at span: Span) -> ValueID {
        if let t = Op.consType(head: type(head), tail: type(tail)) {
            return b.value(.cons(head, tail), t, at: span)
        }
        return b.value(.cons(box(head, at: span), coerce(tail, to: .anyList, at: span)), .anyList, at: span)
    }

    func shortCircuit(_ items: [Node], isAnd: Bool, type want: IRType, at span: Span) -> ValueID {
        guard !items.isEmpty else { return b.value(.constBool(isAnd), .bool, at: span) }
        let join = b.newBlock(params: [want])
        for (i, item) in items.enumerated() {
            let v = lower(item)
            let out = coerce(v, to: want, at: item.span)
            if i == items.count - 1 { b.terminate(.br(join, [out])); break }
            let next = b.newBlock(params: [])
            let c = condition(v, at: item.span)
            if isAnd { b.terminate(.condbr(c, next, [], join, [out])) } else { b.terminate(.condbr(c, join, [out], next, [])) }
            b.position(at: next)
        }
        b.position(at: join)
        return b.blockParams(join)[0]
    }

    func closure(_ lam: LambdaNode, at span: Span) -> ValueID {
        let f = m.function(for: lam)
        if lam.captures.isEmpty || lam.isLiftable { return b.value(.funcRef(f.id), f.type, at: span) }
        let caps = lam.captures.map { v -> ValueID in
            guard let x = env[v.id] else { fatalError("captured variable \(v.name) not in scope") }
            return x
        }
        return b.value(.makeClosure(f.id, caps), f.type, at: span)
    }

    /// Binds a letrec* group: cells first (a closure may capture them before
    /// their init runs), then each init in order.
    func bindGroup(_ bindings: [(Var, Node)]) {
        for (v, initNode) in bindings where v !== Var.placeholder && v.needsCell && env[v.id] == nil {
            env[v.id] = b.value(.cellNewEmpty(m.cellContentType(v)), m.storageType(v), at: initNode.span, name: v.name)
        }
        for (v, initNode) in bindings {
            let value = lower(initNode)
            if v === Var.placeholder { continue }
            if case .set = initNode.kind { continue }
            if v.needsCell { write(v, value, at: initNode.span) } else {
                env[v.id] = value
                if function.valueNames[value.index] == nil { function.valueNames[value.index] = v.name }
            }
        }
    }

    // MARK: tail position

    /// Lowers the function's result expression: calls in tail position
    /// become guaranteed tail calls.
    func lowerTail(_ n: Node) {
        let ret = function.returnType
        switch n.kind {
        case .if_(let c, let t, let e):
            let cond = condition(lower(c), at: c.span)
            let thenB = b.newBlock(params: []), elseB = b.newBlock(params: [])
            b.terminate(.condbr(cond, thenB, [], elseB, []))
            b.position(at: thenB); lowerTail(t)
            b.position(at: elseB); lowerTail(e)
        case .letrec(let bindings, let body):
            bindGroup(bindings)
            body.dropLast().forEach { _ = lower($0) }
            if let last = body.last { lowerTail(last) } else { b.terminate(.ret(coerce(nilValue(n.span), to: ret, at: n.span))) }
        case .seq(let items) where !items.isEmpty:
            items.dropLast().forEach { _ = lower($0) }
            lowerTail(items.last!)
        case .and(let items) where !items.isEmpty, .or(let items) where !items.isEmpty:
            var isAnd = false
            if case .and = n.kind { isAnd = true }
            for item in items.dropLast() {
                let v = lower(item)
                let c = condition(v, at: item.span)
                let next = b.newBlock(params: []), done = b.newBlock(params: [])
                if isAnd { b.terminate(.condbr(c, next, [], done, [])) } else { b.terminate(.condbr(c, done, [], next, [])) }
                b.position(at: done)
                b.terminate(.ret(coerce(v, to: ret, at: item.span)))
                b.position(at: next)
            }
            lowerTail(items.last!)
        case .match(let scrutinee, let arms):
            _ = lowerMatch(n, scrutinee, arms, tail: true)
        case .call(let callee, let args) where m.program.speculation(ofCall: n) != nil:
            _ = lowerSpeculated(n, callee, args, m.program.speculation(ofCall: n)!, tail: true)
        case .call(let callee, let args):
            let (op, t) = callOp(n, callee, args)
            if let op, t == ret {
                b.terminate(.tailcall(op, n.span))
            } else {
                let v = op.map { b.value($0, t, at: n.span) } ?? lowerBuiltinCall(n, callee, args)
                b.terminate(.ret(coerce(v, to: ret, at: n.span)))
            }
        default:
            b.terminate(.ret(coerce(lower(n), to: ret, at: n.span)))
        }
    }

    // MARK: calls

    /// A call whose arguments `spec.args` have unknown type: when they all
    /// hold Ints, enter the Int instance `spec.target`, else the instance
    /// for the static types. In tail position both are tail calls.
    func lowerSpeculated(_ n: Node, _ callee: Node, _ args: [Node], _ spec: (target: LambdaNode, args: [Int]),
                         tail: Bool) -> ValueID? {
        guard case .varRef(let v) = callee.kind, let known = v.knownLambda else { preconditionFailure("speculation on an unknown callee") }
        let span = n.span
        let general = m.program.target(ofCall: n) ?? known
        let selfValue = v.mayBeUninitialised ? lower(callee) : nil
        let values = args.map(lower)
        let fastB = b.newBlock(params: []), slowB = b.newBlock(params: [])
        for (k, i) in spec.args.enumerated() {
            let isInt = b.value(.test(box(values[i], at: args[i].span), .fixnum), .bool, at: span)
            let next = k == spec.args.count - 1 ? fastB : b.newBlock(params: [])
            b.terminate(.condbr(isInt, next, [], slowB, []))
            b.position(at: next)
        }
        let want = m.irType(n.type)
        let join: BlockID? = tail ? nil : b.newBlock(params: [want])
        for (blk, lam, ints) in [(fastB, spec.target, spec.args), (slowB, general, [])] {
            b.position(at: blk)
            let f = m.function(for: lam)
            let me = selfValue ?? (lam === lambda ? b.selfValue : b.value(.funcRef(f.id), f.type, at: span))
            let argv = zip(values.indices, f.paramTypes).map { i, p -> ValueID in
                if ints.contains(i) {
                    let int = b.value(.unbox(box(values[i], at: span), .int, checked: false), .int, at: span)
                    return coerce(int, to: p, at: args[i].span)
                }
                return coerce(values[i], to: p, at: args[i].span)
            }
            let op = Op.call(f.id, [me] + argv)
            if tail {
                if f.returnType == function.returnType {
                    b.terminate(.tailcall(op, span))
                } else {
                    let r = b.value(op, f.returnType, at: span)
                    b.terminate(.ret(coerce(r, to: function.returnType, at: span)))
                }
            } else {
                let r = b.value(op, f.returnType, at: span)
                b.terminate(.br(join!, [coerce(r, to: want, at: span)]))
            }
        }
        guard let join else { return nil }
        b.position(at: join)
        return b.blockParams(join)[0]
    }

    /// The call operation for a call of a known function or a closure, and
    /// its result type; nil for builtin calls.
    func callOp(_ n: Node, _ callee: Node, _ args: [Node]) -> (Op?, IRType) {
        if case .builtin = callee.kind { return (nil, .any) }
        if case .varRef(let v) = callee.kind, let known = v.knownLambda {
            let lam = m.program.target(ofCall: n) ?? known
            let f = m.function(for: lam)
            let selfValue: ValueID
            if lam === lambda {
                selfValue = b.selfValue              // a function calling itself
            } else if !v.mayBeUninitialised && ((v.kind == .global && lam.captures.isEmpty) || lam.isLiftable) {
                // (a lifted function's variable is only ever called: its static closure will do)
                selfValue = b.value(.funcRef(f.id), f.type, at: callee.span)
            } else {
                selfValue = lower(callee)
            }
            // a lifted function gets the captured variables first
            let captured = lam.isLiftable ? lam.captures.map { env[$0.id]! } : []
            let argv = zip(args, f.paramTypes.dropFirst(captured.count)).map { coerce(lower($0), to: $1, at: $0.span) }
            return (.call(f.id, [selfValue] + captured + argv), f.returnType)
        }
        let c = lower(callee)
        if case .fn(let ps, let r) = type(c), ps.count == args.count {
            let argv = zip(args, ps).map { coerce(lower($0), to: $1, at: $0.span) }
            return (.callClosure(c, argv), r)
        }
        let argv = args.map { box(lower($0), at: $0.span) }
        return (.callAny(box(c, at: callee.span), argv), .any)
    }
}
