import ClaudeSyntax

/// The typed SSA IR. A module is a set of functions and globals; a function
/// is a list of basic blocks; blocks take typed parameters instead of phi
/// nodes and end in exactly one terminator.
///
/// Calling convention (every backend): a function's entry block parameters
/// are `[self] + params`. `self` (type Any) is the closure being called; a
/// function reads its captured variables from it with `capture`. Direct
/// calls pass the closure explicitly as the first argument.

public struct ValueID: Hashable, Sendable, Comparable {
    public let index: Int
    public init(_ index: Int) { self.index = index }
    public static func < (a: ValueID, b: ValueID) -> Bool { a.index < b.index }
}

public struct BlockID: Hashable, Sendable {
    public let index: Int
    public init(_ index: Int) { self.index = index }
}

public struct FuncID: Hashable, Sendable {
    public let index: Int
    public init(_ index: Int) { self.index = index }
}

public struct GlobalID: Hashable, Sendable {
    public let index: Int
    public init(_ index: Int) { self.index = index }
}

/// Checked Int arithmetic (overflow, division by zero raise runtime errors)
/// and IEEE Float arithmetic.
public enum BinOp: String, Sendable, CaseIterable {
    /// Int × Int → Int, overflow raises integer-overflow
    case iadd = "iadd.ovf", isub = "isub.ovf", imul = "imul.ovf"
    /// floor division / floor modulo; zero divisor raises division-by-zero,
    /// INT_MIN / -1 raises integer-overflow (imod gives 0)
    case idiv = "idiv.floor", imod = "imod.floor"
    /// truncating division / remainder
    case iquot = "iquot", irem = "irem"
    /// Float × Float → Float
    case fadd, fsub, fmul, fdiv

    public var isInt: Bool {
        switch self {
        case .iadd, .isub, .imul, .idiv, .imod, .iquot, .irem: return true
        default: return false
        }
    }
}

public enum CmpOp: String, Sendable, CaseIterable {
    case eq, ne, lt, le, gt, ge
}

public enum UnaryOp: String, Sendable {
    /// Int → Int, checked
    case ineg = "ineg.ovf"
    /// Float → Float
    case fneg
    /// Int → Float
    case itof
    /// Bool → Bool
    case bnot
}

/// A constructor of one of the module's data types (`IRModule.adts`).
public struct CtorRef: Hashable, Sendable {
    public let adt: Int
    public let ctor: Int
    public init(adt: Int, ctor: Int) { self.adt = adt; self.ctor = ctor }
}

/// What `test` asks of a value (any value: the test checks its kind first).
public enum ShapeTest: Hashable, Sendable {
    /// the empty list
    case empty
    /// a list cell
    case cons
    /// a tuple of this many items
    case tuple(Int)
    /// a value made by this constructor
    case ctor(CtorRef)
    /// an Int held in the word itself (claude_rt.h: a fixnum)
    case fixnum
}

/// A field `load` reads from a value that passed the matching `test`.
public enum FieldRef: Hashable, Sendable {
    /// of a list cell
    case head, tail
    /// item i of a tuple
    case item(Int)
    /// field i of a constructor value
    case field(Int)
}

public enum Op: Sendable {
    case constInt(Int64)
    case constFloat(Double)
    case constBool(Bool)
    case constNil
    case constString(String)
    /// the empty list `[]` (of any list type)
    case constEmpty
    /// the first-class value of a runtime builtin (type Any)
    case builtinRef(String)
    /// the static closure of a function that captures nothing (type Fn)
    case funcRef(FuncID)

    case binary(BinOp, ValueID, ValueID)
    /// icmp when both operands are Int, fcmp when both are Float; result Bool
    case cmp(CmpOp, ValueID, ValueID)
    case unary(UnaryOp, ValueID)

    /// raw Int/Float/Bool → Any; on any other type a no-op view as Any
    case box(ValueID)
    /// Any → the target type. `checked`: a value of the wrong kind raises
    /// type-error; unchecked: the compiler knows the kind.
    case unbox(ValueID, IRType, checked: Bool)
    /// Any → Bool: false only for nil and #f
    case truthy(ValueID)

    /// direct call of a known function; args[0] is the closure passed as `self`
    case call(FuncID, [ValueID])
    /// call of a closure of static type Fn: its code with typed arguments
    case callClosure(ValueID, [ValueID])
    /// call of a value of type Any with Any arguments, result Any
    case callAny(ValueID, [ValueID])
    /// call of a runtime builtin's generic entry with Any arguments, result Any
    case callBuiltin(String, [ValueID])

