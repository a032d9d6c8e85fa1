import ClaudeSyntax

/// Name resolution: binds every name to a variable or builtin, desugars
/// derived forms, works out what each lambda captures, which variables need
/// cells, which calls go to known functions, and which reads of a
/// letrec-style variable may happen before its init has run (§2, §14).
public enum Resolver {
    public static func resolve(_ program: Program, diags: DiagnosticEngine) -> CoreProgram {
        let r = ResolverImpl(source: program.source, diags: diags)
        return r.resolveProgram(program.forms)
    }
}

/// A run of bindings initialised in order (a let, a body with internal
/// defines, or the top level): the unit of the init-order analysis.
final class BindingGroup {
    /// lambda depth of the code that runs the inits
    let depth: Int
    /// index of the item (init or top-level form) being resolved; nil: body
    @exclusivity(unchecked) var current: Int?
    /// inert[i]: items 0...i create no closure calls (lambdas and literals only)
    @exclusivity(unchecked) var inertThrough: [Bool]
    init(depth: Int, inertThrough: [Bool]) { self.depth = depth; self.inertThrough = inertThrough }
}

/// What the resolvers of one program share: the numbering of variables and
/// lambdas, every lambda, the data types, and the prelude copies made so far.
final class ResolverShared {
    @exclusivity(unchecked) var nextVarId = 0
    @exclusivity(unchecked) var nextLambdaId = 0
    @exclusivity(unchecked) var lambdas: [LambdaNode] = []
    @exclusivity(unchecked) var adts: [AdtInfo] = []
    @exclusivity(unchecked) var constructors: [String: CtorInfo] = [:]
    /// prelude copies by (function, span of the place naming it)
    @exclusivity(unchecked) var preludeCopies: [PreludeKey: Var] = [:]
    /// the copies' definitions and variables, run before the program's forms
    @exclusivity(unchecked) var preludeForms: [Node] = []
    @exclusivity(unchecked) var preludeGlobals: [Var] = []

    struct PreludeKey: Hashable { let name: String; let span: Span }
}

final class ResolverImpl {
    let source: SourceFile
    let diags: DiagnosticEngine
    let shared: ResolverShared
    /// resolving a prelude copy: only builtins and other prelude functions are visible
    let isPrelude: Bool
    var nextVarId: Int { get { shared.nextVarId } set { shared.nextVarId = newValue } }
    var nextLambdaId: Int { get { shared.nextLambdaId } set { shared.nextLambdaId = newValue } }
    var lambdas: [LambdaNode] { get { shared.lambdas } _modify { yield &shared.lambdas } }
    @exclusivity(unchecked) var globals: [String: Var] = [:]
    @exclusivity(unchecked) var globalList: [Var] = []
    /// the local variables in scope by name (innermost binding of each name),
    /// and for every open scope what its names meant before it was opened
    @exclusivity(unchecked) var visible: [String: Var] = [:]
    @exclusivity(unchecked) var shadowed: [(String, Var?)] = []
    /// where each open scope's entries start in `shadowed`
    @exclusivity(unchecked) var scopeStarts: [Int] = []
    @exclusivity(unchecked) var lambdaStack: [LambdaNode] = []
    // Per variable (fields of `Var`): the lambda depth that owns it, its
    // binding group and defining item, and a known local lambda's self variable.
    /// true inside a branch, or after the first operand of and/or
    @exclusivity(unchecked) var conditional = false
    /// false while resolving a top-level form that contains no `set!`
    @exclusivity(unchecked) var currentFormAssigns = true

    init(source: SourceFile, diags: DiagnosticEngine, shared: ResolverShared = ResolverShared(), isPrelude: Bool = false) {
        self.source = source; self.diags = diags; self.shared = shared; self.isPrelude = isPrelude
    }

    func newVar(_ name: String, _ span: Span, _ kind: Var.Kind, depth: Int? = nil) -> Var {
        nextVarId += 1
        let v = Var(name: name, span: span, kind: kind, id: nextVarId)
        v.ownerDepth = depth ?? lambdaStack.count
        return v
    }

