/// The escape sequences of string literals: `\n \t \r \\ \" \0 \u{HEX}`.
/// Shared by the lexer (which validates and reports) and `Lexer.stringValue`
/// (which decodes), so the two can never disagree.
enum StringEscape {
    /// What the bytes after a backslash mean.
    enum Result: Equatable {
        case scalar(Unicode.Scalar)
        /// Not a valid escape; the message to report at the backslash.
        case invalid(String)
    }

    /// Reads the escape whose backslash is at `bytes[at]`, looking no further than
    /// `end`. Returns its meaning and its length in bytes (at least 1). The length
    /// never runs past a closing `"` that could end the literal, so an invalid
    /// escape does not swallow the string's end.
    static func read(_ bytes: UnsafeBufferPointer<UInt8>, at: Int, end: Int) -> (result: Result, length: Int) {
        let i = at + 1
        guard i < end else { return (.invalid("invalid escape '\\' at end of input"), 1) }
        switch bytes[i] {
        case UInt8(ascii: "n"): return (.scalar("\n"), 2)
        case UInt8(ascii: "t"): return (.scalar("\t"), 2)
        case UInt8(ascii: "r"): return (.scalar("\r"), 2)
        case UInt8(ascii: "\\"): return (.scalar("\\"), 2)
        case UInt8(ascii: "\""): return (.scalar("\""), 2)
        case UInt8(ascii: "0"): return (.scalar("\0"), 2)
        case UInt8(ascii: "u"): return readUnicode(bytes, at: at, end: end)
        default:
            let length = scalarLength(bytes, at: i, end: end)
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[i..<i + length]), as: UTF8.self)
            return (.invalid(invalidEscapeMessage(text)), 1 + length)
        }
    }

    private static func invalidEscapeMessage(_ text: String) -> String {
        guard let scalar = text.unicodeScalars.first, scalar.value < 0x20 || scalar.value == 0x7F else {
            return "invalid escape '\\\(text)' in string"
        }
        if scalar == "\n" || scalar == "\r" { return "invalid escape '\\' at end of line" }
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "invalid escape '\\' followed by U+\(String(repeating: "0", count: 4 - hex.count))\(hex)"
    }

    /// `\u{HEX}` with 1 to 8 hex digits naming a Unicode scalar.
    private static func readUnicode(_ bytes: UnsafeBufferPointer<UInt8>, at: Int, end: Int) -> (result: Result, length: Int) {
        let malformed = "malformed unicode escape in string, expected '\\u{HEX}'"
        var i = at + 2
        guard i < end, bytes[i] == UInt8(ascii: "{") else { return (.invalid(malformed), i - at) }
        i += 1
        let digitsStart = i
        var value: UInt32 = 0
        while i < end, let d = ByteClass.hexValue(bytes[i]), i - digitsStart < 8 {
            value = value << 4 | UInt32(d)
            i += 1
        }
        guard i > digitsStart, i < end, bytes[i] == UInt8(ascii: "}") else { return (.invalid(malformed), i - at) }
        i += 1
        guard let scalar = Unicode.Scalar(value) else {
            let digits = String(decoding: UnsafeBufferPointer(rebasing: bytes[digitsStart..<i - 1]), as: UTF8.self)
            return (.invalid("invalid unicode scalar '\\u{\(digits)}' in string"), i - at)
        }
        return (.scalar(scalar), i - at)
    }

    /// The byte length of the UTF-8 scalar starting at `i` (1 for a stray byte).
    static func scalarLength(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int, end: Int) -> Int {
        var n = 1
        while i + n < end && ByteClass.isContinuation(bytes[i + n]) { n += 1 }
        return n
    }
}
