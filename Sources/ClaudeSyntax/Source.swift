import Synchronization

/// A source file held in memory, with a line table for locations.
public final class SourceFile: @unchecked Sendable {
    /// The path exactly as given on the command line (or joined for imports).
    public let path: String
    public let text: String
    public let bytes: [UInt8]
    /// Byte offset of the first byte of each line.
    public let lineStarts: [Int]
    /// `path`'s index in the `FileRegistry`, which every `Span` into this file holds.
    let fileID: UInt32

    public init(path: String, text: String) {
        self.path = path
        self.text = text
        self.fileID = FileRegistry.shared.id(for: path)
        let bytes = Array(text.utf8)
        self.bytes = bytes
        self.lineStarts = bytes.withUnsafeBufferPointer { buffer in
            var starts = [0]
            var i = 0
            let count = buffer.count
            while i < count {
                if buffer[i] == UInt8(ascii: "\n") { starts.append(i + 1) }
                i += 1
            }
            return starts
        }
    }

    /// 1-based line and column (columns count Unicode scalar values) of a byte offset.
    public func lineColumn(of offset: Int) -> (line: Int, column: Int) {
        bytes.withUnsafeBufferPointer { bytes in
            lineStarts.withUnsafeBufferPointer { SourceFile.lineColumn(of: offset, bytes: bytes, lineStarts: $0) }
        }
    }

    /// `lineColumn(of:)` given a file's bytes and line table.
    static func lineColumn(of offset: Int, bytes: UnsafeBufferPointer<UInt8>,
                           lineStarts: UnsafeBufferPointer<Int>) -> (line: Int, column: Int) {
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
///
/// Every AST node carries one, so it is kept small (20 bytes, no reference
/// counting): the file is an index into `FileRegistry` and the numbers are
/// 32-bit (the reader rejects files of 2 GB or more).
public struct Span: Hashable, Sendable, CustomStringConvertible {
    @usableFromInline let fileID: UInt32
    @usableFromInline let start32: Int32
    @usableFromInline let end32: Int32
    @usableFromInline let line32: Int32
    @usableFromInline let column32: Int32

    /// The file's path.
    public var file: String { FileRegistry.shared.path(fileID) }
    @inlinable public var start: Int { Int(start32) }
    @inlinable public var end: Int { Int(end32) }
    /// 1-based; 0 when unknown.
    @inlinable public var line: Int { Int(line32) }
    /// 1-based, counting Unicode scalars; 0 when unknown.
    @inlinable public var column: Int { Int(column32) }

    public init(file: String, start: Int, end: Int, line: Int, column: Int) {
        self.init(fileID: FileRegistry.shared.id(for: file), start: Int32(truncatingIfNeeded: start),
                  end: Int32(truncatingIfNeeded: end), line: Int32(truncatingIfNeeded: line),
                  column: Int32(truncatingIfNeeded: column))
    }

    @inlinable @inline(__always)
    init(fileID: UInt32, start: Int32, end: Int32, line: Int32, column: Int32) {
        self.fileID = fileID; self.start32 = start; self.end32 = end; self.line32 = line; self.column32 = column
    }

    public static let unknown = Span(fileID: FileRegistry.unknownID, start: 0, end: 0, line: 0, column: 0)

    /// "file:line:col"
    public var description: String { "\(file):\(line):\(column)" }

    /// A span from the start of `self` to the end of `other`.
    @inlinable
    public func through(_ other: Span) -> Span {
        Span(fileID: fileID, start: start32, end: other.end32, line: line32, column: column32)
    }
}

/// The paths spans refer to, each registered once (equal paths share an ID, so
/// comparing spans compares paths). Registering takes a lock; looking a path up
/// by ID does not: entries live in fixed chunks that never move and are written
/// before their ID is handed out, so whoever holds an ID can read its entry.
@usableFromInline
final class FileRegistry: @unchecked Sendable {
    @usableFromInline static let shared = FileRegistry()
    static let unknownID: UInt32 = 0

    private static let chunkBits = 10
    private static let chunkSize = 1 << chunkBits
    private static let maxChunks = 1 << 12

    private struct State {
        var ids: [String: UInt32] = [:]
        var count: UInt32 = 0
    }
    private let state = Mutex(State())
    /// `maxChunks` pointers to chunks of `chunkSize` paths, allocated as needed.
    private let chunks: UnsafeMutablePointer<UnsafeMutablePointer<String>?>

    private init() {
        chunks = .allocate(capacity: FileRegistry.maxChunks)
        chunks.initialize(repeating: nil, count: FileRegistry.maxChunks)
        _ = id(for: "<unknown>")   // ID 0, for `Span.unknown`
    }

    /// The ID of `path`, registering it the first time.
    func id(for path: String) -> UInt32 {
        state.withLock { state in
            if let id = state.ids[path] { return id }
            let id = state.count
            let chunk = Int(id) >> FileRegistry.chunkBits
            precondition(chunk < FileRegistry.maxChunks, "too many distinct source paths")
            if chunks[chunk] == nil {
                let storage = UnsafeMutablePointer<String>.allocate(capacity: FileRegistry.chunkSize)
                chunks[chunk] = storage
            }
            (chunks[chunk]! + (Int(id) & (FileRegistry.chunkSize - 1))).initialize(to: path)
            state.ids[path] = id
            state.count = id + 1
            return id
        }
    }

    /// The path registered as `id`.
    @usableFromInline
    func path(_ id: UInt32) -> String {
        chunks[Int(id) >> FileRegistry.chunkBits]![Int(id) & (FileRegistry.chunkSize - 1)]
    }
}
