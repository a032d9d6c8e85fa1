import ClaudeRuntime
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a call needs to know about a function, as plain words.
struct FuncMeta {
    var entry: Int32
    var frameSize: Int32
    var nparams: Int32
    var zeroEnd: Int32
    var outStart: Int32
    var sig: Int32
    /// `Conv` boxing the result for callers that expect an Any
    var retBox: Int32
    /// 1 when every parameter is an Any (dynamic calls need no conversion)
    var uniform: Int32
    /// offset of the per-parameter `Conv` codes in `ProgramImage.convs`
    var convs: Int32
    /// offset and length of the pointer map in `ProgramImage.ptrRegs`
    var ptrStart: Int32
    var ptrCount: Int32
}

/// A program's tables as flat C memory, built once per program on its
/// first run: the interpreter reads only these (no Swift arrays, no ARC).
/// The rt_fninfo records and C strings are never freed (closures point to them).
final class ProgramImage {
    let code: UnsafeMutablePointer<Int32>
    let metas: UnsafeMutablePointer<FuncMeta>
    let functionCount: Int
    let convs: UnsafeMutablePointer<Int32>
    let ptrRegs: UnsafeMutablePointer<Int32>
    /// per signature: offset into `sigConvs`, where its parameter boxings are
    let sigStart: UnsafeMutablePointer<Int32>
    let sigConvs: UnsafeMutablePointer<Int32>
    let rawConsts: UnsafeMutablePointer<UInt64>
    let cstrings: UnsafeMutablePointer<UnsafePointer<CChar>?>
    let builtinFns: UnsafeMutablePointer<rt_generic_fn?>
    let builtinClosures: [rt_val]
    /// one rt_fninfo per function (closures made from function i point to infos + i)
    let infos: UnsafeMutablePointer<rt_fninfo>
    /// (name, defloc) C-string indices per global
    let globalNames: UnsafeMutablePointer<Int32>
    /// the most words any call passes (self included)
    let maxArgs: Int
    /// one descriptor per constructor (values made by `construct` point to them: never freed)
    let ctorTypes: UnsafeMutablePointer<rt_type>
    /// the runtime's cons and tuple descriptors
    let consType: UInt64
    let tupleType: UInt64

    init(_ p: BytecodeProgram) {
        code = copy(p.code)
        functionCount = p.functions.count
        var convTable: [Int32] = [], ptrTable: [Int32] = []
        var metaTable: [FuncMeta] = []
        for f in p.functions {
            metaTable.append(FuncMeta(
                entry: f.entry, frameSize: f.frameSize, nparams: f.nparams, zeroEnd: f.zeroEnd,
                outStart: f.outStart, sig: f.sig, retBox: f.retBox.rawValue,
                uniform: f.paramConvs.allSatisfy { $0 == .none } ? 1 : 0,
                convs: Int32(convTable.count), ptrStart: Int32(ptrTable.count), ptrCount: Int32(f.ptrRegs.count)))
            convTable += f.paramConvs.map(\.rawValue)
            ptrTable += f.ptrRegs
        }
        metas = copy(metaTable)
        convs = copy(convTable)
        ptrRegs = copy(ptrTable)
        var starts: [Int32] = [], sigTable: [Int32] = []
        for s in p.sigs {
            starts.append(Int32(sigTable.count))
            sigTable += s.params.map(\.rawValue)
        }
        sigStart = copy(starts)
        sigConvs = copy(sigTable)
        rawConsts = copy(p.rawConsts.map(\.bits))
        cstrings = copy(p.cstrings.map { UnsafePointer(strdup($0)) })
        let builtins = p.builtins.map { rt_builtin_lookup($0)! }
        builtinFns = copy(builtins.map { $0.pointee.fn })
        builtinClosures = builtins.map { $0.pointee.closure }
        globalNames = copy(p.globals.flatMap { [$0.name, $0.defloc] })
        infos = copy(p.functions.map { f in
            var rawmask: UInt64 = 0
            for (i, boxed) in f.captureBoxed.enumerated() where !boxed && i < 64 { rawmask |= 1 << UInt64(i) }
            let arity = f.nparams - 1
            return rt_fninfo(generic: vmTrampoline, name: f.displayName.map { UnsafePointer(strdup($0)) },
                             min_args: arity, max_args: arity, nfree: UInt32(f.captureBoxed.count),
                             flags: VMWord.fnVM, rawmask: rawmask)
        })
        var most = 1
        var pc = 0
        while pc < p.code.count {
            let op = Opcode(rawValue: p.code[pc])!
            if let k = op.shape.firstIndex(of: .regs) { most = max(most, Int(p.code[pc + 1 + k])) }
            pc += Opcode.length(p.code, at: pc)
        }
        maxArgs = most
        let ctors = copy(p.ctors.map {
            rt_type(kind: UInt32(RT_K_ADT.rawValue), flags: 0, name: UnsafePointer(strdup($0.name)),
                    nfields: UInt32($0.arity), tag: UInt32($0.tag), rawmask: 0, f64mask: 0, base: nil)
        })
        // each is its own all-rt_val base (claude_rt.h rt_type)
        for i in p.ctors.indices { ctors[i].base = UnsafePointer(ctors + i) }
        ctorTypes = ctors
        rt_init(0, nil)
        consType = UInt64(UInt(bitPattern: rt_cons_type(Int64(RT_R_VAL.rawValue))))
        tupleType = objectWords(rt_tuple_new(0, nil))[0] & ~1
    }

    deinit {
        code.deallocate(); metas.deallocate(); convs.deallocate(); ptrRegs.deallocate()
        sigStart.deallocate(); sigConvs.deallocate(); rawConsts.deallocate()
        builtinFns.deallocate(); globalNames.deallocate()
    }
}

/// A C-heap copy of an array (at least one element long, so never empty).
private func copy<T>(_ a: [T]) -> UnsafeMutablePointer<T> {
    let p = UnsafeMutablePointer<T>.allocate(capacity: max(a.count, 1))
    p.initialize(from: a, count: a.count)
    return p
}
