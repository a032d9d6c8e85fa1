/// A source file held in memory, with a line table for locations.
public final class SourceFile: @unchecked Sendable {
    /// The path exactly as given on the command line (or joined for imports).
    public let path: String
    public let text: String
    public let bytes: [UInt8]
    /// Byte offset of the first byte of each line.
    public let lineStarts: [Int]

    public init(path: String, text: String) {
        self.path = path
        self.text = text
        self.bytes = Array(text.utf8)
        var starts = [0]
        for (i, b) in bytes.enumerated() where b == UInt8(ascii: "\n") { starts.append(i + 1) }
        self.lineStarts = starts
    }

    /// 1-based line and column (columns count Unicode scalar values) of a byte offset.
    public func lineColumn(of offset: Int) -> (line: Int, column: Int) {
        var lo = 0, hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        var col = 1
        var i = lineStarts[lo]
        while i < offset && i < bytes.count {
            // count scalar starts (bytes that are not UTF-8 continuation bytes)
            if bytes[i] & 0xC0 != 0x80 { col += 1 }
            i += 1
        }
        // col counted scalars before offset, plus 1
        return (lo + 1, col)
    }

    /// The text of a 1-based line, without its newline.
    public func lineText(_ line: Int) -> String {
        guard line >= 1 && line <= lineStarts.count else { return "" }
        let start = lineStarts[line - 1]
        var end = line < lineStarts.count ? lineStarts[line] - 1 : bytes.count
        if end > start && end <= bytes.count && end - 1 >= start && bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return String(decoding: bytes[start..<max(start, end)], as: UTF8.self)
    }
}

/// A byte range in a source file, with the line and column of its start.
public struct Span: Hashable, Sendable, CustomStringConvertible {
    public let file: String
    public let start: Int
    public let end: Int
    public let line: Int
    public let column: Int

    public init(file: String, start: Int, end: Int, line: Int, column: Int) {
        self.file = file; self.start = start; self.end = end; self.line = line; self.column = column
    }

    public static let unknown = Span(file: "<unknown>", start: 0, end: 0, line: 0, column: 0)

    /// "file:line:col"
    public var description: String { "\(file):\(line):\(column)" }

    /// A span from the start of `self` to the end of `other`.
    public func through(_ other: Span) -> Span {
        Span(file: file, start: start, end: other.end, line: line, column: column)
    }
}
