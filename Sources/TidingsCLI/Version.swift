/// The program's version: `tidings --version`, the man page and the install script read it here.
public enum TidingsVersion {
    public static let string = "0.9.0"
}
