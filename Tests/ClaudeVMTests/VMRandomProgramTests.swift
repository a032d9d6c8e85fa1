import XCTest
import ClaudeIR
@testable import ClaudeVM

/// Differential test of register allocation and block-argument moves:
/// random loops over blocks whose parameters are shuffled at every edge
/// (move cycles), mixing raw Ints and boxed Anys, run on the VM and on a
/// small reference evaluator of the same IR.
final class VMRandomProgramTests: XCTestCase {
    func testRandomProgramsMatchTheReferenceEvaluator() {
        var rng = SplitMix(seed: 0xC1A0DE)
        for round in 0..<100 {
            let (t, f) = RandomProgram.make(&rng)
            let inputs: [(Int64, Int64)] = [(0, 0), (3, 7), (-5, 12), (Int64(rng.next() % 500), Int64(rng.next() % 500))]
            t.main { b in
                for (x, y) in inputs { b.print(b.call(f, [b.funcref(f), b.int(x), b.int(y)])) }
            }
            let expected = inputs.map { "\(ReferenceEvaluator(f).run([.int($0.0), .int($0.1)]))\n" }.joined()
            let r = round % 10 == 0 ? withGCStress { compileAndRun(t) } : compileAndRun(t)
            XCTAssertEqual(r, RunResult(out: expected, err: "", status: 0), "round \(round)\n" + IRPrinter.print(t.m))
            if r.out != expected { break }
        }
    }
}

/// A deterministic generator (SplitMix64).
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E3779B97F4A7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
        z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
        return z ^ (z >> 31)
    }
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    mutating func pick<T>(_ xs: [T]) -> T { xs[below(xs.count)] }
}

/// `f(x: Int, y: Int) -> Int`: blocks 1...k each take (fuel, ints..., anys...),
/// compute a few values, then exit if fuel is 0 or branch (through a
/// dispatch block) to two random blocks with shuffled arguments and fuel - 1.
enum RandomProgram {
    static func make(_ rng: inout SplitMix) -> (TestModule, IRFunction) {
        let t = TestModule()
        let f = t.declare("f", params: [.int, .int], returns: .int)
        t.define(f) { b in
            let k = 1 + rng.below(4)
            let shapes = (0..<k).map { _ in (ints: 1 + rng.below(4), anys: rng.below(3)) }
            let blocks = shapes.map { b.newBlock(params: [.int] + Array(repeating: .int, count: $0.ints) + Array(repeating: .any, count: $0.anys)) }
            let exit = b.newBlock(params: [.int])

            // arguments for a jump to block i, drawn from the pools
            func args(_ i: Int, fuel: ValueID, ints: [ValueID], anys: [ValueID]) -> [ValueID] {
                [fuel] + (0..<shapes[i].ints).map { _ in rng.pick(ints) }
                    + (0..<shapes[i].anys).map { _ in anys.isEmpty ? b.box(rng.pick(ints)) : rng.pick(anys) }
            }

            // entry values, live across every loop
            let (x, y) = (b.params[0], b.params[1])
            let shared = [x, y, b.bin(.imod, b.bin(.imul, x, b.int(3)), b.int(1000))]
            let sharedAny = b.box(b.bin(.isub, y, b.int(2)))
            let fuel0 = b.int(Int64(3 + rng.below(12)))
            b.terminate(.br(blocks[0], args(0, fuel: fuel0, ints: [x, y, b.int(1)], anys: [b.box(y)])))

            for (i, blk) in blocks.enumerated() {
                b.position(at: blk)
                let ps = b.blockParams(blk)
                let fuel = ps[0]
                var ints = Array(ps[1...shapes[i].ints]) + shared.filter { _ in rng.below(2) == 0 }
                var anys = Array(ps.dropFirst(1 + shapes[i].ints)) + (rng.below(3) == 0 ? [sharedAny] : [])
                for _ in 0..<(1 + rng.below(4)) {
                    switch rng.below(5) {
                    case 0, 1:
                        let o = rng.pick([BinOp.iadd, .isub, .imul])
                        let rhs = rng.below(3) == 0 ? b.int(Int64(rng.below(20)) - 5) : rng.pick(ints)
                        ints.append(b.bin(.imod, b.bin(o, rng.pick(ints), rhs), b.int(1000)))
                    case 2: anys.append(b.box(rng.pick(ints)))
                    case 3 where !anys.isEmpty:
                        ints.append(b.value(.unbox(rng.pick(anys), .int, checked: true), .int, at: testSpan))
                    default: ints.append(b.bin(.iadd, rng.pick(ints), b.int(Int64(rng.below(7)))))
                    }
                }
                let dispatch = b.newBlock(params: [])
                b.terminate(.condbr(b.cmp(.le, fuel, b.int(0)), exit, [rng.pick(ints)], dispatch, []))
                b.position(at: dispatch)
                let next = b.bin(.isub, fuel, b.int(1))
                let (t1, t2) = (rng.below(k), rng.below(k))
                let cond = b.cmp(rng.pick([CmpOp.lt, .eq, .ge]), rng.pick(ints), rng.pick(ints))
                b.terminate(.condbr(cond, blocks[t1], args(t1, fuel: next, ints: ints, anys: anys),
                                    blocks[t2], args(t2, fuel: next, ints: ints, anys: anys)))
            }
            b.position(at: exit)
            b.terminate(.ret(b.blockParams(exit)[0]))
        }
        return (t, f)
    }
}

