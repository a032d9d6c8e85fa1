import ClaudeIR
import ClaudeRuntime

/// A program under construction: the shared code array and the interned
/// operand tables (constants, strings, builtins, signatures).
final class ProgramBuilder {
    let program = BytecodeProgram()
    let module: IRModule
    private var cstringIndex: [String: Int32] = [:]
    private var rawIndex: [RawConst: Int32] = [:]
    private var valIndex: [ValConst: Int32] = [:]
    private var builtinIndex: [String: Int32] = [:]
    private var sigIndex: [Signature: Int32] = [:]

    init(_ module: IRModule) {
        self.module = module
        program.entry = module.entry.index
        program.globals = module.globals.map {
            GlobalInfo(name: cstring($0.name), defloc: cstring($0.defSpan.locationText))
        }
        program.ctors = module.adts.flatMap { adt in
            adt.constructors.enumerated().map { (name: $0.element.name, arity: $0.element.arity, tag: $0.offset) }
        }
    }

    func cstring(_ s: String) -> Int32 {
        intern(s, in: &cstringIndex) { program.cstrings.append(s) }
    }

    func rawConst(_ k: RawConst) -> Int32 {
        intern(k, in: &rawIndex) { program.rawConsts.append(k) }
    }

    func valConst(_ c: ValConst) -> Int32 {
        intern(c, in: &valIndex) { program.valConsts.append(c) }
    }

    /// The index of a builtin; it must exist in the runtime's table.
    func builtin(_ name: String) throws -> Int32 {
        if let i = builtinIndex[name] { return i }
        guard rt_builtin_lookup(name) != nil else {
            throw BytecodeError(message: "unknown builtin '\(name)'")
        }
        return intern(name, in: &builtinIndex) { program.builtins.append(name) }
    }

    /// The index of a constructor among all of the module's (`ctorNames`).
    func ctorIndex(_ c: CtorRef) -> Int32 {
        Int32(module.adts[..<c.adt].reduce(0) { $0 + $1.constructors.count } + c.ctor)
    }

    func signature(_ s: Signature) -> Int32 {
        intern(s, in: &sigIndex) { program.sigs.append(s) }
    }

    /// The signature of calls through a closure of type `t` (an `Fn`).
    func signature(ofClosureType t: IRType) -> Int32 {
        guard case .fn(let ps, let r) = t else { preconditionFailure("call.closure of a non-Fn value") }
        return signature(Signature(params: ps.map(Conv.box), ret: Conv.box(r)))
    }

    private func intern<K: Hashable>(_ key: K, in table: inout [K: Int32], add: () -> Void) -> Int32 {
        if let i = table[key] { return i }
        let i = Int32(table.count)
        table[key] = i
        add()
        return i
    }
}

public struct BytecodeError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { "bytecode compiler: \(message)" }
}
