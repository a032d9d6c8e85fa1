/// The names (symbols, keyword names) met while parsing, each turned into a
/// `String` once: looking a name up costs a hash of its bytes instead of a
/// UTF-8 validation and, for long names, an allocation. It also tells which
/// names are special forms. Names are keyed by their bytes, so a table stays
/// valid from one file to the next.
///
/// Open addressing over names of at most 16 bytes, packed into two words;
/// longer names (rare) are made directly.
final class NameTable {
    private struct Entry {
        var low: UInt64 = 0
        var high: UInt64 = 0
        /// 0 for an empty slot (names are never empty).
        var length: UInt8 = 0
        var special: SpecialForm?
        var name: String = ""
    }

    @exclusivity(unchecked) private var slots: UnsafeMutablePointer<Entry>
    @exclusivity(unchecked) private var mask: Int
    @exclusivity(unchecked) private(set) var count = 0

    init(capacity: Int = 256) {
        var size = 64
        while size < capacity * 2 { size *= 2 }
        slots = .allocate(capacity: size)
        slots.initialize(repeating: Entry(), count: size)
        mask = size - 1
        for form in SpecialForm.allCases {
            let bytes = Array(form.rawValue.utf8)
            bytes.withUnsafeBufferPointer { buffer in
                let (low, high) = NameTable.pack(buffer.baseAddress!, buffer.count, available: buffer.count)
                let slot = find(low, high, UInt8(buffer.count))
                slots[slot] = Entry(low: low, high: high, length: UInt8(buffer.count), special: form,
                                    name: form.rawValue)
                count += 1
            }
        }
    }

    deinit {
        slots.deinitialize(count: mask + 1)
        slots.deallocate()
    }

    /// The name spelled by `length` bytes at `start`, which has `available`
    /// readable bytes from `start` on (at least `length`).
    @inline(__always)
    func name(_ start: UnsafePointer<UInt8>, _ length: Int, available: Int) -> String {
        guard length <= 16 else { return Names.make(UnsafeBufferPointer(start: start, count: length)) }
        let index = slot(start, length, available: available)   // may grow the table: read `slots` after
        return slots[index].name
    }

    /// The special form that `length` bytes at `start` name, if any.
    @inline(__always)
    func specialForm(_ start: UnsafePointer<UInt8>, _ length: Int, available: Int) -> SpecialForm? {
        guard length <= 16 else { return nil }
        let index = slot(start, length, available: available)
        return slots[index].special
    }

    /// The special form the name is, or else the name itself.
    @inline(__always)
    func symbol(_ start: UnsafePointer<UInt8>, _ length: Int, available: Int) -> (SpecialForm?, String) {
        guard length <= 16 else { return (nil, Names.make(UnsafeBufferPointer(start: start, count: length))) }
        let index = slot(start, length, available: available)
        let entry = slots[index]
        return entry.special.map { ($0, "") } ?? (nil, entry.name)
    }

    /// The slot holding the name, adding it if new.
    @inline(__always)
    private func slot(_ start: UnsafePointer<UInt8>, _ length: Int, available: Int) -> Int {
        let (low, high) = NameTable.pack(start, length, available: available)
        let slot = find(low, high, UInt8(truncatingIfNeeded: length))
        if slots[slot].length == 0 { return insert(at: slot, start, length, low, high) }
        return slot
    }

    /// The slot holding the key, or the empty slot where it belongs.
    @inline(__always)
    private func find(_ low: UInt64, _ high: UInt64, _ length: UInt8) -> Int {
        var h = (low &+ UInt64(length)) &* 0x9E37_79B9_7F4A_7C15
        h ^= high &* 0xC2B2_AE3D_27D4_EB4F
        h ^= h >> 29
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let entry = slots[i]
            if entry.length == length && entry.low == low && entry.high == high { return i }
            if entry.length == 0 { return i }
            i = (i + 1) & mask
        }
    }

    @inline(never)
    private func insert(at slot: Int, _ start: UnsafePointer<UInt8>, _ length: Int, _ low: UInt64, _ high: UInt64) -> Int {
        let name = Names.make(UnsafeBufferPointer(start: start, count: length))
        slots[slot] = Entry(low: low, high: high, length: UInt8(length), special: nil, name: name)
        count += 1
        guard count * 2 > mask + 1 else { return slot }
        grow()
        return find(low, high, UInt8(length))
    }

    private func grow() {
        let oldSlots = slots, oldSize = mask + 1
        let size = oldSize * 2
        slots = .allocate(capacity: size)
        slots.initialize(repeating: Entry(), count: size)
        mask = size - 1
        for i in 0..<oldSize where oldSlots[i].length != 0 {
            let entry = oldSlots[i]
            slots[find(entry.low, entry.high, entry.length)] = entry
        }
        oldSlots.deinitialize(count: oldSize)
        oldSlots.deallocate()
    }

    /// Up to 16 bytes packed little-endian into two words, zero-padded (the
    /// length, kept beside them, tells names ending in zero bytes apart).
    @inline(__always)
    static func pack(_ start: UnsafePointer<UInt8>, _ length: Int, available: Int) -> (UInt64, UInt64) {
        if available >= 16 {
            let raw = UnsafeRawPointer(start)
            var low = UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self))
            var high = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
            if length < 8 {
                low &= (1 << (8 * UInt64(length))) &- 1
                high = 0
            } else if length < 16 {
                high &= (1 << (8 * UInt64(length - 8))) &- 1
            }
            return (low, high)
        }
        var low: UInt64 = 0, high: UInt64 = 0
        for i in 0..<length {
            let b = UInt64(start[i])
            if i < 8 { low |= b << (8 * UInt64(i)) } else { high |= b << (8 * UInt64(i - 8)) }
        }
        return (low, high)
    }
}