/// Evaluates the IR subset RandomProgram uses.
struct ReferenceEvaluator {
    enum Value: CustomStringConvertible {
        case int(Int64), boxed(Int64), bool(Bool)
        var int: Int64 {
            switch self {
            case .int(let i), .boxed(let i): return i
            case .bool: fatalError("not an Int")
            }
        }
        var description: String { "\(int)" }
    }

    let f: IRFunction
    init(_ f: IRFunction) { self.f = f }

    func run(_ args: [Value]) -> Value {
        var env: [Int: Value] = [:]
        var block = 0
        var incoming: [Value] = [.boxed(0)] + args
        while true {
            let blk = f.blocks[block]
            for (p, v) in zip(blk.params, incoming) { env[p.index] = v }
            for inst in blk.insts { env[inst.result!.index] = eval(inst.op, env) }
            func vals(_ xs: [ValueID]) -> [Value] { xs.map { env[$0.index]! } }
            switch blk.terminator {
            case .br(let t, let a): (block, incoming) = (t.index, vals(a))
            case .condbr(let c, let t, let ta, let e, let ea):
                guard case .bool(let taken) = env[c.index]! else { fatalError("condition") }
                (block, incoming) = taken ? (t.index, vals(ta)) : (e.index, vals(ea))
            case .ret(let v): return env[v.index]!
            default: fatalError("unsupported terminator")
            }
        }
    }

    func eval(_ op: Op, _ env: [Int: Value]) -> Value {
        func i(_ v: ValueID) -> Int64 { env[v.index]!.int }
        switch op {
        case .constInt(let n): return .int(n)
        case .binary(.iadd, let a, let b): return .int(i(a) + i(b))
        case .binary(.isub, let a, let b): return .int(i(a) - i(b))
        case .binary(.imul, let a, let b): return .int(i(a) * i(b))
        case .binary(.imod, let a, let b):
            let r = i(a) % i(b)
            return .int(r != 0 && (r < 0) != (i(b) < 0) ? r + i(b) : r)
        case .cmp(let o, let a, let b):
            switch o {
            case .lt: return .bool(i(a) < i(b))
            case .le: return .bool(i(a) <= i(b))
            case .eq: return .bool(i(a) == i(b))
            case .ge: return .bool(i(a) >= i(b))
            case .gt: return .bool(i(a) > i(b))
            case .ne: return .bool(i(a) != i(b))
            }
        case .box(let a): return .boxed(i(a))
        case .unbox(let a, _, _): return .int(i(a))
        default: fatalError("unsupported op \(op)")
        }
    }
}