    // MARK: top level

    func resolveProgram(_ forms: [Expr]) -> CoreProgram {
        // Names assigned anywhere, and which forms assign none (nothing inside
        // those needs looking at again).
        var assigned = Set<String>()
        var formAssigns: [Bool] = []
        formAssigns.reserveCapacity(forms.count)
        for f in forms {
            var inForm = Set<String>()
            AssignedNames.visit(f, &inForm)
            formAssigns.append(!inForm.isEmpty)
            assigned.formUnion(inForm)
        }
        for f in forms { if case .data(let d) = f.kind { declareData(d, f.span) } }
        // Field types (which may name data types declared later in the file)
        // are only checked for warnings: values are not typed by them yet.
        let fieldTypes = DiagnosticEngine()
        let checker = ResolverImpl(source: source, diags: fieldTypes, shared: shared)
        for f in forms {
            guard case .data(let d) = f.kind else { continue }
            let params = Set(d.typeParams.map(\.name))
            for c in d.constructors { for t in c.fields { _ = checker.declaredType(t, variables: params) } }
        }
        for d in fieldTypes.diagnostics { diags.warning(d.message, at: d.span) }
        var firstDefine: [String: Int] = [:]
        var defineCount: [String: Int] = [:]
        for (i, f) in forms.enumerated() {
            guard case .define(let name, let value) = f.kind else { continue }
            defineCount[name.name, default: 0] += 1
            if globals[name.name] == nil {
                let v = newVar(name.name, name.span, .global)
                v.globalIndex = globalList.count
                globals[name.name] = v
                globalList.append(v)
                firstDefine[name.name] = i
            }
            _ = value
        }
        for v in globalList {
            v.isAssigned = assigned.contains(v.name) || defineCount[v.name, default: 0] > 1
        }
        let group = BindingGroup(depth: 0, inertThrough: inertPrefix(forms.map { form -> Expr? in
            if case .define(_, let value) = form.kind { return value }
            return form
        }))
        for v in globalList { v.bindingGroup = group; v.groupIndex = firstDefine[v.name]! }

        var out: [Node] = []
        for (i, f) in forms.enumerated() {
            group.current = i
            conditional = false
            currentFormAssigns = formAssigns[i]
            if case .define(let name, let value) = f.kind {
                let v = globals[name.name]!
                let isFirst = firstDefine[name.name] == i
                let node = resolveInit(value, for: v, knownCandidate: isFirst && !v.isAssigned)
                out.append(Node(.defineGlobal(v, node), f.span))
            } else if case .data = f.kind {
                continue
            } else {
                out.append(resolve(f))
            }
        }
        finishVars(globalList)
        if isPrelude {
            return CoreProgram(source: source, forms: out, globals: globalList, lambdas: [], adts: [])
        }
        // The prelude copies run first (they only define functions).
        for v in shared.preludeGlobals {
            v.globalIndex = globalList.count
            globalList.append(v)
        }
        let program = CoreProgram(source: source, forms: shared.preludeForms + out, globals: globalList,
                                  lambdas: lambdas, adts: shared.adts)
        program.lastVarId = shared.nextVarId
        program.lastLambdaId = shared.nextLambdaId
        return program
    }

    // MARK: data types

    func declareData(_ d: DataDecl, _ span: Span) {
        if shared.adts.contains(where: { $0.name == d.name.name }) {
            diags.error("data type '\(d.name.name)' is already defined", at: d.name.span)
            return
        }
        let adt = AdtInfo(name: d.name.name, typeParams: d.typeParams.map(\.name), span: span, index: shared.adts.count)
        for (tag, c) in d.constructors.enumerated() {
            if let other = shared.constructors[c.name.name] {
                diags.error("constructor '\(c.name.name)' is already defined (in data type '\(other.adt.name)')", at: c.name.span)
                continue
            }
            let info = CtorInfo(name: c.name.name, adt: adt, tag: tag, arity: c.fields.count, span: c.name.span)
            adt.constructors.append(info)
            shared.constructors[c.name.name] = info
        }
        shared.adts.append(adt)
    }

