import ClaudeSyntax
import ClaudeSema

/// Calls of builtins: arithmetic, comparisons and a few numeric helpers on
/// statically typed Ints and Floats become IR instructions; everything else
/// calls the runtime's generic entry with boxed arguments.
extension FunctionLowering {
    func lowerBuiltinCall(_ n: Node, _ callee: Node, _ args: [Node]) -> ValueID {
        guard case .builtin(let name) = callee.kind else { fatalError("not a builtin call") }
        let span = n.span
        let want = m.irType(n.type)
        // (append [x ...] ys): the literal's cells are fresh, so they can be
        // made in front of ys directly instead of copied
        if name == "append", args.count == 2, case .list(let items) = args[0].kind {
            let values = items.map { lower($0) }
            let tail = lower(args[1])
            if type(tail).listElement != nil { return coerce(consChain(values, onto: tail, at: span), to: want, at: span) }
            let literal = consChain(values, onto: b.value(.constEmpty, m.irType(args[0].type), at: span), at: span)
            return runtimeCall(name, [box(literal, at: span), box(tail, at: span)], want, at: span)
        }
        let values = args.map(lower)
        if let v = fastPath(name, values, at: span) ?? listPath(name, values, want, at: span) { return v }
        return runtimeCall(name, zip(values, args).map { box($0, at: $1.span) }, want, at: span)
    }

    /// The builtin's C entry on boxed arguments; its result viewed as `want`
    /// (the builtin's result type guarantees the kind: no check, but for
    /// the one check of the first cell that certifies a raw-element list).
    private func runtimeCall(_ name: String, _ boxed: [ValueID], _ want: IRType, at span: Span) -> ValueID {
        let r = b.value(.callBuiltin(name, boxed), .any, at: span)
        if want == .any { return r }
        let certify = want.listElement.map { $0 != .any } ?? false
        return b.value(.unbox(r, want, checked: certify), want, at: span)
    }

    /// The list operations on a value statically known to be a list: a
    /// list is the empty word or a cell, so they need no kind test; only
    /// the empty case calls the runtime (for its error).
    private func listPath(_ name: String, _ vs: [ValueID], _ want: IRType, at span: Span) -> ValueID? {
        guard let last = vs.last, type(last).listElement != nil else { return nil }
        switch name {
        case "%expect-list":
            return vs.count == 2 ? vs[1] : nil
        case "empty?", "null?":
            guard vs.count == 1 else { return nil }
            return b.value(.test(vs[0], .empty), .bool, at: span)
        case "head", "car", "first", "tail", "cdr", "rest":
            guard vs.count == 1 else { return nil }
            let isEmpty = b.value(.test(vs[0], .empty), .bool, at: span)
            let empty = b.newBlock(params: []), cell = b.newBlock(params: [])
            b.terminate(.condbr(isEmpty, empty, [], cell, []))
            b.position(at: empty)
            b.emit(.callBuiltin(name, [vs[0]]), .any, at: span)     // raises "head of empty list"
            b.terminate(.unreachable)
            b.position(at: cell)
            if ["head", "car", "first"].contains(name) {
                let x = b.value(.load(vs[0], .head), Op.loadType(type(vs[0]), .head), at: span)
                return type(x) == .any && want != .any ? b.value(.unbox(x, want, checked: false), want, at: span) : x
            }
            return b.value(.load(vs[0], .tail), type(vs[0]), at: span)
        case "cons":
            guard vs.count == 2 else { return nil }
            return cons(vs[0], vs[1], at: span)
        default:
            return nil
        }
    }

    private func allOf(_ vs: [ValueID], _ t: IRType) -> Bool { vs.allSatisfy { type($0) == t } }
    private func numeric(_ vs: [ValueID]) -> Bool { vs.allSatisfy { type($0) == .int || type($0) == .float } }

    private func toFloat(_ v: ValueID, at span: Span) -> ValueID {
        type(v) == .float ? v : b.value(.unary(.itof, v), .float, at: span)
    }

    /// Left-to-right fold of a binary arithmetic operator: Int while both
    /// sides are Int, Float from the first Float on (as the runtime does).
    private func fold(_ vs: [ValueID], int: BinOp, float: BinOp, at span: Span) -> ValueID {
        var acc = vs[0]
        for v in vs.dropFirst() {
            if type(acc) == .int && type(v) == .int {
                acc = b.value(.binary(int, acc, v), .int, at: span)
            } else {
                acc = b.value(.binary(float, toFloat(acc, at: span), toFloat(v, at: span)), .float, at: span)
            }
        }
        return acc
    }

    private func constInt(_ i: Int64, _ span: Span) -> ValueID { b.value(.constInt(i), .int, at: span) }

    private func fastPath(_ name: String, _ vs: [ValueID], at span: Span) -> ValueID? {
        switch name {
        case "+", "*":
            guard numeric(vs) else { return nil }
            if vs.isEmpty { return constInt(name == "+" ? 0 : 1, span) }
            return name == "+" ? fold(vs, int: .iadd, float: .fadd, at: span) : fold(vs, int: .imul, float: .fmul, at: span)
        case "-":
            guard numeric(vs), !vs.isEmpty else { return nil }
            if vs.count == 1 {
                return type(vs[0]) == .int ? b.value(.unary(.ineg, vs[0]), .int, at: span) : b.value(.unary(.fneg, vs[0]), .float, at: span)
            }
            return fold(vs, int: .isub, float: .fsub, at: span)
        case "/":
            guard numeric(vs), !vs.isEmpty else { return nil }
            let operands = vs.count == 1 ? [constInt(1, span), vs[0]] : vs
            return fold(operands, int: .idiv, float: .fdiv, at: span)
        case "mod", "quot", "rem":
            guard vs.count == 2, allOf(vs, .int) else { return nil }
            let op: BinOp = name == "mod" ? .imod : name == "quot" ? .iquot : .irem
            return b.value(.binary(op, vs[0], vs[1]), .int, at: span)
        case "<", ">", "<=", ">=", "==", "=", "!=", "not=":
            guard vs.count == 2, type(vs[0]) == type(vs[1]) else { return nil }
            let t = type(vs[0])
            let isEquality = ["==", "=", "!=", "not="].contains(name)
            guard t == .int || t == .float || (isEquality && t == .bool) else { return nil }
            let op: CmpOp
            switch name {
            case "<": op = .lt
            case ">": op = .gt
            case "<=": op = .le
            case ">=": op = .ge
            case "==", "=": op = .eq
            default: op = .ne
            }
            return b.value(.cmp(op, vs[0], vs[1]), .bool, at: span)
        case "not":
            guard vs.count == 1 else { return nil }
            return b.value(.unary(.bnot, condition(vs[0], at: span)), .bool, at: span)
        case "inc", "dec":
            guard vs.count == 1, allOf(vs, .int) else { return nil }
            return b.value(.binary(name == "inc" ? .iadd : .isub, vs[0], constInt(1, span)), .int, at: span)
        case "neg":
            guard vs.count == 1, numeric(vs) else { return nil }
            return type(vs[0]) == .int ? b.value(.unary(.ineg, vs[0]), .int, at: span) : b.value(.unary(.fneg, vs[0]), .float, at: span)
        case "to-float":
            guard vs.count == 1, numeric(vs) else { return nil }
            return toFloat(vs[0], at: span)
        case "to-int":
            guard vs.count == 1, allOf(vs, .int) else { return nil }
            return vs[0]
        default:
            return nil
        }
    }
}
