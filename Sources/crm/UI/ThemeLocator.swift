import Foundation
import TUI

/// Finds and reads a theme: a path to a .toml file, or a name looked up in $CRM_THEMES, beside the program
/// (the checkout's themes/ for a development build, ../share/crm/themes when installed) and in
/// $XDG_CONFIG_HOME/crm/themes.
enum ThemeLocator {
    static func load(_ nameOrPath: String) throws -> Theme {
        let path = nameOrPath.hasSuffix(".toml") ? nameOrPath : try find(nameOrPath)
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw CommandFailure("cannot read theme file \(path)")
        }
        return try ThemeFile.parse(text, path: path)
    }

    private static func find(_ name: String) throws -> String {
        let folders = searchFolders()
        for folder in folders {
            let path = folder + "/" + name + ".toml"
            if FileManager.default.fileExists(atPath: path) { return path }
        }
        let known = Set(folders.flatMap { folder in
            ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".toml") }
                .map { String($0.dropLast(5)) }
        }).sorted()
        throw CommandFailure("no theme '\(name)' (looked in \(folders.joined(separator: ", "))); themes: "
                             + (known.isEmpty ? "none found" : known.joined(separator: ", ")))
    }

    private static func searchFolders() -> [String] {
        let environment = ProcessInfo.processInfo.environment
        var folders: [String] = []
        if let folder = environment["CRM_THEMES"], !folder.isEmpty { folders.append(folder) }
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        // .build/<configuration>/crm in a checkout; bin/crm when installed.
        folders.append(executable.appendingPathComponent("../../../themes").standardized.path)
        folders.append(executable.appendingPathComponent("../share/crm/themes").standardized.path)
        folders.append(FileManager.default.currentDirectoryPath + "/themes")
        let config = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory() + "/.config"
        folders.append(config + "/crm/themes")
        var seen = Set<String>()
        return folders.filter { seen.insert($0).inserted }
    }
}
