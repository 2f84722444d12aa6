import ArgumentParser
import Foundation
import TidingsModel
import TidingsStore
import TidingsUI

struct WeatherCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "weather", abstract: "The newest temperature reading per region.")

    @OptionGroup var locations: LocationOptions
    @OptionGroup var output: FormatOptions

    func run() throws {
        try reportingErrors {
            let paths = try locations.resolve()
            // Weather needs no marks: none are read, and a missing or locked state does not matter.
            let readings = try IndexSession.open(paths, marks: .snapshot([])).index.weather()
            switch output.format {
            case .json:
                try JSONOutput.write(readings.map(WeatherRecord.init))
            case .text:
                if readings.isEmpty {
                    StandardOutput.write("No weather readings.\n")
                    return
                }
                let regionWidth = min(30, readings.map { TextWidth.of($0.region) }.max() ?? 0)
                let lines = readings.map { reading in
                    let temperature = Self.celsius(reading.celsius)
                    let padded = String(repeating: " ", count: max(0, 8 - temperature.count)) + temperature
                    return "\(TextWidth.pad(TextSanitizer.clean(reading.region), to: regionWidth))  \(padded)  \(reading.date?.description ?? "")"
                        .trimmingTrailingSpaces()
                }
                StandardOutput.write(lines.joined(separator: "\n") + "\n")
            }
        }
    }

    /// One decimal, as the pages write it: `30.3°C`, `-2.0°C`.
    static func celsius(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return String(format: "%.1f°C", rounded == 0 ? 0 : rounded)  // never "-0.0"
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
