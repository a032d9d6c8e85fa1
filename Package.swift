// swift-tools-version:5.9
import PackageDescription
import Foundation

// LLVM 19 lives under this prefix (Debian's llvm-19-dev); LLVM_PREFIX overrides it.
let llvmPrefix = ProcessInfo.processInfo.environment["LLVM_PREFIX"] ?? "/usr/lib/llvm-19"

let package = Package(
    name: "claudelang",
    products: [
        .executable(name: "claudelang", targets: ["claudelang"]),
        .library(name: "ClaudeRuntime", type: .static, targets: ["ClaudeRuntime"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // The C runtime: objects, precise GC, errors, builtins. Linked into the
        // compiler (JIT and VM) and shipped as libClaudeRuntime.a for AOT.
        .target(
            name: "ClaudeRuntime",
            path: "Runtime",
            exclude: ["tests"],
            cSettings: [.unsafeFlags(["-O2", "-std=gnu11", "-fno-strict-aliasing"])],
            linkerSettings: [.linkedLibrary("m"), .linkedLibrary("pthread"), .linkedLibrary("dl")]
        ),
        .systemLibrary(name: "CLLVM", path: "Sources/CLLVM"),
        .systemLibrary(name: "CFFI", path: "Sources/CFFI"),
        .target(name: "ClaudeSyntax"),
        .target(name: "ClaudeSema", dependencies: ["ClaudeSyntax"]),
        .target(name: "ClaudeIR", dependencies: ["ClaudeSyntax", "ClaudeSema"]),
        .target(
            name: "ClaudeLLVM",
            dependencies: ["ClaudeIR", "CLLVM", "ClaudeRuntime"],
            swiftSettings: [.unsafeFlags(["-Xcc", "-I\(llvmPrefix)/include"])],
            linkerSettings: [.unsafeFlags(["-L\(llvmPrefix)/lib", "-lLLVM-19", "-Xlinker", "-rpath", "-Xlinker", "\(llvmPrefix)/lib"])]
        ),
        // The interpreter loop is optimized even in debug builds: the
        // conformance tests run every sample on it.
        .target(name: "ClaudeVM", dependencies: ["ClaudeSyntax", "ClaudeIR", "ClaudeRuntime", "CFFI"],
                swiftSettings: [.unsafeFlags(["-O"])]),
        .target(
            name: "ClaudeDriver",
            dependencies: ["ClaudeSyntax", "ClaudeSema", "ClaudeIR", "ClaudeLLVM", "ClaudeVM"],
            swiftSettings: [.unsafeFlags(["-Xcc", "-I\(llvmPrefix)/include"])]
        ),
        .executableTarget(
            name: "claudelang",
            dependencies: ["ClaudeDriver", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: [.unsafeFlags(["-Xcc", "-I\(llvmPrefix)/include"])]
        ),
        .testTarget(name: "ClaudeSyntaxTests", dependencies: ["ClaudeSyntax"]),
        .testTarget(name: "ClaudeSemaTests", dependencies: ["ClaudeSema", "ClaudeSyntax", "ClaudeRuntime"]),
        .testTarget(name: "ClaudeIRTests", dependencies: ["ClaudeIR", "ClaudeSema", "ClaudeSyntax"]),
        .testTarget(name: "ClaudeLLVMTests", dependencies: ["ClaudeLLVM", "ClaudeIR", "ClaudeRuntime"],
                    swiftSettings: [.unsafeFlags(["-Xcc", "-I\(llvmPrefix)/include"])]),
        .testTarget(name: "ClaudeVMTests", dependencies: ["ClaudeVM", "ClaudeIR", "ClaudeRuntime"]),
        .testTarget(name: "RuntimeTests", dependencies: ["ClaudeRuntime"]),
        .testTarget(name: "ConformanceTests", dependencies: ["ClaudeDriver"],
                    swiftSettings: [.unsafeFlags(["-Xcc", "-I\(llvmPrefix)/include"])]),
    ]
)
