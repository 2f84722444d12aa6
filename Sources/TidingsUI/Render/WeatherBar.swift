import Foundation
import TidingsModel

/// Top bar: the newest stored-page date and each region's latest temperature.
enum WeatherBar {
    static func temperatureElement(_ celsius: Double) -> ThemeElement {
        celsius < 15 ? .tempCold : (celsius >= 28 ? .tempHot : .tempMild)
    }

    static func format(_ celsius: Double) -> String { String(format: "%.1f°C", celsius) }

    /// Per region, the reading with the newest date; regions in the order first seen.
    static func latest(_ readings: [WeatherReading]) -> [WeatherReading] {
        var order: [String] = []
        var best: [String: WeatherReading] = [:]
        for r in readings {
            guard let current = best[r.region] else {
                order.append(r.region)
                best[r.region] = r
                continue
            }
            if let d = r.date, current.date.map({ d > $0 }) ?? true { best[r.region] = r }
        }
        return order.compactMap { best[$0] }
    }

    static func draw(_ state: AppState, into buffer: inout Buffer, in rect: Rect, theme: Theme) {
        buffer.fill(rect, style: theme[.weatherBar])
        var x = rect.x + 1
        let end = rect.maxX - 1
        if let date = state.newestDate {
            x += buffer.write(date.description, x: x, y: rect.y, maxWidth: end - x, style: theme[.weatherDate]) + 2
        }
        let readings = latest(state.weather)
        guard !readings.isEmpty else {
            if state.newestDate == nil { buffer.write("No weather", x: x, y: rect.y, maxWidth: end - x, style: theme[.weatherBar]) }
            return
        }
        let items = readings.map { (region: $0.region, temp: format($0.celsius), element: temperatureElement($0.celsius)) }
        let widths = items.map { TextWidth.of($0.region) + 1 + TextWidth.of($0.temp) }
        // As many regions as fit, then "+N" for the rest (the marker must fit too).
        var shown = items.count
        func need(_ k: Int) -> Int {
            let body = widths.prefix(k).reduce(0, +) + max(0, k - 1) * 2
            return body + (k < items.count ? (k > 0 ? 2 : 0) + 1 + String(items.count - k).count : 0)
        }
        while shown > 0 && need(shown) > end - x { shown -= 1 }
        for item in items.prefix(shown) {
            x += buffer.write(item.region + " ", x: x, y: rect.y, maxWidth: end - x, style: theme[.weatherBar])
            x += buffer.write(item.temp, x: x, y: rect.y, maxWidth: end - x, style: theme[item.element]) + 2
        }
        if shown < items.count {
            buffer.write("+\(items.count - shown)", x: x, y: rect.y, maxWidth: end - x, style: theme[.weatherBar])
        }
    }
}
