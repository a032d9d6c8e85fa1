import CLLVM
import ClaudeRuntime
import ClaudeSyntax

/// Byte offsets of runtime object fields, taken from the C declarations so
/// they cannot drift from claude_rt.h.
enum Layout {
    static let closureCode = MemoryLayout<rt_closure>.offset(of: \rt_closure.code)!
    static let closureInfo = MemoryLayout<rt_closure>.offset(of: \rt_closure.info)!
    /// `free[]` is the flexible array member at the end of rt_closure.
    static let closureFree = MemoryLayout<rt_closure>.size
    static let fninfoName = MemoryLayout<rt_fninfo>.offset(of: \rt_fninfo.name)!
    static let cellValue = MemoryLayout<rt_cell>.offset(of: \rt_cell.value)!
    static let boxIntValue = MemoryLayout<rt_boxint>.offset(of: \rt_boxint.value)!
    static let boxFloatValue = MemoryLayout<rt_boxfloat>.offset(of: \rt_boxfloat.value)!
    static let consHead = MemoryLayout<rt_cons>.offset(of: \rt_cons.head)!
    static let consTail = MemoryLayout<rt_cons>.offset(of: \rt_cons.tail)!
    static let recordCount = MemoryLayout<rt_record>.offset(of: \rt_record.n)!
    /// `fields[]` is the flexible array member at the end of rt_record.
    static let recordFields = MemoryLayout<rt_record>.size
    static let typeKind = MemoryLayout<rt_type>.offset(of: \rt_type.kind)!
    static let typeName = MemoryLayout<rt_type>.offset(of: \rt_type.name)!
    static let typeFieldCount = MemoryLayout<rt_type>.offset(of: \rt_type.nfields)!
    static let typeTag = MemoryLayout<rt_type>.offset(of: \rt_type.tag)!
    /// `fields[]` is the flexible array member at the end of rt_adt.
    static let adtFields = MemoryLayout<rt_adt>.size
}

/// Encodings of immediate values (claude_rt.h VALUE ENCODING).
enum Imm {
    static let nil_: UInt64 = 0x02
    static let false_: UInt64 = 0x04
    static let true_: UInt64 = 0x0C
    static let empty: UInt64 = 0x06
}

/// Module-level constant data: string objects, C strings (names and source
/// locations), function descriptors and static closures. Strings are
/// deduplicated by their UTF-8 bytes.
final class StaticData {
    private let module: LLVMModuleRef
    private let ctx: LLVMContextRef
    private let t: LLTypes
    private let rt: RuntimeDecls
    private var strings: [[UInt8]: LLVMValueRef] = [:]
    private var cStrings: [[UInt8]: LLVMValueRef] = [:]
    private var locationFile = ""
    private var locations: [Int: LLVMValueRef] = [:]

    init(module: LLVMModuleRef, ctx: LLVMContextRef, types: LLTypes, rt: RuntimeDecls) {
        self.module = module; self.ctx = ctx; self.t = types; self.rt = rt
    }

    /// The rt_val (i64 constant) of a static rt_string object holding `s`.
    func string(_ s: String) -> LLVMValueRef {
        let bytes = Array(s.utf8)
        if let g = strings[bytes] { return LLVMConstPtrToInt(g, t.i64) }
        let fields: [LLVMValueRef] = [
            rt.global("rt_type_string"),
            LLVMConstInt(t.i64, UInt64(bytes.count), 0),
            LLVMConstInt(t.i64, UInt64(s.unicodeScalars.count), 0),
            byteArray(bytes),
        ]
        let g = constantGlobal(constStruct(fields), name: "str", align: 8)
        strings[bytes] = g
        return LLVMConstPtrToInt(g, t.i64)
    }

    /// A pointer to a private NUL-terminated constant C string.
    func cString(_ s: String) -> LLVMValueRef {
        let bytes = Array(s.utf8)
        if let g = cStrings[bytes] { return g }
        let g = constantGlobal(byteArray(bytes), name: "cstr", align: 1)
        LLVMSetUnnamedAddress(g, LLVMGlobalUnnamedAddr)
        cStrings[bytes] = g
        return g
    }

    /// The "file:line:col" C string of a span, or NULL when it is unknown.
    /// Cached by line and column for the file seen last (nearly every span
    /// of a module is in one file).
    func location(_ span: Span) -> LLVMValueRef {
        if span.line == 0 { return LLVMConstNull(t.ptr) }
        guard span.column >= 0, span.column < 1 << 24 else { return cString(span.locationText) }
        if span.file != locationFile {
            locationFile = span.file
            locations = [:]
        }
        let key = span.line << 24 | span.column
        if let l = locations[key] { return l }
        let l = cString(span.locationText)
        locations[key] = l
        return l
    }

    /// The LLVM type of an `rt_fninfo`: {generic, name, min_args, max_args, nfree, flags, rawmask}.
    var fnInfoType: LLVMTypeRef {
        withRefs([t.ptr, t.ptr, t.i32, t.i32, t.i32, t.i32, t.i64]) { LLVMStructTypeInContext(ctx, $0, $1, 0) }
    }

    /// The LLVM type of a static closure without captures: {type, code, info}.
    var closureType: LLVMTypeRef {
        withRefs([t.ptr, t.ptr, t.ptr]) { LLVMStructTypeInContext(ctx, $0, $1, 0) }
    }

    /// A static `rt_fninfo`.
    func fnInfo(generic: LLVMValueRef, name: String?, arity: Int, nfree: Int, flags: UInt32,
                rawmask: UInt64, symbol: String) -> LLVMValueRef {
        let fields: [LLVMValueRef] = [
            generic,
            name.map(cString) ?? LLVMConstNull(t.ptr),
            LLVMConstInt(t.i32, UInt64(arity), 0),
            LLVMConstInt(t.i32, UInt64(arity), 0),
            LLVMConstInt(t.i32, UInt64(nfree), 0),
            LLVMConstInt(t.i32, UInt64(flags), 0),
            LLVMConstInt(t.i64, rawmask, 0),
        ]
        return constantGlobal(constStruct(fields), name: symbol, align: 8)
    }

    /// A static closure object {&rt_type_closure, code, info} with no captures.
    func staticClosure(code: LLVMValueRef, info: LLVMValueRef, symbol: String) -> LLVMValueRef {
        constantGlobal(constStruct([rt.global("rt_type_closure"), code, info]), name: symbol, align: 8)
    }

    private func byteArray(_ bytes: [UInt8]) -> LLVMValueRef {
        bytes.withUnsafeBufferPointer { buf in
            buf.withMemoryRebound(to: CChar.self) { LLVMConstStringInContext(ctx, $0.baseAddress, UInt32(bytes.count), 0) }
        }
    }

    private func constStruct(_ fields: [LLVMValueRef]) -> LLVMValueRef {
        withRefs(fields) { LLVMConstStructInContext(ctx, $0, $1, 0) }
    }

    private func constantGlobal(_ value: LLVMValueRef, name: String, align: UInt32) -> LLVMValueRef {
        let g = LLVMAddGlobal(module, LLVMTypeOf(value), name)!
        LLVMSetInitializer(g, value)
        LLVMSetGlobalConstant(g, 1)
        LLVMSetLinkage(g, LLVMPrivateLinkage)
        LLVMSetAlignment(g, align)
        return g
    }
}
