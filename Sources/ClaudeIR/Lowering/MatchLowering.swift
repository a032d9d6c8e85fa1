import ClaudeSyntax
import ClaudeSema

/// `match` compiled to a decision tree (Maranget, "Compiling pattern
/// matching to good decision trees", ML 2008): each value examined is
/// tested once on each path; a clause's body is one block whose parameters
/// are the clause's pattern variables, and the tree's leaves jump to it, so
/// only tests are ever duplicated, never bodies. No matching clause raises
/// `no-match` at the `match`.
extension FunctionLowering {
    /// One row of the pattern matrix: a pattern per examined value, the
    /// clause it belongs to, and the variables its patterns bound so far.
    struct MatchRow {
        var patterns: [CorePattern]
        var arm: Int
        var binds: [(Var, ValueID)]
    }

    /// The head constructor a column's pattern tests for.
    enum MatchHead: Hashable {
        case shape(ShapeTest, arity: Int)
        case int(Int64), float(Double), string(String), bool(Bool), nil_

        /// Whether a value passing this head's test also matches literal pattern `other`.
        func accepts(_ other: MatchHead) -> Bool {
            switch (self, other) {
            case (.int(let a), .float(let b)): return Double(a) == b
            case (.float(let a), .int(let b)): return a == Double(b)
            case (.float(let a), .float(let b)): return a == b     // nan never matches
            default: return self == other
            }
        }
    }

    /// Lowers a match; in tail position (`tail`) every clause body ends the
    /// function, otherwise the result is the value of the clause that ran.
    func lowerMatch(_ n: Node, _ scrutinee: Node, _ arms: [MatchArm], tail: Bool) -> ValueID? {
        let span = n.span
        let subject = lower(scrutinee)
        let want = m.irType(n.type)
        let join: BlockID? = tail ? nil : b.newBlock(params: [want])
        var armBlocks: [BlockID?] = Array(repeating: nil, count: arms.count)
        let rows = arms.enumerated().map { MatchRow(patterns: [$0.element.pattern], arm: $0.offset, binds: []) }
        compileRows(rows, [subject], arms, &armBlocks, subject: subject, span: span)
        for (i, arm) in arms.enumerated() {
            guard let blk = armBlocks[i] else { continue }      // a clause no value reaches
            b.position(at: blk)
            for (v, value) in zip(arm.vars, b.blockParams(blk)) {
                if v.needsCell {
                    let boxed = coerce(value, to: m.cellContentType(v), at: v.span)
                    env[v.id] = b.value(.cellNew(boxed), m.storageType(v), at: v.span, name: v.name)
                } else {
                    env[v.id] = value
                    if function.valueNames[value.index] == nil { function.valueNames[value.index] = v.name }
                }
            }
            if tail {
                lowerTail(arm.body)
            } else {
                let v = lower(arm.body)
                b.terminate(.br(join!, [coerce(v, to: want, at: arm.body.span)]))
            }
        }
        guard let join else { return nil }
        b.position(at: join)
        return b.blockParams(join)[0]
    }

    private func isIrrefutable(_ p: CorePattern) -> Bool {
        switch p {
        case .wildcard, .bind: return true
        default: return false
        }
    }

    /// Emits the decision tree for `rows` over the values `occs` at the
    /// current position (which it terminates).
    private func compileRows(_ rows: [MatchRow], _ occs: [ValueID], _ arms: [MatchArm],
                             _ armBlocks: inout [BlockID?], subject: ValueID, span: Span) {
        guard let first = rows.first else {
            let v = box(subject, at: span)
            b.emit(.callBuiltin("%no-match", [v]), .any, at: span)
            b.terminate(.unreachable)
            return
        }
        guard let column = first.patterns.firstIndex(where: { !isIrrefutable($0) }) else {
            // The first row matches: bind its variables and enter its clause.
            var binds = first.binds
            for (p, occ) in zip(first.patterns, occs) { if case .bind(let v) = p { binds.append((v, occ)) } }
            let arm = arms[first.arm]
            if armBlocks[first.arm] == nil {
                armBlocks[first.arm] = b.newBlock(params: arm.vars.map { m.irType($0.type) })
            }
            // a variable's type is that of the part of the value it binds
            // (inference derives it from the scrutinee's type): no check
            let args = arm.vars.map { v -> ValueID in
                let value = binds.last(where: { $0.0 === v })!.1
                let t = m.irType(v.type)
                if type(value) == .any && t != .any {
                    // (a raw-element list still gets its one certifying check)
                    let certify = t.listElement.map { $0 != .any } ?? false
                    return b.value(.unbox(value, t, checked: certify), t, at: v.span)
                }
                return coerce(value, to: t, at: v.span)
            }
            b.terminate(.br(armBlocks[first.arm]!, args))
            return
        }
        let occ = occs[column]
        var heads: [MatchHead] = []
        for row in rows {
            if let h = head(row.patterns[column]), !heads.contains(h) { heads.append(h) }
        }
        // Two or more constructors of one data type: one switch on the tag.
        var switched: [MatchHead: BlockID] = [:]
        let ctorHeads = heads.filter { if case .shape(.ctor, _) = $0 { return true }; return false }
        if ctorHeads.count >= 2, type(occ).isBoxed, case .shape(.ctor(let first), _) = ctorHeads[0],
           ctorHeads.allSatisfy({ if case .shape(.ctor(let c), _) = $0 { return c.adt == first.adt }; return false }) {
            let tag = b.value(.ctorTag(occ, adt: first.adt), .int, at: span)
            let other = b.newBlock(params: [])
            var cases: [(Int64, BlockID)] = []
            for h in ctorHeads {
                guard case .shape(.ctor(let c), _) = h else { continue }
                let blk = b.newBlock(params: [])
                switched[h] = blk
                cases.append((Int64(c.ctor), blk))
            }
            b.terminate(.switch_(tag, cases, other))
            b.position(at: other)
        }
        for h in heads {
            // a raw Int, Float or Bool is never a list, tuple or constructor value
            if case .shape = h, !type(occ).isBoxed { continue }
            // the block where the tests go on once this head's subtree is done
            let next: BlockID
            let yes: BlockID
            if let blk = switched[h] {
                yes = blk
                next = b.block
            } else {
                yes = b.newBlock(params: [])
                next = b.newBlock(params: [])
                b.terminate(.condbr(test(occ, h, at: span), yes, [], next, []))
            }
            b.position(at: yes)
            let fields = load(occ, h, at: span)
            var specialized: [MatchRow] = []
            for row in rows {
                let p = row.patterns[column]
                var r = row
                var rest = row.patterns
                rest.remove(at: column)
                if isIrrefutable(p) {
                    if case .bind(let v) = p { r.binds.append((v, occ)) }
                    r.patterns = Array(repeating: .wildcard, count: fields.count) + rest
                } else if let ph = head(p), h.accepts(ph) {
                    r.patterns = subpatterns(p) + rest
                } else {
                    continue
                }
                specialized.append(r)
            }
            var rest = occs
            rest.remove(at: column)
            compileRows(specialized, fields + rest, arms, &armBlocks, subject: subject, span: span)
            b.position(at: next)
        }
        // Values none of the heads accepts: the rows with a variable or `_` here.
        var defaults: [MatchRow] = []
        for row in rows where isIrrefutable(row.patterns[column]) {
            var r = row
            if case .bind(let v) = row.patterns[column] { r.binds.append((v, occ)) }
            r.patterns.remove(at: column)
            defaults.append(r)
        }
        var rest = occs
        rest.remove(at: column)
        compileRows(defaults, rest, arms, &armBlocks, subject: subject, span: span)
    }

