/// Type inference works on a lattice per type variable:
///
///     unknown  <  Int | Float | Bool | Nil | String | List | Fn(sig)  <  Any
///
/// Values flow from sources into sinks (an argument into a parameter, both
/// branches of an `if` into its result); a variable's state is the join of
/// everything that flows into it. Two different concrete types join to
/// `Any`: the value is then boxed and operations on it dispatch at run time.
/// Two function types join by identifying their signatures (parameters and
/// results flow both ways), so every closure reaching one call site has one
/// calling convention. A function that flows into `Any` (stored in a list,
/// passed to a builtin, joined with a non-function) "escapes": its
/// parameters and result become `Any`, since unknown code may call it.

public final class FnSignature {
    public let params: [TypeVar]
    public let result: TypeVar
    public init(params: [TypeVar], result: TypeVar) { self.params = params; self.result = result }
}

public enum TypeState: CustomStringConvertible {
    case unknown
    case int, float, bool, nil_, string
    /// a list whose elements have the type of the variable (lists are
    /// immutable, so element types flow covariantly)
    case list(TypeVar)
    /// a tuple of these item types
    case tuple([TypeVar])
    /// a value of a data type (its fields are Any for now)
    case adt(AdtInfo)
    case fn(FnSignature)
    case any

    public var description: String {
        switch self {
        case .unknown: return "?"
        case .int: return "Int"
        case .float: return "Float"
        case .bool: return "Bool"
        case .nil_: return "Nil"
        case .string: return "String"
        case .list: return "List"
        case .tuple: return "Tuple"
        case .adt(let a): return a.name
        case .fn(let s): return "Function/\(s.params.count)"
        case .any: return "Any"
        }
    }

    var isNumber: Bool { if case .int = self { return true }; if case .float = self { return true }; return false }
    var isUnknown: Bool { if case .unknown = self { return true }; return false }
    var isAny: Bool { if case .any = self { return true }; return false }
    public var isList: Bool { if case .list = self { return true }; return false }

    func sameConstructor(_ o: TypeState) -> Bool {
        switch (self, o) {
        case (.int, .int), (.float, .float), (.bool, .bool), (.nil_, .nil_), (.string, .string),
             (.list, .list), (.any, .any), (.unknown, .unknown): return true
        case (.tuple(let a), .tuple(let b)): return a.count == b.count
        case (.adt(let a), .adt(let b)): return a === b
        default: return false
        }
    }
}

public final class TypeVar: CustomStringConvertible {
    @exclusivity(unchecked) public internal(set) var state: TypeState = .unknown
    // The solver's edges from this variable, as lists in the solver's tables
    // (first and last entry; -1 when empty), valid for the solver `edgeOwner`:
    /// variables this one's values flow into
    @exclusivity(unchecked) var firstSink: Int32 = -1
    @exclusivity(unchecked) var lastSink: Int32 = -1
    /// constraints to re-run when the state changes
    @exclusivity(unchecked) var firstWatcher: Int32 = -1
    @exclusivity(unchecked) var lastWatcher: Int32 = -1
    @exclusivity(unchecked) var edgeOwner: UInt32 = 0
    @exclusivity(unchecked) static var counter = 0
    public let id: Int
    /// nesting depth inside container types (a list's element is one
    /// deeper than the list): types nested deeper than `maxDepth` are Any,
    /// which keeps types of recursive structures finite
    let depth: Int
    static let maxDepth = 4
    public init() { TypeVar.counter &+= 1; id = TypeVar.counter; depth = 0 }
    init(inside parent: TypeVar) { TypeVar.counter &+= 1; id = TypeVar.counter; depth = parent.depth + 1 }
    public var description: String { state.description }
}
