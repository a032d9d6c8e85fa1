import CLLVM
import ClaudeIR
import ClaudeSyntax

/// DWARF line information (`-g`): one compile unit, a subprogram per IR
/// function, and the `file:line:col` of every instruction's span, so a
/// debugger shows `.cl` source lines. Wrappers and `claude_main` carry no
/// locations.
final class DebugInfo {
    private unowned let cg: Codegen
    private let di: LLVMDIBuilderRef
    private var files: [String: LLVMMetadataRef] = [:]
    private var subprogram: LLVMMetadataRef?

    init(_ cg: Codegen) {
        self.cg = cg
        di = LLVMCreateDIBuilder(cg.module)
        let version = LLVMValueAsMetadata(LLVMConstInt(cg.t.i32, UInt64(LLVMDebugMetadataVersion()), 0))
        LLVMAddModuleFlag(cg.module, LLVMModuleFlagBehaviorWarning, "Debug Info Version", 18, version)
        let dwarf = LLVMValueAsMetadata(LLVMConstInt(cg.t.i32, 5, 0))
        LLVMAddModuleFlag(cg.module, LLVMModuleFlagBehaviorWarning, "Dwarf Version", 13, dwarf)
        let mainFile = file(cg.ir.function(cg.ir.entry).span.file)
        let producer = "claudelang"
        _ = LLVMDIBuilderCreateCompileUnit(di, LLVMDWARFSourceLanguageC, mainFile, producer, producer.utf8.count,
                                           cg.options.optLevel > 0 ? 1 : 0, "", 0, 0, "", 0,
                                           LLVMDWARFEmissionFull, 0, 0, 0, "", 0, "", 0)
    }

    deinit { LLVMDisposeDIBuilder(di) }

    private func file(_ path: String) -> LLVMMetadataRef {
        if let f = files[path] { return f }
        let slash = path.lastIndex(of: "/")
        let dir = slash.map { String(path[..<$0]) } ?? "."
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        let f = LLVMDIBuilderCreateFile(di, name, name.utf8.count, dir, dir.utf8.count)!
        files[path] = f
        return f
    }

    func beginFunction(_ f: IRFunction, _ fn: LLVMValueRef) {
        let file = file(f.span.file)
        let type = LLVMDIBuilderCreateSubroutineType(di, file, nil, 0, LLVMDIFlagZero)
        // no linkage name: debuggers then show (and break on) the source name
        let name = f.displayName ?? f.name
        let line = UInt32(max(f.span.line, 0))
        let sp = LLVMDIBuilderCreateFunction(di, file, name, name.utf8.count, "", 0, file,
                                             line, type, 1, 1, line, LLVMDIFlagZero,
                                             cg.options.optLevel > 0 ? 1 : 0)!
        LLVMSetSubprogram(fn, sp)
        subprogram = sp
    }

    func setLocation(_ span: Span) {
        guard let sp = subprogram else { return }
        let loc = LLVMDIBuilderCreateDebugLocation(cg.ctx, UInt32(max(span.line, 0)), UInt32(max(span.column, 0)), sp, nil)
        LLVMSetCurrentDebugLocation2(cg.builder, loc)
    }

    func endFunction() {
        subprogram = nil
        clearLocation()
    }

    func clearLocation() { LLVMSetCurrentDebugLocation2(cg.builder, nil) }

    func finalize() { LLVMDIBuilderFinalize(di) }
}
