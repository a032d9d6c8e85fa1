/// A string as it prints inside a container (§14): quoted, with `\n \t \r
/// \\ \" \0` escaped, other control characters as `\u{XX}` (two uppercase
/// hex digits), everything else as is. Diagnostics, the IR printer and the
/// bytecode disassembler all show string literals this way.
public func quoteString(_ s: String) -> String {
    var out = "\""
    for u in s.unicodeScalars {
        switch u {
        case "\n": out += "\\n"
        case "\t": out += "\\t"
        case "\r": out += "\\r"
        case "\\": out += "\\\\"
        case "\"": out += "\\\""
        case "\0": out += "\\0"
        default:
            if u.value < 0x20 || u.value == 0x7F {
                let h = String(u.value, radix: 16, uppercase: true)
                out += "\\u{" + (h.count < 2 ? "0" + h : h) + "}"
            } else { out.unicodeScalars.append(u) }
        }
    }
    return out + "\""
}
