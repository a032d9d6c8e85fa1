/// Static types of IR values.
///
/// Every value's type decides its machine representation (`Repr`): Int is a
/// raw i64, Float a raw double, Bool a raw bit; every other type is one
/// runtime word (`rt_val`, see Runtime/include/claude_rt.h) — Nil is always
/// RT_NIL, String/List/Fn/Cell values are pointers (or RT_EMPTY), and `Any`
/// is any encoded value.
public indirect enum IRType: Hashable, Sendable, CustomStringConvertible {
    case int
    case float
    case bool
    case nil_
    case string
    /// A list of elements of this type: `List<Int>` and `List<Float>`
    /// cells hold raw heads (claude_rt.h LISTS: one check of the first cell
    /// certifies the whole list), every other list is `List<Any>`, whose
    /// heads are read through the cell's descriptor. Build one with
    /// `IRType.list(of:)`, which keeps the element type to those three.
    case list(IRType)
    /// A closure taking these parameter types and returning the result type.
    case fn([IRType], IRType)
    /// A mutable box holding a value of this type (a `set!`-captured variable).
    case cell(IRType)
    case any

    public var repr: Repr {
        switch self {
        case .int: return .i64
        case .float: return .f64
        case .bool: return .i1
        default: return .val
        }
    }

    /// The list of elements of type `t` (Int, Float, or else Any).
    public static func list(of t: IRType) -> IRType {
        switch t {
        case .int, .float: return .list(t)
        default: return .list(.any)
        }
    }

    /// `List<Any>`, the list whose cells may be of any kind.
    public static let anyList = IRType.list(.any)

    /// The element type if this is a list type.
    public var listElement: IRType? {
        if case .list(let e) = self { return e }
        return nil
    }

    /// True for types held as rt_val words (which the GC must see).
    public var isBoxed: Bool { repr == .val }

    public var description: String {
        switch self {
        case .int: return "Int"
        case .float: return "Float"
        case .bool: return "Bool"
        case .nil_: return "Nil"
        case .string: return "String"
        case .list(let e): return "List<\(e)>"
        case .any: return "Any"
        case .cell(let t): return "Cell<\(t)>"
        case .fn(let ps, let r): return "Fn<(\(ps.map(\.description).joined(separator: ", ")))->\(r)>"
        }
    }
}

/// Machine representation of a value.
public enum Repr: String, Sendable {
    case i64, f64, i1
    /// an rt_val word: traced by the GC
    case val
}
