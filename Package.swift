// swift-tools-version:6.0
import PackageDescription

// No package dependencies, by the customer's requirement: Foundation, the test
// frameworks and the system libraries sqlite3 and libxml2 only.
let package = Package(
    name: "Yardstick",
    products: [
        .executable(name: "yardstick", targets: ["yardstick"])
    ],
    targets: [
        .systemLibrary(name: "CSQLite", path: "Sources/CSQLite"),
        .systemLibrary(name: "CLibXML2", path: "Sources/CLibXML2", pkgConfig: "libxml-2.0"),
        .target(name: "YardstickCore"),
        .target(name: "YardstickXML", dependencies: ["YardstickCore", "CLibXML2"]),
        .target(name: "YardstickStore", dependencies: ["YardstickCore", "CSQLite"]),
        .target(name: "YardstickApp", dependencies: ["YardstickCore", "YardstickXML", "YardstickStore"]),
        .target(name: "YardstickCLI", dependencies: ["YardstickCore", "YardstickApp", "YardstickStore"]),
        .executableTarget(name: "yardstick", dependencies: ["YardstickCLI"]),
        .target(name: "YardstickTestSupport", dependencies: ["YardstickCore"], path: "Tests/YardstickTestSupport"),
        .testTarget(
            name: "YardstickCoreTests", dependencies: ["YardstickCore", "YardstickTestSupport"], exclude: ["Fixtures", "Rendering/Goldens"]),
        .testTarget(
            name: "YardstickXMLTests", dependencies: ["YardstickXML", "YardstickTestSupport"],
            exclude: ["Fixtures"]),
        .testTarget(name: "YardstickStoreTests", dependencies: ["YardstickStore", "YardstickTestSupport"]),
        .testTarget(name: "YardstickAppTests", dependencies: ["YardstickApp", "YardstickStore", "YardstickTestSupport"], exclude: ["Fixtures"]),
        .testTarget(
            name: "YardstickCLITests",
            dependencies: ["YardstickCLI", "YardstickStore", "YardstickTestSupport"],
            exclude: ["Commands/Goldens"]),
    ],
    swiftLanguageModes: [.v6]
)