    /// A constructor used as a value: a nullary one is its value, any other
    /// a function building it.
    func constructorValue(_ c: CtorInfo, _ span: Span) -> Node {
        if c.arity == 0 { return Node(.construct(c, []), span) }
        let params = (0..<c.arity).map { Ident("field\($0)", span) }
        let call = Expr(.call(Expr(.variable(c.name), span), params.map { Expr(.variable($0.name), span) }), span)
        return resolveLambda(Lambda(name: c.name, params: params, rest: nil, body: [call], span: span), span: span, boundTo: nil)
    }

    /// A written type; nil (after a diagnostic) when it names no type.
    func declaredType(_ t: TypeExpr, variables: Set<String>? = nil) -> DeclaredType? {
        func declaredType(_ t: TypeExpr) -> DeclaredType? { self.declaredType(t, variables: variables) }
        func arity(_ name: String, _ args: [TypeExpr], _ n: Int) -> Bool {
            if args.count == n { return true }
            diags.error("type '\(name)' takes \(plural(n, "argument")), got \(args.count)", at: t.span)
            return false
        }
        switch t.kind {
        case .name(let name), .apply(let name, _):
            var args: [TypeExpr] = []
            if case .apply(_, let a) = t.kind { args = a }
            switch name {
            case "Int", "Float", "Bool", "String", "Nil", "Any":
                guard arity(name, args, 0) else { return nil }
                return ["Int": .int, "Float": .float, "Bool": .bool, "String": .string, "Nil": .nil_, "Any": .any][name]!
            case "List":
                guard arity(name, args, 1), let e = declaredType(args[0]) else { return nil }
                return .list(e)
            case "Tuple":
                let items = args.compactMap(declaredType)
                return items.count == args.count ? .tuple(items) : nil
            case "Function", "->":
                guard !args.isEmpty else { return .function([], .any) }
                let all = args.compactMap(declaredType)
                guard all.count == args.count else { return nil }
                return .function(Array(all.dropLast()), all.last!)
            default:
                if let adt = shared.adts.first(where: { $0.name == name }) {
                    guard arity(name, args, adt.typeParams.count) else { return nil }
                    let all = args.compactMap(declaredType)
                    return all.count == args.count ? .adt(adt, all) : nil
                }
                if args.isEmpty && !Names.isCapitalized(name) {
                    if let variables, !variables.contains(name) {
                        diags.error("unknown type variable '\(name)' (declare it after the type's name: (data T \(name) ...))", at: t.span)
                        return nil
                    }
                    return .variable(name)
                }
                diags.error("unknown type '\(name)'", at: t.span)
                return nil
            }
        }
    }

    // MARK: the prelude

    /// The copy of prelude function `name` for the place `span` names it.
    func preludeCopy(_ name: String, _ span: Span) -> Node {
        let key = ResolverShared.PreludeKey(name: name, span: span)
        if let v = shared.preludeCopies[key] { return Node(.varRef(v), span) }
        let forms = Prelude.closure(of: name).map { SpanRewriter.rewrite(Prelude.definitions[$0]!, to: span) }
        let sub = ResolverImpl(source: source, diags: diags, shared: shared, isPrelude: true)
        let core = sub.resolveProgram(forms)
        for v in core.globals {
            v.bindingGroup = nil
            shared.preludeCopies[ResolverShared.PreludeKey(name: v.name, span: span)] = v
        }
        for f in core.forms {
            if case .defineGlobal(let v, let value) = f.kind, case .lambda(let lam) = value.kind {
                lam.name = Prelude.displayName(v.name)
            }
        }
        shared.preludeForms += core.forms
        shared.preludeGlobals += core.globals
        return Node(.varRef(shared.preludeCopies[key]!), span)
    }