    /// allocate a closure of the function with these captured values
    case makeClosure(FuncID, [ValueID])
    /// read captured slot i of the current function's `self`
    case capture(Int)

    case cellNew(ValueID)
    /// a cell of this type holding "no value" (the 0 word): a letrec
    /// variable captured before its init has run
    case cellNewEmpty(IRType)
    case cellGet(ValueID)
    /// a val value that may be the 0 word ("no value"): raise
    /// unbound-variable "unbound variable 'NAME' (defined at DEF, not yet
    /// initialised)"; the result is the same word
    case checkInit(ValueID, name: String, defSpan: Span)
    /// result Nil
    case cellSet(ValueID, ValueID)

    /// read a global (stored as Any). `checked`: raise unbound-variable if
    /// its define has not run yet.
    case globalGet(GlobalID, checked: Bool)
    /// store an Any into a global; result Nil
    case globalSet(GlobalID, ValueID)

    /// a constructor value with these (Any) fields; result Any
    case construct(CtorRef, [ValueID])
    /// a list cell in front of a list; the types are `Op.consType`'s: an
    /// Int head on a List<Int> makes a raw-Int cell, a Float head on a
    /// List<Float> a raw-Float cell, a boxed head on any list a List<Any>
    /// (whose cell kind the runtime picks, keeping the list invariant)
    case cons(ValueID, ValueID)
    /// Any → Bool: whether the value has the shape
    case test(ValueID, ShapeTest)
    /// a field of a value known to have the shape that holds it, of type
    /// `Op.loadType`: a List<Int>'s head is a raw Int, the tail of a
    /// List<T> a List<T>, anything else Any (read through the descriptor)
    case load(ValueID, FieldRef)
    /// Any → Int: the tag of a value of the data type (its constructor's
    /// position in the declaration), or -1 for any other value
    case ctorTag(ValueID, adt: Int)

    public var operands: [ValueID] {
        switch self {
        case .constInt, .constFloat, .constBool, .constNil, .constString, .constEmpty,
             .builtinRef, .funcRef, .capture, .globalGet, .cellNewEmpty:
            return []
        case .binary(_, let a, let b), .cmp(_, let a, let b), .cellSet(let a, let b), .cons(let a, let b): return [a, b]
        case .unary(_, let a), .box(let a), .unbox(let a, _, _), .truthy(let a),
             .cellNew(let a), .cellGet(let a), .globalSet(_, let a), .checkInit(let a, _, _),
             .test(let a, _), .load(let a, _), .ctorTag(let a, _):
            return [a]
        case .call(_, let args), .callBuiltin(_, let args), .makeClosure(_, let args), .construct(_, let args): return args
        case .callClosure(let f, let args), .callAny(let f, let args): return [f] + args
        }
    }

    /// The type of `cons` of a head and a tail of these types, nil if
    /// they do not make a list.
    public static func consType(head: IRType, tail: IRType) -> IRType? {
        guard let e = tail.listElement else { return nil }
        if head == e && e != .any { return tail }
        return head.isBoxed ? .anyList : nil
    }

    /// The type of `load` of a field from a value of type `container`.
    public static func loadType(_ container: IRType, _ field: FieldRef) -> IRType {
        switch (field, container) {
        case (.head, .list(let e)): return e
        case (.tail, .list): return container
        default: return .any
        }
    }

    /// True for operations that may allocate or call code that does (the GC
    /// may run during them), so boxed values must be rooted across them.
    public var mayAllocate: Bool {
        switch self {
        case .box, .call, .callClosure, .callAny, .callBuiltin, .makeClosure, .cellNew, .cellNewEmpty, .unbox, .construct, .cons, .load:
            return true
        default: return false
        }
    }
}

public struct Inst: Sendable {
    public var result: ValueID?
    public var op: Op
    public var span: Span
    public init(result: ValueID?, op: Op, span: Span) { self.result = result; self.op = op; self.span = span }
}

public enum Terminator: Sendable {
    case br(BlockID, [ValueID])
    case condbr(ValueID, BlockID, [ValueID], BlockID, [ValueID])
    case ret(ValueID)
    /// a guaranteed tail call: `op` is .call, .callClosure or .callAny and its
    /// result type is the function's return type
    case tailcall(Op, Span)
    /// jump to the block of the case equal to the Int (blocks without
    /// parameters), else to the default block
    case switch_(ValueID, [(Int64, BlockID)], BlockID)
    case unreachable

