/// Naming rules shared by patterns and declarations (LANGUAGE.md §6, §14).
public enum Names {
    /// Constructor and type names start with an uppercase letter.
    public static func isCapitalized(_ name: String) -> Bool {
        guard let first = name.utf8.first else { return false }
        if first < 0x80 { return first >= UInt8(ascii: "A") && first <= UInt8(ascii: "Z") }
        return name.unicodeScalars.first?.properties.isUppercase ?? false
    }

    /// A pattern variable is a symbol not starting with an uppercase letter, `:`
    /// or `...`, other than `_`.
    public static func isPatternVariable(_ name: String) -> Bool {
        name != "_" && !isCapitalized(name) && !name.hasPrefix(":") && !name.hasPrefix("...")
    }

    /// The name bound by `...rest`, or nil when `symbol` is not a rest marker.
    static func restName(_ symbol: String) -> Substring? {
        symbol.hasPrefix("...") ? symbol.dropFirst(3) : nil
    }
}

extension Names {
    /// A name from its UTF-8 bytes in the source.
    @inline(__always)
    static func make(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        String(decoding: bytes, as: UTF8.self)
    }
}