    /// inert[i] is true when items 0...i only create values (lambdas,
    /// literals, names): no user code can run before item i+1 starts.
    func inertPrefix(_ items: [Expr?]) -> [Bool] {
        var result: [Bool] = []
        var ok = true
        for item in items {
            if let e = item {
                switch e.kind {
                case .lambda, .int, .float, .bool, .nil_, .string: break
                default: ok = false
                }
            }
            result.append(ok)
        }
        return result
    }

    /// Resolves the init of `v`; a lambda init of a never-assigned variable
    /// makes it a known function.
    func resolveInit(_ value: Expr, for v: Var, knownCandidate: Bool) -> Node {
        if case .lambda(let l) = value.kind {
            var l = l
            if l.name == nil { l.name = v.name }
            return resolveLambda(l, span: value.span, boundTo: knownCandidate ? v : nil)
        }
        return resolve(value)
    }

    func finishVars(_ vars: [Var]) {
        for v in vars where v.kind == .local {
            v.needsCell = v.isAssigned || v.capturedEarly || (v.mayBeUninitialised && v.isCaptured)
        }
    }

    // MARK: names

    func lookup(_ name: String) -> Var? {
        visible[name] ?? globals[name]
    }

    /// Opens a scope (then `bind` its names).
    func openScope() { scopeStarts.append(shadowed.count) }

    /// Binds `name` to `v` in the innermost scope (over any outer binding of it).
    func bind(_ name: String, _ v: Var) { shadowed.append((name, visible.updateValue(v, forKey: name))) }

    /// Closes the innermost scope, restoring what its names meant before.
    func closeScope() {
        let start = scopeStarts.removeLast()
        while shadowed.count > start {
            let (name, old) = shadowed.removeLast()
            visible[name] = old
        }
    }

    func resolveName(_ name: String, _ span: Span, argc: Int? = nil) -> Node {
        guard var v = lookup(name) else {
            if let c = shared.constructors[name] { return constructorValue(c, span) }
            if let c = Builtins.constants[name] { return Node(.float(c), span) }
            if !isPrelude, let p = Prelude.variant(name, argc: argc) { return preludeCopy(p, span) }
            if Builtins.lookup(name) != nil && (isPrelude || !name.hasPrefix("%")) { return Node(.builtin(name), span) }
            diags.error("unbound variable '\(name)'", at: span)
            return Node(.nil_, span)
        }
        // Inside its own body a known lambda's binding is `self`.
        if let lam = v.knownLambda, let selfV = v.resolverSelfVar, lambdaStack.contains(where: { $0 === lam }) {
            v = selfV
        } else if let lam = v.knownLambda, v.kind == .global, lambdaStack.contains(where: { $0 === lam }) {
            noteCapture(v)
            return Node(.varRef(v), span)
        } else {
            checkInitOrder(v, span)
        }
        noteCapture(v)
        return Node(.varRef(v), span)
    }

    func noteCapture(_ v: Var) {
        let d = v.ownerDepth
        guard v.kind == .local, d >= 0, d < lambdaStack.count else { return }
        v.isCaptured = true
        for lam in lambdaStack[d...] where !lam.captures.contains(v) { lam.captures.append(v) }
    }

    /// §14: a read before the init has run is a runtime error, or a compile
    /// error when it happens unconditionally in the variable's own init.
    func checkInitOrder(_ v: Var, _ span: Span) {
        guard let group = v.bindingGroup, let i = group.current else { return }
        let j = v.groupIndex
        let inLambda = lambdaStack.count > group.depth
        if inLambda {
            // the closure is created while item i runs
            if i > j { return }
            if v.kind == .local { v.capturedEarly = true }
            if !group.inertThrough[j] { v.mayBeUninitialised = true }
        } else {
            if i > j { return }
            if i == j && !conditional {
                diags.error("unbound variable '\(v.name)' (defined at \(v.span), not yet initialised)", at: span)
                return
            }
            v.mayBeUninitialised = true
        }
    }

