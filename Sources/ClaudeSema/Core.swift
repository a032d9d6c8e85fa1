import ClaudeSyntax

/// The resolved program the later stages work on: every name is bound to a
/// `Var` (or a builtin), derived forms (cond, when, unless, internal defines)
/// are desugared, and every lambda knows what it captures. The type checker
/// annotates it with type variables.

public final class Var: Hashable, CustomStringConvertible {
    public enum Kind { case global, local }
    public let name: String
    /// the location of the name in its defining form
    public let span: Span
    public let kind: Kind
    public let id: Int
    /// the type of every value the variable may hold
    public let type: TypeVar
    /// assigned by set! (or a second top-level define)
    @exclusivity(unchecked) public var isAssigned = false
    /// read by a lambda other than the one (or the top level) defining it
    @exclusivity(unchecked) public var isCaptured = false
    /// must live in a mutable cell: assigned and captured, or captured by a
    /// closure created before its init has run
    @exclusivity(unchecked) public var needsCell = false
    /// some read may happen before the init has run (needs a runtime check)
    @exclusivity(unchecked) public var mayBeUninitialised = false
    /// the lambda it is bound to, when it is bound once to a lambda and
    /// never assigned (calls through it are direct calls)
    @exclusivity(unchecked) public var knownLambda: LambdaNode?
    /// read as a value somewhere (not only called): a top-level function
    /// that is only called needs no version of its own besides its instances
    @exclusivity(unchecked) public var hasValueUses = false
    /// globals: index in the module's global table
    @exclusivity(unchecked) public var globalIndex = -1

    // The resolver's bookkeeping, kept here rather than in tables keyed by `id`.
    /// lambda depth that owns the variable (-1: not made by the resolver)
    @exclusivity(unchecked) var ownerDepth = -1
    /// the binding group it is defined in, and the index of its defining item
    @exclusivity(unchecked) var bindingGroup: BindingGroup?
    @exclusivity(unchecked) var groupIndex = 0
    /// for a known local lambda's binding: the variable that means `self` inside it
    @exclusivity(unchecked) var resolverSelfVar: Var?
    /// captured by a closure created before the variable's init ran
    @exclusivity(unchecked) var capturedEarly = false

    init(name: String, span: Span, kind: Kind, id: Int) {
        self.name = name; self.span = span; self.kind = kind; self.id = id
        self.type = TypeVar()
    }

    public static func == (a: Var, b: Var) -> Bool { a === b }
    public func hash(into h: inout Hasher) { h.combine(ObjectIdentifier(self)) }
    public var description: String { name }
}

public final class LambdaNode {
    public let id: Int
    /// display name for `<function f>` (define or let init), nil otherwise
    @exclusivity(unchecked) public var name: String?
    @exclusivity(unchecked) public var params: [Var]
    @exclusivity(unchecked) public var body: [Node] = []
    public let span: Span
    /// variables of enclosing lambdas this one reads, in a fixed order
    @exclusivity(unchecked) public var captures: [Var] = []
    /// the variable the lambda is bound to when its body refers to itself
    /// through it: inside the body such references mean `self`
    @exclusivity(unchecked) public var selfVar: Var?
    public let signature: FnSignature
    /// typed by inference (a top-level function only called, never used
    /// as a value, exists only as its instances and is not)
    @exclusivity(unchecked) public var isTyped = false
    /// the variable it is bound to when it is a known function
    @exclusivity(unchecked) public var boundVar: Var?

    /// A local function that is only ever called, by its defining code or
    /// itself, once its variable is initialised: it needs no closure, its
    /// captured variables can be passed as extra leading parameters.
    public var isLiftable: Bool {
        guard let v = boundVar, v.kind == .local, !captures.isEmpty else { return false }
        return !v.hasValueUses && !v.isCaptured && !v.needsCell && !v.mayBeUninitialised
            && !(selfVar?.hasValueUses ?? false)
    }

    init(id: Int, name: String?, params: [Var], span: Span) {
        self.id = id; self.name = name; self.params = params; self.span = span
        self.signature = FnSignature(params: params.map(\.type), result: TypeVar())
    }
}

public enum NodeKind {
    case int(Int64)
    case float(Double)
    case bool(Bool)
    case nil_
    case string(String)
    /// `[a b c]`
    case list([Node])
    /// read a variable; `selfOf`: the variable is the enclosing known
    /// lambda's own binding, read inside that lambda's body (it is `self`)
    case varRef(Var)
    /// a builtin used as a value or callee
    case builtin(String)
    case call(Node, [Node])
    case lambda(LambdaNode)
    /// letrec*: bindings in order, then the body
    case letrec([(Var, Node)], [Node])
    case if_(Node, Node, Node)
    case and([Node])
    case or([Node])
    case seq([Node])
    case set(Var, Node)
    /// top-level `define`: initialise (or, when repeated, assign) a global
    case defineGlobal(Var, Node)
    /// a constructor applied to all its fields (a nullary one to none)
    case construct(CtorInfo, [Node])
    /// `match`: the scrutinee, then the clauses in order
    case match(Node, [MatchArm])
    /// `(: e T)`
    case ascribe(Node, DeclaredType)
}

