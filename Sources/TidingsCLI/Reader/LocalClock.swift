#if canImport(Glibc)
import Glibc
#endif
import TidingsModel
import TidingsUI

extension ListClock {
    /// Today and the offset of the local time zone (`TZ`, else /etc/localtime), now.
    static func now() -> ListClock {
        var seconds = time(nil)
        var local = tm()
        guard localtime_r(&seconds, &local) != nil,
              let today = CivilDate(year: Int(local.tm_year) + 1900, month: Int(local.tm_mon) + 1, day: Int(local.tm_mday))
        else { return ListClock() }
        return ListClock(today: today, utcOffset: local.tm_gmtoff)
    }
}