    // MARK: expressions

    func resolve(_ e: Expr) -> Node {
        let span = e.span
        switch e.kind {
        case .int(let i): return Node(.int(i), span)
        case .float(let d): return Node(.float(d), span)
        case .bool(let b): return Node(.bool(b), span)
        case .nil_: return Node(.nil_, span)
        case .string(let s): return Node(.string(s), span)
        case .keyword(let k):
            diags.error("unexpected keyword ':\(k)' in expression position", at: span)
            return Node(.nil_, span)
        case .variable(let name): return resolveName(name, span)
        case .listLiteral(let items): return Node(.list(items.map(resolve)), span)
        case .call(let f, let args):
            if case .variable(let name) = f.kind, lookup(name) == nil {
                if let c = shared.constructors[name] {
                    let fields = args.map(resolve)
                    if fields.count != c.arity {
                        diags.error(arityMessage(c.name, c.arity, fields.count), at: span)
                    }
                    return Node(.construct(c, fields), span)
                }
                if !isPrelude, Builtins.constants[name] == nil, let p = Prelude.variant(name, argc: args.count) {
                    let callee = preludeCopy(p, span)
                    return Node(.call(callee, args.map(resolve)), span)
                }
            }
            let callee = resolve(f)
            return Node(.call(callee, args.map(resolve)), span)
        case .define(let name, _):
            diags.error("'define' of '\(name.name)' is only allowed at the top level or at the start of a body", at: span)
            return Node(.nil_, span)
        case .lambda(let l): return resolveLambda(l, span: span, boundTo: nil)
        case .let_(_, let bindings, let body):
            return resolveBody(bindings.map { .binding($0.name, $0.value) } + [.body(body, span)], span: span)
        case .if_(let c, let t, let f):
            let cn = resolve(c)
            let (tn, fn) = branches { (self.resolve(t), f.map(self.resolve) ?? Node(.nil_, span)) }
            return Node(.if_(cn, tn, fn), span)
        case .cond(let clauses): return resolveCond(clauses[...], span: span)
        case .when(let c, let body):
            let cn = resolve(c)
            let bn = branches { self.resolveSequence(body, span: span) }
            return Node(.if_(cn, bn, Node(.nil_, span)), span)
        case .unless(let c, let body):
            let cn = resolve(c)
            let bn = branches { self.resolveSequence(body, span: span) }
            return Node(.if_(cn, Node(.nil_, span), bn), span)
        case .begin(let body): return resolveSequence(body, span: span)
        case .and(let items): return Node(.and(resolveShortCircuit(items)), span)
        case .or(let items): return Node(.or(resolveShortCircuit(items)), span)
        case .set(let name, let value):
            let valueNode = resolve(value)
            guard let v = lookup(name.name) else {
                diags.error("unbound variable '\(name.name)'", at: name.span)
                return Node(.nil_, span)
            }
            noteCapture(v)
            return Node(.set(v, valueNode), span)
        case .match(let subject, let clauses): return resolveMatch(subject, clauses, span)
        case .data:
            diags.error("'data' is only allowed at the top level", at: span)
            return Node(.nil_, span)
        case .ascribe(let x, let t):
            let value = resolve(x)
            guard let type = declaredType(t) else { return value }
            return Node(.ascribe(value, type), span)
        case .contract: return unsupported("spec:contract", span)
        case .module: return unsupported("module", span)
        case .import_: return unsupported("import", span)
        case .defineForeign: return unsupported("define-foreign", span)
        }
    }

    func unsupported(_ form: String, _ span: Span) -> Node {
        diags.error("'\(form)' is not supported yet", at: span)
        return Node(.nil_, span)
    }

    /// Resolves code that runs only on some paths (if branches, and/or tails).
    func branches<T>(_ body: () -> T) -> T {
        let saved = conditional
        conditional = true
        defer { conditional = saved }
        return body()
    }

