@preconcurrency import CNcurses
import TidingsUI

/// Curses key codes, characters and mouse states -> KeyEvent. Pure functions of their input.
enum KeyTranslation {
    /// A character from get_wch (OK result): control characters become named keys.
    static func character(_ value: UInt32) -> KeyEvent? {
        switch value {
        case 13, 10: return .enter
        case 27: return .escape
        case 9: return .tab
        case 8, 127: return .backspace
        default:
            guard let scalar = Unicode.Scalar(value) else { return nil }
            return .character(Character(scalar))
        }
    }

    /// A function-key code from get_wch (KEY_CODE_YES result), other than resize and mouse.
    static func keyCode(_ code: Int32) -> KeyEvent? {
        switch code {
        case tidings_key_up(): return .up
        case tidings_key_down(): return .down
        case tidings_key_left(): return .left
        case tidings_key_right(): return .right
        case tidings_key_home(): return .home
        case tidings_key_end(): return .end
        case tidings_key_npage(): return .pageDown
        case tidings_key_ppage(): return .pageUp
        case tidings_key_enter(): return .enter
        case tidings_key_backspace(): return .backspace
        case tidings_key_dc(): return .delete
        case tidings_key_btab(): return .backTab
        case tidings_key_f(1)...tidings_key_f(24): return .function(Int(code - tidings_key_f(0)))
        default: return nil
        }
    }

    static func mouse(state: mmask_t, x: Int, y: Int) -> KeyEvent? {
        let kind: MouseEvent.Kind
        if state & tidings_button4_pressed() != 0 {
            kind = .wheelUp
        } else if state & tidings_button5_pressed() != 0 {
            kind = .wheelDown
        } else if state & tidings_button1_double_clicked() != 0 {
            kind = .doubleClick
        } else if state & tidings_button1_clicked() != 0 {
            kind = .click
        } else {
            return nil
        }
        return .mouse(MouseEvent(kind: kind, x: x, y: y))
    }
}