    private func head(_ p: CorePattern) -> MatchHead? {
        switch p {
        case .wildcard, .bind: return nil
        case .int(let i): return .int(i)
        case .float(let d): return .float(d)
        case .string(let s): return .string(s)
        case .bool(let x): return .bool(x)
        case .nil_: return .nil_
        case .empty: return .shape(.empty, arity: 0)
        case .cons: return .shape(.cons, arity: 2)
        case .tuple(let ps): return .shape(.tuple(ps.count), arity: ps.count)
        case .ctor(let c, let ps): return .shape(.ctor(m.ctorRef(c)), arity: ps.count)
        }
    }

    private func subpatterns(_ p: CorePattern) -> [CorePattern] {
        switch p {
        case .cons(let h, let t): return [h, t]
        case .tuple(let ps), .ctor(_, let ps): return ps
        default: return []
        }
    }

    /// Whether `occ` passes the test of head `h` (Bool).
    private func test(_ occ: ValueID, _ h: MatchHead, at span: Span) -> ValueID {
        let t = type(occ)
        func constant(_ x: Bool) -> ValueID { b.value(.constBool(x), .bool, at: span) }
        func equal(_ k: ValueID) -> ValueID {
            let r = b.value(.callBuiltin("==", [box(occ, at: span), box(k, at: span)]), .any, at: span)
            return b.value(.unbox(r, .bool, checked: false), .bool, at: span)
        }
        switch h {
        case .shape(let s, _):
            return t.isBoxed ? b.value(.test(occ, s), .bool, at: span) : constant(false)
        case .int(let i):
            if t == .int { return b.value(.cmp(.eq, occ, b.value(.constInt(i), .int, at: span)), .bool, at: span) }
            return t.isBoxed || t == .float ? equal(b.value(.constInt(i), .int, at: span)) : constant(false)
        case .float(let d):
            if t == .float { return b.value(.cmp(.eq, occ, b.value(.constFloat(d), .float, at: span)), .bool, at: span) }
            return t.isBoxed || t == .int ? equal(b.value(.constFloat(d), .float, at: span)) : constant(false)
        case .bool(let x):
            if t == .bool { return b.value(.cmp(.eq, occ, constant(x)), .bool, at: span) }
            return t.isBoxed ? equal(constant(x)) : constant(false)
        case .string(let s):
            return t.isBoxed ? equal(b.value(.constString(s), .string, at: span)) : constant(false)
        case .nil_:
            return t.isBoxed ? equal(nilValue(span)) : constant(false)
        }
    }

    /// The fields of a value that passed head `h`'s test.
    private func load(_ occ: ValueID, _ h: MatchHead, at span: Span) -> [ValueID] {
        guard case .shape(let s, let arity) = h else { return [] }
        switch s {
        case .empty, .fixnum: return []
        case .cons:
            return [b.value(.load(occ, .head), Op.loadType(type(occ), .head), at: span),
                    b.value(.load(occ, .tail), Op.loadType(type(occ), .tail), at: span)]
        case .tuple:
            return (0..<arity).map { b.value(.load(occ, .item($0)), .any, at: span) }
        case .ctor:
            return (0..<arity).map { b.value(.load(occ, .field($0)), .any, at: span) }
        }
    }
}
