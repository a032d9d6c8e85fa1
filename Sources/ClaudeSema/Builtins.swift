/// What the compiler knows about each runtime builtin: argument counts (for
/// compile-time arity errors), what each argument must be (for errors that
/// can be reported statically) and the type of the result. The names match
/// the runtime's table (Runtime/, `rt_builtins`).
public struct BuiltinInfo {
    public enum Result {
        case int, float, bool, nil_, string, list, any
        /// the numeric join of the arguments: Int if all Int, Float if any Float
        case numeric
    }
    public enum Arg { case any, number, string, list, int, listOrNil }

    public let name: String
    public let minArgs: Int
    /// nil: no maximum
    public let maxArgs: Int?
    /// the kind of every argument; the last one repeats for variadic builtins
    public let args: [Arg]
    public let result: Result

    public func argKind(_ i: Int) -> Arg { args.isEmpty ? .any : args[min(i, args.count - 1)] }
}

public enum Builtins {
    /// Names that denote values rather than functions.
    public static let constants: [String: Double] = ["pi": Double.pi, "e": 2.718281828459045]

    public static let table: [String: BuiltinInfo] = {
        var t: [String: BuiltinInfo] = [:]
        func add(_ names: [String], _ min: Int, _ max: Int?, _ args: [BuiltinInfo.Arg], _ r: BuiltinInfo.Result) {
            for n in names { t[n] = BuiltinInfo(name: n, minArgs: min, maxArgs: max, args: args, result: r) }
        }
        // arithmetic and comparison
        add(["+", "*"], 0, nil, [.number], .numeric)
        add(["-"], 1, nil, [.number], .numeric)
        add(["/"], 1, nil, [.number], .numeric)
        add(["mod", "quot", "rem"], 2, 2, [.number], .numeric)
        add(["<", ">", "<=", ">="], 2, nil, [.any], .bool)
        add(["==", "=", "!=", "not="], 1, nil, [.any], .bool)
        add(["not"], 1, 1, [.any], .bool)
        // numbers
        add(["abs", "neg", "floor", "ceil", "round", "truncate"], 1, 1, [.number], .numeric)
        add(["min", "max"], 1, nil, [.number], .numeric)
        add(["inc", "dec"], 1, 1, [.number], .numeric)
        add(["sqrt", "exp", "sin", "cos", "tan", "to-float"], 1, 1, [.number], .float)
        add(["log", "atan"], 1, 2, [.number], .float)
        add(["atan2", "pow"], 2, 2, [.number], .float)
        add(["to-int"], 1, 1, [.number], .int)
        add(["gcd", "lcm"], 0, nil, [.number], .int)
        add(["even?", "odd?", "zero?", "positive?", "negative?"], 1, 1, [.number], .bool)
        // predicates
        add(["int?", "float?", "number?", "string?", "bool?", "nil?", "list?", "tuple?", "function?"], 1, 1, [.any], .bool)
        // output and strings
        add(["print", "io:print"], 0, nil, [.any], .nil_)
        add(["to-string"], 1, 1, [.any], .string)
        add(["concat", "string-concat"], 0, nil, [.string], .string)
        add(["string-length"], 1, 1, [.string], .int)
        add(["string->number"], 1, 1, [.string], .any)
        // lists
        add(["list"], 0, nil, [.any], .list)
        add(["cons"], 2, 2, [.any, .list], .list)
        add(["head", "car", "first", "last"], 1, 1, [.list], .any)
        add(["tail", "cdr", "rest"], 1, 1, [.list], .list)
        add(["empty?"], 1, 1, [.list], .bool)
        add(["null?"], 1, 1, [.listOrNil], .bool)
        add(["length"], 1, 1, [.list], .int)
        add(["nth"], 2, 2, [.list, .int], .any)
        add(["append"], 0, nil, [.list], .list)
        add(["reverse"], 1, 1, [.list], .list)
        add(["range"], 1, 3, [.int], .list)
        add(["take", "drop"], 2, 2, [.list, .int], .list)
        add(["zip"], 2, nil, [.list], .list)
        add(["member?"], 2, 2, [.any, .list], .bool)
        add(["sum", "product"], 1, 1, [.list], .any)
        add(["flatten"], 1, 1, [.list], .list)
        add(["sort"], 1, 2, [.list, .any], .list)
        // strings
        add(["substring"], 2, 3, [.string, .int], .string)
        add(["string-upcase", "string-downcase", "string-trim"], 1, 1, [.string], .string)
        add(["string-split"], 1, 2, [.string], .list)
        add(["string-join"], 1, 2, [.list, .string], .string)
        add(["string-contains?", "string-starts-with?"], 2, 2, [.string], .bool)
        add(["string->list"], 1, 1, [.string], .list)
        add(["list->string"], 1, 1, [.list], .string)
        add(["number->string"], 1, 1, [.number], .string)
        add(["string-ref"], 2, 2, [.string, .int], .string)
        add(["char->int"], 1, 1, [.string], .int)
        add(["int->char"], 1, 1, [.int], .string)
        // tuples
        add(["tuple"], 0, nil, [.any], .any)
        add(["fst", "snd"], 1, 1, [.any], .any)
        add(["tuple-ref"], 2, 2, [.any, .int], .any)
        // functions
        add(["identity"], 1, 1, [.any], .any)
        add(["apply"], 2, nil, [.any], .any)
        add(["compose"], 0, nil, [.any], .any)
        add(["partial"], 1, nil, [.any], .any)
        // effects
        add(["io:args"], 0, 0, [], .list)
        add(["io:exit"], 0, 1, [.int], .nil_)
        add(["error:raise"], 2, 2, [.string], .any)
        // internal (the prelude's): the list argument of library function NAME
        add(["%expect-list"], 2, 2, [.string, .any], .list)
        return t
    }()

    public static func lookup(_ name: String) -> BuiltinInfo? { table[name] }
}