    func resolveShortCircuit(_ items: [Expr]) -> [Node] {
        guard let first = items.first else { return [] }
        let head = resolve(first)
        return [head] + branches { items.dropFirst().map(resolve) }
    }

    func resolveCond(_ clauses: ArraySlice<CondClause>, span: Span) -> Node {
        guard let clause = clauses.first else { return Node(.nil_, span) }
        guard let test = clause.test else { return resolveSequence(clause.body, span: clause.span) }
        let testNode = resolve(test)
        return branches {
            let rest = resolveCond(clauses.dropFirst(), span: span)
            if clause.body.isEmpty { return Node(.or([testNode, rest]), clause.span) }
            return Node(.if_(testNode, resolveSequence(clause.body, span: clause.span), rest), clause.span)
        }
    }

    /// A body: defines in it are local to it (letrec*).
    func resolveSequence(_ body: [Expr], span: Span) -> Node {
        if body.isEmpty { return Node(.nil_, span) }
        // Without defines this is a plain sequence (as `resolveBody` would make it).
        if !body.contains(where: { if case .define = $0.kind { return true }; return false }) {
            return body.count == 1 ? resolve(body[0]) : Node(.seq(body.map(resolve)), span)
        }
        return resolveBody(body.map { e in
            if case .define(let name, let value) = e.kind { return .binding(name, value) }
            return .expr(e)
        }, span: span)
    }

    enum BodyItem {
        case binding(Ident, Expr)
        case expr(Expr)
        /// a nested body (a let's body after its bindings): its defines are its own
        case body([Expr], Span)
    }

    /// Resolves a let or a body with internal defines as one letrec* group.
    /// Expressions in between are items without a variable; the value is
    /// the last expression's (nil when the body ends in a binding).
    func resolveBody(_ items: [BodyItem], span: Span) -> Node {
        let hasBindings = items.contains { if case .binding = $0 { return true }; return false }
        if !hasBindings {
            let nodes = items.map(resolveItem)
            return nodes.count == 1 ? nodes[0] : Node(.seq(nodes), span)
        }
        let region = items.map { item -> Expr in
            switch item {
            case .binding(_, let v): return v
            case .expr(let e): return e
            case .body(let es, let sp): return Expr(.begin(es), sp)
            }
        }
        let assigned = currentFormAssigns ? AssignedNames.collect(region) : []
        let group = BindingGroup(depth: lambdaStack.count, inertThrough: inertPrefix(region))
        var scope: [String: Var] = [:]
        var vars: [Var?] = []
        var defined: [Var] = []
        for (i, item) in items.enumerated() {
            guard case .binding(let name, _) = item else { vars.append(nil); continue }
            if let existing = scope[name.name] {
                existing.isAssigned = true           // a second define assigns
                vars.append(existing)
                continue
            }
            let v = newVar(name.name, name.span, .local)
            v.isAssigned = assigned.contains(name.name)
            scope[name.name] = v
            v.bindingGroup = group
            v.groupIndex = i
            vars.append(v)
            defined.append(v)
        }
        openScope()
        for v in defined { bind(v.name, v) }
        var bindings: [(Var?, Node)] = []
        var lastIsExpr = false
        for (i, item) in items.enumerated() {
            group.current = i
            let saved = conditional
            conditional = false
            switch item {
            case .binding(_, let value):
                let v = vars[i]!
                let firstDef = v.bindingGroup != nil && v.groupIndex == i
                let node = resolveInit(value, for: v, knownCandidate: firstDef && !v.isAssigned)
                bindings.append((v, firstDef ? node : Node(.set(v, node), value.span)))
                lastIsExpr = false
            case .expr, .body:
                bindings.append((nil, resolveItem(item)))
                lastIsExpr = true
            }
            conditional = saved
        }
        group.current = nil
        closeScope()
        finishVars(defined)
        // The value: the last expression, or nil after a trailing binding.
        var body: [Node] = []
        if lastIsExpr, let last = bindings.popLast() { body = [last.1] } else { body = [Node(.nil_, span)] }
        return Node(.letrec(bindings.map { ($0.0 ?? Var.placeholder, $0.1) }, body), span)
    }

