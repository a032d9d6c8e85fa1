import ClaudeIR

/// A compiled program: one code array for all functions plus the tables its
/// operands index. Built by `BytecodeCompiler`, run by `VM.run`, printed by
/// `disassemble()`.
///
/// Frame layout of every function (register numbers):
///
///     [0, nparams)            self + parameters, written by the caller
///     [nparams, outStart)     rt_val registers          ┐ zeroed on entry,
///     [outStart, zeroEnd)     outgoing argv area (vals) ┘ in the pointer map
///     [zeroEnd, scratch)      raw registers (Int/Float/Bool)
///     scratch                 one raw temporary (parallel-move cycles, unused results)
///
/// The pointer map is the parameters of repr `val` plus [nparams, zeroEnd).
public final class BytecodeProgram {
    var code: [Int32] = []
    var functions: [FunctionInfo] = []
    /// raw 64-bit constants (Ints that do not fit an immediate, Float bits)
    var rawConsts: [RawConst] = []
    /// rt_val constants, created when the program is loaded and kept rooted
    var valConsts: [ValConst] = []
    /// names of the builtins the program calls or references
    var builtins: [String] = []
    /// call signatures of `call.closure` sites and functions
    var sigs: [Signature] = []
    /// locations ("file:line:col") and names, as C strings at load time
    var cstrings: [String] = []
    var globals: [GlobalInfo] = []
    /// the constructors of the module's data types, in order (`construct`'s operand)
    var ctors: [(name: String, arity: Int, tag: Int)] = []
    var entry: Int = 0

    /// The pointer tables the interpreter runs on (built on first use).
    lazy var image = ProgramImage(self)

    init() {}
}

/// Static description of one compiled function.
struct FunctionInfo {
    var name: String
    var displayName: String?
    /// code offsets [entry, end)
    var entry: Int32 = 0
    var end: Int32 = 0
    var nparams: Int32 = 0
    var outStart: Int32 = 0
    var zeroEnd: Int32 = 0
    var scratch: Int32 = 0
    var frameSize: Int32 = 0
    /// registers that hold rt_val words
    var ptrRegs: [Int32] = []
    /// per parameter (self excluded): conversion from an Any argument
    var paramConvs: [Conv] = []
    /// boxing of the result for callers that expect an Any
    var retBox: Conv = .none
    var sig: Int32 = 0
    /// layout of captured words (raw ones are set in the fninfo's rawmask)
    var captureBoxed: [Bool] = []
    /// code offset → block number, for the disassembly
    var labels: [Int32: Int] = [:]
    /// register → the IR value names it holds, for the disassembly
    var registerNames: [Int32: [String]] = [:]
}

/// A raw constant word; the flag only matters for the disassembly (and keeps
/// interning by bit pattern, so -0.0 and 0.0 stay distinct).
struct RawConst: Hashable {
    var bits: UInt64
    var isFloat: Bool
}

/// A constant that becomes an rt_val when the program is loaded.
enum ValConst: Hashable {
    case string(String)
    /// the static closure of a function without captures
    case funcref(Int)
    /// the static closure of a builtin (index into `builtins`)
    case builtin(Int)
}

/// Argument and result representation of a typed call: a `call.closure`
/// site may enter a bytecode function directly only if both agree on it.
struct Signature: Hashable {
    /// boxing of each argument (self excluded); `.none` for rt_val
    var params: [Conv]
    var ret: Conv
}

struct GlobalInfo {
    var name: Int32
    var defloc: Int32
}