    public var operands: [ValueID] {
        switch self {
        case .br(_, let a): return a
        case .condbr(let c, _, let a, _, let b): return [c] + a + b
        case .ret(let v): return [v]
        case .tailcall(let op, _): return op.operands
        case .switch_(let v, _, _): return [v]
        case .unreachable: return []
        }
    }

    public var successors: [BlockID] {
        switch self {
        case .br(let b, _): return [b]
        case .condbr(_, let t, _, let e, _): return [t, e]
        case .switch_(_, let cases, let d): return cases.map(\.1) + [d]
        default: return []
        }
    }
}

public struct Block: Sendable {
    public var params: [ValueID]
    public var insts: [Inst]
    public var terminator: Terminator
    public init(params: [ValueID], insts: [Inst] = [], terminator: Terminator = .unreachable) {
        self.params = params; self.insts = insts; self.terminator = terminator
    }
}

public final class IRFunction: @unchecked Sendable {
    public let id: FuncID
    /// unique within the module; the machine symbol is derived from it
    public var name: String
    /// for printing `<function f>`; nil for anonymous closures
    public var displayName: String?
    public var paramTypes: [IRType]
    public var returnType: IRType
    /// layout of the captured words of closures made from this function
    public var captures: [IRType]
    /// blocks[0] is the entry; its params are [self] + parameters
    public var blocks: [Block] = []
    /// the type of each value, indexed by ValueID
    public var valueTypes: [IRType] = []
    /// names of values for the printer (source variable names)
    public var valueNames: [Int: String] = [:]
    public var span: Span

    public init(id: FuncID, name: String, displayName: String?, paramTypes: [IRType], returnType: IRType,
                captures: [IRType], span: Span) {
        self.id = id; self.name = name; self.displayName = displayName
        self.paramTypes = paramTypes; self.returnType = returnType; self.captures = captures; self.span = span
    }

    public var type: IRType { .fn(paramTypes, returnType) }

    public func type(of v: ValueID) -> IRType { valueTypes[v.index] }

    public func newValue(_ type: IRType, name: String? = nil) -> ValueID {
        let v = ValueID(valueTypes.count)
        valueTypes.append(type)
        if let name { valueNames[v.index] = name }
        return v
    }

    public func newBlock(params: [IRType]) -> BlockID {
        let ps = params.map { newValue($0) }
        blocks.append(Block(params: ps))
        return BlockID(blocks.count - 1)
    }
}

public struct IRGlobal: Sendable {
    public var name: String
    /// the static type of its values (storage is always an Any word)
    public var type: IRType
    /// the location of the name in its defining form, for the
    /// "not yet initialised" message
    public var defSpan: Span
    public init(name: String, type: IRType, defSpan: Span) { self.name = name; self.type = type; self.defSpan = defSpan }
}

/// A data type: the names and field counts of its constructors (each gets
/// a runtime descriptor; the printer shows values by it).
public struct IRAdt: Sendable {
    public struct Ctor: Sendable {
        public var name: String
        public var arity: Int
        public init(name: String, arity: Int) { self.name = name; self.arity = arity }
    }
    public var name: String
    public var constructors: [Ctor]
    public init(name: String, constructors: [Ctor]) { self.name = name; self.constructors = constructors }
}

public final class IRModule: @unchecked Sendable {
    public var functions: [IRFunction] = []
    public var globals: [IRGlobal] = []
    public var adts: [IRAdt] = []
    /// the top-level code: no parameters, returns Nil
    public var entry: FuncID = FuncID(0)
    public init() {}

    public func function(_ id: FuncID) -> IRFunction { functions[id.index] }

    public func addFunction(name: String, displayName: String?, paramTypes: [IRType], returnType: IRType,
                            captures: [IRType], span: Span) -> IRFunction {
        let f = IRFunction(id: FuncID(functions.count), name: name, displayName: displayName,
                           paramTypes: paramTypes, returnType: returnType, captures: captures, span: span)
        functions.append(f)
        return f
    }

    public func addGlobal(_ g: IRGlobal) -> GlobalID {
        globals.append(g)
        return GlobalID(globals.count - 1)
    }
}

extension Span {
    /// "file:line:col", the location text runtime errors print.
    public var locationText: String { "\(file):\(line):\(column)" }
}