/// A type written in the source (`(: e T)`, data declarations).
public indirect enum DeclaredType: CustomStringConvertible {
    case int, float, bool, string, nil_, any
    case list(DeclaredType)
    case tuple([DeclaredType])
    case function([DeclaredType], DeclaredType)
    case adt(AdtInfo, [DeclaredType])
    /// a type variable (`a`): any type
    case variable(String)

    public var description: String {
        switch self {
        case .int: return "Int"
        case .float: return "Float"
        case .bool: return "Bool"
        case .string: return "String"
        case .nil_: return "Nil"
        case .any: return "Any"
        case .list(let t): return "(List \(t))"
        case .tuple(let ts): return "(Tuple \(ts.map(\.description).joined(separator: " ")))"
        case .function(let ps, let r): return "(Function \((ps + [r]).map(\.description).joined(separator: " ")))"
        case .adt(let a, let args): return args.isEmpty ? a.name : "(\(a.name) \(args.map(\.description).joined(separator: " ")))"
        case .variable(let v): return v
        }
    }
}

/// An algebraic data type declared with `data` (§6).
public final class AdtInfo {
    public let name: String
    public let typeParams: [String]
    public let span: Span
    /// its index in `CoreProgram.adts`
    public let index: Int
    @exclusivity(unchecked) public var constructors: [CtorInfo] = []
    init(name: String, typeParams: [String], span: Span, index: Int) {
        self.name = name; self.typeParams = typeParams; self.span = span; self.index = index
    }
}

public final class CtorInfo {
    public let name: String
    public unowned let adt: AdtInfo
    /// position in the declaration (the constructor's tag)
    public let tag: Int
    public let arity: Int
    public let span: Span
    init(name: String, adt: AdtInfo, tag: Int, arity: Int, span: Span) {
        self.name = name; self.adt = adt; self.tag = tag; self.arity = arity; self.span = span
    }
}

/// A resolved pattern: list patterns are desugared to `empty` and `cons`.
public indirect enum CorePattern {
    case wildcard
    case bind(Var)
    case int(Int64)
    case float(Double)
    case string(String)
    case bool(Bool)
    case nil_
    case empty
    case cons(CorePattern, CorePattern)
    case ctor(CtorInfo, [CorePattern])
    case tuple([CorePattern])
}

public struct MatchArm {
    public let pattern: CorePattern
    public let body: Node
    public let span: Span
    /// the pattern's variables in order of appearance
    public let vars: [Var]
}

public final class Node {
    @exclusivity(unchecked) public var kind: NodeKind
    public let span: Span
    /// the type of the node's value
    public let type: TypeVar
    init(_ kind: NodeKind, _ span: Span, type: TypeVar = TypeVar()) {
        self.kind = kind; self.span = span; self.type = type
    }
}

/// The resolved, type-annotated program.
public final class CoreProgram {
    public let source: SourceFile
    @exclusivity(unchecked) public var forms: [Node]
    @exclusivity(unchecked) public var globals: [Var]
    @exclusivity(unchecked) public var lambdas: [LambdaNode]
    @exclusivity(unchecked) public var adts: [AdtInfo]
    /// the function instance each call of a known function enters (type
    /// inference copies a function per combination of argument types)
    @exclusivity(unchecked) public var callTargets: [ObjectIdentifier: LambdaNode] = [:]
    /// calls whose arguments of unknown type (Any) may hold Ints: the Int
    /// instance to enter when those arguments (by index) are all Ints
    @exclusivity(unchecked) public var speculations: [ObjectIdentifier: (target: LambdaNode, args: [Int])] = [:]
    /// the instances made of each function (keyed by the original lambda)
    @exclusivity(unchecked) public var instances: [ObjectIdentifier: [LambdaNode]] = [:]
    /// the last variable and lambda numbers used
    @exclusivity(unchecked) var lastVarId = 0
    @exclusivity(unchecked) var lastLambdaId = 0
    init(source: SourceFile, forms: [Node], globals: [Var], lambdas: [LambdaNode], adts: [AdtInfo]) {
        self.source = source; self.forms = forms; self.globals = globals; self.lambdas = lambdas; self.adts = adts
    }

    /// The function a call node enters: its instance, if inference made one.
    public func target(ofCall n: Node) -> LambdaNode? { callTargets[ObjectIdentifier(n)] }
    public func speculation(ofCall n: Node) -> (target: LambdaNode, args: [Int])? { speculations[ObjectIdentifier(n)] }
}
