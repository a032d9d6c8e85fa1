import ClaudeSyntax
extension BytecodeProgram {
    /// A readable listing: the constant tables, then per function its frame
    /// layout, which IR values each register holds, and its instructions
    /// under block labels. This is what `claudelang emit --bytecode` prints.
    public func disassemble() -> String {
        var out = "; bytecode: \(functions.count) functions, entry @\(functions.isEmpty ? "?" : functions[entry].name), \(code.count) words\n"
        for (i, k) in rawConsts.enumerated() { out += ";   k\(i) = \(rawConstText(k))\n" }
        for (i, v) in valConsts.enumerated() { out += ";   v\(i) = \(valConstText(v))\n" }
        for (i, g) in globals.enumerated() { out += ";   $\(i) \(cstrings[Int(g.name)])\n" }
        for i in functions.indices { out += "\n" + disassemble(function: i) }
        return out
    }

    func disassemble(function i: Int) -> String {
        let f = functions[i]
        func range(_ name: String, _ lo: Int32, _ hi: Int32) -> String? {
            lo < hi ? "\(name) r\(lo)" + (hi - lo > 1 ? "-r\(hi - 1)" : "") : nil
        }
        let parts = [range("params", 0, f.nparams), range("vals", f.nparams, f.outStart),
                     range("argv", f.outStart, f.zeroEnd), range("raw", f.zeroEnd, f.scratch),
                     "scratch r\(f.scratch)"].compactMap { $0 }
        var out = "func @\(f.name) #\(i) frame \(f.frameSize): \(parts.joined(separator: ", "))\n"
        let names = f.registerNames.sorted { $0.key < $1.key }
            .map { "r\($0.key) \($0.value.joined(separator: " "))" }
        if !names.isEmpty { out += "  ; " + names.joined(separator: ", ") + "\n" }
        var pc = Int(f.entry)
        while pc < Int(f.end) {
            if let b = f.labels[Int32(pc)] { out += "bb\(b):\n" }
            out += instructionText(at: pc, in: f) + "\n"
            pc += Opcode.length(code, at: pc)
        }
        return out
    }

    func instructionText(at pc: Int, in f: FunctionInfo) -> String {
        let op = Opcode(rawValue: code[pc])!
        var operands: [String] = []
        var k = pc + 1
        for kind in op.shape {
            if kind == .regs {
                let n = Int(code[k])
                operands.append("(" + (0..<n).map { "r\(code[k + 1 + $0])" }.joined(separator: ", ") + ")")
                k += 1 + n
            } else {
                operands.append(operandText(kind, code[k], in: f))
                k += 1
            }
        }
        let offset = String(pc).leftPadded(to: 6)
        return "\(offset)  \(op.mnemonic.padded(to: 12))\(operands.joined(separator: ", "))"
    }

    func operandText(_ kind: OperandKind, _ w: Int32, in f: FunctionInfo) -> String {
        switch kind {
        case .reg: return "r\(w)"
        case .imm: return "\(w)"
        case .kraw: return "k\(w) (\(rawConstText(rawConsts[Int(w)])))"
        case .kval: return "v\(w) (\(valConstText(valConsts[Int(w)])))"
        case .fn: return "@\(functions[Int(w)].name)"
        case .builtin: return quoted(builtins[Int(w)])
        case .global: return "$\(w) \(cstrings[Int(globals[Int(w)].name)])"
        case .loc: return "<\(cstrings[Int(w)])>"
        case .cstr: return quoted(cstrings[Int(w)])
        case .target: return f.labels[w].map { "bb\($0)" } ?? "@\(w)"
        case .sig:
            let s = sigs[Int(w)]
            return "(" + s.params.map(\.reprName).joined(separator: ", ") + ")->" + s.ret.reprName
        case .conv: return Conv(rawValue: w)?.name ?? "conv\(w)"
        case .regs: return "?"
        }
    }

    func rawConstText(_ k: RawConst) -> String {
        k.isFloat ? "\(Double(bitPattern: k.bits))" : "\(Int64(bitPattern: k.bits))"
    }

    func valConstText(_ v: ValConst) -> String {
        switch v {
        case .string(let s): return quoted(s)
        case .funcref(let f): return "funcref @\(functions[f].name)"
        case .builtin(let b): return "builtin \(quoted(builtins[b]))"
        }
    }
}

private extension Conv {
    /// how a signature shows a word: raw Int/Float/Bool, or val
    var reprName: String { self == .none ? "val" : name }
}

private func quoted(_ s: String) -> String { quoteString(s) }

private extension String {
    func padded(to n: Int) -> String { count >= n ? self + " " : self + String(repeating: " ", count: n - count) }
    func leftPadded(to n: Int) -> String { count >= n ? self : String(repeating: " ", count: n - count) + self }
}