    func resolveItem(_ item: BodyItem) -> Node {
        switch item {
        case .expr(let e): return resolve(e)
        case .body(let es, let sp): return resolveSequence(es, span: sp)
        case .binding(let name, _):
            diags.error("'define' of '\(name.name)' is not allowed here", at: name.span)
            return Node(.nil_, name.span)
        }
    }

    func resolveLambda(_ l: Lambda, span: Span, boundTo: Var?) -> Node {
        nextLambdaId += 1
        let depth = lambdaStack.count + 1       // the lambda's own variables live here
        var params: [Var] = []
        let paramCount = l.params.count + (l.rest == nil ? 0 : 1)
        params.reserveCapacity(paramCount)
        for k in 0..<paramCount {
            let p = k < l.params.count ? l.params[k] : l.rest!
            if params.contains(where: { $0.name == p.name }) {
                diags.error("duplicate parameter '\(p.name)'", at: p.span)
            }
            params.append(newVar(p.name, p.span, .local, depth: depth))
        }
        if let rest = l.rest { diags.error("rest parameters are not supported yet", at: rest.span) }
        let lam = LambdaNode(id: nextLambdaId, name: l.name, params: params, span: span)
        lambdas.append(lam)
        if let v = boundTo {
            v.knownLambda = lam
            lam.boundVar = v
            if v.kind == .local {
                let selfV = newVar(v.name, v.span, .local, depth: depth)
                selfV.knownLambda = lam
                lam.selfVar = selfV
                v.resolverSelfVar = selfV
            }
        }
        let assignedParams = currentFormAssigns ? AssignedNames.collect(l.body) : []
        for p in params where assignedParams.contains(p.name) { p.isAssigned = true }
        lambdaStack.append(lam)
        openScope()
        for v in params { bind(v.name, v) }     // a repeated name means its last parameter
        let saved = conditional
        conditional = false
        lam.body = [resolveSequence(l.body, span: span)]
        conditional = saved
        closeScope()
        lambdaStack.removeLast()
        finishVars(params)
        return Node(.lambda(lam), span)
    }
}

extension Var {
    /// Stands for "no variable" in letrec items that are plain expressions.
    public static let placeholder = Var(name: "_", span: .unknown, kind: .local, id: 0)
}

/// Names assigned by `set!` anywhere in some code (a conservative, name-based
/// over-approximation used to decide which bindings are never assigned).
enum AssignedNames {
    static func collect(_ exprs: [Expr]) -> Set<String> {
        var out = Set<String>()
        for e in exprs { visit(e, &out) }
        return out
    }

    static func visit(_ e: Expr, _ out: inout Set<String>) {
        switch e.kind {
        case .set(let n, let v): out.insert(n.name); visit(v, &out)
        case .call(let f, let args): visit(f, &out); args.forEach { visit($0, &out) }
        case .listLiteral(let xs), .begin(let xs), .and(let xs), .or(let xs): xs.forEach { visit($0, &out) }
        case .define(_, let v): visit(v, &out)
        case .lambda(let l): l.body.forEach { visit($0, &out) }
        case .let_(_, let bs, let body): bs.forEach { visit($0.value, &out) }; body.forEach { visit($0, &out) }
        case .if_(let c, let t, let f): visit(c, &out); visit(t, &out); if let f { visit(f, &out) }
        case .cond(let cs): for c in cs { if let t = c.test { visit(t, &out) }; c.body.forEach { visit($0, &out) } }
        case .when(let c, let b), .unless(let c, let b): visit(c, &out); b.forEach { visit($0, &out) }
        case .match(let s, let cs): visit(s, &out); cs.forEach { $0.body.forEach { visit($0, &out) } }
        case .ascribe(let x, _): visit(x, &out)
        default: break
        }
    }
}
