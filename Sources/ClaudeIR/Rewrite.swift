/// Operand rewriting, used by the passes.
extension Op {
    public func mapOperands(_ f: (ValueID) -> ValueID) -> Op {
        switch self {
        case .constInt, .constFloat, .constBool, .constNil, .constString, .constEmpty,
             .builtinRef, .funcRef, .capture, .globalGet, .cellNewEmpty:
            return self
        case .binary(let o, let a, let b): return .binary(o, f(a), f(b))
        case .cmp(let o, let a, let b): return .cmp(o, f(a), f(b))
        case .unary(let o, let a): return .unary(o, f(a))
        case .box(let a): return .box(f(a))
        case .unbox(let a, let t, let c): return .unbox(f(a), t, checked: c)
        case .truthy(let a): return .truthy(f(a))
        case .call(let g, let args): return .call(g, args.map(f))
        case .callClosure(let c, let args): return .callClosure(f(c), args.map(f))
        case .callAny(let c, let args): return .callAny(f(c), args.map(f))
        case .callBuiltin(let n, let args): return .callBuiltin(n, args.map(f))
        case .makeClosure(let g, let caps): return .makeClosure(g, caps.map(f))
        case .cellNew(let a): return .cellNew(f(a))
        case .cellGet(let a): return .cellGet(f(a))
        case .cellSet(let a, let b): return .cellSet(f(a), f(b))
        case .checkInit(let a, let n, let s): return .checkInit(f(a), name: n, defSpan: s)
        case .globalSet(let g, let a): return .globalSet(g, f(a))
        case .construct(let c, let args): return .construct(c, args.map(f))
        case .cons(let a, let b): return .cons(f(a), f(b))
        case .test(let a, let t): return .test(f(a), t)
        case .load(let a, let r): return .load(f(a), r)
        case .ctorTag(let a, let t): return .ctorTag(f(a), adt: t)
        }
    }

    /// No effect besides producing its result: removable when unused.
    public var isPure: Bool {
        switch self {
        case .constInt, .constFloat, .constBool, .constNil, .constString, .constEmpty, .builtinRef, .funcRef,
             .cmp, .truthy, .capture, .cellGet, .makeClosure, .cellNew, .cellNewEmpty, .box,
             .construct, .test, .load, .cons, .ctorTag:
            return true
        case .binary(let o, _, _): return !o.isInt
        case .unary(let o, _): return o != .ineg
        case .unbox(_, _, let checked): return !checked
        case .globalGet(_, let checked): return !checked
        default: return false
        }
    }
}

extension Terminator {
    public func mapOperands(_ f: (ValueID) -> ValueID) -> Terminator {
        switch self {
        case .br(let b, let args): return .br(b, args.map(f))
        case .condbr(let c, let t, let ta, let e, let ea): return .condbr(f(c), t, ta.map(f), e, ea.map(f))
        case .ret(let v): return .ret(f(v))
        case .tailcall(let op, let span): return .tailcall(op.mapOperands(f), span)
        case .switch_(let v, let cases, let d): return .switch_(f(v), cases, d)
        case .unreachable: return self
        }
    }
}
