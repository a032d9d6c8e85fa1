import ClaudeSyntax
import ClaudeSema

/// Lowers the resolved, typed program to the IR: one IR function per
/// lambda (closure conversion: captured variables become the closure's
/// slots), the top-level forms in the entry function, globals as module
/// globals, `set!`-captured variables as cells.
public enum Lowering {
    public static func lower(_ program: CoreProgram) -> IRModule {
        let m = ModuleLowering(program: program)
        return m.run()
    }
}

final class ModuleLowering {
    let program: CoreProgram
    let module = IRModule()
    var functionOf: [Int: IRFunction] = [:]      // lambda id -> function
    var pending: [(LambdaNode, IRFunction)] = []
    var usedNames: [String: Int] = [:]
    var sigTypes: [ObjectIdentifier: IRType] = [:]

    init(program: CoreProgram) { self.program = program }

    func run() -> IRModule {
        module.adts = program.adts.map { adt in
            IRAdt(name: adt.name, constructors: adt.constructors.map { IRAdt.Ctor(name: $0.name, arity: $0.arity) })
        }
        for g in program.globals {
            g.globalIndex = module.addGlobal(IRGlobal(name: g.name, type: irType(g.type), defSpan: g.span)).index
        }
        let span = program.forms.first?.span ?? Span(file: program.source.path, start: 0, end: 0, line: 1, column: 1)
        let entry = module.addFunction(name: uniqueName("toplevel"), displayName: nil, paramTypes: [], returnType: .nil_,
                                       captures: [], span: span)
        module.entry = entry.id
        let fl = FunctionLowering(module: self, function: entry, lambda: nil)
        for form in program.forms { _ = fl.lower(form) }
        fl.b.terminate(.ret(fl.b.value(.constNil, .nil_, at: span)))
        while let (lam, f) = pending.popLast() {
            FunctionLowering(module: self, function: f, lambda: lam).lowerBody()
        }
        return module
    }

    func uniqueName(_ base: String) -> String {
        let n = usedNames[base, default: 0]
        usedNames[base] = n + 1
        return n == 0 ? base : "\(base).\(n)"
    }

    func ctorRef(_ c: CtorInfo) -> CtorRef { CtorRef(adt: c.adt.index, ctor: c.tag) }

    /// The IR function for a lambda, created on first use.
    func function(for lam: LambdaNode) -> IRFunction {
        if let f = functionOf[lam.id] { return f }
        // a liftable local function takes its captured variables as leading parameters
        let lifted = lam.isLiftable
        let f = module.addFunction(
            name: uniqueName(lam.name ?? "lambda"), displayName: lam.name,
            paramTypes: (lifted ? lam.captures.map(storageType) : []) + lam.signature.params.map(irType),
            returnType: irType(lam.signature.result),
            captures: lifted ? [] : lam.captures.map(storageType), span: lam.span)
        functionOf[lam.id] = f
        pending.append((lam, f))
        return f
    }

    /// The IR type of values of an inferred type; unknown (no value ever
    /// flows there) is Any.
    func irType(_ t: TypeVar) -> IRType {
        switch t.state {
        case .unknown, .any: return .any
        case .int: return .int
        case .float: return .float
        case .bool: return .bool
        case .nil_: return .nil_
        case .string: return .string
        case .list(let e): return .list(of: irType(e))
        case .tuple, .adt: return .any
        case .fn(let sig):
            let key = ObjectIdentifier(sig)
            if let done = sigTypes[key] { return done }
            sigTypes[key] = .any   // guards against cycles (the checker breaks them)
            let ty = IRType.fn(sig.params.map(irType), irType(sig.result))
            sigTypes[key] = ty
            return ty
        }
    }

    /// How a variable is held: its value, or a cell. Cells of variables
    /// that may be read before their init hold boxed values (0 = no value).
    func storageType(_ v: Var) -> IRType {
        guard v.needsCell else { return irType(v.type) }
        return .cell(cellContentType(v))
    }

    func cellContentType(_ v: Var) -> IRType {
        let t = irType(v.type)
        return t.isBoxed ? t : .any
    }
}
